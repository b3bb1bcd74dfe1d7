package io.trainguard.encryption;

/**
 * A key cannot be used: missing, unreadable, unsafe permissions, malformed, or the wrong key for
 * a ciphertext. Messages name the key id or file, never key material.
 */
public class KeyException extends RuntimeException {
  public KeyException(String message) {
    super(message);
  }

  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
