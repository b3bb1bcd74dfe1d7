package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.Collection;

/**
 * A one-hash Bloom filter over lower-case words, asked about a span of a text without creating a
 * String: false means no word of the set equals the span lower-cased.
 */
final class WordFilter implements Serializable {

  private static final int BITS = 1 << 14;

  private final long[] bits;
  private final int mask;

  WordFilter(Collection<String> words) {
    this(words, BITS);
  }

  /** A filter of {@code size} bits, a power of two: more for more words. */
  WordFilter(Collection<String> words, int size) {
    if (Integer.bitCount(size) != 1 || size < 64) {
      throw new IllegalArgumentException("Filter size not a power of two of at least 64: " + size);
    }
    bits = new long[size / 64];
    mask = size - 1;
    for (String word : words) {
      int bit = hash(word, 0, word.length()) & mask;
      bits[bit >>> 6] |= 1L << bit;
    }
  }

  /**
   * Whether {@code text[start, end)}, lower-cased, may be one of the words; always true for a
   * span with non-ASCII chars, whose lower case the hash does not model.
   */
  boolean mayContain(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text.charAt(i) >= 128) {
        return true;
      }
    }
    int bit = hash(text, start, end) & mask;
    return (bits[bit >>> 6] & 1L << bit) != 0;
  }

  /** A hash of the ASCII-lower-cased chars of {@code s[start, end)}. */
  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      h = 31 * h + AsciiChars.lowerAscii(c);
    }
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return h;
  }
}
