package io.trainguard.encryption;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.EncryptedDataKey;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;
import software.amazon.cryptography.materialproviders.model.OnDecryptInput;
import software.amazon.cryptography.materialproviders.model.OnDecryptOutput;
import software.amazon.cryptography.materialproviders.model.OnEncryptInput;
import software.amazon.cryptography.materialproviders.model.OnEncryptOutput;

/**
 * The Material Providers AWS KMS keyring for one key ARN, so the AWS Encryption CLI and SDKs
 * decrypt our files. KMS failures surface as {@link KmsServiceException} or {@link KeyException}
 * (wrapped by the library in an {@code OpaqueError}; {@link EnvelopeCipher} unwraps them).
 */
final class KmsKeyring implements IKeyring {

  /** The ESDK key provider id of AWS KMS encrypted data keys. */
  static final String PROVIDER_ID = "aws-kms";

  private final String keyArn;
  private final IKeyring delegate;

  KmsKeyring(String keyArn, KmsClient client) {
    this.keyArn = keyArn;
    this.delegate = MaterialProviders.builder()
        .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build()
        .CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder()
            .kmsKeyId(keyArn)
            .kmsClient(new TranslatingKmsClient(client, keyArn))
            .build());
  }

  @Override
  public OnEncryptOutput OnEncrypt(OnEncryptInput input) {
    return delegate.OnEncrypt(input);
  }

  @Override
  public OnDecryptOutput OnDecrypt(OnDecryptInput input) {
    // The KMS keyring only asks KMS about data keys wrapped under its own key ARN; say so
    // plainly instead of the library's "no encrypted data keys found to match".
    boolean ours = false;
    for (EncryptedDataKey edk : input.encryptedDataKeys()) {
      if (PROVIDER_ID.equals(edk.keyProviderId())
          && keyArn.equals(StandardCharsets.UTF_8.decode(edk.keyProviderInfo().duplicate()).toString())) {
        ours = true;
      }
    }
    if (!ours) {
      throw new KeyException("Cannot decrypt with key " + keyArn
          + ": the file was encrypted under another key");
    }
    return delegate.OnDecrypt(input);
  }
}
