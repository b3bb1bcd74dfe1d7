package io.trainguard.encryption;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.DependencyTimeoutException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyUnavailableException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Turns AWS SDK failures of one KMS request into trainguard exceptions. Messages are built from
 * the operation, the key and the error code only: KMS's own messages name AWS principals.
 */
final class KmsErrors {

  private KmsErrors() {}

  /** A KMS request rejected the ciphertext (wrong key or damaged data key or context). */
  static final class DamagedDataKey extends RuntimeException {
    DamagedDataKey(Throwable cause) {
      super("KMS rejected the encrypted data key", cause);
    }
  }

  /**
   * The exception to throw for {@code failure} of KMS operation {@code operation} (e.g.
   * {@code GenerateDataKey}) on {@code key}; {@code action} says what the caller tried, e.g.
   * "encrypt with".
   */
  static RuntimeException translate(SdkException failure, String operation, String action,
      String key) {
    String permission = "kms:" + operation;
    String prefix = "Cannot " + action + " KMS key " + key + ": ";
    if (failure instanceof AwsServiceException aws) {
      String code = code(aws);
      if ("AccessDeniedException".equals(code)) {
        return new KmsServiceException(KmsServiceException.Kind.ACCESS_DENIED, key, permission,
            prefix + "access denied (the AWS identity needs " + permission + " on this key)",
            failure);
      }
      if (aws.isThrottlingException()) {
        return new KmsServiceException(KmsServiceException.Kind.THROTTLED, key, permission,
            prefix + "KMS is throttling requests (" + code + attempts(aws) + ")", failure);
      }
      if (aws instanceof KmsInternalException || aws instanceof DependencyTimeoutException
          || aws instanceof KeyUnavailableException || aws.statusCode() >= 500) {
        return new KmsServiceException(KmsServiceException.Kind.UNAVAILABLE, key, permission,
            prefix + "KMS is unavailable (HTTP " + aws.statusCode() + " " + code + attempts(aws)
                + ")", failure);
      }
      if (aws instanceof InvalidCiphertextException || aws instanceof IncorrectKeyException) {
        return new DamagedDataKey(failure);
      }
      if (aws instanceof NotFoundException) {
        return new KeyException(prefix + "no such key in this account and region", failure);
      }
      if (aws instanceof DisabledException || aws instanceof KmsInvalidStateException) {
        return new KeyException(prefix + "the key is disabled or pending deletion", failure);
      }
      if (aws instanceof InvalidKeyUsageException) {
        return new KeyException(prefix + "the key does not allow " + permission, failure);
      }
      return new KeyException(prefix + "KMS refused the request (HTTP " + aws.statusCode() + " "
          + code + ")", failure);
    }
    if (failure instanceof SdkClientException
        && String.valueOf(failure.getMessage()).startsWith("Unable to load credentials")) {
      return new KeyException(prefix + "no AWS credentials found (environment, profile,"
          + " container or instance role)", failure);
    }
    return new KmsServiceException(KmsServiceException.Kind.UNAVAILABLE, key, permission,
        prefix + "cannot reach KMS (" + rootCause(failure) + attempts(failure) + ")", failure);
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? e.getClass().getSimpleName()
        : e.awsErrorDetails().errorCode();
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n == null ? "" : ", " + n + (n == 1 ? " attempt" : " attempts");
  }

  private static String rootCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
