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
 * ("van Beethoven"). Not after a determiner ("the Bill"), next to another capitalised word ("Bond
 * Street"), inside or across a finding of another type ("12 Player Road"), nor a common word that
 * starts a sentence unless it ended a name ("Player retired", not "Will you"). Names stay in this
 * object's memory only; one per document part, used by one thread.
 */
public final class NameMemory {

  /** Parts remembered at most; later names are not remembered. */
  static final int MAX_PARTS = 10_000;
  /** Words in a part at most. */
  private static final int MAX_WORDS = 5;
  private static final String EXPLANATION = "part of a name found elsewhere in the document";
  /** Words before which a name's part is a common noun again ("the Player"). */
  private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that",
      "these", "those", "his", "her", "its", "their", "our", "my", "your", "every", "each", "no");
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
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
   * The first words of the remembered parts, by a hash of their chars: a word whose bit is clear
   * starts no part, and is passed over without a copy or a look-up.
   */
  private long[] firstWords;

  /**
   * The people among {@code findings} of {@code text} remembered, then the parts of remembered
   * names in {@code text} that no finding covers, as {@code PERSON} findings scored as the name
   * they came from.
   */
  List<Finding> recall(String text, List<Finding> findings) {
    boolean anyPerson = false;
    for (Finding f : findings) {
      anyPerson |= f.entity().equals("PERSON");
    }
    if (!anyPerson && parts == null) {
      return List.of();
    }
    CodePoints codePoints = new CodePoints(text);
    Words words = new Words(text);
    for (Finding f : findings) {
      if (f.entity().equals("PERSON")) {
        remember(text, words, codePoints.charIndex(f.start()), codePoints.charIndex(f.end()), f);
      }
    }
    if (parts == null) {
      return List.of();
    }
    List<Finding> recalled = new ArrayList<>();
    for (int i = 0; i < words.count(); i++) {
      int matched = match(text, words, i, codePoints, findings, recalled);
      i += Math.max(0, matched - 1);
    }
    return recalled;
  }

  /** Remembers the parts of the person {@code f}, chars {@code [start, end)} of {@code text}. */
  private void remember(String text, Words words, int start, int end, Finding f) {
    List<String> name = new ArrayList<>(4);
    for (int w = words.firstFrom(start); w < words.count() && words.end(w) <= end; w++) {
      String word = text.substring(words.start(w), words.end(w));
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
        add(word, new Source(f.score(), f.recognizer(), true)); // "Budjana", no dictionary word
      }
      return;
    }
    if (name.isEmpty()) {
      return;
    }
    for (int i = 0; i < name.size(); i++) {
      if (!isCapitalised(name.get(i)) && !NameRules.PARTICLES.contains(name.get(i))) {
        continue;
      }
      StringBuilder part = new StringBuilder();
      for (int j = i; j < name.size() && j - i < MAX_WORDS; j++) {
        part.append(j > i ? " " : "").append(name.get(j));
        String last = name.get(j);
        if (isCapitalised(last) && last.length() > 1 && !last.endsWith(".")
            && (j > i || isCapitalised(name.get(i)))) {
          add(part.toString(), new Source(f.score(), f.recognizer(), j == name.size() - 1));
        }
      }
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
    if (!isCapitalised(first) && !NameRules.PARTICLES.contains(first)) {
      return 0;
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
      if (source == null) {
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
      recalled.add(new Finding("PERSON", cpStart, cpEnd, source.score(), source.recognizer(),
          EXPLANATION));
      return n;
    }
    return 0;
  }

  private static boolean mayBeInName(String text, Words words, int w) {
    String word = text.substring(words.start(w), words.end(w));
    return isCapitalised(word) || NameRules.PARTICLES.contains(word);
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
