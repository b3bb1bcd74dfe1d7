package io.trainguard.encryption;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Manifest signatures by an AWS KMS asymmetric key ({@code ECC_NIST_P256}, {@code ECDSA_SHA_256}):
 * the private key never leaves KMS.
 *
 * <p>We hash locally and send KMS the SHA-256 digest ({@code MessageType=DIGEST}): a RAW message
 * is limited to 4 KiB, a manifest is not. The signature is the same DER-encoded ECDSA signature
 * KMS would give for the RAW message, so anyone holding the public key verifies it with a plain
 * {@code SHA256withECDSA} over the manifest bytes ({@link #verifyWithPublicKey}).
 *
 * <p>IAM permissions: {@code kms:DescribeKey} (opening), {@code kms:Sign}, {@code kms:Verify},
 * and {@code kms:GetPublicKey} for {@link #publicKey()}.
 */
public final class KmsSigner implements Signer {

  /** The algorithm recorded in manifests signed by a KMS key. */
  public static final String ALGORITHM = "KMS-ECDSA-P256-SHA256";

  private static final BigInteger P256_ORDER = p256Order();

  private final String keyArn;
  private final KmsClient client;
  private volatile byte[] publicKey;

  private KmsSigner(String keyArn, KmsClient client) {
    this.keyArn = keyArn;
    this.client = client;
  }

  /** Opens a signing key by key ARN, alias ARN or {@code alias/NAME}, checking its type. */
  public static KmsSigner open(String signingKeySpec) {
    return open(signingKeySpec, KmsClients::shared);
  }

  static KmsSigner open(String signingKeySpec, Function<String, KmsClient> clients) {
    KmsKeyRef ref = KmsKeyRef.parse(signingKeySpec);
    KmsClient client = clients.apply(ref.region());
    KeyMetadata key = KmsKeyProvider.describe(client, signingKeySpec);
    if (key.keySpec() != KeySpec.ECC_NIST_P256 || key.keyUsage() != KeyUsageType.SIGN_VERIFY) {
      throw new KeyException("Invalid signing key " + signingKeySpec + ": "
          + key.keySpecAsString() + " key for " + key.keyUsageAsString()
          + " (need an ECC_NIST_P256 key for SIGN_VERIFY)");
    }
    return new KmsSigner(key.arn(), client);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  /** The signing key's ARN. */
  @Override
  public String keyId() {
    return keyArn;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      return client.sign(r -> r.keyId(keyArn)
          .message(SdkBytes.fromByteArrayUnsafe(sha256(data)))
          .messageType(MessageType.DIGEST)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
          .signature().asByteArray();
    } catch (SdkException e) {
      throw translate(e, "Sign", "sign with");
    }
  }

  /**
   * Asks KMS whether {@code signature} is valid; a service failure throws
   * {@link KmsServiceException} rather than answering false.
   */
  @Override
  public boolean verify(byte[] data, byte[] signature) {
    if (signature.length == 0) {
      return false;
    }
    try {
      return client.verify(r -> r.keyId(keyArn)
          .message(SdkBytes.fromByteArrayUnsafe(sha256(data)))
          .messageType(MessageType.DIGEST)
          .signature(SdkBytes.fromByteArray(signature))
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
          .signatureValid();
    } catch (KmsInvalidSignatureException e) {
      return false;
    } catch (SdkException e) {
      throw translate(e, "Verify", "verify with");
    }
  }

  /** The key's public key (DER SubjectPublicKeyInfo) from {@code GetPublicKey}, fetched once. */
  public byte[] publicKey() {
    byte[] key = publicKey;
    if (key == null) {
      try {
        key = client.getPublicKey(r -> r.keyId(keyArn)).publicKey().asByteArray();
      } catch (SdkException e) {
        throw translate(e, "GetPublicKey", "read the public key of");
      }
      publicKey = key;
    }
    return key.clone();
  }

  /** Verifies without calling KMS, with the public key from {@link #publicKey()}. */
  public boolean verifyOffline(byte[] data, byte[] signature) {
    return verifyWithPublicKey(publicKey(), data, signature);
  }

  /**
   * Whether {@code signature} is a valid {@link #ALGORITHM} signature of {@code data} under the
   * P-256 public key {@code publicKeyDer} (DER SubjectPublicKeyInfo, as GetPublicKey returns it).
   */
  public static boolean verifyWithPublicKey(byte[] publicKeyDer, byte[] data, byte[] signature) {
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(
          new X509EncodedKeySpec(publicKeyDer));
      if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256_ORDER)) {
        return false;
      }
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private RuntimeException translate(SdkException e, String operation, String action) {
    return KmsErrors.translate(e, operation, action, keyArn);
  }

  private static BigInteger p256Order() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class).getOrder();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 unavailable", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "KmsSigner[" + keyArn + "]";
  }
}
