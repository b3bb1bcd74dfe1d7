package io.trainguard.classifiers;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Cyrillic and Greek words in Latin letters, as names are spelled in English lists: one letter
 * (or Greek digraph) for one, in the few common spellings a name takes ("Дмитрий" is
 * "dmitrii", "dmitriy" and "dmitry"). A table of the letters rather than ICU4J's
 * transliterators (14 MB): only a lookup in the lexicon depends on it, and the lexicon holds
 * names in their English spellings, which no standard transliteration gives alone.
 */
final class Transliteration {

  private static final Map<Character, String> CYRILLIC = Map.ofEntries(Map.entry('а', "a"),
      Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
      Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"), Map.entry('з', "z"),
      Map.entry('и', "i"), Map.entry('й', "i"), Map.entry('к', "k"), Map.entry('л', "l"),
      Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"), Map.entry('п', "p"),
      Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('у', "u"),
      Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('ц', "ts"), Map.entry('ч', "ch"),
      Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"),
      Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"),
      Map.entry('і', "i"), Map.entry('ї', "yi"), Map.entry('є', "ye"), Map.entry('ґ', "g"),
      Map.entry('ў', "u"), Map.entry('ј', "j"), Map.entry('љ', "lj"), Map.entry('њ', "nj"),
      Map.entry('ћ', "c"), Map.entry('ђ', "dj"), Map.entry('џ', "dz"), Map.entry('-', "-"));
  private static final Map<Character, String> GREEK = Map.ofEntries(Map.entry('α', "a"),
      Map.entry('β', "v"), Map.entry('γ', "g"), Map.entry('δ', "d"), Map.entry('ε', "e"),
      Map.entry('ζ', "z"), Map.entry('η', "i"), Map.entry('θ', "th"), Map.entry('ι', "i"),
      Map.entry('κ', "k"), Map.entry('λ', "l"), Map.entry('μ', "m"), Map.entry('ν', "n"),
      Map.entry('ξ', "x"), Map.entry('ο', "o"), Map.entry('π', "p"), Map.entry('ρ', "r"),
      Map.entry('σ', "s"), Map.entry('ς', "s"), Map.entry('τ', "t"), Map.entry('υ', "y"),
      Map.entry('φ', "f"), Map.entry('χ', "ch"), Map.entry('ψ', "ps"), Map.entry('ω', "o"),
      Map.entry('-', "-"));
  /** Greek pairs of letters read as one sound, replaced before the letters. */
  private static final String[][] GREEK_PAIRS = {{"ου", "ou"}, {"αι", "ai"}, {"ει", "ei"},
      {"οι", "oi"}, {"μπ", "b"}, {"ντ", "d"}, {"γκ", "g"}, {"γγ", "ng"}, {"αυ", "av"},
      {"ευ", "ev"}};
  /** Other common spellings of the same sounds, each tried in turn on the first reading. */
  private static final String[][] VARIANTS = {{"ii", "y"}, {"ii", "iy"}, {"ia", "ya"},
      {"ya", "ia"}, {"yu", "iu"}, {"kh", "h"}, {"ks", "x"}, {"ch", "h"}, {"y", "i"}, {"oi", "i"},
      {"ei", "i"}, {"ai", "e"}, {"b", "mp"}, {"d", "nt"}, {"ts", "tz"}};

  private Transliteration() {
  }

  /**
   * The Latin readings of {@code word} (lower case, Cyrillic or Greek without accents), or none
   * if it holds another letter.
   */
  static Set<String> readings(String word) {
    String first = read(word);
    Set<String> readings = new LinkedHashSet<>();
    if (first == null) {
      return readings;
    }
    readings.add(first);
    for (String[] v : VARIANTS) {
      if (first.contains(v[0])) {
        readings.add(first.replace(v[0], v[1]));
      }
    }
    return readings;
  }

  private static String read(String word) {
    boolean greek = !word.isEmpty()
        && Character.UnicodeScript.of(word.charAt(0)) == Character.UnicodeScript.GREEK;
    String w = word;
    if (greek) {
      for (String[] pair : GREEK_PAIRS) {
        w = w.replace(pair[0], pair[1]);
      }
    }
    Map<Character, String> table = greek ? GREEK : CYRILLIC;
    StringBuilder latin = new StringBuilder(w.length() + 4);
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      String letters = table.get(c);
      if (letters != null) {
        latin.append(letters);
      } else if (c >= 'a' && c <= 'z') {
        latin.append(c); // a Greek pair replaced above
      } else {
        return null;
      }
    }
    return latin.toString();
  }
}
