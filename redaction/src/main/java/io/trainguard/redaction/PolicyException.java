package io.trainguard.redaction;

/** A policy cannot be loaded; the message names the policy, the key path and what is allowed. */
public final class PolicyException extends IllegalArgumentException {
  public PolicyException(String message) {
    super(message);
  }

  /**
   * A key from a policy as a message shows it: {@code <ENTITY>} when the built-in recognizers
   * find personal data in it, else as written.
   */
  public static String shownKey(String key) {
    return Specs.shown(key);
  }

  /**
   * A text value from a policy as a message shows it: {@code <ENTITY>} when it holds personal
   * data, else in double quotes with quotes, backslashes and control characters escaped.
   */
  public static String shownValue(String value) {
    return Specs.quote(value);
  }
}
