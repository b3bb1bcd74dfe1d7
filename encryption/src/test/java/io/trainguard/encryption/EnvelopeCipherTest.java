package io.trainguard.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

class EnvelopeCipherTest {

  private static final Map<String, String> CONTEXT = Map.of("trainguard:path", "data/a.csv.enc");

  @TempDir
  static Path dir;
  static LocalKeyring key;
  static LocalKeyring otherKey;

  @BeforeAll
  static void keys() {
    key = LocalKeyring.generate(dir.resolve("k1.json"));
    otherKey = LocalKeyring.generate(dir.resolve("k2.json"));
  }

  static byte[] encrypt(KeyProvider k, byte[] plain, Map<String, String> context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = EnvelopeCipher.encrypt(k, out, context)) {
      enc.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] decrypt(KeyProvider k, byte[] cipher, Map<String, String> context)
      throws IOException {
    try (InputStream in = EnvelopeCipher.decrypt(k, new ByteArrayInputStream(cipher), context)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, 3_000_000})
  void roundTripsAnyLength(int length) throws IOException {
    byte[] plain = new byte[length];
    new Random(length).nextBytes(plain);
    byte[] cipher = encrypt(key, plain, CONTEXT);
    assertThat(cipher.length).isGreaterThan(length);
    assertThat(decrypt(key, cipher, CONTEXT)).isEqualTo(plain);
  }

  @Test
  void closingWithoutAnyWriteGivesADecryptableEmptyMessage() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EnvelopeCipher.encrypt(key, out, CONTEXT).close();
    assertThat(decrypt(key, out.toByteArray(), CONTEXT)).isEmpty();
  }

  @Test
  void sameInputEncryptsDifferentlyEachTime() throws IOException {
    byte[] plain = "same".getBytes();
    assertThat(encrypt(key, plain, CONTEXT)).isNotEqualTo(encrypt(key, plain, CONTEXT));
  }

  @Test
  void wrongKeyIsAKeyError() throws IOException {
    byte[] cipher = encrypt(key, "secret".getBytes(), CONTEXT);
    assertThatThrownBy(() -> decrypt(otherKey, cipher, CONTEXT))
        .isInstanceOf(KeyException.class)
        .hasMessage("Cannot decrypt with key " + otherKey.keyId()
            + ": the file was encrypted under another key");
  }

  @Test
  void everyFlippedByteFails() throws IOException {
    byte[] plain = new byte[10_000];
    new Random(7).nextBytes(plain);
    byte[] cipher = encrypt(key, plain, CONTEXT);
    // Header, wrapped data key, first frame, last frame, signature.
    int[] positions = {0, 5, 40, 120, 300, cipher.length / 2, cipher.length - 120,
        cipher.length - 1};
    for (int pos : positions) {
      byte[] tampered = cipher.clone();
      tampered[pos] ^= 0x01;
      assertThatThrownBy(() -> decrypt(key, tampered, CONTEXT))
          .as("flipped byte at %d of %d", pos, cipher.length)
          .isInstanceOfAny(DecryptionException.class, KeyException.class);
    }
  }

  @Test
  void truncatedMessageFails() throws IOException {
    byte[] cipher = encrypt(key, new byte[10_000], CONTEXT);
    for (int keep : new int[] {0, 10, cipher.length / 2, cipher.length - 1}) {
      byte[] cut = Arrays.copyOf(cipher, keep);
      assertThatThrownBy(() -> decrypt(key, cut, CONTEXT))
          .as("truncated to %d", keep)
          .isInstanceOf(DecryptionException.class);
    }
  }

  @Test
  void contextMismatchFails() throws IOException {
    byte[] cipher = encrypt(key, "x".getBytes(), CONTEXT);
    assertThatThrownBy(() -> decrypt(key, cipher, Map.of("trainguard:path", "data/b.csv.enc")))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("encryption context mismatch on trainguard:path");
  }

  /** A raw AES keyring built by hand from the keyring file, as another ESDK user would. */
  private static IKeyring plainEsdkKeyring(Path keyringFile, String keyId) throws IOException {
    byte[] aes = Base64.getDecoder().decode(new ObjectMapper().readTree(keyringFile.toFile())
        .path("aes256_wrapping_key").asText());
    return MaterialProviders.builder()
        .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build()
        .CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
            .keyNamespace(LocalKeyring.KEY_NAMESPACE).keyName(keyId)
            .wrappingKey(ByteBuffer.wrap(aes)).wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
            .build());
  }

  @Test
  void interoperatesWithTheAwsEncryptionSdkBothWays() throws IOException {
    AwsCrypto crypto = AwsCrypto.builder()
        .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt).build();
    IKeyring raw = plainEsdkKeyring(dir.resolve("k1.json"), key.keyId());
    byte[] plain = "interop across implementations".getBytes();

    byte[] ours = encrypt(key, plain, CONTEXT);
    var decrypted = crypto.decryptData(raw, ours);
    assertThat(decrypted.getResult()).isEqualTo(plain);
    assertThat(decrypted.getEncryptionContext()).containsAllEntriesOf(CONTEXT);

    byte[] theirs = crypto.encryptData(raw, plain, CONTEXT).getResult();
    assertThat(decrypt(key, theirs, CONTEXT)).isEqualTo(plain);
  }
}
