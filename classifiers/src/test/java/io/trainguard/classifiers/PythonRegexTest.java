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

  /** Presidio compiles with the third-party {@code regex} module (version 0 syntax). */
  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      \\p{Han}+                | 名字 abc             | 名字
      \\p{Cyrillic}+           | abc Иван            | Иван
      \\P{Latin}+              | abc Иван            | ' Иван'
      \\p{Lu}\\p{Ll}+          | abc Bob             | Bob
      x{,3}y                   | xxxxy               | xxxy
      a{b                      | xa{b                | a{b
      a{1,x}                   | a{1,x}              | a{1,x}
      ab(?#a comment)c         | abc                 | abc
      [[]x                     | a[x                 | [x
      [[:alpha:]]+             | 12 héllo            | héllo
      [[:digit:]]+             | digit: 42           | 42
      [[:^digit:]]+            | 42ab                | ab
      [[:alnum:]_]+            | -a_1-               | a_1
      [[:xdigit:]]+            | xyz 0aF             | 0aF
      [a&&b]+                  | c&&b                | &&b
      [a-c&&b]+                | xa&&                | a&&
      [\\b]x                   | '\bx'               | '\bx'
      """)
  void regexModuleSyntaxMatchesAsInPresidio(String python, String text, String found) {
    Matcher m = PythonRegex.compile(python, 0).matcher(text);
    assertThat(m.find()).isTrue();
    assertThat(m.group()).isEqualTo(found);
  }

  @Test
  void posixClassesNeverMatchTheirOwnNames() {
    assertThat(PythonRegex.compile("[[:digit:]]+", 0).matcher("digit:").find()).isFalse();
    assertThat(PythonRegex.compile("[[:alpha:]]", 0).matcher("a").find()).isTrue();
  }

  @Test
  void verboseKeepsWhitespaceInsideClassesAsPythonDoes() {
    Pattern p = PythonRegex.compile("a [ ]  b", PythonRegex.VERBOSE);
    assertThat(p.matcher("a b").matches()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '~', textBlock = """
      \\p{NoSuchScript}  ~ Cannot translate regex: unknown property \\p{NoSuchScript}
      [[:word:]]         ~ Cannot translate regex: POSIX class [:word:] is not supported
      \\h                ~ Cannot translate regex: escape \\h is not Python syntax
      \\Qa.b\\E          ~ Cannot translate regex: escape \\Q is not Python syntax
      (?V1)[a--b]        ~ Cannot translate regex: regex module version 1 syntax (?V1) is not supported
      (?&name)           ~ Cannot translate regex: recursion and subroutine calls are not supported
      (?|a)              ~ Cannot translate regex: branch reset groups are not supported
      a(*SKIP)           ~ Cannot translate regex: backtracking control verbs are not supported
      """)
  void rejectsRegexModuleSyntaxWithoutJavaEquivalentByName(String python, String message) {
    assertThatThrownBy(() -> PythonRegex.compile(python, 0)).hasMessage(message);
  }
}
