package io.trainguard.classifiers;

import java.util.Locale;

/**
 * The text as the name model and rules read it: a separator glued to a word ("Sales/Jane Doe",
 * "Jane Doe@ACME", "cc:Jane", "Jane Doe|HR", "@Jane Doe") reads as a comma, one char for one, so
 * that the name is a word of its own; e-mail addresses, URLs, numbers and handles are read as
 * written. A second reading ({@link #parted}) parts words joined by {@code _ . -} as well.
 */
final class NameText {

  /**
   * Chars that join the parts of e-mail addresses, paths and ids, and part words in lists; not
   * {@code _}, which joins the parts of one user name ("Yuri_Smith"), a value whole.
   */
  private static final String SEPARATORS = "/@:|\\+;#&=~*";
  /** {@link #SEPARATORS} as bits: bit c of the first long for c < 64, of the second for c - 64. */
  private static final long[] SEPARATOR_BITS = bits(SEPARATORS);

  private NameText() {}

  /** {@code text} with its glued separators read as commas; the same instance when it has none. */
  static String of(String text) {
    char[] chars = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!isSeparator(c)) {
        continue;
      }
      if (c == ':' && text.startsWith("//", i + 1) || isInEmailAddress(text, i)) {
        i = chunkEnd(text, i) - 1;
        continue;
      }
      if (i + 1 == n || !Character.isLetter(text.charAt(i + 1))) {
        continue;
      }
      boolean afterWord = i > 0 && isWordChar(text.charAt(i - 1));
      if (!afterWord && (c == '@' || c == '#') && !isDisplayName(text, i + 1)) {
        i = chunkEnd(text, i) - 1; // a handle or hashtag: @jdoe, #Paris
        continue;
      }
      if (!afterWord && (!Character.isUpperCase(text.charAt(i + 1)) || ":;=".indexOf(c) >= 0)) {
        continue; // a word's own start, or an emoticon (":D")
      }
      if (chars == null) {
        chars = text.toCharArray();
      }
      chars[i] = ',';
    }
    return chars == null ? text : new String(chars);
  }

  /**
   * {@code read} (an {@link #of} reading) with the {@code _}, {@code .} and {@code -} that join
   * a word to a capitalised one read as commas too ("Sales_Jane Doe", "team.Jane Doe", "Jane
   * Doe_HR", "cc-Jane Doe-HR"), but not a dash between two capitalised words unless one is a
   * department's ("Tamsin Pryce-Sales"); words in e-mail addresses, URLs and handles are read as
   * written.
   * The same instance when there are none. It is a second reading: those chars also join the
   * parts of user names ("Yuri_Smith") and names ("Mary-Kate", "Zeta-Jones").
   */
  static String parted(String read) {
    char[] chars = null;
    int n = read.length();
    for (int i = 1; i + 1 < n; i++) {
      char c = read.charAt(i);
      if (c != '_' && c != '.' && c != '-' || !Character.isLetterOrDigit(read.charAt(i - 1))
          || !Character.isLetter(read.charAt(i + 1))) {
        continue;
      }
      int start = chunkStart(read, i);
      int end = chunkEnd(read, i);
      if (isAddress(read, start, end)) {
        i = end;
        continue;
      }
      boolean before = isCapitalised(read, wordStart(read, i));
      boolean after = isCapitalised(read, i + 1);
      if (!(before || after) || isDashBetweenCapitalised(read, i) && !isDashToDepartment(read, i)) {
        continue; // a dash between capitalised words joins one name: "Zeta-Jones", "Mary-Kate"
      }
      if (chars == null) {
        chars = read.toCharArray();
      }
      chars[i] = ',';
    }
    return chars == null ? read : new String(chars);
  }

  /** Whether the char at {@code at} is a dash between two capitalised words ("Zeta-Jones"). */
  static boolean isDashBetweenCapitalised(String text, int at) {
    return at > 0 && text.charAt(at) == '-' && isCapitalised(text, wordStart(text, at))
        && isCapitalised(text, at + 1);
  }

  /**
   * Whether the dash at {@code at} joins a department's or team's word ("Pryce-Sales",
   * "Sales-Tamsin"), which a dash joins to a name only beside a given name ({@link
   * NameRecognizer}); other capitalised words joined by a dash are parts of one name as often as
   * of a compound ("Mary-Kate", "Pryce-Jones", "All-America").
   */
  static boolean isDashToDepartment(String text, int at) {
    return isDepartment(text, wordStart(text, at), at)
        || isDepartment(text, at + 1, wordEnd(text, at + 2));
  }

  private static boolean isDepartment(String text, int start, int end) {
    return NameCues.DEPARTMENTS.contains(text.substring(start, end).toLowerCase(Locale.ROOT));
  }

  /**
   * The start of the name, with the words joined to it before {@code start}: any word by
   * {@code _}, as one user name ("Sales_Jane Doe", "Yuri_Smith"), and a capitalised word by
   * {@code -} ("HR-Jane Doe").
   */
  static int joinedStart(String text, int start) {
    while (start > 1 && (text.charAt(start - 1) == '_' || text.charAt(start - 1) == '-')
        && Character.isLetterOrDigit(text.charAt(start - 2))) {
      int word = wordStart(text, start - 1);
      if (text.charAt(start - 1) == '-' && !Character.isUpperCase(text.charAt(word))) {
        break;
      }
      start = word;
    }
    return start;
  }

  /** The end of the name, with the words joined to it after {@code end} ("Jane Doe_HR"). */
  static int joinedEnd(String text, int end) {
    while (end + 1 < text.length() && (text.charAt(end) == '_'
        ? Character.isLetterOrDigit(text.charAt(end + 1))
        : text.charAt(end) == '-' && Character.isUpperCase(text.charAt(end + 1)))) {
      end++;
      while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
        end++;
      }
    }
    return end;
  }

  /** Whether {@code text[start, end)} holds an e-mail address, a URL or a handle. */
  static boolean isAddress(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '@' || c == '#' || c == ':' && text.startsWith("//", i + 1)
          || text.regionMatches(true, i, "www.", 0, 4)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a capitalised word ("Jane", not "HR" or "jane") starts at {@code at}. */
  private static boolean isCapitalised(String text, int at) {
    return at + 1 < text.length() && Character.isUpperCase(text.charAt(at))
        && Character.isLowerCase(text.charAt(at + 1));
  }

  /** The start of the run of letters and digits that ends at {@code end}. */
  private static int wordStart(String text, int end) {
    int i = end;
    while (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static long[] bits(String asciiChars) {
    long[] bits = new long[2];
    for (char c : asciiChars.toCharArray()) {
      bits[c >>> 6] |= 1L << c;
    }
    return bits;
  }

  private static boolean isSeparator(char c) {
    return c < 128 && (SEPARATOR_BITS[c >>> 6] & 1L << c) != 0;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  /**
   * Whether the separator at {@code at} is the {@code @} of an e-mail address or inside its
   * local part ("jane_doe+x@example.com").
   */
  private static boolean isInEmailAddress(String text, int at) {
    int i = at;
    while (i < text.length() && text.charAt(i) != '@' && (Character.isLetterOrDigit(text.charAt(i))
        || "._%+-".indexOf(text.charAt(i)) >= 0 || i == at)) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '@' && i > 0
        && isWordChar(text.charAt(i - 1)) && isDomain(text, i + 1);
  }

  /** Whether a host name with a dot starts at {@code at} ("example.com", "mail.acme.de"). */
  private static boolean isDomain(String text, int at) {
    boolean dot = false;
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' && i > at && i + 1 < text.length()
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        dot = true;
      } else if (!Character.isLetterOrDigit(c) && c != '-') {
        break;
      }
    }
    return dot;
  }

  /**
   * Whether a mention's given name, one space and a capitalised word, maybe after a particle,
   * start at {@code at}: a display name ("@Jane Doe", "@João da Silva"), not a handle ("@JaneDoe",
   * "@jdoe"), a handle and a word ("@Jane thanks", "@Kalyro LOL") or a hashtag ("#Hamburg Dec").
   */
  private static boolean isDisplayName(String text, int at) {
    int i = wordEnd(text, at + 1);
    if (i == at + 1 || i + 1 >= text.length() || text.charAt(i) != ' '
        || !Character.isUpperCase(text.charAt(at))
        || !NameWords.isGivenName(text.substring(at, i))) {
      return false;
    }
    int next = wordEnd(text, i + 1);
    if (next + 1 < text.length() && text.charAt(next) == ' '
        && NameWords.PARTICLES.contains(text.substring(i + 1, next))) {
      i = next;
    }
    return Character.isUpperCase(text.charAt(i + 1));
  }

  private static int wordEnd(String text, int at) {
    int i = at;
    while (i < text.length() && Character.isLowerCase(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The start of the run of non-space chars that holds {@code at}. */
  static int chunkStart(String text, int at) {
    int i = at;
    while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))
        && !Character.isSpaceChar(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** The end of the run of non-space chars that holds {@code at}. */
  static int chunkEnd(String text, int at) {
    int i = at;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))
        && !Character.isSpaceChar(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
