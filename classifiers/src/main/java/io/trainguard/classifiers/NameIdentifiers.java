package io.trainguard.classifiers;

import static io.trainguard.classifiers.NameCues.ROLES;
import static io.trainguard.classifiers.NameWords.FAMILY_FIRST;
import static io.trainguard.classifiers.NameWords.FIRST_NAMES;
import static io.trainguard.classifiers.NameWords.GROUPS;
import static io.trainguard.classifiers.NameWords.NAME_WORD;
import static io.trainguard.classifiers.NameWords.PLACES;
import static io.trainguard.classifiers.NameWords.isSurname;
import static io.trainguard.classifiers.NameWords.isUnlistedGivenName;
import static io.trainguard.classifiers.NameWords.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A given name and a surname written as one identifier ("jane_roe", "JANE.ROE"). */
final class NameIdentifiers {

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

  /** The spans of the identifiers in {@code text} that are a given name and a surname. */
  static List<int[]> names(String text) {
    List<int[]> found = new ArrayList<>();
    // An identifier holds a joiner between two letters or digits: look only around those.
    for (int i = 1; i + 1 < text.length(); i++) {
      if (isJoiner(text.charAt(i)) && Character.isLetterOrDigit(text.charAt(i - 1))
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        int end = tokenEnd(text, i);
        int[] name = identifierName(text, tokenStart(text, i - 1), end);
        if (name != null) {
          found.add(name);
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

  private NameIdentifiers() {
  }
}
