package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PythonRegexTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      (?P<area>[0-9]{3})-(?P=area)          | (?<area>[0-9]{3})-\\k<area>
      (?P<zip_code>[0-9]{5})                | (?<zipcode>[0-9]{5})
      (?P<_x>a)(?P<x>b)                     | (?<x>a)(?<x2>b)
      end\\Z                                | end\\z
      [\\Z(?P<n>]                           | [\\Z(?P<n>]
      []a](?P<g>b)                          | [\\]a](?<g>b)
      """)
  void translatesPythonSyntax(String python, String java) {
    assertThat(PythonRegex.translate(python)).isEqualTo(java);
  }

  @Test
  void compiledPatternMatchesLikePython() {
    Pattern p = PythonRegex.compile("(?P<word>\\w+) (?P=word)", PythonRegex.IGNORECASE);
    Matcher m = p.matcher("Hello hello world");
    assertThat(m.find()).isTrue();
    assertThat(m.group("word")).isEqualTo("Hello");
  }

  @Test
  void presidioDefaultFlagsIgnoreCaseAndSpanLines() {
    Pattern p = PythonRegex.compile("^abc.def$", PythonRegex.PRESIDIO_DEFAULT_FLAGS);
    assertThat(p.matcher("x\nABC\nDEF\ny").find()).isTrue();
  }

  @Test
  void verboseFlagIgnoresWhitespace() {
    Pattern p = PythonRegex.compile("a b  c # comment", PythonRegex.VERBOSE);
    assertThat(p.matcher("abc").matches()).isTrue();
  }

  @Test
  void rejectsWhatCannotBeTranslated() {
    assertThatThrownBy(() -> PythonRegex.compile("a", PythonRegex.LOCALE))
        .hasMessageContaining("re.LOCALE");
    assertThatThrownBy(() -> PythonRegex.compile("(?P=missing)", 0))
        .hasMessage("Cannot translate regex: unknown group missing");
    assertThatThrownBy(() -> PythonRegex.compile("(unclosed", 0))
        .hasMessageStartingWith("Cannot translate regex: Unclosed group");
  }
}
