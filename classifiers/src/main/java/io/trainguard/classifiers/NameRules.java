package io.trainguard.classifiers;

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
 * name and a surname written as one identifier ("jane_roe", "JANE.ROE"). A person
 * also takes in the given names and particles right before it ({@link #widened}). A part of a
 * name mentioned alone elsewhere is {@link NameMemory}'s.
 */
final class NameRules {

  private static final double SCORE = NameModel.GREETED_NAME_PROBABILITY;
  /** The least probability of a place that a person's span stops at. */
  private static final double HELD = 0.5;
  private static final String CAPITALISED = "\\p{Lu}[\\p{Ll}\\p{M}]+(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+)?";
  /** One capitalised word on its own: no letter, digit or e-mail/URL character on either side. */
  private static final Pattern WORD = Pattern.compile(
      "(?<![\\p{L}\\p{M}\\p{N}@._/-])" + CAPITALISED + "(?![\\p{L}\\p{M}\\p{N}@]|[._-][\\p{L}\\p{N}])");
  /** Up to three capitalised words after "name is", "name's", "call me". */
  private static final Pattern INTRODUCED = Pattern.compile(
      "(?i:name is|name's|call me)[ ,:]+(" + CAPITALISED + "(?: " + CAPITALISED
          + "){0,2})(?![\\p{L}\\p{M}\\p{N}@])");
  /** Up to four capitalised words that end where a "(born" follows: a biography's subject. */
  private static final Pattern BEFORE_BORN = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])("
      + CAPITALISED + "(?: " + CAPITALISED + "){0,3}) ?\\( ?$");
  /** A nickname in quotes: one to three words that start with a capital ("Junior", "DaHv"). */
  private static final String NICKNAME =
      " [\"“‘'] ?\\p{Lu}[\\p{L}\\p{M}.'’-]*(?: \\p{Lu}[\\p{L}\\p{M}.'’-]*){0,2} ?[\"”’'] ";
  /** A nickname and a name word after a person: "Harold" + " \"Junior\" Theriault". */
  private static final Pattern NICKNAME_AFTER =
      Pattern.compile(NICKNAME + "(" + CAPITALISED + ")(?![\\p{L}\\p{M}\\p{N}@])");
  /** A name word and a nickname before a person: "Dahvin \"DaHv\" " + "Daniels". */
  private static final Pattern NICKNAME_BEFORE = Pattern.compile(
      "(?<![\\p{L}\\p{M}\\p{N}@])(" + CAPITALISED + ")" + NICKNAME + "$");
  /** Lower-case words between the parts of a name ("da", "van der", "bin", "de la"). */
  static final Set<String> PARTICLES = Set.of("da", "de", "do", "dos", "das", "di", "del",
      "della", "dei", "degli", "dal", "dalla", "van", "der", "den", "ten", "ter", "'t", "von",
      "vom", "zu", "zur", "af", "av", "la", "le", "los", "las", "du", "des", "bin", "ben",
      "binti", "binte", "bint", "ibn", "al", "el", "ap", "mac", "y");
  /** Titles that also abbreviate a kind of street, which its name comes before ("Cheriton Dr"). */
  private static final Set<String> STREET_TITLES = Set.of("dr");
  /** Words that start the names of streets and places before a given name ("Rua Ana"). */
  private static final Set<String> STREET_WORDS = Set.of("rua", "avenida", "av", "avda", "calle",
      "carrera", "rue", "via", "viale", "piazza", "praça", "praca", "largo", "travessa", "alameda");
  /**
   * Nouns of a person's occupation, office or relation, after which name words are a person
   * ("guitarist Jimmy Page", "her daughter Stanisława"); none that also names a thing or a
   * program ("player", "driver", "host", "agent", "user", "partner", "owner", "designer").
   */
  static final Set<String> ROLES = Set.of("guitarist", "bassist", "drummer", "percussionist",
      "pianist", "keyboardist", "organist", "violinist", "cellist", "saxophonist", "trumpeter",
      "vocalist", "singer", "songwriter", "rapper", "composer", "conductor", "producer",
      "director", "actor", "actress", "comedian", "humorist", "writer", "author", "novelist",
      "poet", "playwright", "screenwriter", "journalist", "reporter", "columnist", "editor",
      "photographer", "painter", "sculptor", "artist", "architect", "scientist", "physicist",
      "chemist", "biologist", "mathematician", "economist", "historian", "philosopher",
      "lecturer", "teacher", "lawyer", "attorney", "barrister", "solicitor", "physician",
      "surgeon", "dentist", "psychologist", "psychiatrist", "therapist", "pharmacist", "manager",
      "trainer", "striker", "midfielder", "goalkeeper", "quarterback", "wrestler", "boxer",
      "cyclist", "jockey", "founder", "co-founder", "cofounder", "chairman", "chairwoman",
      "spokesman", "spokeswoman", "spokesperson", "congressman", "congresswoman", "minister",
      "premier", "mayor", "councillor", "councilor", "ambassador", "politician", "activist",
      "entrepreneur", "businessman", "businesswoman", "banker", "priest", "pastor", "monk", "nun",
      "brother", "sister", "son", "daughter", "father", "mother", "wife", "husband",
      "grandfather", "grandmother", "grandson", "granddaughter", "cousin", "nephew", "niece",
      "stepfather", "stepmother", "stepson", "stepdaughter", "fiancé", "fiancée", "fiance",
      "fiancee", "girlfriend", "boyfriend", "colleague", "teammate", "bandmate", "classmate",
      "roommate", "neighbour", "neighbor", "customer", "client", "patient", "tenant", "landlord",
      "landlady", "technician", "receptionist", "assistant", "supervisor", "waiter", "waitress",
      "countryman", "countrywoman", "compatriot", "colonel", "lieutenant", "sergeant",
      "commander", "general", "major", "brigadier", "marshal", "corporal", "captain", "coach",
      "professor", "detective", "inspector", "judge", "bishop", "president", "senator", "governor", "king", "queen", "prince", "princess", "emperor",
      "empress", "uncle", "aunt", "employee", "student", "intern", "trainee", "applicant",
      "candidate", "contractor", "volunteer", "resident", "passenger");
  /**
   * Field labels other than {@link #ROLES} whose value after a colon is a person's name
   * ("Employee: Summer Rain", "From: Summer Rain").
   */
  private static final Set<String> PERSON_FIELDS = Set.of("name", "employee", "applicant",
      "holder", "attn", "recipient", "sender", "guest", "caller", "requester", "person", "from",
      "to", "cc", "bcc");
  /** Roles that are adjectives too, roles only when capitalised ("General", not "a major"). */
  static final Set<String> RANKS = Set.of("general", "major", "brigadier", "marshal",
      "corporal");
  /**
   * Relations that chat and review text writes, which also name things or are informal, so are
   * no {@link #ROLES}: they only keep a name the model found ("my mom Linda").
   */
  private static final Set<String> RELATIONS = Set.of("mom", "mum", "mommy", "mummy", "dad",
      "daddy", "grandma", "grandpa", "granny", "nana", "friend", "bff", "boss", "partner",
      "coworker", "co-worker", "kid", "baby", "buddy", "mate", "pal", "child", "stepmom",
      "stepdad", "hubby", "fiancé", "fiancée");

  /** The plurals of {@link #ROLES}, which may start a list of people ("guitarists such as"). */
  static final Set<String> ROLE_PLURALS = plurals(ROLES);
  /** What {@link #roleBefore} finds: a role before one name, or before a list of names. */
  private static final int ROLE_ONE = 1;
  private static final int ROLE_LIST = 2;
  /** What a place's name takes to say someone is from there ("Minnesota" + "n"). */
  private static final List<String> DEMONYM_ENDINGS = List.of("n", "an", "ian", "er");
  /** The numbers after a name ("Glenn A. Profitt II"), the longer first. */
  private static final List<String> NUMERALS = List.of(" III", " II", " IV");
  /** The most words a name takes in before its first one or after a title. */
  private static final int MAX_WORDS = 5;
  private static final Pattern NAME_WORD = Pattern.compile(CAPITALISED);
  private static final Set<String> PLACES = GazetteerRecognizer.load("places.txt");
  private static final Set<String> GROUPS = GazetteerRecognizer.load("nrp.txt");
  /** Months and weekdays in English, and their abbreviations: no dictionary holds them. */
  private static final Set<String> CALENDAR_WORDS = calendarWords();
  private static final Set<String> FIRST_NAMES = GazetteerRecognizer.load("first-names.txt");
  private static final Set<String> SURNAMES = GazetteerRecognizer.load("last-names.txt");
  /**
   * Words that end the names of places, institutions and ensembles when they follow a capitalised
   * word ("Carnegie Hall", "Sioux City", "Nikki Beach", "Jimmy Manopo Band").
   */
  static final Set<String> PLACE_WORDS = placeWords();
  /** Chinese, Japanese and Vietnamese family names, written before the given name. */
  private static final LowerCaseWords FAMILY_FIRST = new LowerCaseWords(GazetteerRecognizer.load(
      "family-names-first.txt"));
  /** Vietnamese middle names ("Văn", "Thị"), after which any capitalised word is a given name. */
  private static final Set<String> MIDDLE_NAMES = Set.of("van", "thi", "duc", "huu", "ngoc",
      "minh", "thanh", "quoc", "xuan", "kim");
  /** Abbreviations in programs' identifiers that are also given names or surnames ("max_len"). */
  private static final Set<String> CODE_WORDS = Set.of("len", "val", "min", "mac", "del", "lang",
      "ver", "nan", "dir", "dev", "ret", "sys", "ast");
  /** The census surnames by rank that are frequent ones. */
  private static final int FREQUENT_SURNAMES = 5000;
  /** Words before a name that ends an identifier ("assigned_to_jane_roe", "owner_jane_roe"). */
  private static final Set<String> BEFORE_NAME = Set.of("to", "by", "from", "for", "with", "cc",
      "owner", "user", "author", "assignee", "reviewer", "contact", "approver", "requester");
  /** Files' extensions, which a dot may add to an identifier ("jane.roe.csv"). */
  private static final Set<String> EXTENSIONS = Set.of("csv", "tsv", "txt", "json", "jsonl",
      "xml", "html", "htm", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "rtf",
      "eml", "msg", "md", "log", "png", "jpg", "jpeg", "gif", "zip", "gz", "parquet", "avro",
      "orc", "yaml", "yml", "exe", "py", "js", "java", "sh");

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
   * without running {@link #WORD}: its upper-case letter and the lower-case letters and marks
   * after it are no such name, and no apostrophe, dash or surrogate follows them (through which
   * a match of {@link #WORD} could reach further).
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
    return end > start + 1 && FAMILY_FIRST.contains(text, start, end, NameRules::key);
  }

  /**
   * False when no match of {@link #WORD} may start at the capital at {@code at}: the next char
   * is no lower-case letter, mark or surrogate ("GPL", "A").
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
      // A capitalised common word before it starts the sentence ("Then Tomasz escalated").
      if (isOnlyAName(text, lone[0], lone[1]) && !joined(text, words, i, i + 1)
          && (!joined(text, words, i - 1, i) || NameModel.COMMON.contains(
              text.substring(words.get(i - 1)[0], words.get(i - 1)[1]).toLowerCase(Locale.ROOT)))
          && !isPartOfAPerson(text, names, lone[0], lone[1])) {
        add(found, names, text, lone[0], lone[1]);
      }
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
    // An identifier holds a joiner between two letters or digits: look only around those.
    for (int i = 1; i + 1 < n; i++) {
      if (isJoiner(text.charAt(i)) && Character.isLetterOrDigit(text.charAt(i - 1))
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        int end = tokenEnd(text, i);
        int[] name = identifierName(text, tokenStart(text, i - 1), end);
        if (name != null) {
          add(found, names, text, name[0], name[1]);
        }
        i = end;
      }
    }
    return found;
  }

  /** Whether {@code c} joins an identifier's parts ({@link #identifierName}): _ . - */
  private static boolean isJoiner(char c) {
    return c == '_' || c == '.' || c == '-';
  }

  /**
   * The start of the run of letters, digits and inner joiners that holds the letter or
   * digit at {@code at}: where {@link #tokenEnd} starts it.
   */
  private static int tokenStart(String text, int at) {
    int start = at;
    while (start > 0) {
      if (Character.isLetterOrDigit(text.charAt(start - 1))) {
        start--;
      } else if (start > 1 && isJoiner(text.charAt(start - 1))
          && Character.isLetterOrDigit(text.charAt(start - 2))) {
        start -= 2;
      } else {
        break;
      }
    }
    return start;
  }

  /** The end of the run of letters, digits and inner joiners from {@code start}. */
  private static int tokenEnd(String text, int start) {
    int end = start;
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
        || isJoiner(text.charAt(end)) && end + 1 < text.length()
        && Character.isLetterOrDigit(text.charAt(end + 1)))) {
      end++;
    }
    return end;
  }

  /**
   * A given name and a surname written as one identifier, {@code text[start, end)}, in one case
   * ({@link #isNamePair}): the pair alone ("jane_roe", "JANE_ROE", "jane.roe2", "Jane.Roe",
   * "wei_li", "kowalski_anna"), or the whole identifier when the pair ends it after a word such
   * as "to", "by" or a role ("assigned_to_jane_roe") or starts it before one word
   * ("jane_roe_notes"); a file's extension is left out
   * ("jane.roe.csv"); null if there is none, or the identifier lies in an e-mail address, URL or
   * handle. A capitalised name with a dash is the model's ("Mary-Kate", not "Mercedes-Benz").
   */
  private static int[] identifierName(String text, int start, int end) {
    char before = start > 0 ? text.charAt(start - 1) : ' ';
    char after = end < text.length() ? text.charAt(end) : ' ';
    if (end - start < 5 || before == '@' || before == '#' || after == '@' || NameText.isAddress(
        text, NameText.chunkStart(text, start), NameText.chunkEnd(text, end))) {
      return null;
    }
    // Each part: its start, the end of its letters and its end; digits may follow the letters,
    // and a part with letters after digits is no word (its letters end where it starts).
    List<int[]> parts = new ArrayList<>();
    for (int at = start; at < end; ) {
      int letters = at;
      while (letters < end && Character.isLetter(text.charAt(letters))) {
        letters++;
      }
      int partEnd = letters;
      while (partEnd < end && Character.isDigit(text.charAt(partEnd))) {
        partEnd++;
      }
      while (partEnd < end && Character.isLetterOrDigit(text.charAt(partEnd))) {
        partEnd++;
        letters = at;
      }
      parts.add(new int[] {at, letters, partEnd});
      at = partEnd + 1;
    }
    int[] last = parts.get(parts.size() - 1);
    if (text.charAt(last[0] - 1) == '.'
        && EXTENSIONS.contains(text.substring(last[0], last[2]).toLowerCase(Locale.ROOT))) {
      parts.remove(parts.size() - 1);
    }
    int pairs = parts.size() - 1;
    for (int i = 0; i < pairs; i++) {
      int[] first = parts.get(i);
      int[] second = parts.get(i + 1);
      // Digits only after the identifier's last word ("jane_roe2", not "jane2_roe").
      if (first[1] == first[2] && first[1] > first[0] && second[1] > second[0]
          && (second[1] == second[2] || i + 1 == pairs) && (pairs == 1 || i + 1 == pairs
              && isBeforeName(text.substring(parts.get(i - 1)[0], parts.get(i - 1)[2]))
              || i == 0 && pairs == 2 && isWordAfterName(text, parts.get(2)))
          && isNamePair(text.substring(first[0], first[1]), text.charAt(first[2]),
              text.substring(second[0], second[1]), pairs == 1)) {
        return new int[] {start, parts.get(pairs)[2]};
      }
    }
    return null;
  }

  /**
   * Whether identifier part {@code part} (start, letters' end, end) may follow a name in it: a
   * dictionary word of three letters or more ("notes"), not a type's suffix ("darwin_clock_t").
   */
  private static boolean isWordAfterName(String text, int[] part) {
    return part[1] == part[2] && part[2] - part[0] >= 3
        && NameModel.COMMON.contains(text.substring(part[0], part[2]).toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code a}, joined by {@code joiner} to {@code b}, is a given name and a surname, in
   * one case, no place, group or abbreviation. Both common words only when the given name is a
   * listed one and both are parts of famous people's names, the surname a frequent census one
   * ("john_smith"; "mark_read", "rose_gold", "max_key", "bill_date" stay). The given name is no
   * common word when another word comes before or after the pair ({@code alone} false). The
   * surname first
   * only alone, neither a common word, the given name a listed one and the surname a frequent
   * census one or a two-letter family name ("kowalski_anna", "li_wei"; "self_nan", "res_powell"
   * stay).
   */
  private static boolean isNamePair(String a, char joiner, String b, boolean alone) {
    boolean oneCase = a.equals(a.toLowerCase(Locale.ROOT)) && b.equals(b.toLowerCase(Locale.ROOT))
        || a.equals(a.toUpperCase(Locale.ROOT)) && b.equals(b.toUpperCase(Locale.ROOT))
        || joiner != '-' && NAME_WORD.matcher(a).matches() && NAME_WORD.matcher(b).matches();
    boolean commonA = NameModel.COMMON.contains(a.toLowerCase(Locale.ROOT));
    boolean commonB = NameModel.COMMON.contains(b.toLowerCase(Locale.ROOT));
    if (!oneCase || a.length() < 2 || b.length() < 2 || isPlaceGroupOrCode(a)
        || isPlaceGroupOrCode(b) || PLACES.contains(key(a + " " + b))
        || commonA && commonB && !(FIRST_NAMES.contains(key(a)) && isFamous(a) && isFamous(b)
            && isFrequentSurname(b))) {
      return false;
    }
    return isGivenAndSurname(a, b) && (alone || !commonA)
        || alone && !commonA && !commonB && FIRST_NAMES.contains(key(b))
        && (isFrequentSurname(a) || a.length() == 2) && isGivenAndSurname(b, a);
  }

  /**
   * Whether {@code given} is a listed or census given name of three letters or more and {@code
   * surname} a listed or census surname, or a two-letter family name after a listed given name
   * ("wei_li"); or {@code given} a part of people's names only the lexicon knows, of five letters
   * or more, before a census surname of four or more that is no common word ("tamsin_pryce").
   */
  private static boolean isGivenAndSurname(String given, String surname) {
    String g = key(given);
    boolean listed = FIRST_NAMES.contains(g) || NameFeatures.Generator.CENSUS_FIRST.contains(g);
    if (given.length() < 3 || surname.length() < 2
        || surname.length() == 2
        && !(FIRST_NAMES.contains(g) && FAMILY_FIRST.contains(key(surname)))) {
      return false;
    }
    if (listed) {
      return isSurname(surname);
    }
    // A part of people's names the lexicon alone knows, and no surname or famous name itself;
    // shorter words are mostly abbreviations ("tol_brent", "auth_arn").
    return given.length() >= 5 && surname.length() >= 4 && "name".equals(NameLexicon.kinds(g))
        && isUnlistedGivenName(given)
        && !NameFeatures.Generator.CENSUS_LAST.containsKey(g)
        && NameFeatures.Generator.CENSUS_LAST.containsKey(key(surname))
        && !NameModel.COMMON.contains(surname.toLowerCase(Locale.ROOT));
  }

  private static boolean isFrequentSurname(String word) {
    return NameFeatures.Generator.CENSUS_LAST.getOrDefault(key(word), Integer.MAX_VALUE)
        <= FREQUENT_SURNAMES;
  }

  /** Whether {@code word} is part of famous people's names in the lexicon ("john", "gates"). */
  private static boolean isFamous(String word) {
    String kinds = NameLexicon.kinds(key(word));
    return kinds != null && kinds.contains("famous");
  }

  private static boolean isBeforeName(String word) {
    String key = key(word);
    return BEFORE_NAME.contains(key) || ROLES.contains(key);
  }

  private static boolean isPlaceGroupOrCode(String word) {
    String key = key(word);
    return PLACES.contains(key) || GROUPS.contains(key) || CODE_WORDS.contains(key);
  }

  /**
   * What the words before the capitalised word at {@code at} say of it: {@link #ROLE_ONE} after
   * a role ("drummer Ann Lee") or a person's field label and a colon ("Customer: Ann Lee"),
   * {@link #ROLE_LIST} after a role's plural, alone or with "such
   * as", "including", "like" or a colon ("guitarists such as Ann Lee, Bo Chen and Tohpati");
   * else 0.
   */
  private static int roleBefore(String text, int at) {
    if (at < 2 || text.charAt(at - 1) != ' ') {
      return 0;
    }
    int end = at - 1;
    char last = text.charAt(end - 1);
    if (last < 128 && !AsciiChars.isLetter(last) && last != ':') {
      return 0;
    }
    if (last == ':') {
      end -= end >= 2 && text.charAt(end - 2) == ' ' ? 2 : 1;
      String label = key(wordBefore(text, end));
      return ROLE_PLURALS.contains(label) ? ROLE_LIST
          : ROLES.contains(label) || PERSON_FIELDS.contains(label) ? ROLE_ONE : 0;
    }
    String word = wordBefore(text, end);
    String key = key(word);
    if (ROLES.contains(key)) {
      // A capitalised title is the title rule's ("The Princess Royal" is no one).
      boolean capitalised = Character.isUpperCase(word.charAt(0));
      return GazetteerRecognizer.HONORIFICS.contains(key) && capitalised
          || RANKS.contains(key) && !capitalised ? 0 : ROLE_ONE;
    }
    if (ROLE_PLURALS.contains(key)) {
      return ROLE_LIST;
    }
    int before = end - word.length() - 1;
    if (key.equals("as") && before > 0 && text.charAt(before) == ' '
        && wordBefore(text, before).equalsIgnoreCase("such")) {
      before -= 5;
    } else if (!key.equals("including") && !key.equals("like")) {
      return 0;
    }
    return before > 0 && text.charAt(before) == ' '
        && ROLE_PLURALS.contains(key(wordBefore(text, before))) ? ROLE_LIST : 0;
  }

  /**
   * The word of letters and dashes that ends at {@code end}; empty if there is none or it is
   * part of a longer token.
   */
  private static String wordBefore(String text, int end) {
    int begin = end;
    while (begin > 0 && (Character.isLetter(text.charAt(begin - 1))
        || text.charAt(begin - 1) == '-')) {
      begin--;
    }
    return begin > 0 && joinsWord(text.charAt(begin - 1)) ? "" : text.substring(begin, end);
  }

  /**
   * Where the next item of a list starts after an item ending at {@code end}: after a comma,
   * "and", "&" or a comma and "and", with spaces around them as written ("Ann Lee, Bo Chen",
   * "Ann Lee , Bo Chen and Tohpati"), when a capitalised word starts it; else 0.
   */
  private static int itemAfter(String text, int end) {
    int i = end;
    i += i < text.length() && text.charAt(i) == ' ' && i + 1 < text.length()
        && text.charAt(i + 1) == ',' ? 1 : 0;
    boolean comma = i < text.length() && text.charAt(i) == ',';
    i += comma ? 1 : 0;
    if (text.startsWith(" and ", i)) {
      i += 4;
    } else if (text.startsWith(" & ", i)) {
      i += 2;
    } else if (!comma) {
      return 0;
    }
    return i + 1 < text.length() && text.charAt(i) == ' '
        && Character.isUpperCase(text.charAt(i + 1)) ? i + 1 : 0;
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
   * {@code names} with each person's span taken back over the given names and particles right
   * before it ("João da Silva" where the model found "Silva"), never over a title, a common word
   * that starts a sentence or a word another of {@code names} holds; and on over particles and
   * the name words after them ("María de los Ángeles García" where it found "María"), and over a
   * nickname in quotes and the name word on its other side ("Harold \"Junior\" Theriault"). The
   * words of a name are parted by one space, tab or line break.
   */
  static List<NameModel.Name> widened(String text, List<NameModel.Name> names) {
    List<NameModel.Name> out = new ArrayList<>(names.size());
    for (NameModel.Name n : names) {
      boolean person = n.entity().equals("PERSON");
      int start = person ? nicknameStart(text,
          afterDescription(text, givenStart(text, n.start(), names), n.end()), names)
          : n.start();
      int end = person ? nicknameEnd(text,
          suffixEnd(text, particleEnd(text, n.start(), n.end(), names)), names) : n.end();
      out.add(start == n.start() && end == n.end() ? n
          : new NameModel.Name(n.entity(), start, end, n.probability()));
    }
    return out;
  }

  /**
   * The end of a person's name that ends at {@code end}, taken on over the surname after an
   * initial ("Frederick H." + " Collier"), over "Jr." or "Sr." ("Andrew J. Evans" + " Jr.",
   * "Clay Tice Jr" + ".") or over "II", "III" or "IV".
   */
  private static int suffixEnd(String text, int end) {
    int n = text.length();
    if (end >= 2 && text.charAt(end - 1) == '.' && Character.isUpperCase(text.charAt(end - 2))
        && (end == 2 || !Character.isLetter(text.charAt(end - 3))) && end + 1 < n
        && text.charAt(end) == ' ') {
      Matcher word = WORD.matcher(text).useTransparentBounds(true).region(end + 1, n);
      if (word.lookingAt() && !isTitleOrPlaceWord(word.group())) {
        end = word.end();
      }
    }
    if (end + 3 <= n && text.charAt(end) == ' '
        && (text.startsWith("Jr", end + 1) || text.startsWith("Sr", end + 1))
        && (end + 3 == n || !Character.isLetterOrDigit(text.charAt(end + 3)))) {
      end += 3;
    }
    boolean suffix = end >= 3 && (text.startsWith(" Jr", end - 3) || text.startsWith(" Sr", end - 3));
    if (suffix) {
      return end < n && text.charAt(end) == '.' ? end + 1 : end;
    }
    for (String numeral : NUMERALS) {
      int after = end + numeral.length();
      if (text.startsWith(numeral, end)
          && (after == n || !Character.isLetterOrDigit(text.charAt(after)))) {
        return after;
      }
    }
    return end;
  }

  /**
   * The start of a name that the span {@code [start, end)} holds after a first word that
   * describes the person: someone from a place ("Minnesotan Scott LeDoux", "Queenslander
   * Mitchell Rawlins": a place with "n", "an", "ian" or "er") or of a trade written with a dash
   * ("Finger-picker Muriel Anderson"); {@code start} if there is none.
   */
  private static int afterDescription(String text, int start, int end) {
    int space = text.indexOf(' ', start);
    if (space < 0 || space + 1 >= end || !Character.isUpperCase(text.charAt(space + 1))) {
      return start;
    }
    String first = text.substring(start, space);
    if (!NAME_WORD.matcher(first).matches() && !first.contains("-") || isGivenName(first)) {
      return start;
    }
    String key = key(first);
    if (first.contains("-")) {
      for (String part : key.split("-")) {
        if (part.isEmpty() || !NameModel.COMMON.contains(part)) {
          return start;
        }
      }
      return space + 1;
    }
    for (String ending : DEMONYM_ENDINGS) {
      if (key.endsWith(ending) && isPlaceName(key.substring(0, key.length() - ending.length()))) {
        return space + 1;
      }
    }
    return start;
  }

  /** Whether a list or the lexicon holds {@code key} as a place's name. */
  private static boolean isPlaceName(String key) {
    String kinds = NameLexicon.kinds(key);
    return PLACES.contains(key) || kinds != null && kinds.contains("place");
  }

  /** The end of a nickname in quotes and the name word after a person ending at {@code end}. */
  private static int nicknameEnd(String text, int end, List<NameModel.Name> names) {
    if (end + 1 >= text.length() || text.charAt(end) != ' '
        || "\"“‘'".indexOf(text.charAt(end + 1)) < 0) {
      return end;
    }
    Matcher m = NICKNAME_AFTER.matcher(text).useTransparentBounds(true)
        .region(end, Math.min(text.length(), end + 120));
    return m.lookingAt() && isNameWord(m.group(1)) && !PLACE_WORDS.contains(key(m.group(1)))
        && !held(names, m.start(1), m.end(1)) ? m.end(1) : end;
  }

  /** The start of a name word and a nickname in quotes before a person starting at {@code start}. */
  private static int nicknameStart(String text, int start, List<NameModel.Name> names) {
    if (start < 2 || text.charAt(start - 1) != ' '
        || "\"”’'".indexOf(text.charAt(start - 2)) < 0) {
      return start;
    }
    Matcher m = NICKNAME_BEFORE.matcher(text).useTransparentBounds(true)
        .region(Math.max(0, start - 120), start);
    return m.find() && isNameWord(m.group(1)) && !isTitleOrPlaceWord(m.group(1))
        && !held(names, m.start(1), m.end(1)) ? m.start(1) : start;
  }

  /** Whether one space and a capitalised word follow {@code at}. */
  private static boolean isCapitalisedWordAt(String text, int at) {
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

  private static int givenStart(String text, int start, List<NameModel.Name> names) {
    int taken = start;
    int at = start;
    if (at >= 3 && (text.startsWith("al-", at - 3) || text.startsWith("el-", at - 3))
        && (at == 3 || !Character.isLetter(text.charAt(at - 4)))) {
      at -= 3;
      taken = at;
    }
    for (int words = 0; words < MAX_WORDS; words++) {
      int end = spaceBefore(text, at);
      int begin = end;
      while (begin > 0 && (Character.isLetter(text.charAt(begin - 1))
          || Character.getType(text.charAt(begin - 1)) == Character.NON_SPACING_MARK
          || text.charAt(begin - 1) == '-')) {
        begin--;
      }
      if (begin == end || begin > 0 && joinsWord(text.charAt(begin - 1))
          || held(names, begin, end)) {
        break;
      }
      String word = text.substring(begin, end);
      if (PARTICLES.contains(word) || word.startsWith("al-") || word.startsWith("el-")) {
        at = begin;
      } else if (isGivenWord(text, begin, word)) {
        at = begin;
        taken = begin;
      } else {
        break;
      }
    }
    return taken;
  }

  /**
   * The end of the particles and the name words after them that follow a person ending at
   * {@code end} ("María" + " de los Ángeles García", "David ben" + " Gurion"); {@code end} if
   * none follow. A word of a place the model found ends it, unless a particle comes before that
   * word ("Henrique Lopes" + " de Mendonça").
   */
  private static int particleEnd(String text, int start, int end, List<NameModel.Name> names) {
    int last = end;
    while (last > start && Character.isLetter(text.charAt(last - 1))) {
      last--;
    }
    boolean afterParticle = PARTICLES.contains(text.substring(last, end));
    int taken = end;
    int at = end;
    for (int words = 0; words < MAX_WORDS; words++) {
      int from = spaceAfter(text, at);
      int to = Math.max(from, 0);
      while (from > 0 && to < text.length() && (Character.isLetter(text.charAt(to))
          || Character.getType(text.charAt(to)) == Character.NON_SPACING_MARK
          || "-'’".indexOf(text.charAt(to)) >= 0)) {
        to++;
      }
      if (from < 0 || to < text.length() && joinsWord(text.charAt(to))) {
        break;
      }
      boolean possessive = text.startsWith("'s", to - 2) || text.startsWith("’s", to - 2);
      to -= possessive ? 2 : 0;
      while (to > from && "-'’".indexOf(text.charAt(to - 1)) >= 0) {
        to--;
      }
      String word = text.substring(from, to);
      if (to == from || held(names, from, to) && !afterParticle) {
        break;
      }
      boolean prefixed = word.startsWith("al-") || word.startsWith("el-");
      if (PARTICLES.contains(word) && !possessive) {
        afterParticle = true;
        at = to;
      } else if ((afterParticle || prefixed) && isNameAfterParticle(word)) {
        at = to;
        taken = to;
        if (possessive) {
          break;
        }
      } else {
        break;
      }
    }
    return taken;
  }

  /** A capitalised word that may follow a name's particle: no title, common word or street word. */
  private static boolean isNameAfterParticle(String word) {
    String w = word.startsWith("al-") || word.startsWith("el-") ? word.substring(3) : word;
    String key = key(w);
    return NAME_WORD.matcher(w).matches() && !GazetteerRecognizer.HONORIFICS.contains(key)
        && !STREET_WORDS.contains(key) && !PLACE_WORDS.contains(key)
        && (!NameModel.COMMON.contains(w.toLowerCase(Locale.ROOT)) || FIRST_NAMES.contains(key)
            || isSurname(w));
  }

  /** The start of the one space, tab or line break ending at {@code at}; -1 if there is none. */
  private static int spaceBefore(String text, int at) {
    return at >= 2 && text.startsWith("\r\n", at - 2) ? at - 2
        : at >= 1 && isNameSpace(text.charAt(at - 1)) ? at - 1 : -1;
  }

  /** The end of the one space, tab or line break starting at {@code at}; -1 if there is none. */
  private static int spaceAfter(String text, int at) {
    return text.startsWith("\r\n", at) ? at + 2
        : at < text.length() && isNameSpace(text.charAt(at)) ? at + 1 : -1;
  }

  private static boolean isNameSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * Whether {@code c} next to a word makes it part of a longer token (an e-mail address, a path,
   * a number) rather than a name; opening punctuation, quotes and a title's dot do not.
   */
  private static boolean joinsWord(char c) {
    return Character.isLetterOrDigit(c) || "@_/\\#&=+%~*".indexOf(c) >= 0;
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

  /**
   * A capitalised word that is a given name here: no title, no word of a place's or street's
   * name, no common word starting a sentence.
   */
  private static boolean isGivenWord(String text, int at, String word) {
    return NAME_WORD.matcher(word).matches() && !isTitleOrPlaceWord(word)
        && (isUnlistedGivenName(word) || isGivenName(word)
            && !(startsSentence(text, at) && NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))));
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
  private static boolean isOnlyAName(String text, int start, int end) {
    String word = text.substring(start, end);
    String key = key(word);
    if (end - start < 3 || !word.chars().allMatch(Character::isLetter)
        || !NAME_WORD.matcher(word).matches() || isTitleOrPlaceWord(word)
        || NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
        || !"name".equals(NameLexicon.kinds(key)) || CALENDAR_WORDS.contains(key)
        || GROUPS.contains(key) || key.endsWith("s") && GROUPS.contains(
            key.substring(0, key.length() - 1))) {
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

  private static boolean isTitleOrPlaceWord(String word) {
    String key = key(word);
    return GazetteerRecognizer.HONORIFICS.contains(key) || ROLES.contains(key)
        || PLACE_WORDS.contains(key)
        || GazetteerRecognizer.PLACE_PREFIXES.contains(key) || STREET_WORDS.contains(key);
  }

  /** Whether a capitalised word and one space lie right before {@code at}. */
  private static boolean isAfterCapitalisedWord(String text, int at) {
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
  private static boolean held(List<NameModel.Name> names, int start, int end) {
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

  private static String key(String word) {
    return GazetteerRecognizer.fold(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a relation or role word ({@link #ROLES}, {@link #RELATIONS}) stands right before
   * {@code start}, a comma between them allowed ("my mom Linda", "His boss, Linda,").
   */
  static boolean isRelationBefore(String text, int start) {
    int end = backOverWhitespace(text, start);
    if (end > 0 && text.charAt(end - 1) == ',') {
      end = backOverWhitespace(text, end - 1);
    }
    String key = key(wordBefore(text, end));
    return ROLES.contains(key) || RELATIONS.contains(key);
  }

  /** Where the whitespace that ends at {@code end} starts. */
  private static int backOverWhitespace(String text, int end) {
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
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

  private static Set<String> plurals(Set<String> words) {
    Set<String> plurals = new java.util.HashSet<>();
    for (String w : words) {
      plurals.add(w.endsWith("man") ? w.substring(0, w.length() - 3) + "men"
          : w.endsWith("s") || w.endsWith("ch") || w.endsWith("sh") || w.endsWith("x") ? w + "es"
          : w.endsWith("y") && !w.endsWith("ey") ? w.substring(0, w.length() - 1) + "ies"
          : w + "s");
    }
    return Set.copyOf(plurals);
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
  private static boolean areNameWords(String words) {
    for (String w : words.split(" ")) {
      if (!isNameWord(w)) {
        return false;
      }
    }
    return true;
  }

  /** A word that may be part of a name someone gives: no common word, or a listed name. */
  private static boolean isNameWord(String word) {
    String key = key(word);
    return !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
        || FIRST_NAMES.contains(key) || isSurname(word);
  }

  /** No common word, place or group: a given name no list holds ("Ajmal", "Thet"). */
  private static boolean isUnlistedGivenName(String word) {
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
  private static boolean startsSentence(String text, int at) {
    int i = at - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"')) {
      i--;
    }
    return i < 0 || ".!?\n:".indexOf(text.charAt(i)) >= 0;
  }

  private static boolean isSurname(String word) {
    String key = key(word);
    return NameFeatures.Generator.CENSUS_LAST.containsKey(key) || SURNAMES.contains(key);
  }
}
