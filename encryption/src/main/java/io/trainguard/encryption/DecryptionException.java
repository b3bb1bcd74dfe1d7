package io.trainguard.encryption;

/**
 * A ciphertext failed to decrypt: damaged, truncated, tampered, or bound to another encryption
 * context. Says only that it failed, never why in cryptographic detail.
 */
public final class DecryptionException extends java.io.IOException {
  public DecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
