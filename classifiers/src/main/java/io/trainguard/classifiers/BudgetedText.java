package io.trainguard.classifiers;

/**
 * A view of a string that counts the characters a regex engine reads and stops it once a step
 * budget is spent. {@code java.util.regex} reads its input through {@code charAt}, so backtracking
 * shows up here; counting steps instead of time keeps the limit deterministic under load.
 */
final class BudgetedText implements CharSequence {

  /** Thrown through the regex engine when the budget is spent. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private long remaining;

  BudgetedText(String text, long steps) {
    this.text = text;
    this.remaining = steps;
  }

  /** Steps for one pattern over one value: generous for linear work, tiny for exponential. */
  static long stepsFor(int length) {
    return 100_000L + 1_000L * length;
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
