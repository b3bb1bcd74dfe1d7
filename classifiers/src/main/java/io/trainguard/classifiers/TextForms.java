package io.trainguard.classifiers;

/**
 * Which of the analyzer's readings of a text differ from the text as written: invisible format
 * characters to read past ({@link InvisibleChars}), look-alikes to read as ASCII
 * ({@link LookAlikes}), escapes or hidden characters to decode ({@link DecodedText}). Found in
 * one pass with a table of every UTF-16 char's class; most texts need none of them, and the
 * analyzer then reads the original string with no copy.
 */
final class TextForms {

  /** The text holds a format character ({@link InvisibleChars}). */
  static final int INVISIBLE = 1;
  /** The text holds a char that {@link LookAlikes} replaces. */
  static final int LOOK_ALIKE = 2;
  /** {@link DecodedText#of} decodes the text. */
  static final int DECODES = 4;
  /** A char that may start an escape ({@code & % \ CR LF}): it decodes if one starts there. */
  private static final int MAY_ESCAPE = 8;
  /** A high surrogate: its code point may be a format char, or a digit or letter to decode. */
  private static final int HIGH_SURROGATE = 16;
  /** An ASCII digit. */
  private static final int DIGIT = 32;
  /** A space: with digits, it may part the digits of a number spelled one at a time. */
  private static final int SPACE = 64;
  private static final byte[] CLASS = classes();

  private TextForms() {}

  /** The readings of {@code text} that differ from it: bits {@link #INVISIBLE} etc. */
  static int of(String text) {
    int forms = 0;
    for (int i = 0; i < text.length(); i++) {
      forms |= CLASS[text.charAt(i)];
    }
    boolean mayBeSpelled = (forms & (DIGIT | SPACE)) == (DIGIT | SPACE);
    if ((forms & (MAY_ESCAPE | HIGH_SURROGATE)) != 0) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((CLASS[c] & HIGH_SURROGATE) != 0
            && Character.getType(text.codePointAt(i)) == Character.FORMAT) {
          forms |= INVISIBLE;
        }
        if ((CLASS[c] & (MAY_ESCAPE | HIGH_SURROGATE)) != 0 && (forms & DECODES) == 0
            && DecodedText.escapeAt(text, i) != null) {
          forms |= DECODES;
        }
      }
    }
    if (mayBeSpelled && (forms & DECODES) == 0 && DecodedText.hasSpelledDigits(text)) {
      forms |= DECODES;
    }
    return forms & (INVISIBLE | LOOK_ALIKE | DECODES);
  }

  private static byte[] classes() {
    byte[] classes = new byte[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      int forms = 0;
      if (Character.getType(c) == Character.FORMAT) {
        forms |= INVISIBLE;
      }
      if ((c >= '\u00a0' || c == '\t') && LookAlikes.ascii((char) c) != c) {
        forms |= LOOK_ALIKE;
      }
      if (DecodedText.isHidden(c)) {
        forms |= DECODES;
      }
      if (c == '&' || c == '%' || c == '\\' || c == '\r' || c == '\n') {
        forms |= MAY_ESCAPE;
      }
      if (Character.isHighSurrogate((char) c)) {
        forms |= HIGH_SURROGATE;
      }
      if (c >= '0' && c <= '9') {
        forms |= DIGIT;
      }
      if (c == ' ') {
        forms |= SPACE;
      }
      classes[c] = (byte) forms;
    }
    return classes;
  }
}
