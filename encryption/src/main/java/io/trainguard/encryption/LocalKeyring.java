package io.trainguard.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * A keyring file for laptops and tests: an AES-256 wrapping key (used through the AWS Encryption
 * SDK's raw AES keyring) and an Ed25519 signing key pair. The file must be readable by its owner
 * only; {@link #generate} creates it with mode 600.
 */
public final class LocalKeyring implements KeyProvider {

  /** The key namespace recorded in every encrypted file's header (ESDK provider id). */
  public static final String KEY_NAMESPACE = "trainguard-local";
  private static final String TYPE = "trainguard-local-keyring";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final String keyId;
  private final byte[] wrappingKey;
  private final KeyPair signingKeys;
  private IKeyring keyring;

  private LocalKeyring(Path file, String keyId, byte[] wrappingKey, KeyPair signingKeys) {
    this.file = file;
    this.keyId = keyId;
    this.wrappingKey = wrappingKey;
    this.signingKeys = signingKeys;
  }

  /** Writes a new keyring to {@code file} (mode 600); refuses to overwrite an existing file. */
  public static LocalKeyring generate(Path file) {
    SecureRandom random = new SecureRandom();
    byte[] aes = new byte[32];
    random.nextBytes(aes);
    byte[] id = new byte[8];
    random.nextBytes(id);
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate Ed25519 key", e);
    }
    LocalKeyring keyring = new LocalKeyring(file, "tg-" + HexFormat.of().formatHex(id), aes, pair);
    ObjectNode json = JSON.createObjectNode()
        .put("type", TYPE)
        .put("version", VERSION)
        .put("key_id", keyring.keyId)
        .put("created", Instant.now().toString())
        .put("aes256_wrapping_key", Base64.getEncoder().encodeToString(aes))
        .put("ed25519_private_key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
        .put("ed25519_public_key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean posix = Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class);
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      } else {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, json);
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyException("Cannot create keyring " + file + ": "
          + (Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "file exists"
              : "a directory on its path is a file"));
    } catch (IOException e) {
      throw new KeyException("Cannot create keyring " + file + ": " + e.getClass().getSimpleName(), e);
    }
    return keyring;
  }

  /** Reads a keyring, refusing one that group or others can read. */
  public static LocalKeyring load(Path file) {
    try {
      if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ)
            || perms.contains(PosixFilePermission.OTHERS_READ)
            || perms.contains(PosixFilePermission.GROUP_WRITE)
            || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new KeyException("Refusing keyring " + file + ": group or others can access it"
              + " (run: chmod 600 " + file + ")");
        }
      }
      JsonNode json = JSON.readTree(file.toFile());
      if (json == null || !TYPE.equals(json.path("type").asText())) {
        throw new KeyException("Invalid keyring " + file + ": not a trainguard local keyring");
      }
      if (json.path("version").asInt() != VERSION) {
        throw new KeyException("Invalid keyring " + file + ": unsupported version "
            + json.path("version").asText());
      }
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] aes = b64.decode(json.path("aes256_wrapping_key").asText());
      if (aes.length != 32) {
        throw new KeyException("Invalid keyring " + file + ": wrapping key is not 256 bits");
      }
      KeyFactory ed = KeyFactory.getInstance("Ed25519");
      PrivateKey priv = ed.generatePrivate(new PKCS8EncodedKeySpec(
          b64.decode(json.path("ed25519_private_key").asText())));
      PublicKey pub = ed.generatePublic(new X509EncodedKeySpec(
          b64.decode(json.path("ed25519_public_key").asText())));
      String keyId = json.path("key_id").asText();
      if (keyId.isEmpty()) {
        throw new KeyException("Invalid keyring " + file + ": missing key_id");
      }
      return new LocalKeyring(file, keyId, aes, new KeyPair(pub, priv));
    } catch (NoSuchFileException e) {
      throw new KeyException("Cannot read keyring " + file + ": no such file");
    } catch (IOException e) {
      throw new KeyException("Cannot read keyring " + file + ": " + e.getClass().getSimpleName());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new KeyException("Invalid keyring " + file + ": malformed key material");
    }
  }

  @Override
  public String spec() {
    return KeyProviders.LOCAL_PREFIX + file;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public synchronized IKeyring keyring() {
    if (keyring == null) {
      MaterialProviders mpl = MaterialProviders.builder()
          .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
      keyring = mpl.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
          .keyNamespace(KEY_NAMESPACE)
          .keyName(keyId)
          .wrappingKey(ByteBuffer.wrap(Arrays.copyOf(wrappingKey, wrappingKey.length)))
          .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
          .build());
    }
    return keyring;
  }

  @Override
  public Signer signer() {
    return new Ed25519Signer(keyId, signingKeys);
  }

  @Override
  public String toString() {
    return "LocalKeyring[" + keyId + "]";
  }
}
