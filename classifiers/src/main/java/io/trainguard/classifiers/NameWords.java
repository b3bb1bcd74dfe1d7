package io.trainguard.classifiers;

import static io.trainguard.classifiers.NameCues.ROLES;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Word classes of names: given names, surnames, particles; places', groups' and dates' words. */
final class NameWords {

  static final String CAPITALISED = "\\p{Lu}[\\p{Ll}\\p{M}]+(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+)?";

  /** One capitalised word on its own: no letter, digit or e-mail/URL character on either side. */
  static final Pattern WORD = Pattern.compile(
      "(?<![\\p{L}\\p{M}\\p{N}@._/-])" + CAPITALISED + "(?![\\p{L}\\p{M}\\p{N}@]|[._-][\\p{L}\\p{N}])");

  /** Lower-case words between the parts of a name ("da", "van der", "bin", "de la"). */
  static final Set<String> PARTICLES = Set.of("da", "de", "do", "dos", "das", "di", "del",
      "della", "dei", "degli", "dal", "dalla", "van", "der", "den", "ten", "ter", "'t", "von",
      "vom", "zu", "zur", "af", "av", "la", "le", "los", "las", "du", "des", "bin", "ben",
      "binti", "binte", "bint", "ibn", "al", "el", "ap", "mac", "y");

  /** Words that start the names of streets and places before a given name ("Rua Ana"). */
  static final Set<String> STREET_WORDS = Set.of("rua", "avenida", "av", "avda", "calle",
      "carrera", "rue", "via", "viale", "piazza", "praça", "praca", "largo", "travessa", "alameda");

  static final Pattern NAME_WORD = Pattern.compile(CAPITALISED);

  static final Set<String> PLACES = GazetteerRecognizer.load("places.txt");

  static final Set<String> GROUPS = GazetteerRecognizer.load("nrp.txt");
  private static final Set<String> GROUP_PLURALS = plurals(GROUPS);

  /** Months and weekdays in English, and their abbreviations: no dictionary holds them. */
  private static final Set<String> CALENDAR_WORDS = calendarWords();

  static final Set<String> FIRST_NAMES = GazetteerRecognizer.load("first-names.txt");

  private static final Set<String> SURNAMES = GazetteerRecognizer.load("last-names.txt");

  /**
   * Words that end the names of places, institutions and ensembles when they follow a capitalised
   * word ("Carnegie Hall", "Sioux City", "Nikki Beach", "Jimmy Manopo Band").
   */
  static final Set<String> PLACE_WORDS = placeWords();

  /** Chinese, Japanese and Vietnamese family names, written before the given name. */
  static final LowerCaseWords FAMILY_FIRST = new LowerCaseWords(GazetteerRecognizer.load(
      "family-names-first.txt"));

  /** Whether a list or the lexicon holds {@code key} as a place's name. */
  static boolean isPlaceName(String key) {
    String kinds = NameLexicon.kinds(key);
    return PLACES.contains(key) || kinds != null && kinds.contains("place");
  }

  /** Whether one space and a capitalised word follow {@code at}. */
  static boolean isCapitalisedWordAt(String text, int at) {
    return at + 1 < text.length() && text.charAt(at) == ' '
        && Character.isUpperCase(text.charAt(at + 1));
  }

  /**
   * Whether the capitalised words {@code [start, end)} of {@code text} name a place or an
   * institution rather than a person: they start with a place's first word and go on ("Santa
   * Clara", "St. Louis"), end with a place's or institution's word that is no surname ("Bobby
   * Morris Playfield"), or such a word follows them after at most two more capitalised words
   * ("Carnegie Hall", "Bishop Garrigan High School", "Jimmy Manopo Band").
   */
  static boolean isPlace(String text, int start, int end) {
    int space = text.indexOf(' ', start);
    if (space > start && space < end) {
      int firstEnd = text.charAt(space - 1) == '.' ? space - 1 : space;
      if (GazetteerRecognizer.PLACE_PREFIXES.contains(key(text.substring(start, firstEnd)))) {
        return true;
      }
      String last = text.substring(text.lastIndexOf(' ', end - 1) + 1, end);
      if (PLACE_WORDS.contains(key(last)) && !isSurname(last)) {
        return true;
      }
    }
    int at = end;
    for (int words = 0; words < 3 && isCapitalisedWordAt(text, at); words++) {
      int wordEnd = at + 1;
      while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
        wordEnd++;
      }
      if (PLACE_WORDS.contains(key(text.substring(at + 1, wordEnd)))) {
        return true;
      }
      at = wordEnd;
    }
    return false;
  }

  /**
   * Whether {@code c} next to a word makes it part of a longer token (an e-mail address, a path,
   * a number) rather than a name; opening punctuation, quotes and a title's dot do not.
   */
  static boolean joinsWord(char c) {
    return Character.isLetterOrDigit(c) || "@_/\\#&=+%~*".indexOf(c) >= 0;
  }

  /**
   * A title or role, or a word that starts or ends the name of a place or street ("St", "Rua",
   * "City").
   */
  /**
   * Whether the capitalised word {@code text[start, end)} names only people: the lexicon holds it
   * as a name and as nothing else, no dictionary holds it, and a lower-case word, a punctuation
   * mark and a space, or the text's end follows ("Then Tomasz escalated"): a given name of a
   * culture the model saw little of.
   */
  static boolean isOnlyAName(String text, int start, int end) {
    String word = text.substring(start, end);
    String key = key(word);
    if (end - start < 3 || !word.chars().allMatch(Character::isLetter)
        || !NAME_WORD.matcher(word).matches() || isTitleOrPlaceWord(word)
        || NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
        || !"name".equals(NameLexicon.kinds(key)) || CALENDAR_WORDS.contains(key)
        || GROUPS.contains(key) || GROUP_PLURALS.contains(key)) {
      return false;
    }
    int next = end;
    while (next < text.length() && text.charAt(next) == ' ') {
      next++;
    }
    return next == text.length() || next > end && Character.isLowerCase(text.charAt(next))
        || ".,;:!?".indexOf(text.charAt(next)) >= 0
        && (next + 1 == text.length() || Character.isWhitespace(text.charAt(next + 1)));
  }

  static boolean isTitleOrPlaceWord(String word) {
    String key = key(word);
    return GazetteerRecognizer.HONORIFICS.contains(key) || ROLES.contains(key)
        || PLACE_WORDS.contains(key)
        || GazetteerRecognizer.PLACE_PREFIXES.contains(key) || STREET_WORDS.contains(key);
  }

  static String key(String word) {
    return GazetteerRecognizer.fold(word.toLowerCase(Locale.ROOT));
  }

  private static Set<String> calendarWords() {
    Set<String> words = new java.util.HashSet<>(Set.of("sept", "tues", "thur", "thurs"));
    for (Enum<?> e : java.util.stream.Stream.concat(Arrays.stream(java.time.Month.values()),
        Arrays.stream(java.time.DayOfWeek.values())).toList()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      words.add(name);
      words.add(name.substring(0, 3));
    }
    return Set.copyOf(words);
  }

  private static Set<String> placeWords() {
    Set<String> words = new java.util.HashSet<>(GazetteerRecognizer.INSTITUTIONS);
    words.addAll(List.of("city", "town", "village", "island", "islands", "province", "state",
        "district", "region", "beach", "bay", "coast", "park", "river", "lake", "valley", "hill",
        "hills", "mountain", "mountains", "forest", "creek", "harbor", "harbour", "port", "point",
        "square", "field", "fields", "springs", "falls", "heights", "gardens", "band",
        "orchestra", "ensemble", "quartet", "trio", "choir", "records", "studios",
        "productions", "railroad", "railway", "junction", "dock", "corner", "rink", "playfield",
        "plateau", "pond", "brook", "army", "navy", "corps", "regiment", "division", "force",
        "forces", "command", "base", "association", "federation", "union", "cup", "bowl"));
    return Set.copyOf(words);
  }

  /** Whether each of the space-separated {@code words} {@link #isNameWord may be part of a name}. */
  static boolean areNameWords(String words) {
    for (String w : words.split(" ")) {
      if (!isNameWord(w)) {
        return false;
      }
    }
    return true;
  }

  /** A word that may be part of a name someone gives: no common word, or a listed name. */
  static boolean isNameWord(String word) {
    String key = key(word);
    return !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
        || FIRST_NAMES.contains(key) || isSurname(word);
  }

  /** No common word, place or group: a given name no list holds ("Ajmal", "Thet"). */
  static boolean isUnlistedGivenName(String word) {
    String key = key(word);
    return !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT)) && !PLACES.contains(key)
        && !GROUPS.contains(key);
  }

  /**
   * A listed or census first name, common word or not ("Will", "Pat"); or a part of people's
   * names in the lexicon that is no common word ("Kory", "Oluwaseun").
   */
  static boolean isGivenName(String word) {
    String key = key(word);
    if (FIRST_NAMES.contains(key) || NameFeatures.Generator.CENSUS_FIRST.contains(key)) {
      return true;
    }
    String kinds = NameLexicon.kinds(key);
    return kinds != null && kinds.startsWith("name")
        && !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT));
  }

  /** Whether only spaces, quotes or nothing lie between {@code at} and a sentence's end before it. */
  static boolean startsSentence(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"')) {
      i--;
    }
    return i < 0 || ".!?\n:".indexOf(text.charAt(i)) >= 0;
  }

  static boolean isSurname(String word) {
    String key = key(word);
    return NameFeatures.Generator.CENSUS_LAST.containsKey(key) || SURNAMES.contains(key);
  }

  /** The English plurals of {@code words} ("guitarists", "chairmen", "Kenyans"). */
  static Set<String> plurals(Set<String> words) {
    Set<String> plurals = new java.util.HashSet<>();
    for (String w : words) {
      plurals.add(w.endsWith("man") ? w.substring(0, w.length() - 3) + "men"
          : w.endsWith("s") || w.endsWith("ch") || w.endsWith("sh") || w.endsWith("x") ? w + "es"
          : w.endsWith("y") && !w.endsWith("ey") ? w.substring(0, w.length() - 1) + "ies"
          : w + "s");
    }
    return Set.copyOf(plurals);
  }

  private NameWords() {
  }
}
