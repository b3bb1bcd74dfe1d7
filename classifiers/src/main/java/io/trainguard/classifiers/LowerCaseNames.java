package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names in a text written all in lower case, as chat is ("lol mike's party was insane. jen &
 * dave got engaged"): there a name has no capital to tell it, and no cue need come before it. In
 * such a text a listed given name that no dictionary holds is a person, with the lower-case words no
 * dictionary holds right after it ("maría josé"); a given name that is also a common word only
 * with a possessive and no determiner before it ("mike's", not "the guy's").
 */
final class LowerCaseNames {

  private static final double SCORE = 0.6;
  private static final int MIN_LENGTH = 3;
  private static final int MAX_WORDS = 3;
  private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "my",
      "your", "his", "her", "our", "their", "its", "every", "each", "some", "any", "one", "no");

  private LowerCaseNames() {
  }

  /** The people of {@code text} that none of {@code found} covers, when it is a lower-case text. */
  static List<NameModel.Name> people(String text, List<NameModel.Name> found) {
    if (!isLowerCaseText(text)) {
      return List.of();
    }
    List<int[]> words = words(text);
    List<NameModel.Name> people = new ArrayList<>();
    for (int w = 0; w < words.size(); w++) {
      int start = words.get(w)[0];
      int end = words.get(w)[1];
      String word = text.substring(start, end);
      if (word.length() < MIN_LENGTH || covered(found, start, end) || !isListedGivenName(word)
          || NameWords.PARTICLES.contains(word)) {
        continue;
      }
      boolean common = NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT));
      if (common && !(isPossessive(text, end) && !afterDeterminer(text, words, w))) {
        continue;
      }
      int last = w;
      while (!isPossessive(text, words.get(last)[1]) && last + 1 < words.size()
          && last + 1 - w < MAX_WORDS && isJoined(text, words.get(last), words.get(last + 1))
          && isUncommon(text.substring(words.get(last + 1)[0], words.get(last + 1)[1]))) {
        last++;
      }
      people.add(new NameModel.Name("PERSON", start, words.get(last)[1], SCORE));
      w = last;
    }
    return people;
  }

  /**
   * Whether {@code text} is written in lower case: it has letters, and no word of it starts with
   * a capital but a word of capitals only ("SSN", "I").
   */
  static boolean isLowerCaseText(String text) {
    boolean letters = false;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetter(text.charAt(i))) {
        i++;
        continue;
      }
      letters = true;
      boolean capitalised = Character.isUpperCase(text.charAt(i));
      boolean capitals = true;
      while (i < n && Character.isLetter(text.charAt(i))) {
        capitals &= !Character.isLowerCase(text.charAt(i));
        i++;
      }
      if (capitalised && !capitals) {
        return false;
      }
    }
    return letters;
  }

  /** The runs of letters and marks of {@code text}, as {@code [start, end)}. */
  private static List<int[]> words(String text) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < text.length() && (Character.isLetter(text.codePointAt(i))
          || Character.getType(text.codePointAt(i)) == Character.NON_SPACING_MARK)) {
        i += Character.charCount(text.codePointAt(i));
      }
      boolean alone = (start == 0 || isOpening(text.charAt(start - 1)))
          && (i == text.length() || isClosing(text, i));
      if (alone) {
        words.add(new int[] {start, i});
      }
    }
    return words;
  }

  /**
   * Whether a word may start after {@code c} and be one on its own: not in a handle, an address,
   * a path, a query or a number ("@sarah_k", "ana.perez", "users\\ana", "lang=en").
   */
  private static boolean isOpening(char c) {
    return Character.isWhitespace(c) || "(\"'\u201C\u2018[{\u00AB\u2013\u2014,;:!?".indexOf(c) >= 0;
  }

  /** Whether the word before char {@code at} ends there: a dot or colon only before a space. */
  private static boolean isClosing(String text, int at) {
    char c = text.charAt(at);
    if (c == '.' || c == ':') {
      return at + 1 == text.length() || Character.isWhitespace(text.charAt(at + 1));
    }
    return Character.isWhitespace(c) || ",;!?)\"'\u201D\u2019]}\u00BB\u2013\u2014&".indexOf(c) >= 0;
  }

  private static boolean isUncommon(String word) {
    return word.length() >= MIN_LENGTH && Character.isLowerCase(word.codePointAt(0))
        && !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean isPossessive(String text, int end) {
    return end + 1 < text.length() && (text.charAt(end) == '\'' || text.charAt(end) == '\u2019')
        && text.charAt(end + 1) == 's'
        && (end + 2 == text.length() || !Character.isLetter(text.charAt(end + 2)));
  }

  private static boolean afterDeterminer(String text, List<int[]> words, int w) {
    return w > 0 && isJoined(text, words.get(w - 1), words.get(w))
        && DETERMINERS.contains(text.substring(words.get(w - 1)[0], words.get(w - 1)[1]));
  }

  private static boolean isJoined(String text, int[] word, int[] next) {
    return next[0] == word[1] + 1 && text.charAt(word[1]) == ' ';
  }

  /**
   * Whether a list of given names holds {@code word} and the list of places does not ("india"):
   * not the lexicon, whose names are places' too ("madrid").
   */
  private static boolean isListedGivenName(String word) {
    String key = NameWords.key(word);
    return (NameWords.FIRST_NAMES.contains(key) || NameFeatures.Generator.CENSUS_FIRST.contains(key))
        && !NameWords.PLACES.contains(key);
  }

  /** Whether one of {@code found} as sure as this class's names overlaps {@code [start, end)}. */
  private static boolean covered(List<NameModel.Name> found, int start, int end) {
    for (NameModel.Name n : found) {
      if (n.start() < end && start < n.end() && n.probability() >= SCORE) {
        return true;
      }
    }
    return false;
  }
}
