package io.trainguard.encryption;

/**
 * AWS KMS refused or could not serve a request (access denied, throttled, unavailable): an
 * external service failure, not a bad local key. Messages name the key and, for access denied,
 * the missing IAM permission; never key material or AWS principals.
 */
public final class KmsServiceException extends KeyException {

  /** Why KMS failed. */
  public enum Kind {
    /** The caller's AWS identity lacks the permission named in the message. */
    ACCESS_DENIED,
    /** KMS kept throttling after every retry of the SDK's retry strategy. */
    THROTTLED,
    /** KMS answered 5xx or could not be reached, after every retry. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String keyId;
  private final String permission;

  KmsServiceException(Kind kind, String keyId, String permission, String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.keyId = keyId;
    this.permission = permission;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether trying again later may succeed (throttling, outage), unlike a missing permission. */
  public boolean retryable() {
    return kind != Kind.ACCESS_DENIED;
  }

  /** The key ARN, or the alias when it could not be resolved. */
  public String keyId() {
    return keyId;
  }

  /** The IAM action of the failed request, e.g. {@code kms:GenerateDataKey}. */
  public String permission() {
    return permission;
  }
}
