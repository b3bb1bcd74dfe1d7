package io.trainguard.jobs.poisoning;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a text: its runs of letters and digits (Unicode categories L and N), as the
 * regular expression {@code [^\p{L}\p{N}]+} splits it, found without a matcher or a string per
 * token.
 */
final class Tokens {

  private static final int TOKEN_TYPES = 1 << Character.UPPERCASE_LETTER
      | 1 << Character.LOWERCASE_LETTER | 1 << Character.TITLECASE_LETTER
      | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
      | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER
      | 1 << Character.OTHER_NUMBER;

  /** Receives each token as the chars {@code [start, end)} of the text. */
  interface Sink {
    void accept(int start, int end);
  }

  private Tokens() {}

  static void each(String text, Sink sink) {
    int start = -1;
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      boolean token = (TOKEN_TYPES >>> Character.getType(c) & 1) != 0;
      if (token && start < 0) {
        start = i;
      } else if (!token && start >= 0) {
        sink.accept(start, i);
        start = -1;
      }
      i += Character.charCount(c);
    }
    if (start >= 0) {
      sink.accept(start, text.length());
    }
  }

  /** The tokens as strings. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    each(text, (start, end) -> out.add(text.substring(start, end)));
    return out;
  }

  /** {@code text.substring(start, end).hashCode()}, without the substring. */
  static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h;
  }
}
