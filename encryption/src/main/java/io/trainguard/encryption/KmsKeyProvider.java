package io.trainguard.encryption;

import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.cryptography.materialproviders.IKeyring;

/**
 * An AWS KMS symmetric key: KMS generates and wraps the data key of every file through the AWS
 * Encryption SDK's AWS KMS keyring, so the AWS Encryption CLI and SDKs decrypt the files with
 * the same key. Manifests are signed by a separate KMS asymmetric key, if one is given.
 *
 * <p>IAM permissions on the key: {@code kms:GenerateDataKey} to encrypt, {@code kms:Decrypt} to
 * decrypt, and {@code kms:DescribeKey} when it is named by an alias (the alias is resolved to
 * its key ARN once, because a file records the key ARN and decryption must name that ARN).
 * A key named by its key ARN needs no {@code DescribeKey}, so executors opening {@link #spec()}
 * need only the first two.
 */
public final class KmsKeyProvider implements KeyProvider {

  private final String keyArn;
  private final KmsClient client;
  private final KmsSigner signer;
  private IKeyring keyring;

  private KmsKeyProvider(String keyArn, KmsClient client, KmsSigner signer) {
    this.keyArn = keyArn;
    this.client = client;
    this.signer = signer;
  }

  /**
   * Opens {@code keySpec} ({@code arn:aws:kms:REGION:ACCOUNT:key/ID}, an alias ARN or
   * {@code alias/NAME}) with an optional {@code signingKeySpec} (an {@code ECC_NIST_P256} KMS key
   * by ARN or alias, or null), using the JVM's shared KMS clients.
   */
  public static KmsKeyProvider open(String keySpec, String signingKeySpec) {
    return open(keySpec, signingKeySpec, KmsClients::shared);
  }

  /** As {@link #open(String, String)}, with {@code clients} giving the client for a region. */
  static KmsKeyProvider open(String keySpec, String signingKeySpec,
      Function<String, KmsClient> clients) {
    KmsKeyRef ref = KmsKeyRef.parse(keySpec);
    KmsClient client = clients.apply(ref.region());
    String arn = keySpec;
    if (ref.alias()) {
      KeyMetadata key = describe(client, keySpec);
      if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT || key.keyUsage() != KeyUsageType.ENCRYPT_DECRYPT) {
        throw new KeyException("Invalid KMS key " + keySpec + ": " + key.keySpecAsString()
            + " key for " + key.keyUsageAsString()
            + " (need a SYMMETRIC_DEFAULT key for ENCRYPT_DECRYPT)");
      }
      arn = key.arn();
    }
    KmsSigner signer = signingKeySpec == null ? null : KmsSigner.open(signingKeySpec, clients);
    return new KmsKeyProvider(arn, client, signer);
  }

  /** DescribeKey of {@code spec}, refusing a key that is not enabled. */
  static KeyMetadata describe(KmsClient client, String spec) {
    KeyMetadata key;
    try {
      key = client.describeKey(r -> r.keyId(spec)).keyMetadata();
    } catch (SdkException e) {
      throw KmsErrors.translate(e, "DescribeKey", "resolve", spec);
    }
    if (key.keyState() != KeyState.ENABLED) {
      throw new KeyException("Cannot use KMS key " + key.arn() + ": key state is "
          + key.keyStateAsString());
    }
    return key;
  }

  /** The key ARN: what executors should open, so they use the key the driver resolved. */
  @Override
  public String spec() {
    return keyArn;
  }

  /** The key ARN, as recorded in every encrypted file. */
  @Override
  public String keyId() {
    return keyArn;
  }

  @Override
  public synchronized IKeyring keyring() {
    if (keyring == null) {
      keyring = new KmsKeyring(keyArn, client);
    }
    return keyring;
  }

  @Override
  public Signer signer() {
    if (signer == null) {
      throw new KeyException("Cannot sign with KMS key " + keyArn
          + ": a symmetric KMS key cannot sign; pass a signing key"
          + " (ARN or alias of an ECC_NIST_P256 KMS key)");
    }
    return signer;
  }

  @Override
  public String toString() {
    return "KmsKeyProvider[" + keyArn + "]";
  }
}
