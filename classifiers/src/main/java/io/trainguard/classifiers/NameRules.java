package io.trainguard.classifiers;

import static io.trainguard.classifiers.NameCues.ROLE_LIST;
import static io.trainguard.classifiers.NameCues.itemAfter;
import static io.trainguard.classifiers.NameCues.roleBefore;
import static io.trainguard.classifiers.NameSpans.particleEnd;
import static io.trainguard.classifiers.NameWords.CAPITALISED;
import static io.trainguard.classifiers.NameWords.FAMILY_FIRST;
import static io.trainguard.classifiers.NameWords.FIRST_NAMES;
import static io.trainguard.classifiers.NameWords.GROUPS;
import static io.trainguard.classifiers.NameWords.NAME_WORD;
import static io.trainguard.classifiers.NameWords.PARTICLES;
import static io.trainguard.classifiers.NameWords.PLACES;
import static io.trainguard.classifiers.NameWords.PLACE_WORDS;
import static io.trainguard.classifiers.NameWords.WORD;
import static io.trainguard.classifiers.NameWords.areNameWords;
import static io.trainguard.classifiers.NameWords.isCapitalisedWordAt;
import static io.trainguard.classifiers.NameWords.isGivenName;
import static io.trainguard.classifiers.NameWords.isOnlyAName;
import static io.trainguard.classifiers.NameWords.isPlace;
import static io.trainguard.classifiers.NameWords.isSurname;
import static io.trainguard.classifiers.NameWords.isTitleOrPlaceWord;
import static io.trainguard.classifiers.NameWords.isUnlistedGivenName;
import static io.trainguard.classifiers.NameWords.key;
import static io.trainguard.classifiers.NameWords.startsSentence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People that the form of a text shows where the name model leaves them out: a name after "my
 * name is" or "call me", or before "(born"; a given name no dictionary holds before a census
 * surname ("Ajmal Aziz"); a listed, census or lexicon first name mid-sentence (or one that is no
 * common word, anywhere) before a word no dictionary, place or NRP list holds ("Will
 * Ostrander", "Lorcan Ruddiman"); the name words after a title ("Sr. João da Silva"); a given
 * name and a surname written as one identifier ({@link NameIdentifiers}). How far a person's
 * span reaches is {@link NameSpans}'s; a part of a name mentioned alone elsewhere is
 * {@link NameMemory}'s.
 */
final class NameRules {

  private static final double SCORE = NameModel.GREETED_NAME_PROBABILITY;

  /** The least probability of a place that a person's span stops at. */
  private static final double HELD = 0.5;

  /** Up to three capitalised words after "name is", "name's", "call me". */
  private static final Pattern INTRODUCED = Pattern.compile(
      "(?i:name is|name's|call me)[ ,:]+(" + CAPITALISED + "(?: " + CAPITALISED
          + "){0,2})(?![\\p{L}\\p{M}\\p{N}@])");

  /** Up to four capitalised words that end where a "(born" follows: a biography's subject. */
  private static final Pattern BEFORE_BORN = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])("
      + CAPITALISED + "(?: " + CAPITALISED + "){0,3}) ?\\( ?$");

  /** Words after a given name before a department ("sarah from legal"). */
  private static final List<String> AT_WORK = List.of(" from ", " in ", " on ");
  /** Verbs, with their space, that address a colleague by a given name ("ping priya"). */
  private static final List<String> PINGS = List.of("ping ", "ask ", "cc ", "tell ");

  /** Titles that also abbreviate a kind of street, which its name comes before ("Cheriton Dr"). */
  private static final Set<String> STREET_TITLES = Set.of("dr");

  /** The most words a name takes in before its first one or after a title. */
  static final int MAX_WORDS = 5;

  /** Vietnamese middle names ("Văn", "Thị"), after which any capitalised word is a given name. */
  private static final Set<String> MIDDLE_NAMES = Set.of("van", "thi", "duc", "huu", "ngoc",
      "minh", "thanh", "quoc", "xuan", "kim");

  private NameRules() {
  }

  /**
   * {@code names} with each listed family name that is written first and followed by one to three
   * given names ("Sato Yuki", "Tran Thi Mai") read as one person, in place of what the model
   * found inside those words (a place, or the family name alone); a name the model found that
   * reaches past them is kept as it is. A given name is no common word, place word or title,
   * except right after a Vietnamese middle name.
   */
  static List<NameModel.Name> familyNamesFirst(String text, List<NameModel.Name> names) {
    List<NameModel.Name> out = names;
    Matcher word = WORD.matcher(text).useTransparentBounds(true);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!Character.isUpperCase(text.charAt(i))
          || i > 0 && AsciiChars.isLetter(text.charAt(i - 1))
          || !mayStartFamilyName(text, i) || !word.region(i, n).lookingAt()) {
        continue;
      }
      int familyEnd = word.end();
      if (!FAMILY_FIRST.contains(key(text.substring(i, familyEnd)))) {
        i = familyEnd;
        continue;
      }
      int end = givenNamesAfter(text, familyEnd);
      if (end > 0 && !reachesPast(out, i, end)) {
        double score = SCORE;
        List<NameModel.Name> kept = new ArrayList<>(out.size() + 1);
        for (NameModel.Name m : out) {
          if (m.start() < end && i < m.end()) {
            score = m.entity().equals("PERSON") ? Math.max(score, m.probability()) : score;
          } else {
            kept.add(m);
          }
        }
        kept.add(new NameModel.Name("PERSON", i, end, score));
        out = kept;
      }
      i = Math.max(familyEnd, end);
    }
    return out;
  }

  /**
   * False when the capitalised word at {@code start} is no listed family name written first,
   * without running {@link NameWords#WORD}: its upper-case letter and the lower-case letters and
   * marks after it are no such name, and no apostrophe, dash or surrogate follows them (through which
   * a match of {@link NameWords#WORD} could reach further).
   */
  private static boolean mayStartFamilyName(String text, int start) {
    int end = start + 1;
    while (end < text.length() && isLowerCaseOrMark(text.charAt(end))) {
      end++;
    }
    if (end < text.length() && ("'’-".indexOf(text.charAt(end)) >= 0
        || Character.isSurrogate(text.charAt(end)))) {
      return true;
    }
    return end > start + 1 && FAMILY_FIRST.contains(text, start, end, NameWords::key);
  }

  /**
   * False when no match of {@link NameWords#WORD} may start at the capital at {@code at}: the next
   * char is no lower-case letter, mark or surrogate ("GPL", "A").
   */
  private static boolean mayStartWord(String text, int at) {
    return at + 1 < text.length() && (isLowerCaseOrMark(text.charAt(at + 1))
        || Character.isSurrogate(text.charAt(at + 1)));
  }

  /** Whether {@code c} is in {@code [\p{Ll}\p{M}]}. */
  private static boolean isLowerCaseOrMark(char c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z';
    }
    int type = Character.getType(c);
    return type == Character.LOWERCASE_LETTER || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** The end of the one to three given names after the space at {@code at}, or 0. */
  private static int givenNamesAfter(String text, int at) {
    int taken = 0;
    boolean afterMiddle = false;
    Matcher word = WORD.matcher(text).useTransparentBounds(true);
    for (int words = 0; words < 3 && at + 1 < text.length() && text.charAt(at) == ' '; words++) {
      if (!word.region(at + 1, text.length()).lookingAt()) {
        break;
      }
      String w = text.substring(at + 1, word.end());
      String key = key(w);
      boolean middle = MIDDLE_NAMES.contains(key);
      if (!middle && !afterMiddle && (NameModel.COMMON.contains(w.toLowerCase(Locale.ROOT))
          || PLACE_WORDS.contains(key) || GazetteerRecognizer.HONORIFICS.contains(key))) {
        break;
      }
      at = word.end();
      afterMiddle = middle;
      taken = at;
    }
    return taken;
  }

  /** Whether one of {@code names} overlaps the span and reaches outside it. */
  private static boolean reachesPast(List<NameModel.Name> names, int start, int end) {
    for (NameModel.Name m : names) {
      if (m.start() < end && start < m.end() && (m.start() < start || m.end() > end)) {
        return true;
      }
    }
    return false;
  }

  /** The people these rules find in {@code text} that overlap none of the model's {@code names}. */
  static List<NameModel.Name> people(String text, List<NameModel.Name> names) {
    List<NameModel.Name> found = new ArrayList<>();
    List<int[]> words = new ArrayList<>();
    Matcher introduced = INTRODUCED.matcher(text);
    Matcher word = WORD.matcher(text).useTransparentBounds(true);
    int n = text.length();
    int wordEnd = 0;
    // One pass; the patterns are tried only where a word starts: a search from every position
    // costs more than all the rest.
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!AsciiChars.isLetter(c) || i > 0 && AsciiChars.isLetter(text.charAt(i - 1))) {
        continue;
      }
      if ((AsciiChars.startsWithIgnoreCase(text, i, "name")
              || AsciiChars.startsWithIgnoreCase(text, i, "call"))
          && introduced.region(i, n).lookingAt() && areNameWords(introduced.group(1))) {
        add(found, names, text, introduced.start(1), introduced.end(1));
      }
      if (i >= wordEnd && Character.isUpperCase(c) && mayStartWord(text, i)
          && word.region(i, n).lookingAt()) {
        words.add(new int[] {i, word.end()});
        wordEnd = word.end();
      }
    }
    for (int born = text.indexOf("born"); born >= 0; born = text.indexOf("born", born + 4)) {
      Matcher subject = BEFORE_BORN.matcher(text).region(Math.max(0, born - 120), born);
      if (subject.find() && areNameWords(subject.group(1))) {
        add(found, names, text, subject.start(1), subject.end(1));
      }
    }
    for (int[] title : words) {
      boolean dot = title[1] < n && text.charAt(title[1]) == '.';
      String honorific = key(text.substring(title[0], title[1]));
      if (GazetteerRecognizer.HONORIFICS.contains(honorific) && (dot
          || !STREET_TITLES.contains(honorific) || !isAfterCapitalisedWord(text, title[0]))) {
        int space = dot ? title[1] + 1 : title[1];
        int end = nameAfter(text, space);
        if (end > 0 && !isPlace(text, space + 1, end)) {
          found.add(new NameModel.Name("PERSON", space + 1, end, SCORE));
        }
      }
    }
    for (int[] name : words) {
      int role = roleBefore(text, name[0]);
      for (int at = name[0] - 1; role != 0 && at > 0; ) {
        int end = nameAfter(text, at, After.ROLE);
        if (end == 0) {
          break;
        }
        // A role outweighs the model's organisation (not reported), not its place.
        if (!isPlace(text, at + 1, end) && !held(names, at + 1, end)
            && !GROUPS.contains(key(text.substring(at + 1, end)))
            && !found.contains(new NameModel.Name("PERSON", at + 1, end, SCORE))) {
          found.add(new NameModel.Name("PERSON", at + 1, end, SCORE));
        }
        at = role == ROLE_LIST ? itemAfter(text, end) - 1 : -1;
      }
    }
    for (int[] given : words) {
      String first = text.substring(given[0], given[1]);
      // Before particles and a name word, a given name that is a common word starts a name at a
      // sentence's start too ("Maria de las Mercedes Perez called"), and an organisation the
      // model reads in the words after the particles ("Mercedes Perez", not reported) is none.
      if (isGivenName(first) && NAME_WORD.matcher(first).matches() && !isTitleOrPlaceWord(first)) {
        int end = particleEnd(text, given[0], given[1], names);
        if (end > given[1]) {
          add(found, names.stream().filter(m -> !m.entity().equals("ORGANIZATION")).toList(),
              text, given[0], end);
        }
      }
    }
    for (int i = 0; i < words.size(); i++) {
      int[] lone = words.get(i);
      if (!isOnlyAName(text, lone[0], lone[1]) || joined(text, words, i, i + 1)
          || isPartOfAPerson(text, names, lone[0], lone[1])) {
        continue;
      }
      int start = lone[0];
      if (joined(text, words, i - 1, i)) {
        // A capitalised common word before it starts the sentence ("Then Tomasz escalated") or,
        // mid-sentence, is a given name that is also a word ("Chick Corea"), unless it is a
        // title's or a place's ("the River Mersey").
        String before = text.substring(words.get(i - 1)[0], words.get(i - 1)[1]);
        if (!NameModel.COMMON.contains(before.toLowerCase(Locale.ROOT))) {
          continue;
        }
        if (!startsSentence(text, words.get(i - 1)[0])) {
          if (isTitleOrPlaceWord(before)) {
            continue;
          }
          start = words.get(i - 1)[0];
        }
      }
      add(found, names, text, start, lone[1]);
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      int[] given = words.get(i);
      int[] surname = words.get(i + 1);
      if (surname[0] == given[1] + 1 && text.charAt(given[1]) == ' '
          && !GazetteerRecognizer.HONORIFICS.contains(key(text.substring(given[0], given[1])))
          && !joined(text, words, i - 1, i) && !joined(text, words, i + 1, i + 2)
          && (isUnlistedGivenName(text.substring(given[0], given[1]))
              && isSurname(text.substring(surname[0], surname[1]))
              || isGivenName(text.substring(given[0], given[1]))
              && (!startsSentence(text, given[0]) || !NameModel.COMMON.contains(
                  text.substring(given[0], given[1]).toLowerCase(Locale.ROOT)))
              && isUnlistedGivenName(text.substring(surname[0], surname[1])))
          && !PLACE_WORDS.contains(key(text.substring(surname[0], surname[1])))) {
        add(found, names, text, given[0], surname[1]);
      }
    }
    for (int[] name : NameIdentifiers.names(text)) {
      add(found, names, text, name[0], name[1]);
    }
    colleagues(text, names, found);
    return found;
  }

  /**
   * Adds to {@code found} the given names in lower case that a workplace shows to be people's:
   * before "from", "in" or "on", "the" allowed, and a department or a word and "team" ("sarah
   * from legal", "priya on the payments team"), or after "ping", "ask", "cc" or "tell" ("ping
   * priya"). A given name that is also a common word needs both ("ping mike in accounting";
   * "mark from the list", "will in accounting", "may from the team" stay).
   */
  private static void colleagues(String text, List<NameModel.Name> names,
      List<NameModel.Name> found) {
    for (String at : AT_WORK) {
      for (int i = text.indexOf(at); i > 0; i = text.indexOf(at, i + 1)) {
        int start = i;
        while (start > 0 && AsciiChars.isLetter(text.charAt(start - 1))) {
          start--;
        }
        if (start < i && isDepartmentAt(text, i + at.length())) {
          colleague(text, names, found, start, i, true);
        }
      }
    }
    for (int i = 0; i < text.length(); i++) {
      if ("pactPACT".indexOf(text.charAt(i)) < 0
          || i > 0 && Character.isLetter(text.charAt(i - 1))) {
        continue;
      }
      for (String ping : PINGS) {
        if (AsciiChars.startsWithIgnoreCase(text, i, ping)) {
          int start = i + ping.length();
          int end = start;
          while (end < text.length() && AsciiChars.isLetter(text.charAt(end))) {
            end++;
          }
          if (end > start) {
            colleague(text, names, found, start, end, false);
          }
        }
      }
    }
  }

  /**
   * Adds the lower-case word {@code text[start, end)} to {@code found} as a person when it is a
   * given name: one that is no common word, or one that is when a department follows it
   * ({@code atWork}) and a verb of {@link #PINGS} comes before it.
   */
  private static void colleague(String text, List<NameModel.Name> names,
      List<NameModel.Name> found, int start, int end, boolean atWork) {
    String word = text.substring(start, end);
    if (!word.equals(word.toLowerCase(Locale.ROOT)) || start > 0
        && NameWords.joinsWord(text.charAt(start - 1)) || end < text.length()
        && (NameWords.joinsWord(text.charAt(end)) || text.charAt(end) == '.'
            && end + 1 < text.length() && Character.isLetter(text.charAt(end + 1)))
        || !isGivenName(word)) {
      return;
    }
    boolean common = NameModel.COMMON.contains(word);
    if (!common || atWork && isPingedAt(text, start)) {
      add(found, names, text, start, end);
    }
  }

  /** Whether a verb of {@link #PINGS} ends right before {@code start}. */
  private static boolean isPingedAt(String text, int start) {
    for (String ping : PINGS) {
      int at = start - ping.length();
      if (at >= 0 && AsciiChars.startsWithIgnoreCase(text, at, ping)
          && (at == 0 || !Character.isLetter(text.charAt(at - 1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a department starts at {@code at}, "the" before it allowed: a word of
   * {@link NameCues#DEPARTMENTS}, or a lower-case word and "team" ("the payments team").
   */
  private static boolean isDepartmentAt(String text, int at) {
    int start = text.startsWith("the ", at) ? at + 4 : at;
    int end = start;
    while (end < text.length() && AsciiChars.isLetter(text.charAt(end))) {
      end++;
    }
    String word = text.substring(start, end);
    return end > start && (end == text.length() || !NameWords.joinsWord(text.charAt(end)))
        && word.equals(word.toLowerCase(Locale.ROOT))
        && (NameCues.DEPARTMENTS.contains(word) || text.startsWith(" team", end));
  }

  /**
   * {@code names} with the items of a list of people that no name covers: capitalised name
   * words between two people of the list ("Kanye West, P. Diddy, Cameron Diaz") or last after
   * two ("Harlan Ellison, David Brin and Spider"), parted by commas, "and" or "&". A place's
   * name, a group's word and words that overlap another person or a place the model believes in
   * are no such item; the model's organisation (not reported) does not stop one.
   */
  static List<NameModel.Name> listed(String text, List<NameModel.Name> names) {
    List<NameModel.Name> people = names.stream().filter(n -> n.entity().equals("PERSON"))
        .sorted(java.util.Comparator.comparingInt(NameModel.Name::start)).toList();
    if (people.size() < 2) {
      return names;
    }
    List<NameModel.Name> out = new ArrayList<>(names);
    for (int p = 0; p < people.size(); p++) {
      NameModel.Name person = people.get(p);
      int start = itemAfter(text, person.end());
      if (start == 0 || startsPerson(people, start)) {
        continue;
      }
      int end = nameAfter(text, start - 1, After.LIST);
      if (end == 0 || overlapsPerson(out, start, end) || held(out, start, end)
          || isPlace(text, start, end)
          || PLACES.contains(key(text.substring(start, end)))
          || GROUPS.contains(key(text.substring(start, end)))) {
        continue;
      }
      int next = itemAfter(text, end);
      boolean between = next > 0 && startsPerson(people, next);
      boolean last = next == 0 && p > 0 && itemAfter(text, people.get(p - 1).end())
          == person.start() && !isCapitalisedWordAt(text, end);
      if (between || last) {
        out.add(new NameModel.Name("PERSON", start, end, SCORE));
      }
    }
    return out;
  }

  private static boolean startsPerson(List<NameModel.Name> people, int at) {
    for (NameModel.Name n : people) {
      if (n.start() == at) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlapsPerson(List<NameModel.Name> names, int start, int end) {
    for (NameModel.Name n : names) {
      if (n.entity().equals("PERSON") && n.start() < end && start < n.end()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The end of the name that starts after the space at {@code at} (right after a title):
   * capitalised words that are no common word or a listed first name, not before a number
   * ("Apt. 117", "Suite 541"), and the particles between them; 0 if none.
   */
  private static int nameAfter(String text, int at) {
    return nameAfter(text, at, After.TITLE);
  }

  /** What a name follows, which says how far its words may be common ones. */
  private enum After {
    /** A title: a common word is no name unless a listed first name ("Sr. Customer"). */
    TITLE,
    /** A role: a census or lexicon first name, and any surname last ("founder Elon Musk"). */
    ROLE,
    /** Another item of a list of people: any capitalised words and initials ("P. Diddy"). */
    LIST
  }

  /** {@link #nameAfter(String, int)} after a title, a role or in a list of people. */
  private static int nameAfter(String text, int at, After after) {
    boolean listed = after == After.LIST;
    int taken = 0;
    for (int words = 0; words < MAX_WORDS && at < text.length() && text.charAt(at) == ' ';
        words++) {
      Matcher m = NAME_WORD.matcher(text).region(at + 1, text.length());
      int end = text.length();
      for (int i = at + 1; i < text.length(); i++) {
        if (!Character.isLetter(text.charAt(i)) && text.charAt(i) != '-'
            && text.charAt(i) != '\'' && text.charAt(i) != '’'
            && Character.getType(text.charAt(i)) != Character.NON_SPACING_MARK) {
          end = i;
          break;
        }
      }
      String word = text.substring(at + 1, end);
      if (listed && end == at + 2 && end < text.length() && text.charAt(end) == '.'
          && Character.isUpperCase(text.charAt(at + 1))) {
        at = end + 1; // an initial: its dot stays out unless a name word follows
        continue;
      }
      if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
          || text.charAt(end) == '@')) {
        break;
      }
      if (PARTICLES.contains(word) && taken > 0) {
        at = end;
      } else if (m.lookingAt() && m.end() == end && !beforeNumber(text, end)
          && (listed || !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
              || FIRST_NAMES.contains(key(word)) || taken > 0 && isLastSurname(text, word, end)
              || after == After.ROLE && (isGivenName(word) || taken > 0
                  && !PLACE_WORDS.contains(key(word)) && (!isCapitalisedWordAt(text, end)
                      || text.startsWith(" Jr", end) || text.startsWith(" Sr", end))))
          && !GazetteerRecognizer.HONORIFICS.contains(key(word))) {
        at = end;
        taken = end;
      } else {
        break;
      }
    }
    return taken;
  }

  /** Whether a PERSON of {@code names} holds the word {@code text[start, end)}: name memory's. */
  private static boolean isPartOfAPerson(String text, List<NameModel.Name> names, int start,
      int end) {
    String word = text.substring(start, end);
    for (NameModel.Name n : names) {
      if (n.entity().equals("PERSON") && n.end() - n.start() > word.length()
          && Arrays.asList(text.substring(n.start(), n.end()).split(" ")).contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a capitalised word and one space lie right before {@code at}. */
  static boolean isAfterCapitalisedWord(String text, int at) {
    int i = at - 2;
    while (i >= 0 && Character.isLetter(text.charAt(i))) {
      i--;
    }
    return at >= 2 && text.charAt(at - 1) == ' ' && i + 1 < at - 1
        && Character.isUpperCase(text.charAt(i + 1));
  }

  /**
   * Whether {@code word}, ending at {@code end}, is a surname that ends a name: no place's or
   * institution's word, no capitalised word after it ("Jane Roe", not "Garrigan High School").
   */
  private static boolean isLastSurname(String text, String word, int end) {
    return isSurname(word) && !PLACE_WORDS.contains(key(word))
        && !(end + 1 < text.length() && text.charAt(end) == ' '
            && Character.isUpperCase(text.charAt(end + 1)));
  }

  /** Whether a number follows the word that ends at {@code end}, after an optional dot. */
  private static boolean beforeNumber(String text, int end) {
    int i = end < text.length() && text.charAt(end) == '.' ? end + 1 : end;
    return i + 1 < text.length() && text.charAt(i) == ' ' && Character.isDigit(text.charAt(i + 1));
  }

  /**
   * Whether a place among {@code names} overlaps the span: one the model believes in and that is
   * reported (a place at 0.09 or an organisation, which is off by default, does not stop "María
   * de los Ángeles García" or "María de las Mercedes Pérez": their words would stay in place).
   */
  static boolean held(List<NameModel.Name> names, int start, int end) {
    for (NameModel.Name n : names) {
      if (n.entity().equals("LOCATION") && n.probability() >= HELD && n.start() < end
          && start < n.end()) {
        return true;
      }
    }
    return false;
  }

  private static void add(List<NameModel.Name> found, List<NameModel.Name> names, String text,
      int start, int end) {
    for (List<NameModel.Name> list : List.of(names, found)) {
      for (NameModel.Name n : list) {
        // A person the model is less sure of than the rule does not stop it ("Thet Ko", 0.49).
        boolean weaker = n.entity().equals("PERSON")
            && (n.probability() < SCORE || start <= n.start() && n.end() <= end);
        if (n.start() < end && start < n.end() && !weaker) {
          return;
        }
      }
    }
    // Words like a person's that name a place are still found, as one.
    found.add(new NameModel.Name(isPlace(text, start, end) ? "LOCATION" : "PERSON", start, end,
        SCORE));
  }

  /** Whether words {@code a} and {@code b} exist and only one space separates them. */
  private static boolean joined(String text, List<int[]> words, int a, int b) {
    return a >= 0 && b < words.size() && words.get(b)[0] == words.get(a)[1] + 1
        && text.charAt(words.get(a)[1]) == ' ';
  }
}
