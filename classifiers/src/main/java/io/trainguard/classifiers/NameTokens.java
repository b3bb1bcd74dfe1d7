package io.trainguard.classifiers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of a text as the name model sees them, with their UTF-16 offsets: words (letters,
 * digits and marks, joined by inner apostrophes, dashes, dots, {@code @}, {@code _}, {@code /} and
 * {@code :}, so that an e-mail address, URL or file name is one token, with a leading {@code @} or
 * {@code #}), a possessive {@code 's} on its own, and every other visible char alone; an initial
 * or a title written with a dot keeps it ("H.", "Dr.", "m." in "bertram m. jørgensen"). Sentences end at a line break and at
 * {@code .}, {@code !} or {@code ?} before a space.
 */
final class NameTokens {

  /** Titles and name suffixes written with a dot. */
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms",
      "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "capt", "sgt", "maj", "cpl", "rev",
      "hon", "gov", "sen", "rep", "pres", "mt", "ft", "messrs", "mme", "mlle");

  private final String text;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  /** Index of the first token after each sentence end; the last entry is {@link #count}. */
  private int[] sentenceEnds = new int[8];
  private int count;
  private int sentences;

  NameTokens(String text) {
    this.text = text;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        endSentence();
        i++;
        continue;
      }
      if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
        continue;
      }
      int start = i;
      int end;
      if (isWordChar(text, i) || (c == '@' || c == '#') && i + 1 < n && isWordChar(text, i + 1)) {
        end = wordEnd(text, i + Character.charCount(text.codePointAt(i)));
        if (end < n && text.charAt(end) == '.' && isAbbreviation(text, start, end)) {
          end++;
        }
        int possessive = possessive(text, start, end);
        if (possessive > start) {
          add(start, possessive);
          add(possessive, end);
        } else {
          add(start, end);
        }
      } else {
        end = i + Character.charCount(text.codePointAt(i));
        add(start, end);
        if ((c == '.' || c == '!' || c == '?') && (end == n || Character.isWhitespace(text.charAt(end)))) {
          endSentence();
        }
      }
      i = end;
    }
    endSentence();
  }

  private static boolean isWordChar(String text, int i) {
    char c = text.charAt(i);
    if (c < 128) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
    int cp = text.codePointAt(i);
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  private static int wordEnd(String text, int i) {
    int n = text.length();
    while (i < n) {
      if (isWordChar(text, i)) {
        i += Character.charCount(text.codePointAt(i));
      } else if (isJoiner(text.charAt(i))) {
        int j = i + 1;
        while (j < n && isJoiner(text.charAt(j))) {
          j++;
        }
        if (j == n || !isWordChar(text, j)) {
          break;
        }
        i = j;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * Whether {@code text[start, end)}, before a dot, is an initial ("H", "U.S", "m" between
   * lower-case words) or a title or name
   * suffix that is written with a dot ("Dr", "St", "Jr"): the dot belongs to it and ends no
   * sentence, as in the annotated corpora's tokens.
   */
  private static boolean isAbbreviation(String text, int start, int end) {
    if (Character.isUpperCase(text.charAt(end - 1))
        && (end - start == 1 || text.charAt(end - 2) == '.')) {
      return true;
    }
    // A lower-case initial between lower-case words, as chat text writes a middle name
    // ("bertram m. jørgensen").
    if (end - start == 1 && Character.isLowerCase(text.charAt(start)) && start >= 2
        && text.charAt(start - 1) == ' ' && Character.isLowerCase(text.charAt(start - 2))
        && end + 2 < text.length() && text.charAt(end + 1) == ' '
        && Character.isLowerCase(text.charAt(end + 2))) {
      return true;
    }
    return end - start <= 5
        && ABBREVIATIONS.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
  }

  private static boolean isJoiner(char c) {
    return c == '\'' || c == '\u2019' || c == '-' || c == '.' || c == '@' || c == '_' || c == '/'
        || c == ':';
  }

  /** The start of a final "'s" of {@code text[start, end)}, or -1. */
  private static int possessive(String text, int start, int end) {
    char apostrophe = end - start >= 4 ? text.charAt(end - 2) : 0;
    if ((apostrophe == '\'' || apostrophe == '\u2019')
        && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
      return end - 2;
    }
    return -1;
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  private void endSentence() {
    if (count == (sentences == 0 ? 0 : sentenceEnds[sentences - 1])) {
      return;
    }
    if (sentences == sentenceEnds.length) {
      sentenceEnds = Arrays.copyOf(sentenceEnds, sentences * 2);
    }
    sentenceEnds[sentences++] = count;
  }

  int count() {
    return count;
  }

  int start(int token) {
    return starts[token];
  }

  int end(int token) {
    return ends[token];
  }

  int sentences() {
    return sentences;
  }

  /** The first token of sentence {@code s}. */
  int sentenceStart(int s) {
    return s == 0 ? 0 : sentenceEnds[s - 1];
  }

  /** The token after the last of sentence {@code s}. */
  int sentenceEnd(int s) {
    return sentenceEnds[s];
  }
}
