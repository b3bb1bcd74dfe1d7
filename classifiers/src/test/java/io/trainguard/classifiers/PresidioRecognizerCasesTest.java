package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Presidio's own recognizer test cases (MIT, copied unchanged under
 * {@code src/test/resources/presidio/tests/recognizers/}) run through the default analyzer, as
 * {@code detect} runs it: the same entities at the same spans.
 */
class PresidioRecognizerCasesTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();
  /** A case of a parametrize list: text, expected count, then the expected positions. */
  private static final Pattern CASE = Pattern.compile(
      "\\(\"((?:[^\"\\\\]|\\\\.)*)\", (\\d+), \\(((?:\\(\\d+, \\d+\\),\\s*)*)\\)");
  private static final Pattern POSITION = Pattern.compile("\\((\\d+), (\\d+)\\)");
  /**
   * Where trainguard differs, by design: an ISO timestamp glued to a word is still a date (fail
   * closed), where Presidio's word boundary rules it out.
   */
  private static final String GLUED_TIMESTAMP = "Today is2024-06-05T09:15:30.500-07:00";

  static Stream<Arguments> dateCases() {
    List<Arguments> cases = new ArrayList<>();
    Matcher m = CASE.matcher(resource("test_date_recognizer.py"));
    while (m.find()) {
      String text = m.group(1).replace("\\r", "\r").replace("\\n", "\n").replace("\\\"", "\"");
      List<Tuple> spans = new ArrayList<>();
      Matcher p = POSITION.matcher(m.group(3));
      while (p.find()) {
        spans.add(tuple("DATE_TIME", Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2))));
      }
      assertThat(spans).hasSize(Integer.parseInt(m.group(2)));
      if (!text.equals(GLUED_TIMESTAMP)) {
        cases.add(Arguments.of(text.replace("\r", "\\r").replace("\n", "\\n"), spans));
      }
    }
    assertThat(cases).as("cases read from Presidio's file").hasSize(34);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dateCases")
  void findsTheDatesPresidiosDateRecognizerTestFinds(String shown, List<Tuple> spans) {
    String text = shown.replace("\\r", "\r").replace("\\n", "\n");
    assertThat(DEFAULTS.analyze(text)).as(shown)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyElementsOf(spans);
  }

  @Test
  void findsAnIsoTimestampGluedToAWord() {
    assertThat(DEFAULTS.analyze(GLUED_TIMESTAMP))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("DATE_TIME", 8, 37));
  }

  /**
   * test_phone_recognizer.py's US and international numbers. Its Israeli number ("My Israeli
   * number is 09-7625400", found by Presidio's IL region) needs a phone word here: "number" is
   * none, as it introduces account and other ids.
   */
  @Test
  void findsThePhoneNumbersOfPresidiosPhoneRecognizerTest() {
    String source = resource("test_phone_recognizer.py");
    String text = "My US number is (415) 555-0132, and my international one is +1 415 555 0132";
    assertThat(source).contains(text).contains("((60, 75), (16, 30),)");
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("PHONE_NUMBER", 16, 30), tuple("PHONE_NUMBER", 60, 75));
  }

  private static String resource(String name) {
    try (InputStream in = PresidioRecognizerCasesTest.class.getResourceAsStream(
        "/presidio/tests/recognizers/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
