package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.RegexSyntax.Node;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tree {@link RegexShape} and {@link RegexLanguage} both derive from, read once. */
class RegexSyntaxTest {

  @Test
  void readsPatternsIntoTreesWithTheFlagsInForceWhereEachSetStands() throws Exception {
    assertThat(tree("a[0-2]{1,3}")).isEqualTo("seq(a, rep(012, 1, 3))");
    assertThat(tree("(?i:k)k")).isEqualTo("seq(group(seq(Kk)), k)");
    assertThat(tree("(?iu)k")).isEqualTo("seq(seq(), Kk+~)"); // the Kelvin sign too
    assertThat(tree("x|(?:y)+?")).isEqualTo("alt(seq(x), seq(rep(group(seq(y)), 1, -1)))");
    assertThat(tree("(?<pii>\\d)\\k<pii>\\1\\12")).isEqualTo(
        "seq(group1 pii(seq(0123456789)), ref1, ref1, ref0)");
    assertThat(tree("(?>a)(?<!b)(?=c)^\\b$")).isEqualTo(
        "seq(atomic(seq(a)), behind!(seq(b)), ahead(seq(c)), ^, \\b, $)");
    assertThat(tree("é.")).isEqualTo("seq(+, *+~)"); // non-ASCII; any ASCII but \n, or wide
  }

  @Test
  void constructsItDoesNotKnowAreUnsupported() {
    for (String regex : new String[] {"\\x41", "\\u0041", "\\R", "a\\b{g}", "[\\Qa\\E]",
        "b(?i)a", "(?x)a"}) {
      assertThatThrownBy(() -> RegexSyntax.parse(Pattern.compile(regex))).as(regex)
          .isInstanceOf(RegexSyntax.Unsupported.class);
    }
  }

  private static String tree(String regex) throws Exception {
    return render(RegexSyntax.parse(Pattern.compile(regex)));
  }

  private static String render(Node node) {
    if (node instanceof RegexSyntax.Chars c) {
      StringBuilder s = new StringBuilder();
      int members = 0;
      for (int i = 0; i < 128; i++) {
        members += c.set()[i] ? 1 : 0;
      }
      if (members > 100) {
        s.append('*');
      } else {
        for (char i = 0; i < 128; i++) {
          s.append(c.set()[i] ? String.valueOf(i) : "");
        }
      }
      return s + (c.set()[RegexSyntax.NON_ASCII] ? "+" : "") + (c.wide() ? "~" : "");
    } else if (node instanceof RegexSyntax.Sequence seq) {
      return "seq(" + seq.items().stream().map(RegexSyntaxTest::render)
          .collect(Collectors.joining(", ")) + ")";
    } else if (node instanceof RegexSyntax.Alternatives alt) {
      return "alt(" + alt.branches().stream().map(RegexSyntaxTest::render)
          .collect(Collectors.joining(", ")) + ")";
    } else if (node instanceof RegexSyntax.Repeat r) {
      return "rep(" + render(r.node()) + ", " + r.lo() + ", " + r.hi() + ")";
    } else if (node instanceof RegexSyntax.Group g) {
      return (g.atomic() ? "atomic" : "group" + (g.capture() > 0 ? g.capture() : ""))
          + (g.name() == null ? "" : " " + g.name()) + "(" + render(g.body()) + ")";
    } else if (node instanceof RegexSyntax.Look l) {
      return (l.behind() ? "behind" : "ahead") + (l.negative() ? "!" : "") + "("
          + render(l.body()) + ")";
    } else if (node instanceof RegexSyntax.Assertion a) {
      return a.kind() == '^' || a.kind() == '$' ? String.valueOf(a.kind()) : "\\" + a.kind();
    }
    RegexSyntax.BackReference b = (RegexSyntax.BackReference) node;
    return "ref" + b.group() + (b.caseless() ? "i" : "");
  }
}
