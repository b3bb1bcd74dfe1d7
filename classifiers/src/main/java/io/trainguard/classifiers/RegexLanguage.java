package io.trainguard.classifiers;

import dk.brics.automaton.Automaton;
import io.trainguard.classifiers.RegexShape.Unsupported;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A superset of the strings a java.util.regex pattern matches, as a regular expression over
 * {@link #NON_ASCII} + 1 symbols (each ASCII char stands for itself, {@link #NON_ASCII} for any
 * other char): lookarounds, anchors and word boundaries are read as the empty string and
 * backreferences as any string; character sets are exact on ASCII (each atom is compiled alone
 * with the same flags and tested on the 128 ASCII chars) and match one or two non-ASCII chars (a
 * supplementary char is two) unless plainly ASCII-only. A construct this reader does not know
 * gives none. Given as a dk.brics.automaton NFA, or as a byte regex (for Hyperscan).
 */
final class RegexLanguage {

  /** The symbol of every non-ASCII char. */
  static final int NON_ASCII = 128;
  private static final boolean[] NON_ASCII_ONLY = new boolean[NON_ASCII + 1];
  private static final boolean[] ANY = new boolean[NON_ASCII + 1];

  static {
    NON_ASCII_ONLY[NON_ASCII] = true;
    java.util.Arrays.fill(ANY, true);
  }

  /** A regular expression over the symbols: a set, a sequence, alternatives or a repetition. */
  sealed interface Node extends Serializable {}

  /** One symbol of {@code set} (indexed by symbol); non-ASCII: one or two chars. */
  record SetNode(boolean[] set) implements Node {}

  record Sequence(List<Node> items) implements Node {}

  record Alternatives(List<Node> branches) implements Node {}

  /** {@code hi} < 0: unbounded. */
  record Repeat(Node node, int lo, int hi) implements Node {}

  static final Node EMPTY = new Sequence(List.of());
  static final Node ANY_STRING = new Repeat(new SetNode(ANY), 0, -1);

  private final String src;
  private int pos;
  private int flags;
  /** How many groups enclose the current position. */
  private int depth;
  /** End of the leading run of top-level inline flags, which {@link Pattern#flags()} holds. */
  private int leadingFlagsEnd;

  private RegexLanguage(String src, int flags) {
    this.src = src;
    this.flags = flags;
  }

  /** The automaton of {@code pattern}'s superset language, or null. */
  static Automaton automaton(Pattern pattern) {
    Node node = of(pattern);
    if (node == null) {
      return null;
    }
    Automaton a = automaton(node);
    a.removeDeadTransitions();
    return a;
  }

  private static Automaton automaton(Node node) {
    if (node instanceof SetNode set) {
      StringBuilder chars = new StringBuilder();
      for (char c = 0; c < NON_ASCII; c++) {
        if (set.set()[c]) {
          chars.append(c);
        }
      }
      Automaton a = Automaton.makeCharSet(chars.toString());
      return set.set()[NON_ASCII]
          ? a.union(Automaton.makeChar((char) NON_ASCII).repeat(1, 2)) : a;
    } else if (node instanceof Sequence seq) {
      return seq.items().isEmpty() ? Automaton.makeEmptyString()
          : Automaton.concatenate(seq.items().stream().map(RegexLanguage::automaton).toList());
    } else if (node instanceof Alternatives alt) {
      return Automaton.union(alt.branches().stream().map(RegexLanguage::automaton).toList());
    }
    Repeat r = (Repeat) node;
    Automaton a = automaton(r.node());
    return r.hi() < 0 ? a.repeat(r.lo()) : a.repeat(r.lo(), r.hi());
  }

  /**
   * The superset language as a regex over bytes, one per char (ASCII as itself, any other char
   * as 0x80), in the syntax Hyperscan and java.util.regex share; null if there is none.
   */
  static String byteRegex(Pattern pattern) {
    Node node = of(pattern);
    if (node == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    try {
      byteRegex(node, out);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out.toString();
  }

  private static void byteRegex(Node node, StringBuilder out) {
    if (node instanceof SetNode set) {
      StringBuilder members = new StringBuilder();
      for (int c = 0; c < NON_ASCII; c++) {
        if (set.set()[c]) {
          members.append(String.format("\\x%02x", c));
        }
      }
      boolean nonAscii = set.set()[NON_ASCII];
      if (members.length() == 0 && !nonAscii) {
        throw new IllegalArgumentException("an empty set has no byte regex");
      }
      out.append("(?:");
      out.append(members.length() == 0 ? "" : "[" + members + "]");
      out.append(members.length() > 0 && nonAscii ? "|" : "");
      out.append(nonAscii ? "\\x80\\x80?" : "");
      out.append(")");
    } else if (node instanceof Sequence seq) {
      out.append("(?:");
      seq.items().forEach(item -> byteRegex(item, out));
      out.append(")");
    } else if (node instanceof Alternatives alt) {
      out.append("(?:");
      for (int k = 0; k < alt.branches().size(); k++) {
        out.append(k == 0 ? "" : "|");
        byteRegex(alt.branches().get(k), out);
      }
      out.append(")");
    } else {
      Repeat r = (Repeat) node;
      out.append("(?:");
      byteRegex(r.node(), out);
      out.append(r.hi() < 0 ? "){" + r.lo() + ",}" : "){" + r.lo() + "," + r.hi() + "}");
    }
  }

  /** {@code pattern}'s superset language, or null. */
  static Node of(Pattern pattern) {
    int flags = pattern.flags();
    if ((flags & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
      return null;
    }
    RegexLanguage reader = new RegexLanguage(pattern.pattern(), flags);
    try {
      Node node = reader.alternation();
      return reader.pos == reader.src.length() ? node : null;
    } catch (Unsupported | RuntimeException e) {
      return null;
    }
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
      items.add(quantifier(atom()));
    }
    return new Sequence(items);
  }

  private Node quantifier(Node atom) throws Unsupported {
    RegexShape.Quantifier q = RegexShape.quantifier(src, pos);
    if (q == null) {
      return atom;
    }
    if (q.hi() > 1000 || q.lo() > 1000) {
      throw new Unsupported();
    }
    pos = q.end();
    return new Repeat(atom, q.lo(), q.hi());
  }

  private Node atom() throws Unsupported {
    char c = src.charAt(pos);
    switch (c) {
      case '(':
        return group();
      case '[': {
        int end = RegexShape.classEnd(src, pos);
        String cls = src.substring(pos, end);
        pos = end;
        return set(cls, RegexShape.wideClass(cls, flags));
      }
      case '.':
        pos++;
        return set(".", true);
      case '^':
      case '$':
        pos++;
        return EMPTY;
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
      return new SetNode(NON_ASCII_ONLY);
    }
    if ((flags & Pattern.CASE_INSENSITIVE) == 0) {
      boolean[] set = new boolean[NON_ASCII + 1];
      set[c < NON_ASCII ? c : NON_ASCII] = true;
      return new SetNode(set);
    }
    return set(Pattern.quote(String.valueOf(c)),
        c >= 128 || (flags & Pattern.UNICODE_CASE) != 0);
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
        return EMPTY;
      case 'B':
      case 'A':
      case 'z':
      case 'Z':
      case 'G':
        return EMPTY;
      case 'd':
      case 'w':
      case 's':
        return set("\\" + e, (flags & Pattern.UNICODE_CHARACTER_CLASS) != 0);
      case 'D':
      case 'W':
      case 'S':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
        return set("\\" + e, true);
      case 'p':
      case 'P': {
        int end = RegexShape.propertyEnd(src, pos);
        String atom = "\\" + e + src.substring(pos, end);
        pos = end;
        return set(atom, true);
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
        if (pos >= src.length() || src.charAt(pos) != '<' || src.indexOf('>', pos) < 0) {
          throw new Unsupported();
        }
        pos = src.indexOf('>', pos) + 1;
        return anyString();
      }
      default:
        if (e >= '1' && e <= '9') {
          while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
          }
          return anyString(); // a backreference: some string the group matched
        }
        if (RegexShape.unknownEscape(e)) {
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
    boolean lookaround = false;
    if (src.startsWith("?:", pos) || src.startsWith("?>", pos)) {
      pos += 2;
    } else if (src.startsWith("?=", pos) || src.startsWith("?!", pos)) {
      pos += 2;
      lookaround = true;
    } else if (src.startsWith("?<=", pos) || src.startsWith("?<!", pos)) {
      pos += 3;
      lookaround = true;
    } else if (src.startsWith("?<", pos)) {
      int close = src.indexOf('>', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      pos = close + 1;
    } else if (src.startsWith("?", pos)) {
      pos++;
      boolean on = true;
      int f = flags;
      while (pos < src.length() && src.charAt(pos) != ')' && src.charAt(pos) != ':') {
        char c = src.charAt(pos++);
        int bit = RegexShape.inlineFlag(c);
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
        return EMPTY;
      }
      pos++;
      flags = f;
    }
    result = alternation();
    if (pos >= src.length() || src.charAt(pos) != ')') {
      throw new Unsupported();
    }
    pos++;
    depth--;
    flags = saved;
    return lookaround ? EMPTY : result;
  }

  private static Node anyString() {
    return ANY_STRING;
  }

  /** One atom: its ASCII members under the current flags, and non-ASCII chars if it may. */
  private Node set(String atom, boolean nonAscii) {
    boolean[] set = java.util.Arrays.copyOf(RegexShape.asciiMembers(atom, flags), NON_ASCII + 1);
    set[NON_ASCII] = nonAscii;
    return new SetNode(set);
  }
}
