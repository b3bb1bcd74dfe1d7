package io.trainguard.classifiers;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The name model's lexicon ({@value #RESOURCE}, written by {@code build-lexicon}): for a word in
 * lower case, the kinds of names it is part of in large public lists ("name", "famous", "place",
 * "org", joined by "+"), read as a feature, never as a rule.
 */
final class NameLexicon {

  static final String RESOURCE = "lexicon.txt";

  private static final String[] KEYS;
  private static final String[] KINDS;
  private static final int MASK;

  static {
    List<String> lines = NameModel.lines(RESOURCE);
    int size = Integer.highestOneBit(Math.max(4, lines.size() * 2 - 1)) * 2;
    KEYS = new String[size];
    KINDS = new String[size];
    MASK = size - 1;
    Map<String, String> shared = new HashMap<>();
    for (String line : lines) {
      int tab = line.indexOf('\t');
      String key = GazetteerRecognizer.fold(line.substring(0, tab).toLowerCase(Locale.ROOT));
      String kinds = shared.computeIfAbsent(line.substring(tab + 1), k -> k);
      int slot = slot(key);
      while (KEYS[slot] != null && !KEYS[slot].equals(key)) {
        slot = (slot + 1) & MASK;
      }
      KINDS[slot] = KEYS[slot] == null ? kinds : merge(KINDS[slot], kinds, shared);
      KEYS[slot] = key;
    }
  }

  private NameLexicon() {
  }

  /** The kinds of names {@code key} (lower case, folded) is part of, or null. */
  static String kinds(String key) {
    for (int slot = slot(key); KEYS[slot] != null; slot = (slot + 1) & MASK) {
      if (KEYS[slot].equals(key)) {
        return KINDS[slot];
      }
    }
    return null;
  }

  private static int slot(String key) {
    int h = key.hashCode();
    return (h ^ h >>> 16) & MASK;
  }

  /** Two words that fold to one key ("josé", "jose") keep the kinds of both. */
  private static String merge(String a, String b, Map<String, String> shared) {
    if (a.equals(b)) {
      return a;
    }
    StringBuilder merged = new StringBuilder();
    for (String kind : List.of("name", "famous", "place", "org")) {
      if (("+" + a + "+").contains("+" + kind + "+") || ("+" + b + "+").contains("+" + kind + "+")) {
        merged.append(merged.isEmpty() ? "" : "+").append(kind);
      }
    }
    return shared.computeIfAbsent(merged.toString(), k -> k);
  }
}
