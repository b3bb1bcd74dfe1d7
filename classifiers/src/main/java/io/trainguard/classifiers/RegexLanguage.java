package io.trainguard.classifiers;

import dk.brics.automaton.Automaton;
import io.trainguard.classifiers.RegexSyntax.Unsupported;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A superset of the strings a java.util.regex pattern matches, as a regular expression over
 * {@link #NON_ASCII} + 1 symbols (each ASCII char stands for itself, {@link #NON_ASCII} for any
 * other char), derived from the tree {@link RegexSyntax} reads: lookarounds, anchors and word
 * boundaries are read as the empty string and backreferences as any string; character sets are
 * exact on ASCII and match one or two non-ASCII chars (a supplementary char is two) unless
 * plainly ASCII-only. A construct the reader does not know, or a repetition of more than 1000,
 * gives none. Given as a dk.brics.automaton NFA, or as a byte regex (for Hyperscan).
 */
final class RegexLanguage {

  /** The symbol of every non-ASCII char. */
  static final int NON_ASCII = RegexSyntax.NON_ASCII;
  private static final boolean[] ANY = new boolean[NON_ASCII + 1];

  static {
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

  private RegexLanguage() {}

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
    try {
      return language(RegexSyntax.parse(pattern));
    } catch (Unsupported | RuntimeException e) {
      return null;
    }
  }

  /**
   * The language of one node: lookarounds and assertions match the empty string, a
   * backreference any string, a group what its body matches.
   */
  private static Node language(RegexSyntax.Node node) throws Unsupported {
    if (node instanceof RegexSyntax.Chars c) {
      return new SetNode(c.set());
    } else if (node instanceof RegexSyntax.Sequence seq) {
      List<Node> items = new ArrayList<>();
      for (RegexSyntax.Node item : seq.items()) {
        items.add(language(item));
      }
      return new Sequence(items);
    } else if (node instanceof RegexSyntax.Alternatives alt) {
      List<Node> branches = new ArrayList<>();
      for (RegexSyntax.Node branch : alt.branches()) {
        branches.add(language(branch));
      }
      return new Alternatives(branches);
    } else if (node instanceof RegexSyntax.Repeat r) {
      if (r.hi() > 1000 || r.lo() > 1000) {
        throw new Unsupported();
      }
      return new Repeat(language(r.node()), r.lo(), r.hi());
    } else if (node instanceof RegexSyntax.Group g) {
      return language(g.body());
    } else if (node instanceof RegexSyntax.BackReference) {
      return ANY_STRING; // some string the group matched
    } else if (node instanceof RegexSyntax.Look look) {
      language(look.body()); // what it asserts must be readable too
    }
    return EMPTY; // a lookaround or an assertion
  }
}
