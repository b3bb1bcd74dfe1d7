package io.trainguard.classifiers;

/**
 * Converts UTF-16 indexes of one string to Unicode code point offsets (Presidio's unit). Costs
 * nothing for the common case of text without surrogate pairs.
 */
public final class CodePoints {

  private final String text;
  private final boolean identity;
  private int lastChar;
  private int lastCodePoint;

  public CodePoints(String text) {
    this(text, false);
  }

  /** As {@link #CodePoints(String)}, told that the text is all ASCII when it is known to be. */
  CodePoints(String text, boolean ascii) {
    this.text = text;
    this.identity = ascii || !hasSurrogatePair(text);
  }

  private static boolean hasSurrogatePair(String text) {
    for (int i = 0, n = text.length() - 1; i < n; i++) {
      if (Character.isHighSurrogate(text.charAt(i))
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The code point offset of UTF-16 index {@code charIndex}. */
  public int offset(int charIndex) {
    if (identity) {
      return charIndex;
    }
    // Matches arrive mostly in increasing order: continue from the last answer when possible.
    if (charIndex < lastChar) {
      lastChar = 0;
      lastCodePoint = 0;
    }
    lastCodePoint += text.codePointCount(lastChar, charIndex);
    lastChar = charIndex;
    return lastCodePoint;
  }

  /** The UTF-16 index of code point offset {@code codePoint}. */
  public int charIndex(int codePoint) {
    return identity ? codePoint : text.offsetByCodePoints(0, codePoint);
  }
}
