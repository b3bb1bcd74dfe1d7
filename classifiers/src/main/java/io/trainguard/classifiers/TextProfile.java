package io.trainguard.classifiers;

import java.util.Locale;

/** Cheap facts about one text, computed once and shared by every recognizer's prefilter. */
public final class TextProfile {

  private final String text;
  private int digits = -1;
  /** Bit c (0-127): the lower-cased text holds ASCII char c. */
  private long presentLow;
  private long presentHigh;
  private boolean nonAscii;
  /** Whether the text holds a char whose lower case is ASCII: the Kelvin sign or 'İ'. */
  private boolean lowersToAscii;
  /** Whether an A-Z is followed by a letter, apostrophe or dash. */
  private boolean capitalisedAscii;
  private String lower;

  public TextProfile(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** How many ASCII digits the text holds. */
  public int digits() {
    if (digits < 0) {
      profile();
    }
    return digits;
  }

  /** Whether every char of the text is ASCII. */
  public boolean isAscii() {
    if (digits < 0) {
      profile();
    }
    return !nonAscii;
  }

  /**
   * Whether the text may hold a word of two or more chars starting with an upper-case letter: it
   * holds one of A-Z followed by a letter, apostrophe or dash, or a non-ASCII char.
   */
  public boolean mayHaveCapitalisedWord() {
    if (digits < 0) {
      profile();
    }
    return capitalisedAscii || nonAscii;
  }

  /**
   * The text to search for ASCII literals by lower-casing A-Z: the text itself, or its lower case
   * when it holds a char that {@link Locale#ROOT} lower-cases to ASCII (the Kelvin sign, 'İ'; no
   * other char does).
   */
  String asciiSearchable() {
    if (digits < 0) {
      profile();
    }
    return lowersToAscii ? lower : text;
  }

  /** The text lower-cased ({@link Locale#ROOT}). */
  public String lowerCase() {
    if (digits < 0) {
      profile();
    }
    if (lower == null) {
      lower = text.toLowerCase(Locale.ROOT);
    }
    return lower;
  }

  /** Whether the text contains {@code literal}, ignoring case (literal given in lower case). */
  public boolean containsIgnoreCase(String lowerCaseLiteral) {
    if (digits < 0) {
      profile();
    }
    // Every char of the literal must occur in the lower-cased text, which most literals fail
    // without a search.
    for (int i = 0; i < lowerCaseLiteral.length(); i++) {
      char c = lowerCaseLiteral.charAt(i);
      boolean absent = c >= 128 ? !nonAscii
          : ((c < 64 ? presentLow >>> c : presentHigh >>> (c - 64)) & 1) == 0;
      if (absent) {
        return false;
      }
    }
    if (lower == null) {
      lower = text.toLowerCase(Locale.ROOT);
    }
    return lower.contains(lowerCaseLiteral);
  }

  /**
   * Whether the lower-cased text holds an ASCII char whose bit is set: bit c of {@code low} for
   * c < 64, bit c - 64 of {@code high} for the others.
   */
  boolean holdsAnyOf(long low, long high) {
    if (digits < 0) {
      profile();
    }
    return (presentLow & low | presentHigh & high) != 0;
  }

  private void profile() {
    presence();
    if (lowersToAscii) {
      // The presence bits are those of the lower case, which has more ASCII chars.
      lower = text.toLowerCase(Locale.ROOT);
      long low = 0;
      long high = 0;
      for (int i = 0; i < lower.length(); i++) {
        char c = lower.charAt(i);
        low |= c < 64 ? 1L << c : 0;
        high |= c >= 64 && c < 128 ? 1L << (c - 64) : 0;
      }
      presentLow = low;
      presentHigh = high;
    }
  }

  /** Per ASCII char: {@link #CAPITAL}, {@link #EXTENDS_CAPITAL} and {@link #DIGIT} bits. */
  private static final byte[] FLAGS = new byte[128];
  private static final int CAPITAL = 1;
  /** A letter, apostrophe or dash: after a capital, it makes a capitalised word. */
  private static final int EXTENDS_CAPITAL = 2;
  private static final int DIGIT = 4;

  static {
    for (char c = 0; c < 128; c++) {
      FLAGS[c] = (byte) ((c >= 'A' && c <= 'Z' ? CAPITAL : 0)
          | (AsciiChars.isLetter(c) || c == '\'' || c == '-' ? EXTENDS_CAPITAL : 0)
          | (c >= '0' && c <= '9' ? DIGIT : 0));
    }
  }

  /**
   * Sets the presence bits from the ASCII chars of the text (A-Z lower-cased), counts its digits,
   * notes a capitalised word start and other chars (one pass for all). Table look-ups instead of
   * branches: in prose, whether the next char is a letter is a coin toss for a branch predictor.
   */
  private void presence() {
    long low = 0;
    long high = 0;
    int n = 0;
    int capitalised = 0;
    int afterCapital = 0;
    boolean ascii = true;
    boolean toAscii = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        ascii = false;
        toAscii |= c == '\u212A' || c == '\u0130';
        afterCapital = 0;
        continue;
      }
      int flags = FLAGS[c];
      int lower = AsciiChars.lowerAscii(c);
      long bit = 1L << lower; // shifts by lower % 64
      long inHigh = -(long) (lower >>> 6);
      low |= bit & ~inHigh;
      high |= bit & inHigh;
      n += (flags & DIGIT) >>> 2;
      capitalised |= afterCapital & flags >>> 1;
      afterCapital = flags & CAPITAL;
    }
    presentLow = low;
    presentHigh = high;
    digits = n;
    capitalisedAscii = capitalised != 0;
    nonAscii = !ascii;
    lowersToAscii = toAscii;
  }
}
