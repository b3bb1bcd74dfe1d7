package io.trainguard.jobs.format;

import java.io.IOException;

/**
 * A value could not be scanned safely (a user pattern ran over its matching budget). The message
 * locates the value and names the recognizer and pattern, never the value.
 */
public final class UnscannableValueException extends IOException {
  public UnscannableValueException(String location, RuntimeException cause) {
    super(location + ": " + cause.getMessage(), cause);
  }
}
