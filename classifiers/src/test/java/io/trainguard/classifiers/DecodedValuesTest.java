package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values written with escapes inside a text (HTML character references, URL percent-encoding,
 * JSON escapes, mathematical digits) are found, and their spans cover the escapes.
 */
class DecodedValuesTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  static Stream<Arguments> escaped() {
    return Stream.of(
        Arguments.of("mail john&#64;example.com now", List.of(tuple("EMAIL_ADDRESS", 5, 25))),
        Arguments.of("mail john&#x40;example.com now", List.of(tuple("EMAIL_ADDRESS", 5, 26))),
        Arguments.of("mail john&commat;example.com now", List.of(tuple("EMAIL_ADDRESS", 5, 28))),
        Arguments.of("mail john&amp;#64;example.com now",
            List.of(tuple("EMAIL_ADDRESS", 5, 29))),
        Arguments.of("GET /reset?email=john%40example.com&lang=en HTTP/1.1",
            List.of(tuple("EMAIL_ADDRESS", 17, 35))),
        Arguments.of("GET /reset?email=john%2540example.com HTTP/1.1",
            List.of(tuple("EMAIL_ADDRESS", 17, 37))),
        Arguments.of("payload {\"email\":\"john\\u0040example.com\"}",
            List.of(tuple("EMAIL_ADDRESS", 18, 39))),
        Arguments.of("SSN 536\\u002d22\\u002d4789 on file", List.of(tuple("US_SSN", 4, 25))),
        Arguments.of("SSN &#53;&#51;&#54;-22-4789 on file", List.of(tuple("US_SSN", 4, 27))),
        Arguments.of("card 4111%201111%201111%201111 ok", List.of(tuple("CREDIT_CARD", 5, 30))),
        // Mathematical bold digits: one code point, two UTF-16 chars each.
        Arguments.of("SSN \ud835\udfd3\ud835\udfd1\ud835\udfd4-\ud835\udfd0\ud835\udfd0-"
            + "\ud835\udfd2\ud835\udfd5\ud835\udfd6\ud835\udfd7 on file",
            List.of(tuple("US_SSN", 4, 15))),
        // Arabic-Indic and Devanagari digits were read already; kept here beside the others.
        Arguments.of("SSN \u0665\u0663\u0666-\u0662\u0662-\u0664\u0667\u0668\u0669",
            List.of(tuple("US_SSN", 4, 15))),
        Arguments.of("SSN \u096b\u0969\u096c-\u0968\u0968-\u096a\u096d\u096e\u096f",
            List.of(tuple("US_SSN", 4, 15))),
        // Look-alikes of '.', '@' and digits.
        Arguments.of("mail john\u2024smith@example\u2024com",
            List.of(tuple("EMAIL_ADDRESS", 5, 27))),
        Arguments.of("mail john.smith\ufe6bexample.com", List.of(tuple("EMAIL_ADDRESS", 5, 27))),
        Arguments.of("card \u2463\u2460\u2460\u2460 1111 1111 1111",
            List.of(tuple("CREDIT_CARD", 5, 24))),
        Arguments.of("SSN \u2075\u00b3\u2076-\u00b2\u00b2-\u2074\u2077\u2078\u2079",
            List.of(tuple("US_SSN", 4, 15))),
        // A value wrapped over a line break, as in a quoted CSV cell.
        Arguments.of("SSN 536-22-\n4789 on file", List.of(tuple("US_SSN", 4, 16))),
        Arguments.of("card 4111\n1111 1111 1111", List.of(tuple("CREDIT_CARD", 5, 24))),
        Arguments.of("card 4111\r\n1111\r\n1111\r\n1111", List.of(tuple("CREDIT_CARD", 5, 27))),
        Arguments.of("mail john.smith@\n example.com", List.of(tuple("EMAIL_ADDRESS", 5, 29))),
        Arguments.of("mail ana.perez@example.\ncom now", List.of(tuple("EMAIL_ADDRESS", 5, 27))),
        Arguments.of("mail ana\n.perez@example.com", List.of(tuple("EMAIL_ADDRESS", 5, 27))),
        Arguments.of("IBAN DE89 3704 0044 \n0532 0130 00 ok",
            List.of(tuple("IBAN_CODE", 5, 33))),
        // Over a blank line (a paragraph break), and an address cut with no separator: the
        // halves were left (#21).
        Arguments.of("card 4111 1111\n\n1111 1111 ok", List.of(tuple("CREDIT_CARD", 5, 25))),
        Arguments.of("SSN 536-22-\r\n \r\n8045 ok", List.of(tuple("US_SSN", 4, 20))),
        Arguments.of("mail ana.pe\nrez@example.com", List.of(tuple("EMAIL_ADDRESS", 5, 27))),
        // Over two blank lines (a PDF's paragraph break), an address cut with no separator too
        Arguments.of("mail ana.pe\n\n\nrez@example.com", List.of(tuple("EMAIL_ADDRESS", 5, 29))),
        Arguments.of("SSN 536-22-\n\n\n8045 ok", List.of(tuple("US_SSN", 4, 18))),
        // A number at the end of a line is no cut address's first half: the card keeps its
        // own span (it was read into the next line's address, which the strict policy's
        // property test caught).
        Arguments.of("to 4240857292844938\nbgypbg.gnu@lxnnfg.org",
            List.of(tuple("CREDIT_CARD", 3, 19), tuple("EMAIL_ADDRESS", 20, 41))),
        // Nor is a dictionary word: "mail" stays before an address on the next line.
        Arguments.of("mail\nana@example.com", List.of(tuple("EMAIL_ADDRESS", 5, 20))),
        Arguments.of("write to\nbo@example.com", List.of(tuple("EMAIL_ADDRESS", 9, 23))),
        // A value written plainly beside an escape keeps its own span.
        Arguments.of("mail ana@example.org or john&#64;example.com",
            List.of(tuple("EMAIL_ADDRESS", 5, 20), tuple("EMAIL_ADDRESS", 24, 44))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escaped")
  void findsValuesWrittenWithEscapes(String text, List<Tuple> spans) {
    assertThat(DEFAULTS.analyze(text))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyElementsOf(spans);
  }

  /**
   * Control characters that show nothing (NUL between the characters of UTF-16 text read as
   * UTF-8, DEL, C1 controls) hide no value; the span covers them.
   */
  static Stream<Arguments> controls() {
    return Stream.of(
        Arguments.of(interleaved("Patient SSN 536-22-4789, mail john@example.com"),
            List.of(tuple("US_SSN", 24, 45), tuple("EMAIL_ADDRESS", 60, 91))),
        Arguments.of("mail j\u0001ohn@example.com", List.of(tuple("EMAIL_ADDRESS", 5, 22))),
        Arguments.of("card 4111\u007f 1111\u0080 1111 1111",
            List.of(tuple("CREDIT_CARD", 5, 26))));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("controls")
  void findsValuesInterleavedWithControlCharacters(String text, List<Tuple> spans) {
    assertThat(DEFAULTS.analyze(text))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyElementsOf(spans);
  }

  /** Each char of {@code text} followed by NUL: ASCII text in UTF-16LE, decoded as UTF-8. */
  private static String interleaved(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append((char) c).append('\0'));
    return out.toString();
  }

  /**
   * Digits spelled one by one, a space between each (and around a dash): read as the number
   * they spell, each recognizer's checksum or context the guard (#21).
   */
  static Stream<Arguments> spelled() {
    return Stream.of(
        Arguments.of("ssn 5 3 6 - 2 2 - 8 0 4 5 ok", List.of(tuple("US_SSN", 4, 25))),
        Arguments.of("SSN: 5 3 6 2 2 8 0 4 5", List.of(tuple("US_SSN", 5, 22))),
        Arguments.of("card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1.", List.of(tuple("CREDIT_CARD", 5, 36))),
        Arguments.of("card 4 1 1 1 - 1 1 1 1 - 1 1 1 1 - 1 1 1 1",
            List.of(tuple("CREDIT_CARD", 5, 42))),
        Arguments.of("NHS 9 4 3 4 7 6 5 9 1 9", List.of(tuple("UK_NHS", 4, 23))),
        // No checksum, no context: a row of single digits stays a row (as 536228049 does
        // written plainly: a number that passes a checksum alone is found either way).
        Arguments.of("card 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 2", List.of()),
        Arguments.of("scores 5 3 6 2 2 8 0 4 9 today", List.of()),
        Arguments.of("grid 1 0 0 1 1 0 1 0 1 1 0 1 0 0 1 0", List.of()),
        Arguments.of("steps 1 2 3 4 5 6", List.of()),
        Arguments.of("ssn 5 3 6", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spelled")
  void findsDigitsSpelledWithSpaces(String text, List<Tuple> spans) {
    assertThat(DEFAULTS.analyze(text))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyElementsOf(spans);
  }

  /** Escapes that decode to nothing valid are read as written, without failing. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "&#1114112; &#xD800; &#0; &#99999999; &#x; &bogus; &",
      "\\uD800 \\uDC00 \\u12 \\uZZZZ C:\\users\\ana \\",
      "%C0%80 %FF %E2%82 %F0%9F%98 100% %4",
      "\ud835 \udfd3"})
  void readsBrokenEscapesAsWritten(String text) {
    assertThat(DEFAULTS.analyze(text)).isEmpty();
  }
}
