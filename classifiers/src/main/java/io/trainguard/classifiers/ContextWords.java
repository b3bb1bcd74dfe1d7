package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A recognizer's context words (lower case), indexed by first letter so that a word before a
 * match is compared only with the context words it may fit.
 */
final class ContextWords extends AbstractList<String> implements RandomAccess, Serializable {

  private static final ContextWords NONE = new ContextWords(List.of());

  private final String[] words;
  /**
   * {@code byFirstLetter[c - 'a']}: the words that an ASCII word starting with c may fit, in list
   * order; null if none. Words with other chars than a-z fit no ASCII word.
   */
  private final String[][] byFirstLetter = new String[26][];

  private ContextWords(List<String> words) {
    this.words = words.toArray(String[]::new);
    List<List<String>> buckets = new ArrayList<>();
    for (int c = 0; c < 26; c++) {
      buckets.add(new ArrayList<>());
    }
    for (String word : this.words) {
      if (!word.isEmpty() && word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        buckets.get(word.charAt(0) - 'a').add(word);
      }
    }
    for (int c = 0; c < 26; c++) {
      byFirstLetter[c] = buckets.get(c).isEmpty() ? null : buckets.get(c).toArray(String[]::new);
    }
  }

  /** {@code words} (lower case) indexed, or themselves if they already are. */
  static ContextWords of(List<String> words) {
    if (words instanceof ContextWords indexed) {
      return indexed;
    }
    return words.isEmpty() ? NONE : new ContextWords(words);
  }

  @Override
  public String get(int index) {
    return words[index];
  }

  @Override
  public int size() {
    return words.length;
  }

  /**
   * The first of these words that {@code word} (lower case) fits: equals, or starts with when the
   * context word has at least three letters; null if none.
   */
  String fitting(String word) {
    for (String c : words) {
      if (word.equals(c) || (c.length() >= 3 && word.startsWith(c))) {
        return c;
      }
    }
    return null;
  }

  /** {@link #fitting(String)} of the ASCII letter run {@code text[start, end)}, lower-cased. */
  String fittingAscii(String text, int start, int end) {
    String[] candidates = byFirstLetter[(text.charAt(start) | 0x20) - 'a'];
    if (candidates == null) {
      return null;
    }
    int length = end - start;
    for (String c : candidates) {
      if ((length == c.length() || length > c.length() && c.length() >= 3)
          && AsciiChars.startsWithIgnoreCase(text, start, c)) {
        return c;
      }
    }
    return null;
  }
}
