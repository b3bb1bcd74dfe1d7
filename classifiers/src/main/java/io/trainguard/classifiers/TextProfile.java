package io.trainguard.classifiers;

import java.util.Arrays;
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
  private CapitalisedWords capitalisedWords;

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

  /** Whether the text may hold a letter or an {@code @}: an ASCII one, or a non-ASCII char. */
  public boolean mayHaveLetterOrAt() {
    if (digits < 0) {
      profile();
    }
    return nonAscii || (presentHigh & LETTERS_AND_AT) != 0;
  }

  /** The presence bits ({@link #presentHigh}) of {@code @} and a-z. */
  private static final long LETTERS_AND_AT = 1L | ((1L << 26) - 1) << ('a' - 64);

  /**
   * The words of the text that start with an upper-case letter after no letter or digit, found
   * once and shared by the gazetteers. A word is a run of letters, and of apostrophes and dashes
   * before a letter, that starts at a letter after no such run.
   */
  CapitalisedWords capitalisedWords() {
    if (capitalisedWords == null) {
      capitalisedWords = new CapitalisedWords(text);
    }
    return capitalisedWords;
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

  /** Bit c of the chars 0-63 the lower-cased text holds. */
  long presentLow() {
    if (digits < 0) {
      profile();
    }
    return presentLow;
  }

  /** Bit c - 64 of the ASCII chars 64-127 the lower-cased text holds. */
  long presentHigh() {
    if (digits < 0) {
      profile();
    }
    return presentHigh;
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

  /** UTF-16 [start, end) of each capitalised word of a text, in order. */
  static final class CapitalisedWords {

    /** Start and end of word i at 2i and 2i + 1. */
    private int[] bounds = new int[16];
    private int count;

    private CapitalisedWords(String text) {
      for (int p = 0; p < text.length(); p++) {
        char c = text.charAt(p);
        // Only A-Z and non-ASCII chars can start one: skip the rest with one test each.
        if ((c >= 'A' && c <= 'Z' || c >= 128) && startsCapitalisedWord(text, p)) {
          int end = wordEnd(text, p);
          add(p, end);
          p = end - 1;
        }
      }
    }

    private void add(int start, int end) {
      if (2 * count == bounds.length) {
        bounds = Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
      count++;
    }

    int count() {
      return count;
    }

    int start(int i) {
      return bounds[2 * i];
    }

    int end(int i) {
      return bounds[2 * i + 1];
    }

    /** Whether a capitalised word starts at {@code p}. */
    private static boolean startsCapitalisedWord(String text, int p) {
      int cp = AsciiChars.codePointAt(text, p);
      if (cp >= 128 && !(Character.isUpperCase(cp) && Character.isLetter(cp))) {
        return false;
      }
      if (p == 0) {
        return true;
      }
      if (AsciiChars.isLetterOrDigit(AsciiChars.codePointBefore(text, p))) {
        return false; // inside a word, or after a digit
      }
      // Not a start either if a word runs on to p through apostrophes and dashes before letters.
      int q = p - 1;
      while (q >= 0 && (text.charAt(q) == '\''
          || text.charAt(q) == '-' && Character.isLetter(text.charAt(q + 1)))) {
        q--;
      }
      return q < 0 || !AsciiChars.isLetter(AsciiChars.codePointBefore(text, q + 1));
    }

    /** The end of the word starting with a letter at {@code start}. */
    private static int wordEnd(String text, int start) {
      int i = start;
      int n = text.length();
      while (i < n && (AsciiChars.isLetter(AsciiChars.codePointAt(text, i))
          || text.charAt(i) == '\''
          || (text.charAt(i) == '-' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
        i += Character.charCount(AsciiChars.codePointAt(text, i));
      }
      return i;
    }
  }
}
