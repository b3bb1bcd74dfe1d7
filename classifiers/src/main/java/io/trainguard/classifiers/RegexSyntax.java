package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A java.util.regex pattern read once into a tree, for {@link RegexShape} and
 * {@link RegexLanguage} to derive what each needs from: a recursive-descent reader that tracks
 * inline flags, so that every set of characters in the tree is the set under the flags in force
 * where it stands. Character sets are exact on ASCII (each atom is compiled alone with the same
 * flags and tested on the 128 ASCII characters); any non-ASCII character counts as a possible
 * member unless the atom is plainly ASCII-only. A construct the reader does not know throws
 * {@link Unsupported}: the pattern then gets no shape and no language.
 */
final class RegexSyntax {

  /** Index of "any non-ASCII character" in a character set. */
  static final int NON_ASCII = 128;
  private static final boolean[] NON_ASCII_ONLY = new boolean[NON_ASCII + 1];

  static {
    NON_ASCII_ONLY[NON_ASCII] = true;
  }

  /** A node of the tree. */
  sealed interface Node {}

  /**
   * One character of {@code set} (by {@link #charClass}); {@code wide}: it may also be a
   * supplementary character (two chars).
   */
  record Chars(boolean[] set, boolean wide) implements Node {}

  record Sequence(List<Node> items) implements Node {}

  /** Two or more branches. */
  record Alternatives(List<Node> branches) implements Node {}

  /** {@code hi} < 0: unbounded. Lazy and possessive quantifiers read as greedy ones. */
  record Repeat(Node node, int lo, int hi) implements Node {}

  /**
   * A group: capturing group number {@code capture} (0: not capturing), named {@code name}
   * (or null), atomic ({@code (?>...)}) or not.
   */
  record Group(Node body, int capture, String name, boolean atomic) implements Node {}

  /** A lookahead or, when {@code behind}, a lookbehind; negative or positive. */
  record Look(Node body, boolean behind, boolean negative) implements Node {}

  /**
   * A zero-width assertion: {@code ^}, {@code $}, or the letter of {@code \b}, {@code \B},
   * {@code \A}, {@code \z}, {@code \Z}, {@code \G}.
   */
  record Assertion(char kind) implements Node {}

  /**
   * A backreference to capturing group {@code group}, 0 when not known here (a name not yet
   * defined, or a number of two or more digits, which java.util.regex reads by the groups it
   * has); {@code caseless} under {@link Pattern#CASE_INSENSITIVE}.
   */
  record BackReference(int group, boolean caseless) implements Node {}

  /** A construct the reader does not handle: the pattern gets no shape and no language. */
  static final class Unsupported extends Exception {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  private final String src;
  private int pos;
  private int flags;
  /** How many groups enclose the current position. */
  private int depth;
  /**
   * End of the leading run of top-level inline flags ({@code (?i)}): {@link Pattern#flags()}
   * is what the last top-level one leaves, so the reader starts from it, which is only right
   * if they all come first (reading them again then changes nothing).
   */
  private int leadingFlagsEnd;
  private int groups;
  private final Map<String, Integer> groupNames = new HashMap<>();

  private RegexSyntax(String src, int flags) {
    this.src = src;
    this.flags = flags;
  }

  /** The tree of {@code pattern}. */
  static Node parse(Pattern pattern) throws Unsupported {
    int flags = pattern.flags();
    if ((flags & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
      throw new Unsupported();
    }
    RegexSyntax reader = new RegexSyntax(pattern.pattern(), flags);
    try {
      Node node = reader.alternation();
      if (reader.pos != reader.src.length()) {
        throw new Unsupported();
      }
      return node;
    } catch (RuntimeException e) {
      throw new Unsupported();
    }
  }

  static int charClass(char c) {
    return c < 128 ? c : NON_ASCII;
  }

  private Node alternation() throws Unsupported {
    List<Node> branches = new ArrayList<>();
    do {
      if (!branches.isEmpty()) {
        pos++;
      }
      branches.add(sequence());
    } while (pos < src.length() && src.charAt(pos) == '|');
    return branches.size() == 1 ? branches.get(0) : new Alternatives(branches);
  }

  private Node sequence() throws Unsupported {
    List<Node> items = new ArrayList<>();
    while (pos < src.length() && src.charAt(pos) != '|' && src.charAt(pos) != ')') {
      Node atom = atom();
      Quantifier q = quantifier(src, pos);
      if (q != null) {
        pos = q.end();
        atom = new Repeat(atom, q.lo(), q.hi());
      }
      items.add(atom);
    }
    return new Sequence(items);
  }

  private Node atom() throws Unsupported {
    char c = src.charAt(pos);
    switch (c) {
      case '(':
        return group();
      case '[': {
        int end = classEnd(src, pos);
        String cls = src.substring(pos, end);
        pos = end;
        boolean wide = wideClass(cls, flags);
        return chars(cls, wide, wide);
      }
      case '.':
        pos++;
        return chars(".", true, true);
      case '^':
      case '$':
        pos++;
        return new Assertion(c);
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported();
      default:
        pos++;
        return literal(c);
    }
  }

  private Node literal(char c) {
    if (Character.isSurrogate(c)) {
      return new Chars(NON_ASCII_ONLY.clone(), false);
    }
    if ((flags & Pattern.CASE_INSENSITIVE) == 0) {
      boolean[] set = new boolean[NON_ASCII + 1];
      set[charClass(c)] = true;
      return new Chars(set, false);
    }
    boolean unicodeCase = (flags & Pattern.UNICODE_CASE) != 0;
    return chars(Pattern.quote(String.valueOf(c)), c >= 128 || unicodeCase, unicodeCase);
  }

  private Node escape() throws Unsupported {
    if (pos + 1 >= src.length()) {
      throw new Unsupported();
    }
    char e = src.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'b':
        if (pos < src.length() && src.charAt(pos) == '{') {
          throw new Unsupported();
        }
        return new Assertion(e);
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
      case 'G':
        return new Assertion(e);
      case 'd':
      case 'w':
      case 's': {
        boolean wide = (flags & Pattern.UNICODE_CHARACTER_CLASS) != 0;
        return chars("\\" + e, wide, wide);
      }
      case 'D':
      case 'W':
      case 'S':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
        return chars("\\" + e, true, true);
      case 'p':
      case 'P': {
        int end = propertyEnd(src, pos);
        String atom = "\\" + e + src.substring(pos, end);
        pos = end;
        return chars(atom, true, true);
      }
      case 't':
        return literal('\t');
      case 'n':
        return literal('\n');
      case 'r':
        return literal('\r');
      case 'f':
        return literal('\f');
      case 'a':
        return literal('\u0007');
      case 'e':
        return literal('\u001B');
      case 'Q': {
        int end = src.indexOf("\\E", pos);
        String quoted = end < 0 ? src.substring(pos) : src.substring(pos, end);
        pos = end < 0 ? src.length() : end + 2;
        List<Node> chars = new ArrayList<>();
        for (char q : quoted.toCharArray()) {
          chars.add(literal(q));
        }
        return new Sequence(chars);
      }
      case 'k': {
        int close = pos < src.length() && src.charAt(pos) == '<' ? src.indexOf('>', pos) : -1;
        if (close < 0) {
          throw new Unsupported();
        }
        String name = src.substring(pos + 1, close);
        pos = close + 1;
        return backReference(groupNames.getOrDefault(name, 0));
      }
      default:
        if (e >= '1' && e <= '9') {
          if (pos >= src.length() || !Character.isDigit(src.charAt(pos))) {
            return backReference(e - '0');
          }
          while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
          }
          return backReference(0);
        }
        if (unknownEscape(e)) {
          throw new Unsupported(); // \R, \X, hex, unicode and octal escapes, \c, \N
        }
        return literal(e);
    }
  }

  private Node group() throws Unsupported {
    int saved = flags;
    int start = pos;
    boolean topLevel = depth++ == 0;
    pos++;
    Node result;
    if (src.startsWith("?:", pos) || src.startsWith("?>", pos)) {
      boolean atomic = src.charAt(pos + 1) == '>';
      pos += 2;
      result = new Group(alternation(), 0, null, atomic);
    } else if (src.startsWith("?=", pos) || src.startsWith("?!", pos)) {
      boolean negative = src.charAt(pos + 1) == '!';
      pos += 2;
      result = new Look(alternation(), false, negative);
    } else if (src.startsWith("?<=", pos) || src.startsWith("?<!", pos)) {
      boolean negative = src.charAt(pos + 2) == '!';
      pos += 3;
      result = new Look(alternation(), true, negative);
    } else if (src.startsWith("?<", pos)) {
      int close = src.indexOf('>', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      String name = src.substring(pos + 2, close);
      int capture = ++groups;
      groupNames.put(name, capture);
      pos = close + 1;
      result = new Group(alternation(), capture, name, false);
    } else if (src.startsWith("?", pos)) {
      pos++;
      boolean on = true;
      int f = flags;
      while (pos < src.length() && src.charAt(pos) != ')' && src.charAt(pos) != ':') {
        char c = src.charAt(pos++);
        int bit = inlineFlag(c);
        if (c == '-') {
          on = false;
        } else if (on) {
          f |= bit;
        } else {
          f &= ~bit;
        }
      }
      if (pos >= src.length()) {
        throw new Unsupported();
      }
      if (src.charAt(pos) == ')') {
        pos++;
        if (topLevel && start != leadingFlagsEnd) {
          throw new Unsupported(); // the flags the regex was compiled with are unknown
        }
        leadingFlagsEnd = topLevel ? pos : leadingFlagsEnd;
        depth--;
        flags = f; // (?i): for the rest of the enclosing group
        return new Sequence(List.of());
      }
      pos++;
      flags = f;
      result = new Group(alternation(), 0, null, false);
    } else {
      int capture = ++groups;
      result = new Group(alternation(), capture, null, false);
    }
    if (pos >= src.length() || src.charAt(pos) != ')') {
      throw new Unsupported();
    }
    pos++;
    depth--;
    flags = saved;
    return result;
  }

  private Node backReference(int group) {
    return new BackReference(group, (flags & Pattern.CASE_INSENSITIVE) != 0);
  }

  /** One atom: its ASCII members under the current flags, and non-ASCII chars if it may. */
  private Chars chars(String atom, boolean nonAscii, boolean wide) {
    boolean[] set = Arrays.copyOf(asciiMembers(atom, flags), NON_ASCII + 1);
    set[NON_ASCII] = nonAscii;
    return new Chars(set, wide);
  }

  /** A quantifier: at least {@code lo}, at most {@code hi} (-1: unbounded), {@code end} after. */
  private record Quantifier(int lo, int hi, int end) {}

  /**
   * The quantifier at {@code pos} of {@code src} ({@code *}, {@code +}, {@code ?}, {@code {n}},
   * {@code {n,}}, {@code {n,m}}, lazy or possessive), or null if there is none.
   */
  private static Quantifier quantifier(String src, int pos) throws Unsupported {
    if (pos >= src.length()) {
      return null;
    }
    char c = src.charAt(pos);
    int lo;
    int hi;
    if (c == '*' || c == '+' || c == '?') {
      pos++;
      lo = c == '+' ? 1 : 0;
      hi = c == '?' ? 1 : -1;
    } else if (c == '{') {
      int close = src.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      String body = src.substring(pos + 1, close);
      int comma = body.indexOf(',');
      try {
        lo = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
        hi = comma < 0 ? lo : comma == body.length() - 1 ? -1
            : Integer.parseInt(body.substring(comma + 1));
      } catch (NumberFormatException e) {
        throw new Unsupported();
      }
      pos = close + 1;
    } else {
      return null;
    }
    if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '+')) {
      pos++; // lazy or possessive: the same strings can match, or fewer
    }
    return new Quantifier(lo, hi, pos);
  }

  /** The flag of an inline flag letter ({@code (?i)}); 0 for {@code -}. */
  private static int inlineFlag(char c) throws Unsupported {
    return switch (c) {
      case 'i' -> Pattern.CASE_INSENSITIVE;
      case 'd' -> Pattern.UNIX_LINES;
      case 'm' -> Pattern.MULTILINE;
      case 's' -> Pattern.DOTALL;
      case 'u' -> Pattern.UNICODE_CASE;
      // As the compile flag, (?U) implies UNICODE_CASE (and (?-U) turns both off).
      case 'U' -> Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
      case '-' -> 0;
      default -> throw new Unsupported(); // x (comments) and anything unknown
    };
  }

  /** Index just after the name of the {@code \p} or {@code \P} whose name starts at {@code pos}. */
  private static int propertyEnd(String src, int pos) throws Unsupported {
    int end = pos;
    if (end < src.length() && src.charAt(end) == '{') {
      end = src.indexOf('}', end);
      if (end < 0) {
        throw new Unsupported();
      }
    }
    return end + 1;
  }

  /** Whether an escaped letter or digit is one the reader does not know. */
  private static boolean unknownEscape(char e) {
    return (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9') || e >= 128;
  }

  /** Index just after the character class of {@code src} starting at {@code start}. */
  private static int classEnd(String src, int start) throws Unsupported {
    int i = start + 1;
    if (i < src.length() && src.charAt(i) == '^') {
      i++;
    }
    int depth = 1;
    boolean first = true;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\') {
        if (i + 1 < src.length() && src.charAt(i + 1) == 'Q') {
          throw new Unsupported();
        }
        i += 2;
      } else if (c == '[') {
        depth++;
        i++;
      } else if (c == ']' && !first) {
        if (--depth == 0) {
          return i + 1;
        }
        i++;
      } else {
        i++;
      }
      first = false;
    }
    throw new Unsupported();
  }

  /**
   * Whether character class {@code cls} may match non-ASCII chars under {@code flags}: unless it
   * is plainly ASCII-only; a negated class, even one nested in a union ({@code [a[^b]]}), does.
   */
  private static boolean wideClass(String cls, int flags) {
    return !asciiOnly(cls, flags) || cls.contains("[^") || cls.contains("&&");
  }

  /** Whether a class can only ever match ASCII characters. */
  private static boolean asciiOnly(String cls, int flags) {
    if ((flags & Pattern.UNICODE_CHARACTER_CLASS) != 0
        || (flags & (Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            == (Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)) {
      return false;
    }
    for (int i = 0; i < cls.length(); i++) {
      char c = cls.charAt(i);
      if (c >= 128) {
        return false;
      }
      if (c == '\\' && i + 1 < cls.length()) {
        char e = cls.charAt(++i);
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
          if ("dwstnrfae".indexOf(e) < 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** ASCII members of atoms already derived, by flags and atom: packs repeat most atoms. */
  private static final Map<String, boolean[]> ASCII_MEMBERS = new ConcurrentHashMap<>();

  /** The ASCII chars one atom matches alone under {@code flags}, by asking the regex engine. */
  private static boolean[] asciiMembers(String atom, int flags) {
    int atomFlags = flags & ~Pattern.MULTILINE;
    boolean[] ascii = ASCII_MEMBERS.get(atomFlags + " " + atom);
    if (ascii == null) {
      ascii = new boolean[128];
      Matcher m = Pattern.compile(atom, atomFlags).matcher("");
      for (char c = 0; c < 128; c++) {
        ascii[c] = m.reset(String.valueOf(c)).matches();
      }
      if (ASCII_MEMBERS.size() < 10_000) {
        ASCII_MEMBERS.put(atomFlags + " " + atom, ascii);
      }
    }
    return ascii;
  }
}
