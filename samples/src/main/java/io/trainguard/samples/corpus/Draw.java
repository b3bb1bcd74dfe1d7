package io.trainguard.samples.corpus;

import java.util.List;
import java.util.Random;

/** Small random-drawing helpers shared by the value generators. */
final class Draw {

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String ALNUM = UPPER + LOWER + DIGITS;
  static final String HEX = "0123456789abcdef";

  private Draw() {}

  static String digits(Random r, int n) {
    return chars(r, DIGITS, n);
  }

  static String chars(Random r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  static char oneOf(Random r, String alphabet) {
    return alphabet.charAt(r.nextInt(alphabet.length()));
  }

  @SafeVarargs
  static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  static <T> T pick(Random r, List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** An integer in [from, to], both inclusive. */
  static int between(Random r, int from, int to) {
    return from + r.nextInt(to - from + 1);
  }

  static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  /** {@code digits} cut into groups of the given sizes, joined by {@code sep}. */
  static String group(String digits, String sep, int... sizes) {
    StringBuilder b = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (at > 0) {
        b.append(sep);
      }
      b.append(digits, at, at + size);
      at += size;
    }
    return b.toString();
  }
}
