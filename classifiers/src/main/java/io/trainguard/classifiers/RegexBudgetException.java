package io.trainguard.classifiers;

/**
 * A user pattern needed more matching steps than its budget on one value: a catastrophic
 * backtracking regex. Names the recognizer and pattern, never the value.
 */
public final class RegexBudgetException extends RuntimeException {

  private final String recognizer;
  private final String pattern;

  public RegexBudgetException(String recognizer, String pattern, int valueLength) {
    super("Recognizer " + recognizer + " pattern " + pattern
        + " exceeded its matching budget on a value of " + valueLength + " chars");
    this.recognizer = recognizer;
    this.pattern = pattern;
  }

  public String recognizer() {
    return recognizer;
  }

  public String pattern() {
    return pattern;
  }
}
