package io.trainguard.classifiers;

import io.trainguard.classifiers.TextProfile.CapitalisedWords;
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
 * by such a name or by a capitalised word (and a listed surname after it), is a person; a first
 * name followed by an unlisted capitalised word scores less, and a lone first name scores below
 * the threshold unless context words lift it. A
 * hyphenated name is a first name when its first part is one, a surname when a part is one. A
 * listed place (the longest listed one starting at a word) is a location.
 */
public final class GazetteerRecognizer implements Recognizer {

  public static final String PERSON = "PersonRecognizer";
  public static final String LOCATION = "LocationRecognizer";
  public static final String NRP = "NrpRecognizer";

  static final double FULL_NAME_SCORE = 0.85;
  static final double TITLED_NAME_SCORE = 0.75;
  static final double FIRST_AND_CAPITALISED_SCORE = 0.6;
  static final double FIRST_NAME_SCORE = 0.3;
  static final double PLACE_SCORE = 0.6;
  /**
   * Words that make a nationality before them name an identifier's kind, not a group of people
   * ("German tax ID", "French VAT number", "Australian Business Number").
   */
  private static final Set<String> IDENTIFIER_WORDS = Set.of("number", "numbers", "no", "id",
      "ids", "identifier", "code", "vat", "tax");
  /** Capitalised words an identifier's name may hold before its kind ("Business Number"). */
  private static final int IDENTIFIER_NAME_WORDS = 2;
  /** The titles of anyone's name ("mr", "ms"), which a name in lower case may follow. */
  static final Set<String> CIVIL_TITLES = Set.of("mr", "mrs", "ms", "mx", "miss");
  private static final Set<String> TITLES = java.util.stream.Stream.concat(CIVIL_TITLES.stream(),
      java.util.stream.Stream.of("dr", "prof", "sir", "madam")).collect(
          java.util.stream.Collectors.toUnmodifiableSet());
  /**
   * Titles and offices written before a name and not part of it ("Dr. Don Wright", "Bishop
   * Garrigan"), in lower case without a dot.
   */
  static final Set<String> HONORIFICS = honorifics();
  /** Words that start place names which may go on with a first name ("San", "West"). */
  static final Set<String> PLACE_PREFIXES = Set.of("st", "saint", "sainte", "ste", "san",
      "santa", "santo", "são", "fort", "ft", "mount", "mt", "port", "cape", "lake", "north",
      "south", "east", "west", "new");
  /** Words that end names of institutions, buildings and streets. */
  static final Set<String> INSTITUTIONS = Set.of("university", "college", "school",
      "academy", "hospital", "clinic", "institute", "society", "club", "hotel", "center",
      "centre", "foundation", "museum", "library", "stadium", "arena", "airport", "station",
      "street", "road", "avenue", "boulevard", "bridge", "building", "tower", "hall", "church",
      "cathedral", "chapel", "company", "corporation", "inc", "ltd", "llc", "group", "party",
      "award", "awards", "prize", "trophy", "memorial", "county", "league", "festival");
  private static final Pattern MARKS = Pattern.compile("\\p{M}");

  private static Set<String> honorifics() {
    Set<String> words = new java.util.HashSet<>(TITLES);
    words.addAll(List.of("mister", "mme", "mlle", "herr", "frau", "sr", "sra", "srta", "snr",
        "snra", "senhor", "senhora", "senor", "senora", "senorita",
        "señor", "señora", "señorita", "sig", "signor", "signora", "rev", "reverend", "fr",
        "father", "bishop", "archbishop", "cardinal", "pope", "rabbi", "imam", "judge", "justice",
        "senator", "sen", "rep", "gov", "governor", "president", "chancellor", "gen",
        "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "admiral", "commander", "king", "queen", "prince", "princess", "lord", "lady", "dame",
        "sheikh", "emperor", "empress", "professor", "doctor", "coach", "officer", "detective",
        "inspector", "nurse", "uncle", "aunt", "auntie"));
    return Set.copyOf(words);
  }

  private final String name;
  private final String entity;
  private final Set<String> first;
  private final Set<String> last;
  private final Set<String> places;
  /** The leading words (all but the last, as many as there are) of each listed place. */
  private final Set<String> placeStarts;
  /** Words in the longest listed place. */
  private final int longestPlace;
  private final ContextWords context;
  /** Words that may start a finding: titles and first names, or places and their starts. */
  private final WordFilter starters;
  /** Bit {@link #head} of each starter word: most words fail this before the filter's hash. */
  private final long[] starterHeads = new long[(27 * 27 * 27 + 63) / 64];

  private GazetteerRecognizer(String name, String entity, Set<String> first, Set<String> last,
      Set<String> places, List<String> context) {
    this.name = name;
    this.entity = entity;
    this.first = first;
    this.last = last;
    this.places = places;
    this.placeStarts = starts(places);
    this.longestPlace = places.stream().mapToInt(p -> p.split(" ").length).max().orElse(0);
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
    for (String word : starterWords) {
      int head = head(word, 0, word.length());
      starterHeads[head >>> 6] |= 1L << head;
    }
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

  /** Nationalities, religious and political groups (Presidio's NRP), as listed places are. */
  public static GazetteerRecognizer nrp() {
    return new GazetteerRecognizer(NRP, "NRP", Set.of(), Set.of(), load("nrp.txt"),
        List.of("nationality", "religion", "religious", "political", "party", "citizen",
            "ethnicity"));
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
    return recognize(new TextProfile(text), codePoints);
  }

  /** The capitalised words the analyzer's profile found, shared with the other gazetteers. */
  @Override
  public List<Finding> recognize(AnalyzedText text) {
    return recognize(text.profile(), text.codePoints());
  }

  private List<Finding> recognize(TextProfile profile, CodePoints codePoints) {
    String text = profile.text();
    CapitalisedWords words = profile.capitalisedWords();
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < words.count(); i++) {
      int start = words.start(i);
      if (!mayStartFinding(text, start, words.end(i))) {
        continue;
      }
      String word = lowerCase(text, words, i);
      int next = following(text, words, i);
      if (entity.equals("PERSON")) {
        int firstWord = i;
        int before = found.size();
        if (TITLES.contains(word) && next >= 0) {
          i = titled(text, codePoints, words, i, next, found);
        } else if (isFirstName(word) && !afterDigitAndDash(text, start)) {
          i += person(text, codePoints, words, i, found);
        }
        if (found.size() > before && inOtherName(text, words, firstWord, i)) {
          found.remove(before);
        }
      } else {
        // Longest listed place starting here.
        int bestEnd = -1;
        int consumed = 0;
        StringBuilder phrase = new StringBuilder(word);
        for (int k = 0; k < longestPlace && i + k < words.count(); k++) {
          if (k > 0) {
            if (!adjacent(text, words, i + k - 1)) {
              break;
            }
            phrase.append(' ').append(lowerCase(text, words, i + k));
          }
          String candidate = fold(phrase.toString());
          if (places.contains(candidate)) {
            bestEnd = words.end(i + k);
            consumed = k;
          }
          if (!placeStarts.contains(candidate)) {
            break; // no listed place continues this phrase
          }
        }
        if (bestEnd > 0 && !(entity.equals("NRP") && namesAnIdentifier(text, bestEnd))) {
          found.add(span(codePoints, start, bestEnd, PLACE_SCORE,
              entity.equals("NRP") ? "group gazetteer" : "place gazetteer"));
          i += consumed;
        }
      }
    }
    return found;
  }

  /**
   * Whether the words from {@code end} name an identifier's kind: an {@link #IDENTIFIER_WORDS}
   * word next, or after up to two capitalised words ("Social Insurance Number").
   */
  private static boolean namesAnIdentifier(String text, int end) {
    int at = end;
    for (int words = 0; words <= IDENTIFIER_NAME_WORDS; words++) {
      if (at + 1 >= text.length() || text.charAt(at) != ' '
          || !Character.isLetter(text.charAt(at + 1))) {
        return false;
      }
      int wordEnd = at + 1;
      while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
        wordEnd++;
      }
      if (IDENTIFIER_WORDS.contains(text.substring(at + 1, wordEnd).toLowerCase(Locale.ROOT))) {
        return true;
      }
      if (!Character.isUpperCase(text.charAt(at + 1))) {
        return false;
      }
      at = wordEnd;
    }
    return false;
  }

  /**
   * Adds the person named by title {@code title} and the words from {@code next}: a first name
   * and what {@link #person} takes after it, or a word and a listed surname or a word no
   * dictionary holds after it ("Ms. Precious Mahlangu", not "Dr. Okafor Clinic"), or a word.
   * The span leaves the title out ("Dr. Okafor" is "Okafor"): a title is no personal data.
   * Returns the index of the last word taken.
   */
  private int titled(String text, CodePoints codePoints, CapitalisedWords words, int title,
      int next, List<Finding> found) {
    int last = next;
    double score = TITLED_NAME_SCORE;
    if (isFirstName(lowerCase(text, words, next))) {
      List<Finding> name = new ArrayList<>(1);
      last += person(text, codePoints, words, next, name);
      score = Math.max(score, name.get(0).score());
    } else {
      int after = words.end(next) < text.length() && text.charAt(words.end(next)) == ' '
          ? following(text, words, next) : -1;
      if (after >= 0 && (isSurname(lowerCase(text, words, after))
          || !NameModel.COMMON.contains(lowerCase(text, words, after)))) {
        last = after;
      }
    }
    found.add(span(codePoints, words.start(next), words.end(last), score, "title and name"));
    return last;
  }

  /**
   * Adds the person whose first name is word {@code i}: with a middle initial ("K.") and the
   * capitalised word after it, a listed surname, an unlisted capitalised word, or alone. Returns
   * how many words after the first name the person takes.
   */
  private int person(String text, CodePoints codePoints, CapitalisedWords words, int i,
      List<Finding> found) {
    int start = words.start(i);
    int end = words.end(i);
    int next = end < text.length() && text.charAt(end) == ' '
        ? following(text, words, i) : -1; // "Grace. Novak" is two sentences
    boolean initial = next >= 0 && length(words, next) == 1 && words.end(next) < text.length()
        && text.charAt(words.end(next)) == '.';
    int surname = initial ? following(text, words, i + 1) : next;
    if (surname >= 0 && (initial && length(words, surname) > 1
        || isSurname(lowerCase(text, words, surname)))) {
      found.add(span(codePoints, start, words.end(surname), FULL_NAME_SCORE,
          initial ? "first name, initial and last name" : "first and last name"));
      return initial ? 2 : 1;
    }
    if (!initial && next >= 0 && length(words, next) > 1) {
      found.add(span(codePoints, start, words.end(next), FIRST_AND_CAPITALISED_SCORE,
          "first name and capitalised word"));
      return 1;
    }
    found.add(span(codePoints, start, end, FIRST_NAME_SCORE, "first name"));
    return 0;
  }

  /**
   * False when the word {@code text[start, end)} cannot start a finding: it is no title, first
   * name (whole or before its first dash), place or start of a place.
   */
  private boolean mayStartFinding(String text, int start, int end) {
    int head = head(text, start, end);
    if (head >= 0 && (starterHeads[head >>> 6] & 1L << head) == 0) {
      return false;
    }
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

  /**
   * The first three chars of {@code text[start, end)} as a number below 27^3, A-Z lower-cased:
   * a-z count 0-25, anything else and chars past {@code end} 26 (so a word and its part before a
   * dash, both of two letters or more, have the same head); -1 if one of them is not ASCII, as
   * the folded word may start with other letters then.
   */
  private static int head(String text, int start, int end) {
    int head = 0;
    for (int i = start; i < start + 3; i++) {
      char c = i < end ? AsciiChars.lowerAscii(text.charAt(i)) : ' ';
      if (c >= 128) {
        return -1;
      }
      head = 27 * head + (c >= 'a' && c <= 'z' ? c - 'a' : 26);
    }
    return head;
  }

  /** The index of the capitalised word right after word {@code i}, or -1. */
  private static int following(String text, CapitalisedWords words, int i) {
    return i + 1 < words.count() && adjacent(text, words, i) ? i + 1 : -1;
  }

  private static String lowerCase(String text, CapitalisedWords words, int i) {
    return text.substring(words.start(i), words.end(i)).toLowerCase(Locale.ROOT);
  }

  private static int length(CapitalisedWords words, int i) {
    return words.end(i) - words.start(i);
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

  /**
   * Whether capitalised words {@code first} to {@code last} are part of the name of a place or
   * an institution: right after a place's first word ("St. Louis", "West Virginia") or right
   * before an institution's word ("George Washington University", "James High School").
   */
  private static boolean inOtherName(String text, CapitalisedWords words, int first, int last) {
    if (first > 0 && adjacent(text, words, first - 1)
        && PLACE_PREFIXES.contains(lowerCase(text, words, first - 1))) {
      return true;
    }
    int after = following(text, words, last);
    return after >= 0 && INSTITUTIONS.contains(lowerCase(text, words, after));
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

  /** Whether words {@code i} and {@code i + 1} are separated by exactly one space (or ". "). */
  private static boolean adjacent(String text, CapitalisedWords words, int i) {
    int end = words.end(i);
    int gap = words.start(i + 1) - end;
    return (gap == 1 && text.charAt(end) == ' ')
        || (gap == 2 && text.charAt(end) == '.' && text.charAt(end + 1) == ' ');
  }

  static Set<String> load(String resource) {
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
