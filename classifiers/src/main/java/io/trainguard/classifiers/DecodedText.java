package io.trainguard.classifiers;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.translate.EntityArrays;

/**
 * A text as a reader sees it once its escapes are decoded: HTML character references
 * ({@code &#64;}, {@code &#x40;}, {@code &eacute;}, {@code &commat;}), URL percent-encoding
 * ({@code %40}, UTF-8 sequences) and JSON's and Java's {@code \\u0040}, decoded again while a
 * round still decodes something ({@code %2540}, {@code &amp;#64;}); the mathematical letters and
 * digits outside the Basic Multilingual Plane as the ASCII ones they show, which
 * {@link LookAlikes} cannot replace one char for one; control characters other than white space
 * left out (NUL between the characters of UTF-16 text read as UTF-8, DEL, C1 controls); a line
 * break that wraps a value joined; the spaces between digits spelled one at a time left out.
 * Code point {@code i} of {@link #text} came from the
 * original's code points {@code [start[i], end[i])}, so a finding's span covers the whole
 * escape and what was left out inside the value.
 */
record DecodedText(String text, int[] start, int[] end) {

  private static final int MAX_ROUNDS = 3;
  private static final int MAX_ENTITY_CHARS = 32;
  /** The longest local part of an e-mail address (RFC 5321). */
  private static final int MAX_LOCAL_PART = 64;
  private static final Map<String, String> NAMED_ENTITIES = namedEntities();
  /** Unicode's block of Mathematical Alphanumeric Symbols. */
  private static final int MATHEMATICAL_FIRST = 0x1d400;
  private static final int MATHEMATICAL_LAST = 0x1d7ff;
  /** The code point of an escape that stands for nothing: a line break that joins a value. */
  private static final int JOINED = -1;
  /**
   * Lone digits in a row read as one number: fewer are a list or a table row ("steps 1 2 3"),
   * and the shortest value a reader spells (a phone number without its area code) has seven.
   */
  private static final int MIN_SPELLED_DIGITS = 7;
  /**
   * Blank lines a line break inside a value may come with: a paragraph break (a PDF writes one
   * or two); more part two texts.
   */
  private static final int MAX_BLANK_LINES = 2;
  /**
   * Blank lines a line break may come with after a value's first part that cannot end it (an
   * SSN's {@code 536-22-}, an address's {@code ana.perez@}) or before a rest that cannot start
   * one ({@code @example.com}, an address's rest after a cut local part): failing closed, both
   * parts are read as one value over more blank lines than a paragraph break has.
   */
  static final int MAX_BLANK_LINES_AFTER_A_CUT = 5;

  /** {@code found}, whose offsets are into {@link #text}, with offsets into the original. */
  List<Finding> toOriginal(List<Finding> found) {
    return found.stream().map(f -> f.moved(s -> start[s], e -> end[e - 1])
        .rescored(f.score(), "decoded")).toList();
  }

  /** This text decoded further by {@code next}, mapped onto this one's original. */
  private DecodedText then(DecodedText next) {
    int[] s = new int[next.start.length];
    int[] e = new int[next.end.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = start[next.start[i]];
      e[i] = end[next.end[i] - 1];
    }
    return new DecodedText(next.text, s, e);
  }

  /** An escape at some index: the code point it stands for and its length in chars. */
  record Escape(int codePoint, int chars) {}

  /** {@code text} decoded, or null when it reads the same. */
  static DecodedText of(String text) {
    if ((TextForms.of(text) & TextForms.DECODES) == 0) {
      return null;
    }
    DecodedText decoded = null;
    String current = text;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      DecodedText next = decodeOnce(current);
      if (next == null) {
        break;
      }
      decoded = decoded == null ? next : decoded.then(next);
      current = next.text();
    }
    return decoded;
  }

  /** A control character other than white space. */
  static boolean isHidden(int c) {
    return (c < ' ' || c >= '\u007f' && c <= '\u009f') && !Character.isWhitespace(c);
  }

  private static DecodedText decodeOnce(String text) {
    int codePoints = text.codePointCount(0, text.length());
    int[] start = new int[codePoints];
    int[] end = new int[codePoints];
    StringBuilder out = new StringBuilder(text.length());
    boolean changed = false;
    int count = 0;
    int cp = 0;
    for (int i = 0; i < text.length(); ) {
      int original = text.codePointAt(i);
      if (isHidden(original)) {
        changed = true;
        cp++;
        i++;
        continue;
      }
      Escape escape = escapeAt(text, i);
      int chars = escape == null ? Character.charCount(original) : escape.chars();
      changed |= escape != null;
      if (escape != null && escape.codePoint() == JOINED) {
        cp += chars;
        i += chars;
        continue;
      }
      out.appendCodePoint(escape == null ? original : escape.codePoint());
      int used = escape == null ? 1 : text.codePointCount(i, i + chars);
      start[count] = cp;
      end[count++] = cp + used;
      cp += used;
      i += chars;
    }
    return changed ? new DecodedText(out.toString(), Arrays.copyOf(start, count),
        Arrays.copyOf(end, count)) : null;
  }

  /** The escape at {@code i}, or null. */
  static Escape escapeAt(String text, int i) {
    return switch (text.charAt(i)) {
      case '&' -> characterReference(text, i);
      case '%' -> percentEncoded(text, i);
      case '\\' -> unicodeEscape(text, i);
      case '\r', '\n' -> lineBreak(text, i);
      case ' ' -> spelledDigitsSpace(text, i);
      default -> Character.isHighSurrogate(text.charAt(i)) ? lookAlike(text, i) : null;
    };
  }

  /** {@code &#64;}, {@code &#x40;} (a semicolon optional, as browsers read them), {@code &amp;}. */
  private static Escape characterReference(String text, int i) {
    if (i + 1 < text.length() && text.charAt(i + 1) == '#') {
      boolean hex = i + 2 < text.length() && (text.charAt(i + 2) | 0x20) == 'x';
      int from = i + (hex ? 3 : 2);
      int to = from;
      while (to < text.length() && to - from < 8 && text.charAt(to) < 128
          && Character.digit(text.charAt(to), hex ? 16 : 10) >= 0) {
        to++;
      }
      if (to == from || to - from == 8) {
        return null;
      }
      int value = Integer.parseInt(text, from, to, hex ? 16 : 10);
      if (value == 0 || value > Character.MAX_CODE_POINT
          || value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE) {
        return null;
      }
      boolean semicolon = to < text.length() && text.charAt(to) == ';';
      return new Escape(value, to - i + (semicolon ? 1 : 0));
    }
    int semicolon = i + 1;
    while (semicolon < text.length() && semicolon - i <= MAX_ENTITY_CHARS
        && text.charAt(semicolon) != ';') {
      semicolon++;
    }
    if (semicolon >= text.length() || text.charAt(semicolon) != ';') {
      return null;
    }
    String decoded = NAMED_ENTITIES.get(text.substring(i, semicolon + 1));
    return decoded == null ? null : new Escape(decoded.codePointAt(0), semicolon + 1 - i);
  }

  /**
   * A line break inside a value that wraps it, with the spaces and tabs after it and up to
   * {@link #MAX_BLANK_LINES} blank lines (a paragraph break; up to
   * {@link #MAX_BLANK_LINES_AFTER_A_CUT} next to a part that cannot end or start a value) after
   * it: left out after a hyphen ({@code 536-22-}, line break,
   * {@code 4789}), next to {@code @}, after a dot followed by a lower-case letter or digit
   * ({@code example.}, line break, {@code com}), before a dot, and inside a word whose rest
   * starts a line after it, unindented, as the rest of an e-mail address ({@code ana.pe}, line
   * break, {@code rez@example.com}: the word before is read as the address's, failing closed;
   * an indent is a table cell's), and inside a name's word ({@link #cutName}); read as
   * one space between digits ({@code 4111}, line break, {@code 1111 1111 1111}), or left out
   * when spaces or tabs end the line ({@code DE89 3704 0044 }, line break, {@code 0532}); null
   * elsewhere.
   */
  private static Escape lineBreak(String text, int i) {
    int end = indentEnd(text, afterBreak(text, i));
    int blank = 0;
    for (; blank < MAX_BLANK_LINES_AFTER_A_CUT && end < text.length()
        && (text.charAt(end) == '\r' || text.charAt(end) == '\n'); blank++) {
      end = indentEnd(text, afterBreak(text, end));
    }
    int last = i;
    while (last > 0 && (text.charAt(last - 1) == ' ' || text.charAt(last - 1) == '\t')) {
      last--;
    }
    boolean spaced = last < i;
    char before = last > 0 ? text.charAt(last - 1) : ' ';
    char after = end < text.length() ? text.charAt(end) : ' ';
    boolean unindented = text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r';
    boolean cutAddress = !spaced && unindented && Character.isLetterOrDigit(before)
        && Character.isLetterOrDigit(after) && restOfAddress(text, end)
        && mayBeCutLocalPart(text, last);
    if (blank > MAX_BLANK_LINES) {
      boolean numberCutAtItsSeparator = !spaced && before == '-' && last > 1
          && isAsciiDigit(text.charAt(last - 2)) && isAsciiDigit(after);
      return numberCutAtItsSeparator || !spaced && before == '@' || after == '@' || cutAddress
          ? new Escape(JOINED, end - i) : null;
    }
    if (isAsciiDigit(before) && isAsciiDigit(after)) {
      return spaced ? new Escape(JOINED, end - i) : new Escape(' ', end - i);
    }
    if (spaced) {
      return after == '@' ? new Escape(JOINED, end - i) : null;
    }
    boolean dotBefore = before == '.' && last > 1
        && Character.isLetterOrDigit(text.charAt(last - 2))
        && (Character.isLowerCase(after) || isAsciiDigit(after));
    boolean dotAfter = after == '.' && Character.isLetterOrDigit(before);
    return before == '-' && Character.isLetterOrDigit(after) || before == '@' || after == '@'
        || dotBefore || dotAfter || cutAddress || cutName(text, i) != null
        ? new Escape(JOINED, end - i) : null;
  }

  /**
   * The name cut with no separator by the line break at {@code i}, as the chars
   * {@code [start, end)} of its two fragments, or null: a capitalised word ends the line and
   * lower-case letters start the next, unindented, and the second fragment is no dictionary
   * word ("Ida Bran", line break, "nagh"; "Jane Ro", line break, "ebuck") or the two glued are
   * a listed name that is none ("Tam", line break, "sin Pryce"). Prose and tables wrap between
   * words: "the", line break, "re" and "met John", line break, "yesterday" are no name.
   */
  static int[] cutName(String text, int i) {
    int next = afterBreak(text, i);
    int start = i;
    while (start > 0 && isLetterOrMark(text.charAt(start - 1))) {
      start--;
    }
    int end = next;
    while (end < text.length() && (Character.isLowerCase(text.charAt(end))
        || Character.getType(text.charAt(end)) == Character.NON_SPACING_MARK)) {
      end++;
    }
    if (i - start < 2 || end == next || start > 0 && isWordOrDash(text.charAt(start - 1))
        || end < text.length() && isWordOrDash(text.charAt(end))
        || !Character.isUpperCase(text.charAt(start)) || !Character.isLowerCase(text.charAt(next))) {
      return null;
    }
    for (int k = start + 1; k < i; k++) {
      if (Character.isUpperCase(text.charAt(k))) {
        return null;
      }
    }
    if (!NameModel.COMMON.contains(text, next, end, w -> w.toLowerCase(java.util.Locale.ROOT))) {
      return new int[] {start, end};
    }
    String glued = (text.substring(start, i) + text.substring(next, end))
        .toLowerCase(java.util.Locale.ROOT);
    return !NameModel.COMMON.contains(glued) && NameModel.isNameWord(glued)
        ? new int[] {start, end} : null;
  }

  private static boolean isLetterOrMark(char c) {
    return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  /**
   * {@code found} in {@code text}, each {@code PERSON} that ends or starts at a name's fragment
   * cut by a line break ({@link #cutName}) taking in the other fragment: half of a name found is
   * the name's, whatever the glued reading made of it.
   */
  static List<Finding> withCutNamesWhole(String text, List<Finding> found) {
    List<Finding> whole = null;
    for (int k = 0; k < found.size(); k++) {
      Finding f = found.get(k);
      if (!f.entity().equals("PERSON")) {
        continue;
      }
      int start = text.offsetByCodePoints(0, f.start());
      int end = text.offsetByCodePoints(start, f.end() - f.start());
      int[] after = end < text.length() && (text.charAt(end) == '\r' || text.charAt(end) == '\n')
          ? cutName(text, end) : null;
      int breakAt = start > 0 && text.charAt(start - 1) == '\n'
          ? start - (start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1) : -1;
      int[] before = breakAt > 0 ? cutName(text, breakAt) : null;
      if (after == null && before == null) {
        continue;
      }
      int s = before == null ? f.start() : text.codePointCount(0, before[0]);
      int e = after == null ? f.end() : text.codePointCount(0, after[1]);
      if (whole == null) {
        whole = new java.util.ArrayList<>(found);
      }
      whole.set(k, new Finding(f.entity(), s, e, f.score(), f.recognizer(), f.explanation()));
    }
    return whole == null ? found : whole;
  }

  /**
   * A space between the digits of a number spelled one digit at a time, as a reader says it
   * ({@code 5 3 6 - 2 2 - 8 0 4 5}): left out when the lone digits and dashes that single spaces
   * part around it hold {@link #MIN_SPELLED_DIGITS} digits or more; null elsewhere.
   */
  private static Escape spelledDigitsSpace(String text, int i) {
    if (!isSpelled(text, i - 1) || !isSpelled(text, i + 1)) {
      return null;
    }
    int digits = 0;
    for (int t = i - 1; digits < MIN_SPELLED_DIGITS && isSpelled(text, t); t -= 2) {
      digits += isAsciiDigit(text.charAt(t)) ? 1 : 0;
      if (t < 2 || text.charAt(t - 1) != ' ') {
        break;
      }
    }
    for (int t = i + 1; digits < MIN_SPELLED_DIGITS && isSpelled(text, t); t += 2) {
      digits += isAsciiDigit(text.charAt(t)) ? 1 : 0;
      if (t + 2 >= text.length() || text.charAt(t + 1) != ' ') {
        break;
      }
    }
    return digits >= MIN_SPELLED_DIGITS ? new Escape(JOINED, 1) : null;
  }

  /**
   * Whether {@code text} holds a number spelled one digit at a time ({@link #spelledDigitsSpace}).
   * Its chars, from its first digit or dash to its last, are at least
   * {@code 2 * MIN_SPELLED_DIGITS - 1}, each a lone digit or dash or a space between two, so
   * looking at one char in that many finds one of them: a space left out, or one beside it.
   */
  static boolean hasSpelledDigits(String text) {
    int span = 2 * MIN_SPELLED_DIGITS - 1;
    for (int i = span - 1; i < text.length(); i += span) {
      char c = text.charAt(i);
      if (c == ' ' ? spelledDigitsSpace(text, i) != null
          : (isAsciiDigit(c) || c == '-')
              && (i + 1 < text.length() && text.charAt(i + 1) == ' '
                  && spelledDigitsSpace(text, i + 1) != null
              || text.charAt(i - 1) == ' ' && spelledDigitsSpace(text, i - 1) != null)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the char at {@code t} is a digit or dash standing alone: no letter or digit beside. */
  private static boolean isSpelled(String text, int t) {
    if (t < 0 || t >= text.length()) {
      return false;
    }
    char c = text.charAt(t);
    return (isAsciiDigit(c) || c == '-') && (t == 0 || !isWordOrDash(text.charAt(t - 1)))
        && (t + 1 == text.length() || !isWordOrDash(text.charAt(t + 1)));
  }

  private static boolean isWordOrDash(char c) {
    return Character.isLetterOrDigit(c) || c == '-';
  }

  /** Where the line break at {@code i} ends. */
  private static int afterBreak(String text, int i) {
    return i + (text.startsWith("\r\n", i) ? 2 : 1);
  }

  /** Where the spaces and tabs from {@code i} end. */
  private static int indentEnd(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /**
   * Whether the local-part chars that end at {@code i} may be the first half of an address cut
   * at a line break: they hold a letter (a number at the end of a line, a card's or a phone's,
   * is read as itself), and a dot, digit or other local-part sign, or they are no dictionary
   * word ("ana.pe", "ana", not "mail" or "to" before an address on the next line).
   */
  private static boolean mayBeCutLocalPart(String text, int i) {
    boolean letter = false;
    boolean sign = false;
    int j = i - 1;
    for (; j >= 0 && i - j <= MAX_LOCAL_PART && isLocalPart(text.charAt(j)); j--) {
      char c = text.charAt(j);
      letter |= Character.isLetter(c);
      sign |= !Character.isLetter(c);
    }
    return letter && (sign
        || !NameModel.COMMON.contains(text, j + 1, i, w -> w.toLowerCase(java.util.Locale.ROOT)));
  }

  /** Whether the word at {@code i} is the rest of an e-mail address: local part, @, domain. */
  private static boolean restOfAddress(String text, int i) {
    int at = i;
    while (at < text.length() && at - i < MAX_LOCAL_PART && isLocalPart(text.charAt(at))) {
      at++;
    }
    return at + 1 < text.length() && text.charAt(at) == '@'
        && Character.isLetterOrDigit(text.charAt(at + 1));
  }

  private static boolean isLocalPart(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+'
        || c == '-';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** One UTF-8 encoded code point, each byte written {@code %XX}. */
  private static Escape percentEncoded(String text, int i) {
    int lead = hexByte(text, i);
    int length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2
        : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (lead < 0 || length == 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    for (int b = 0; b < length; b++) {
      int value = hexByte(text, i + 3 * b);
      if (value < 0 || b > 0 && (value & 0xc0) != 0x80) {
        return null;
      }
      bytes[b] = (byte) value;
    }
    String decoded = new String(bytes, StandardCharsets.UTF_8);
    return decoded.codePointCount(0, decoded.length()) != 1 || decoded.charAt(0) == '\ufffd'
        ? null : new Escape(decoded.codePointAt(0), 3 * length);
  }

  /** The byte written {@code %XX} at {@code i}, or -1. */
  private static int hexByte(String text, int i) {
    if (i + 2 >= text.length() || text.charAt(i) != '%') {
      return -1;
    }
    int high = Character.digit(text.charAt(i + 1), 16);
    int low = Character.digit(text.charAt(i + 2), 16);
    return high < 0 || low < 0 || text.charAt(i + 1) > 127 || text.charAt(i + 2) > 127 ? -1
        : high << 4 | low;
  }

  /** A JSON or Java escape {@code \\u0040}, or a surrogate pair written as two of them. */
  private static Escape unicodeEscape(String text, int i) {
    int high = hexChar(text, i);
    if (high < 0 || Character.isLowSurrogate((char) high)) {
      return null;
    }
    if (!Character.isHighSurrogate((char) high)) {
      return new Escape(high, 6);
    }
    int low = hexChar(text, i + 6);
    return low >= 0 && Character.isLowSurrogate((char) low)
        ? new Escape(Character.toCodePoint((char) high, (char) low), 12) : null;
  }

  /** The char escaped at {@code i}, or -1. */
  private static int hexChar(String text, int i) {
    if (i + 6 > text.length() || text.charAt(i) != '\\' || text.charAt(i + 1) != 'u') {
      return -1;
    }
    int value = 0;
    for (int k = i + 2; k < i + 6; k++) {
      int digit = text.charAt(k) < 128 ? Character.digit(text.charAt(k), 16) : -1;
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /** A mathematical letter or digit, or another script's digit, as the one it shows. */
  private static Escape lookAlike(String text, int i) {
    int cp = text.codePointAt(i);
    if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
      return new Escape('0' + Character.digit(cp, 10), 2);
    }
    if (cp < MATHEMATICAL_FIRST || cp > MATHEMATICAL_LAST) {
      return null;
    }
    String shown = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
    return shown.length() == 1 ? new Escape(shown.charAt(0), 2) : null;
  }

  private static Map<String, String> namedEntities() {
    Map<String, String> named = new HashMap<>();
    for (Map<CharSequence, CharSequence> table : List.of(EntityArrays.BASIC_UNESCAPE,
        EntityArrays.APOS_UNESCAPE, EntityArrays.ISO8859_1_UNESCAPE,
        EntityArrays.HTML40_EXTENDED_UNESCAPE)) {
      table.forEach((name, value) -> named.put(name.toString(), value.toString()));
    }
    // HTML5's names of the punctuation inside e-mail addresses, numbers and URLs.
    String[][] html5 = {{"commat", "@"}, {"period", "."}, {"hyphen", "-"}, {"dash", "-"},
        {"lowbar", "_"}, {"UnderBar", "_"}, {"plus", "+"}, {"colon", ":"}, {"sol", "/"},
        {"num", "#"}, {"percnt", "%"}, {"comma", ","}, {"lpar", "("}, {"rpar", ")"},
        {"equals", "="}, {"quest", "?"}, {"excl", "!"}, {"bsol", "\\"}, {"apos", "'"},
        {"NonBreakingSpace", "\u00a0"}, {"ensp", "\u2002"}, {"emsp", "\u2003"},
        {"thinsp", "\u2009"}, {"hairsp", "\u200a"}, {"numsp", "\u2007"}};
    for (String[] entity : html5) {
      named.put("&" + entity[0] + ";", entity[1]);
    }
    return Map.copyOf(named);
  }
}
