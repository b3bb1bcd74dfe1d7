package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The people named so far in one document: a text, or the texts of one document part analysed in
 * turn ({@link Analyzer#analyze(String, NameMemory)}). A capitalised word or run of words equal to
 * a part of a person's name of two or more words found anywhere in the text, or in an earlier text
 * of the same memory, is a {@code PERSON} too: the surname ("Ryan Player … Player said"), the
 * given name ("We told Tamsin … Tamsin Pryce called"), the name again, a particle with what follows
 * ("van Beethoven"); a word of a name that no dictionary holds, in lower case too ("Ayşe … ayşe
 * yılmaz"). Not after a determiner ("the Bill"), next to another capitalised word ("Bond
 * Street"), inside or across a finding of another type ("12 Player Road"), nor a common word that
 * starts a sentence unless it ended a name ("Player retired", not "Will you"). A name of two or
 * more Han, kana or Hangul chars is a person wherever it stands again, inside a word too ("王伟说").
 * A name that the document shows to be a place's ("the town of Coleman") or a company's ("Caloi
 * was founded", "Nicholson's Limited") is no person anywhere in it: such a {@code PERSON} is a
 * {@code LOCATION} or no finding, and no part of a name there. Names stay in this object's memory
 * only; one per document part, used by one thread.
 */
public final class NameMemory {

  /** Parts remembered at most; later names are not remembered. */
  static final int MAX_PARTS = 10_000;
  /** Words in a part at most. */
  private static final int MAX_WORDS = 5;
  private static final String EXPLANATION = "part of a name found elsewhere in the document";
  private static final String PLACE_EXPLANATION = "a place's name elsewhere in the document";
  /** Words before which a name's part is a common noun again ("the Player"). */
  private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that",
      "these", "those", "his", "her", "its", "their", "our", "my", "your", "every", "each", "no");
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
  /** Words before "of" and a place's name: "the town of Coleman". */
  private static final Set<String> PLACE_KINDS = Set.of("town", "city", "village", "township",
      "borough", "hamlet", "suburb", "municipality", "parish", "county");
  /** Words after "was" or "were" that a company's name takes and a person's does not. */
  private static final Set<String> FOUNDED = Set.of("founded", "established", "incorporated");
  /** Words after a name, or its possessive, that end a company's name: "Nicholson's Limited". */
  private static final Set<String> COMPANY_ENDS = Set.of("Inc", "Inc.", "Ltd", "Ltd.",
      "Limited", "LLC", "GmbH", "Pty", "Pty.", "plc", "Corporation");
  /** The first chars of {@link #COMPANY_ENDS}. */
  private static final String COMPANY_INITIALS = "ILGPpC";
  /** Words in a name that {@link #readings} take at most. */
  private static final int MAX_READING_WORDS = 4;
  /** Bits of {@link #firstWords}, a power of two. */
  private static final int FIRST_WORD_BITS = 4096;

  /** What a remembered part came from: the best score and its recognizer; whether it ended a name. */
  private record Source(double score, String recognizer, boolean last) {
    Source merge(Source other) {
      Source best = other.score > score ? other : this;
      return new Source(best.score, best.recognizer, last || other.last);
    }
  }

  private Map<String, Source> parts;
  /**
   * Names of two or more chars in a script written without spaces (Han, kana, Hangul), which
   * stand inside the text's words ("王伟说好"): each is a person wherever it stands.
   */
  private Map<String, Source> spaceless;
  /**
   * The remembered words that no dictionary holds, in lower case: written so elsewhere they are
   * the same person's ("Ayşe called … ayşe said"), as a common word ("Rain", "Will") is not.
   */
  private Map<String, Source> lowerCaseWords;
  /** Names the document reads as no person's: true for a place, false for a company. */
  private Map<String, Boolean> readings;
  /**
   * The first words of the remembered parts, by a hash of their chars: a word whose bit is clear
   * starts no part, and is passed over without a copy or a look-up.
   */
  private long[] firstWords;

  /** {@code findings} with the memory applied: those it keeps or turns into places, those it adds. */
  record Recalled(List<Finding> kept, List<Finding> added) {
  }

  /**
   * The names {@code text} reads as a place's or a company's noted; the people among
   * {@code findings} remembered, except those names; then {@code findings} without a person of
   * such a name (one of a place's is a {@code LOCATION}, and is remembered as one), and the parts
   * of remembered names in {@code text} that no finding covers, as findings scored as the name
   * they came from: {@code PERSON}, or {@code LOCATION} for a place's name.
   */
  Recalled recall(String text, List<Finding> findings) {
    boolean anyPerson = false;
    for (Finding f : findings) {
      anyPerson |= f.entity().equals("PERSON");
    }
    if (!anyPerson && parts == null && spaceless == null) {
      return new Recalled(findings, List.of());
    }
    CodePoints codePoints = new CodePoints(text);
    Words words = new Words(text);
    read(text, words);
    List<Finding> kept = findings;
    for (Finding f : findings) {
      if (!f.entity().equals("PERSON")) {
        continue;
      }
      int start = codePoints.charIndex(f.start());
      int end = codePoints.charIndex(f.end());
      Boolean place = readings == null ? null : readings.get(withoutPossessive(text, start, end));
      if (place == null) {
        remember(text, words, start, end, f);
        rememberSpaceless(text.substring(start, end), f);
        continue;
      }
      if (kept == findings) {
        kept = new ArrayList<>(findings);
      }
      kept.remove(f);
      if (place) {
        kept.add(new Finding("LOCATION", f.start(), f.end(), f.score(), f.recognizer(),
            PLACE_EXPLANATION));
        add(withoutPossessive(text, start, end), new Source(f.score(), f.recognizer(), true));
      }
    }
    List<Finding> recalled = new ArrayList<>();
    recallSpaceless(text, codePoints, kept, recalled);
    if (parts == null) {
      return new Recalled(kept, recalled);
    }
    for (int i = 0; i < words.count(); i++) {
      int matched = match(text, words, i, codePoints, kept, recalled);
      i += Math.max(0, matched - 1);
    }
    return new Recalled(kept, recalled);
  }

  /**
   * Notes the names that {@code text} reads as a place's (after "town of", "city of", ...) or a
   * company's (before "was founded" or a company's ending: "Ltd", "Inc", "Limited", ...).
   */
  private void read(String text, Words words) {
    for (int w = 1; w < words.count(); w++) {
      int start = words.start(w);
      int length = words.end(w) - start;
      char c = text.charAt(start);
      if (length == 2 && c == 'o' && text.charAt(start + 1) == 'f') {
        if (words.joined(text, w - 1) && PLACE_KINDS.contains(
            words.word(text, w - 1).toLowerCase(Locale.ROOT))) {
          int last = w;
          while (last + 1 < words.count() && last - w < MAX_READING_WORDS
              && words.joined(text, last) && isCapitalised(words.word(text, last + 1))) {
            last++;
          }
          if (last > w) {
            note(words.start(w + 1), words.end(last), true, text);
          }
        }
      } else if (length >= 7 && (c == 'f' || c == 'e' || c == 'i') && w >= 2
          && FOUNDED.contains(words.word(text, w)) && words.joined(text, w - 1)
          && (words.word(text, w - 1).equals("was") || words.word(text, w - 1).equals("were"))) {
        noteBefore(text, words, w - 1);
      } else if (length >= 2 && length <= 11 && COMPANY_INITIALS.indexOf(c) >= 0
          && COMPANY_ENDS.contains(words.word(text, w))) {
        noteBefore(text, words, w);
      }
    }
  }

  /**
   * Notes as a company's the run of capitalised words right before word {@code w}, possessive
   * ("Nicholson's Limited", "Nicholson 's Limited") or not ("Acme Inc", "Caloi was founded").
   */
  private void noteBefore(String text, Words words, int w) {
    int last = w - 1;
    int end;
    String before = words.word(text, last);
    if (before.equals("s") && last >= 1 && words.start(last) >= 1
        && isApostrophe(text.charAt(words.start(last) - 1))) {
      int gap = words.start(last) - 1 - words.end(last - 1);
      if (gap > 1 || gap == 1 && text.charAt(words.end(last - 1)) != ' ') {
        return;
      }
      last--;
      end = words.end(last);
    } else if (before.length() > 2 && before.endsWith("s") && isApostrophe(
        before.charAt(before.length() - 2))) {
      end = words.end(last) - 2;
    } else {
      end = words.end(last);
    }
    if (!words.separated(text, last, w)) {
      return;
    }
    int first = last;
    while (first > 0 && last - first + 1 < MAX_READING_WORDS && words.joined(text, first - 1)
        && isCapitalised(words.word(text, first - 1))) {
      first--;
    }
    // A common word that starts the sentence is not part of the name ("The Caloi was ...").
    while (first <= last && isCapitalised(words.word(text, first))
        && words.sentenceStart(text, first) && first < last
        && NameModel.COMMON.contains(words.word(text, first).toLowerCase(Locale.ROOT))) {
      first++;
    }
    if (isCapitalised(words.word(text, first)) && words.start(first) < end) {
      note(words.start(first), end, false, text);
    }
  }

  private void note(int start, int end, boolean place, String text) {
    if (readings == null) {
      readings = new HashMap<>();
    }
    if (readings.size() < MAX_PARTS) {
      readings.putIfAbsent(text.substring(start, end), place);
    }
  }

  /** The chars {@code [start, end)} of {@code text}, less a possessive "'s" at the end. */
  private static String withoutPossessive(String text, int start, int end) {
    if (end - start > 2 && text.charAt(end - 1) == 's' && isApostrophe(text.charAt(end - 2))) {
      end -= 2;
    }
    return text.substring(start, end);
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }

  private void rememberSpaceless(String name, Finding f) {
    if (name.length() < 2 || !name.chars().allMatch(NameMemory::isSpaceless)) {
      return;
    }
    if (spaceless == null) {
      spaceless = new HashMap<>();
    }
    Source source = new Source(f.score(), f.recognizer(), true);
    Source known = spaceless.get(name);
    if (known != null) {
      spaceless.put(name, known.merge(source));
    } else if (spaceless.size() < MAX_PARTS) {
      spaceless.put(name, source);
    }
  }

  /** Adds to {@code recalled} each remembered spaceless name in {@code text} no finding covers. */
  private void recallSpaceless(String text, CodePoints codePoints, List<Finding> findings,
      List<Finding> recalled) {
    if (spaceless == null) {
      return;
    }
    for (Map.Entry<String, Source> name : spaceless.entrySet()) {
      String key = name.getKey();
      for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length())) {
        int cpStart = codePoints.offset(at);
        int cpEnd = codePoints.offset(at + key.length());
        boolean covered = false;
        for (Finding f : findings) {
          covered |= f.start() < cpEnd && cpStart < f.end();
        }
        for (Finding f : recalled) {
          covered |= f.start() < cpEnd && cpStart < f.end();
        }
        if (!covered) {
          recalled.add(new Finding("PERSON", cpStart, cpEnd, name.getValue().score(),
              name.getValue().recognizer(), EXPLANATION));
        }
      }
    }
  }

  private static boolean isSpaceless(int c) {
    return switch (Character.UnicodeScript.of(c)) {
      case HAN, HIRAGANA, KATAKANA, HANGUL -> true;
      default -> false;
    };
  }

  /** Remembers the parts of the person {@code f}, chars {@code [start, end)} of {@code text}. */
  private void remember(String text, Words words, int start, int end, Finding f) {
    List<String> name = new ArrayList<>(4);
    for (int w = words.firstFrom(start); w < words.count() && words.start(w) < end; w++) {
      if (words.end(w) > end && !withoutPossessive(text, words.start(w), words.end(w))
          .equals(text.substring(words.start(w), end))) {
        break;
      }
      String word = withoutPossessive(text, words.start(w), Math.min(end, words.end(w)));
      String lower = undotted(word).toLowerCase(Locale.ROOT);
      if (name.isEmpty() && GazetteerRecognizer.HONORIFICS.contains(lower)
          || SUFFIXES.contains(lower)) {
        continue;
      }
      name.add(word);
    }
    if (name.size() == 1) {
      String word = name.get(0);
      if (isCapitalised(word) && word.length() > 2 && !isCapitals(word)
          && !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))) {
        Source source = new Source(f.score(), f.recognizer(), true);
        add(word, source); // "Budjana", no dictionary word
        addLowerCase(word, source);
      }
      return;
    }
    if (name.isEmpty()) {
      return;
    }
    for (int i = 0; i < name.size(); i++) {
      if (!isCapitalised(name.get(i)) && !NameWords.PARTICLES.contains(name.get(i))) {
        continue;
      }
      StringBuilder part = new StringBuilder();
      for (int j = i; j < name.size() && j - i < MAX_WORDS; j++) {
        part.append(j > i ? " " : "").append(name.get(j));
        String last = name.get(j);
        if (isCapitalised(last) && last.length() > 1 && !last.endsWith(".")
            && (j > i || isCapitalised(name.get(i)))) {
          Source source = new Source(f.score(), f.recognizer(), j == name.size() - 1);
          add(part.toString(), source);
          if (j == i && last.length() > 2 && !isCapitals(last)
              && !NameModel.COMMON.contains(last.toLowerCase(Locale.ROOT))) {
            addLowerCase(last, source);
          }
        }
      }
    }
  }

  private void addLowerCase(String word, Source source) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lowerCaseWords == null) {
      lowerCaseWords = new HashMap<>();
    }
    if (lowerCaseWords.size() < MAX_PARTS) {
      lowerCaseWords.merge(lower, source, Source::merge);
      int bit = hash(lower, 0, lower.length());
      firstWords[bit >>> 6] |= 1L << bit;
    }
  }

  private void add(String part, Source source) {
    if (parts == null) {
      parts = new HashMap<>();
      firstWords = new long[FIRST_WORD_BITS / 64];
    }
    Source known = parts.get(part);
    if (known != null) {
      parts.put(part, known.merge(source));
    } else if (parts.size() < MAX_PARTS) {
      parts.put(part, source);
      int space = part.indexOf(' ');
      int bit = hash(part, 0, space < 0 ? part.length() : space);
      firstWords[bit >>> 6] |= 1L << bit;
    }
  }

  /** Whether the word {@code [start, end)} of {@code text}, or it less "'s", may start a part. */
  private boolean mayStartPart(String text, int start, int end) {
    return remembered(hash(text, start, end)) || end - start > 2 && text.charAt(end - 1) == 's'
        && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '\u2019')
        && remembered(hash(text, start, end - 2));
  }

  private boolean remembered(int bit) {
    return (firstWords[bit >>> 6] & 1L << bit) != 0;
  }

  /** A bit of {@link #firstWords} for the chars {@code [start, end)} of {@code s}. */
  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int k = start; k < end; k++) {
      h = 31 * h + s.charAt(k);
    }
    return (h ^ h >>> 12) & (FIRST_WORD_BITS - 1);
  }

  /**
   * Adds to {@code recalled} the longest remembered part that starts at word {@code i}, when the
   * rules of the class let it stand; returns how many words it took, or 0.
   */
  private int match(String text, Words words, int i, CodePoints codePoints,
      List<Finding> findings, List<Finding> recalled) {
    if (!mayStartPart(text, words.start(i), words.end(i))) {
      return 0;
    }
    String first = text.substring(words.start(i), words.end(i));
    if (!isCapitalised(first) && !NameWords.PARTICLES.contains(first)) {
      return lowerCaseWords == null ? 0 : matchLowerCase(text, words, i, first, codePoints,
          findings, recalled);
    }
    int longest = 1; // the run of capitalised words and particles joined by single spaces
    while (longest < MAX_WORDS && i + longest < words.count()
        && words.joined(text, i + longest - 1) && mayBeInName(text, words, i + longest)) {
      longest++;
    }
    for (int n = longest; n >= 1; n--) {
      int start = words.start(i);
      int end = words.end(i + n - 1);
      Source source = parts.get(text.substring(start, end));
      if (source == null && end - start > 2 && text.startsWith("s", end - 1)
          && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '\u2019')) {
        end -= 2; // a possessive: "Twain's"
        source = parts.get(text.substring(start, end));
      }
      Boolean place = readings == null ? null : readings.get(text.substring(start, end));
      if (source == null || Boolean.FALSE.equals(place)) {
        continue;
      }
      // The findings first: most parts found are those of the name the text gave.
      int cpStart = codePoints.offset(start);
      int cpEnd = codePoints.offset(end);
      for (Finding f : findings) {
        boolean overlaps = f.start() < cpEnd && cpStart < f.end();
        boolean samePerson = f.entity().equals("PERSON");
        if (overlaps && (samePerson ? f.start() <= cpStart && cpEnd <= f.end()
            : f.start() != cpStart || f.end() != cpEnd)) {
          return 0;
        }
      }
      boolean capitalisedAfter = n < longest
          && isCapitalised(text.substring(words.start(i + n), words.end(i + n)));
      if (capitalisedAfter || afterDeterminer(text, words, i) || capitalisedBefore(text, words, i)
          || n == 1 && words.sentenceStart(text, i) && !source.last()
              && NameModel.COMMON.contains(first.toLowerCase(Locale.ROOT))) {
        return 0;
      }
      recalled.add(place == null
          ? new Finding("PERSON", cpStart, cpEnd, source.score(), source.recognizer(), EXPLANATION)
          : new Finding("LOCATION", cpStart, cpEnd, source.score(), source.recognizer(),
              PLACE_EXPLANATION));
      return n;
    }
    return 0;
  }

  /**
   * Adds to {@code recalled} a remembered word written in lower case at word {@code i}, with the
   * lower-case words no dictionary holds right after it ("ayşe yılmaz"), unless a finding covers
   * any of it; returns how many words it took, or 0.
   */
  private int matchLowerCase(String text, Words words, int i, String first, CodePoints codePoints,
      List<Finding> findings, List<Finding> recalled) {
    Source source = lowerCaseWords.get(first);
    if (source == null) {
      return 0;
    }
    int n = 1;
    while (n < MAX_WORDS && i + n < words.count() && words.joined(text, i + n - 1)
        && isUncommonLowerCase(words.word(text, i + n))) {
      n++;
    }
    int cpStart = codePoints.offset(words.start(i));
    int cpEnd = codePoints.offset(words.end(i + n - 1));
    for (Finding f : findings) {
      if (f.start() < cpEnd && cpStart < f.end()) {
        return 0;
      }
    }
    recalled.add(new Finding("PERSON", cpStart, cpEnd, source.score(), source.recognizer(),
        EXPLANATION));
    return n;
  }

  private static boolean isUncommonLowerCase(String word) {
    return word.length() > 2 && Character.isLowerCase(word.codePointAt(0))
        && !NameModel.COMMON.contains(word.toLowerCase(Locale.ROOT))
        && word.codePoints().allMatch(Character::isLetter);
  }

  private static boolean mayBeInName(String text, Words words, int w) {
    String word = text.substring(words.start(w), words.end(w));
    return isCapitalised(word) || NameWords.PARTICLES.contains(word);
  }

  /** Whether a determiner and one space come right before word {@code i}. */
  private static boolean afterDeterminer(String text, Words words, int i) {
    return i > 0 && words.joined(text, i - 1) && DETERMINERS.contains(
        text.substring(words.start(i - 1), words.end(i - 1)).toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a capitalised word and one space come right before word {@code i}, other than a title
   * or a common word starting the sentence ("Mr Player", "Later Player said").
   */
  private static boolean capitalisedBefore(String text, Words words, int i) {
    if (i == 0 || !words.joined(text, i - 1)) {
      return false;
    }
    String before = text.substring(words.start(i - 1), words.end(i - 1));
    String lower = undotted(before).toLowerCase(Locale.ROOT);
    return isCapitalised(before) && !GazetteerRecognizer.HONORIFICS.contains(lower)
        && !(words.sentenceStart(text, i - 1) && NameModel.COMMON.contains(lower));
  }

  private static boolean isCapitals(String word) {
    return word.codePoints().noneMatch(Character::isLowerCase);
  }

  private static String undotted(String word) {
    return word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
  }

  private static boolean isCapitalised(String word) {
    int cp = word.codePointAt(0);
    return Character.isUpperCase(cp) || Character.isTitleCase(cp);
  }

  /**
   * The words of a text: runs of letters and marks, with apostrophes and dashes between letters
   * ("O'Sullivan", "Ji-sung"); a capitalised word's end takes a following dot when a word
   * follows it, as in "Mr." or "H.", so that one space after it still joins.
   */
  private static final class Words {
    private int[] bounds = new int[64];
    private int count;

    Words(String text) {
      int n = text.length();
      int i = 0;
      while (i < n) {
        int cp = AsciiChars.codePointAt(text, i);
        if (!AsciiChars.isLetter(cp)) {
          i += Character.charCount(cp);
          continue;
        }
        int start = i;
        while (i < n) {
          cp = AsciiChars.codePointAt(text, i);
          if (AsciiChars.isLetter(cp)
              || cp >= 128 && Character.getType(cp) == Character.NON_SPACING_MARK) {
            i += Character.charCount(cp);
          } else if ((cp == '\'' || cp == '\u2019' || cp == '-') && i + 1 < n
              && AsciiChars.isLetter(text.charAt(i + 1))) {
            i++;
          } else {
            break;
          }
        }
        if (i < n && text.charAt(i) == '.' && i - start <= 4 && isCapitalised(text.substring(start, i))) {
          i++; // "Dr.", "H."
        }
        if (count * 2 == bounds.length) {
          bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * count] = start;
        bounds[2 * count + 1] = i;
        count++;
      }
    }

    int count() {
      return count;
    }

    int start(int w) {
      return bounds[2 * w];
    }

    int end(int w) {
      return bounds[2 * w + 1];
    }

    /** The first word that starts at or after char {@code at}. */
    int firstFrom(int at) {
      int low = 0;
      int high = count;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (start(mid) < at) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }

    String word(String text, int w) {
      return text.substring(start(w), end(w));
    }

    /** Whether word {@code w}'s end and word {@code next}'s start are parted by one space at most, or ", ". */
    boolean separated(String text, int w, int next) {
      String between = text.substring(end(w), start(next));
      return between.isEmpty() || between.equals(" ") || between.equals(", ")
          || between.equals(" 's ") || between.equals(" \u2019s ");
    }

    /** Whether one space alone separates word {@code w} from the next. */
    boolean joined(String text, int w) {
      return w + 1 < count && start(w + 1) == end(w) + 1 && text.charAt(end(w)) == ' ';
    }

    /** Whether word {@code w} starts the text, a line or a sentence (quotes and brackets aside). */
    boolean sentenceStart(String text, int w) {
      int i = start(w) - 1;
      while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '('
          || text.charAt(i) == '\u201C' || text.charAt(i) == '\'')) {
        i--;
      }
      return i < 0 || ".!?\n\r\t".indexOf(text.charAt(i)) >= 0;
    }
  }
}
