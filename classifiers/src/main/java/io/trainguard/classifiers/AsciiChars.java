package io.trainguard.classifiers;

/** Character tests with an ASCII fast path, shared by the detector's per-char loops. */
final class AsciiChars {

  private AsciiChars() {}

  /** {@code c} with A-Z lower-cased; other chars unchanged. */
  static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** {@link Character#isLetter(int)}, without its table look-up for ASCII. */
  static boolean isLetter(int codePoint) {
    return codePoint < 128 ? (codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z'
        : Character.isLetter(codePoint);
  }

  /** {@link Character#isLetterOrDigit(int)}, without its table look-up for ASCII. */
  static boolean isLetterOrDigit(int codePoint) {
    return codePoint < 128 ? isLetter(codePoint) || codePoint >= '0' && codePoint <= '9'
        : Character.isLetterOrDigit(codePoint);
  }

  /** {@link String#codePointAt}, without its surrogate checks for an ASCII char. */
  static int codePointAt(String text, int i) {
    char c = text.charAt(i);
    return c < 128 ? c : text.codePointAt(i);
  }

  /** {@link String#codePointBefore}, without its surrogate checks for an ASCII char. */
  static int codePointBefore(String text, int i) {
    char c = text.charAt(i - 1);
    return c < 128 ? c : text.codePointBefore(i);
  }

  /** Whether {@code text} holds {@code lowerCaseLiteral} at {@code at}, A-Z lower-cased. */
  static boolean startsWithIgnoreCase(String text, int at, String lowerCaseLiteral) {
    if (at + lowerCaseLiteral.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < lowerCaseLiteral.length(); k++) {
      if (lowerAscii(text.charAt(at + k)) != lowerCaseLiteral.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
