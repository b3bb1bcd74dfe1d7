package io.trainguard.encryption;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsServiceClientConfiguration;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * The KMS client handed to the AWS KMS keyring: the calls the keyring makes, with failures
 * turned into trainguard exceptions where the SDK's exception is still intact (the Material
 * Providers library rebuilds modelled KMS errors without status code or attempt count).
 */
final class TranslatingKmsClient implements KmsClient {

  private final KmsClient client;
  private final String keyArn;

  TranslatingKmsClient(KmsClient client, String keyArn) {
    this.client = client;
    this.keyArn = keyArn;
  }

  @Override
  public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
    try {
      return client.generateDataKey(request);
    } catch (SdkException e) {
      throw KmsErrors.translate(e, "GenerateDataKey", "encrypt with", keyArn);
    }
  }

  @Override
  public EncryptResponse encrypt(EncryptRequest request) {
    try {
      return client.encrypt(request);
    } catch (SdkException e) {
      throw KmsErrors.translate(e, "Encrypt", "encrypt with", keyArn);
    }
  }

  @Override
  public DecryptResponse decrypt(DecryptRequest request) {
    try {
      return client.decrypt(request);
    } catch (SdkException e) {
      throw KmsErrors.translate(e, "Decrypt", "decrypt with", keyArn);
    }
  }

  @Override
  public KmsServiceClientConfiguration serviceClientConfiguration() {
    return client.serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return client.serviceName();
  }

  /** The wrapped client is shared per JVM: it outlives any keyring. */
  @Override
  public void close() {}
}
