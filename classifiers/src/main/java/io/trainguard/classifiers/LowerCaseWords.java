package io.trainguard.classifiers;

import java.util.Collection;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A set of lower-case words that is asked about a span of a text: an ASCII span is looked up
 * lower-cased without creating a String; another span through the caller's key function.
 */
final class LowerCaseWords {

  private final Set<String> words;
  private final String[] table;
  private final int mask;

  LowerCaseWords(Collection<String> words) {
    this.words = Set.copyOf(words);
    int size = Integer.highestOneBit(Math.max(4, this.words.size() * 2 - 1)) * 2;
    table = new String[size];
    mask = size - 1;
    for (String word : this.words) {
      int slot = hash(word, 0, word.length()) & mask;
      while (table[slot] != null) {
        slot = (slot + 1) & mask;
      }
      table[slot] = word;
    }
  }

  boolean contains(String word) {
    return words.contains(word);
  }

  /**
   * Whether {@code text[start, end)} is one of the words: A-Z lower-cased when the span is ASCII,
   * else {@code key} of the span.
   */
  boolean contains(String text, int start, int end, UnaryOperator<String> key) {
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        return words.contains(key.apply(text.substring(start, end)));
      }
      h = 31 * h + AsciiChars.lowerAscii(c);
    }
    for (int slot = mix(h) & mask; table[slot] != null; slot = (slot + 1) & mask) {
      if (equalsLowerCase(table[slot], text, start, end)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalsLowerCase(String word, String text, int start, int end) {
    if (word.length() != end - start) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (word.charAt(i - start) != AsciiChars.lowerAscii(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    return h ^ h >>> 16;
  }
}
