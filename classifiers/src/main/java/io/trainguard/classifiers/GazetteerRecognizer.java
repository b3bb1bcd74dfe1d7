package io.trainguard.classifiers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PERSON and LOCATION from bundled gazetteers, with no model to download: capitalised word
 * sequences looked up in name and place lists, ignoring accents ("José" is "Jose"). A first name
 * followed by a listed surname, or by a middle initial and a capitalised word, or a title followed
 * by a capitalised word, is a person; a first name followed by an unlisted capitalised word scores
 * less, and a lone first name scores below the threshold unless context words lift it. A
 * hyphenated name is a first name when its first part is one, a surname when a part is one. A
 * listed place (up to three words) is a location.
 */
public final class GazetteerRecognizer implements Recognizer {

  public static final String PERSON = "PersonRecognizer";
  public static final String LOCATION = "LocationRecognizer";

  static final double FULL_NAME_SCORE = 0.85;
  static final double TITLED_NAME_SCORE = 0.75;
  static final double FIRST_AND_CAPITALISED_SCORE = 0.6;
  static final double FIRST_NAME_SCORE = 0.3;
  static final double PLACE_SCORE = 0.6;
  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof",
      "sir", "madam", "mx");
  private static final Pattern MARKS = Pattern.compile("\\p{M}");

  private final String name;
  private final String entity;
  private final Set<String> first;
  private final Set<String> last;
  private final Set<String> places;
  /** The first one or two words of each listed place of several words. */
  private final Set<String> placeStarts;
  private final ContextWords context;
  /** Words that may start a finding: titles and first names, or places and their starts. */
  private final WordFilter starters;

  private GazetteerRecognizer(String name, String entity, Set<String> first, Set<String> last,
      Set<String> places, List<String> context) {
    this.name = name;
    this.entity = entity;
    this.first = first;
    this.last = last;
    this.places = places;
    this.placeStarts = starts(places);
    this.context = ContextWords.of(context);
    Set<String> starterWords = new HashSet<>(placeStarts);
    starterWords.addAll(places);
    if (!first.isEmpty()) {
      starterWords.addAll(TITLES);
      starterWords.addAll(first);
    }
    if (starterWords.stream().anyMatch(w -> w.length() < 2)) {
      // mightMatch looks for capitalised words of two or more chars only.
      throw new IllegalArgumentException("A gazetteer word of one letter in " + name);
    }
    this.starters = new WordFilter(starterWords);
  }

  private static Set<String> starts(Set<String> places) {
    Set<String> starts = new HashSet<>();
    for (String place : places) {
      for (int space = place.indexOf(' '); space >= 0; space = place.indexOf(' ', space + 1)) {
        starts.add(place.substring(0, space));
      }
    }
    return Set.copyOf(starts);
  }

  public static GazetteerRecognizer person() {
    return new GazetteerRecognizer(PERSON, "PERSON", load("first-names.txt"),
        load("last-names.txt"), Set.of(), List.of("name", "named", "customer", "patient",
        "dear", "hi", "hello", "contact", "employee", "signed", "by", "from", "mr", "mrs", "dr"));
  }

  public static GazetteerRecognizer location() {
    return new GazetteerRecognizer(LOCATION, "LOCATION", Set.of(), Set.of(),
        load("places.txt"), List.of("address", "lives", "live", "located", "city", "from",
        "in", "at", "near", "born"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String entity() {
    return entity;
  }

  @Override
  public List<String> context() {
    return context;
  }

  /** Every finding starts with a capitalised word of at least two letters (a listed word). */
  @Override
  public boolean mightMatch(TextProfile profile) {
    return profile.mayHaveCapitalisedWord();
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    int first = firstPossibleStart(text);
    if (first < 0) {
      return List.of();
    }
    List<int[]> words = capitalisedWords(text, first);
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int[] w = words.get(i);
      if (!mayStartFinding(text, w[0], w[1])) {
        continue;
      }
      String word = text.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
      int[] next = following(text, words, i);
      if (entity.equals("PERSON")) {
        if (TITLES.contains(word) && next != null) {
          found.add(span(codePoints, w[0], next[1], TITLED_NAME_SCORE, "title and name"));
          i++;
        } else if (isFirstName(word) && !afterDigitAndDash(text, w[0])) {
          i += person(text, codePoints, words, i, found);
        }
      } else {
        // Longest listed place starting here, up to three words.
        int bestEnd = -1;
        int consumed = 0;
        StringBuilder phrase = new StringBuilder(word);
        int[] prev = w;
        for (int k = 0; k < 3 && i + k < words.size(); k++) {
          if (k > 0) {
            int[] cur = words.get(i + k);
            if (!adjacent(text, prev, cur)) {
              break;
            }
            phrase.append(' ').append(text.substring(cur[0], cur[1]).toLowerCase(Locale.ROOT));
            prev = cur;
          }
          String candidate = fold(phrase.toString());
          if (places.contains(candidate)) {
            bestEnd = words.get(i + k)[1];
            consumed = k;
          }
          if (!placeStarts.contains(candidate)) {
            break; // no listed place continues this phrase
          }
        }
        if (bestEnd > 0) {
          found.add(span(codePoints, w[0], bestEnd, PLACE_SCORE, "place gazetteer"));
          i += consumed;
        }
      }
    }
    return found;
  }

  /**
   * Adds the person whose first name is {@code words[i]}: with a middle initial ("K.") and the
   * capitalised word after it, a listed surname, an unlisted capitalised word, or alone. Returns
   * how many words after the first name the person takes.
   */
  private int person(String text, CodePoints codePoints, List<int[]> words, int i,
      List<Finding> found) {
    int[] w = words.get(i);
    int[] next = w[1] < text.length() && text.charAt(w[1]) == ' '
        ? following(text, words, i) : null; // "Grace. Novak" is two sentences
    int[] initial = next != null && next[1] - next[0] == 1 && next[1] < text.length()
        && text.charAt(next[1]) == '.' ? next : null;
    int[] surname = initial != null ? following(text, words, i + 1) : next;
    if (surname != null && (initial != null && surname[1] - surname[0] > 1
        || isSurname(text.substring(surname[0], surname[1]).toLowerCase(Locale.ROOT)))) {
      found.add(span(codePoints, w[0], surname[1], FULL_NAME_SCORE,
          initial != null ? "first name, initial and last name" : "first and last name"));
      return initial != null ? 2 : 1;
    }
    if (initial == null && next != null && next[1] - next[0] > 1) {
      found.add(span(codePoints, w[0], next[1], FIRST_AND_CAPITALISED_SCORE,
          "first name and capitalised word"));
      return 1;
    }
    found.add(span(codePoints, w[0], w[1], FIRST_NAME_SCORE, "first name"));
    return 0;
  }

  /**
   * The start of the first capitalised word that may start a finding, or -1. Only upper-case
   * letters are looked at, not every word.
   */
  private int firstPossibleStart(String text) {
    for (int p = 0; p < text.length(); p++) {
      char c = text.charAt(p);
      if ((c >= 'A' && c <= 'Z' || c >= 128) && startsCapitalisedWord(text, p)
          && mayStartFinding(text, p, wordEnd(text, p))) {
        return p;
      }
    }
    return -1;
  }

  /** Whether a word of {@link #nextCapitalisedWord} starts at {@code p}. */
  private static boolean startsCapitalisedWord(String text, int p) {
    int cp = AsciiChars.codePointAt(text, p);
    if (cp >= 128 && !(Character.isUpperCase(cp) && Character.isLetter(cp))) {
      return false;
    }
    if (p == 0) {
      return true;
    }
    if (isLetterOrDigit(AsciiChars.codePointBefore(text, p))) {
      return false; // inside a word, or after a digit
    }
    // Not a start either if a word runs on to p through apostrophes and dashes before letters.
    int q = p - 1;
    while (q >= 0 && (text.charAt(q) == '\''
        || text.charAt(q) == '-' && Character.isLetter(text.charAt(q + 1)))) {
      q--;
    }
    return q < 0 || !AsciiChars.isLetter(AsciiChars.codePointBefore(text, q + 1));
  }

  /**
   * False when the word {@code text[start, end)} cannot start a finding: it is no title, first
   * name (whole or before its first dash), place or start of a place.
   */
  private boolean mayStartFinding(String text, int start, int end) {
    if (starters.mayContain(text, start, end)) {
      return true;
    }
    for (int dash = start + 1; dash < end; dash++) {
      if (text.charAt(dash) == '-') {
        return starters.mayContain(text, start, dash);
      }
    }
    return false;
  }

  /** The capitalised word right after {@code words[i]}, or null. */
  private static int[] following(String text, List<int[]> words, int i) {
    return i + 1 < words.size() && adjacent(text, words.get(i), words.get(i + 1))
        ? words.get(i + 1) : null;
  }

  /** A listed first name, or a hyphenated name ("Bo-Ana") whose first part is one. */
  private boolean isFirstName(String word) {
    int dash = word.indexOf('-');
    return first.contains(fold(word)) || dash > 0 && first.contains(fold(word.substring(0, dash)));
  }

  /** A listed surname, or a hyphenated name ("García-Lorca") one of whose parts is one. */
  private boolean isSurname(String word) {
    if (last.contains(fold(word))) {
      return true;
    }
    for (String part : word.split("-")) {
      if (!part.isEmpty() && last.contains(fold(part))) {
        return true;
      }
    }
    return false;
  }

  /** A word in a date such as 17-Jun-2026 is no name. */
  private static boolean afterDigitAndDash(String text, int start) {
    return start >= 2 && text.charAt(start - 1) == '-' && Character.isDigit(text.charAt(start - 2));
  }

  /** Lower case without accents: "josé" and "jose", "søren" and "soren" are the same name. */
  static String fold(String word) {
    boolean ascii = true;
    for (int k = 0; k < word.length() && ascii; k++) {
      ascii = word.charAt(k) < 128;
    }
    if (ascii) {
      return word;
    }
    String unfolded = word.replace('ø', 'o').replace('ł', 'l').replace('đ', 'd');
    return MARKS.matcher(Normalizer.normalize(unfolded, Normalizer.Form.NFD)).replaceAll("");
  }

  private Finding span(CodePoints cp, int start, int end, double score, String why) {
    return new Finding(entity, cp.offset(start), cp.offset(end), score, name, why);
  }

  /** Two words separated by exactly one space (or ". " after a title). */
  private static boolean adjacent(String text, int[] a, int[] b) {
    int gap = b[0] - a[1];
    return (gap == 1 && text.charAt(a[1]) == ' ')
        || (gap == 2 && text.charAt(a[1]) == '.' && text.charAt(a[1] + 1) == ' ');
  }

  /** UTF-16 [start, end) of each capitalised word from {@code from} on. */
  private static List<int[]> capitalisedWords(String text, int from) {
    List<int[]> words = new ArrayList<>();
    for (long w = nextCapitalisedWord(text, from); w >= 0;
        w = nextCapitalisedWord(text, (int) w)) {
      words.add(new int[] {(int) (w >>> 32), (int) w});
    }
    return words;
  }

  /**
   * The first word at or after {@code from} (a word's start or no letter) that starts with an
   * upper-case letter, as its UTF-16 start << 32 | end; -1 if none. A word is a run of letters,
   * apostrophes and dashes before a letter, after no letter or digit.
   */
  private static long nextCapitalisedWord(String text, int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      int cp = AsciiChars.codePointAt(text, i);
      if (!AsciiChars.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      i = wordEnd(text, start);
      boolean upper = cp < 128 ? cp >= 'A' && cp <= 'Z' : Character.isUpperCase(cp);
      if (upper && (start == 0 || !isLetterOrDigit(AsciiChars.codePointBefore(text, start)))) {
        return (long) start << 32 | i;
      }
    }
    return -1;
  }

  /** The end of the word starting with a letter at {@code start}. */
  private static int wordEnd(String text, int start) {
    int i = start;
    int n = text.length();
    while (i < n && (AsciiChars.isLetter(AsciiChars.codePointAt(text, i)) || text.charAt(i) == '\''
        || (text.charAt(i) == '-' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
      i += Character.charCount(AsciiChars.codePointAt(text, i));
    }
    return i;
  }

  // ASCII fast path of the Character method of the same name.
  private static boolean isLetterOrDigit(int codePoint) {
    return codePoint < 128 ? AsciiChars.isLetter(codePoint) || codePoint >= '0' && codePoint <= '9'
        : Character.isLetterOrDigit(codePoint);
  }

  private static Set<String> load(String resource) {
    try (InputStream in = GazetteerRecognizer.class.getResourceAsStream("gazetteer/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find gazetteer " + resource);
      }
      Set<String> entries = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          entries.add(fold(line.toLowerCase(Locale.ROOT)));
        }
      }
      return Set.copyOf(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
