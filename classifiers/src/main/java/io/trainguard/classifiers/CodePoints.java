package io.trainguard.classifiers;

/**
 * Converts UTF-16 indexes of one string to Unicode code point offsets (Presidio's unit). Costs
 * nothing for the common case of text without surrogate pairs.
 */
public final class CodePoints {

  private final boolean identity;
  /** UTF-16 indexes of the high surrogate of each surrogate pair, ascending; null if none. */
  private final int[] pairs;

  public CodePoints(String text) {
    this(text, false);
  }

  /** As {@link #CodePoints(String)}, told that the text is all ASCII when it is known to be. */
  CodePoints(String text, boolean ascii) {
    this.pairs = ascii ? null : surrogatePairs(text);
    this.identity = pairs == null;
  }

  /** Whether UTF-16 index {@code i} of {@code text} falls between the halves of a pair. */
  static boolean splitsPair(String text, int i) {
    return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))
        && Character.isLowSurrogate(text.charAt(i));
  }

  private static int[] surrogatePairs(String text) {
    int[] found = null;
    int count = 0;
    for (int i = 0, n = text.length() - 1; i < n; i++) {
      if (splitsPair(text, i + 1)) {
        if (found == null || count == found.length) {
          found = java.util.Arrays.copyOf(found == null ? new int[0] : found, count * 2 + 2);
        }
        found[count++] = i++;
      }
    }
    return found == null ? null : java.util.Arrays.copyOf(found, count);
  }

  /** The code point offset of UTF-16 index {@code charIndex}. */
  public int offset(int charIndex) {
    if (identity) {
      return charIndex;
    }
    int before = 0; // pairs wholly before charIndex count one code point each
    while (before < pairs.length && pairs[before] + 2 <= charIndex) {
      before++;
    }
    return charIndex - before;
  }

  /** The UTF-16 index of code point offset {@code codePoint}. */
  public int charIndex(int codePoint) {
    if (identity) {
      return codePoint;
    }
    int before = 0; // pair k is code point pairs[k] - k
    while (before < pairs.length && pairs[before] - before < codePoint) {
      before++;
    }
    return codePoint + before;
  }
}
