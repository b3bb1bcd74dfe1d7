package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one pass that tells which readings of a text differ from it agrees with what each
 * reading does: a format char to strip, a look-alike to replace, an escape or hidden char to
 * decode.
 */
class TextFormsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Call 555-0100 about order 42; AT&T, 50% off, C:\\dir|0",
      "café 😀 ok — fine|0",
      "john\u200b.smith@example.com|1",
      "beam \ud834\udd73 here|1",
      "card ４１１１ 1111|2",
      "no\u00a0break|2",
      "mail john&#64;example.com|4",
      "GET /?e=john%40example.com|4",
      "{\"e\":\"john\\u0040example.com\"}|4",
      "SSN \ud835\udfd3\ud835\udfd1|4",
      "nul\u0000between|4",
      "\u200b４&#64;|7",
  })
  void tellsWhichReadingsDiffer(String text, int forms) {
    assertThat(TextForms.of(text)).isEqualTo(forms);
  }

  @Test
  void lineBreaksDecodeOnlyInsideAValue() {
    assertThat(TextForms.of("first line\nsecond line")).isZero();
    assertThat(TextForms.of("SSN 536-22-\n4789")).isEqualTo(TextForms.DECODES);
    assertThat(TextForms.of("card 4111\r\n1111")).isEqualTo(TextForms.DECODES);
  }

  @Test
  void agreesWithEachReadingOnEveryChar() {
    StringBuilder one = new StringBuilder();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      one.setLength(0);
      String text = one.append("a").append((char) c).append("b").toString();
      assertThat(TextForms.of(text)).as("char %04x", c).isEqualTo(reference(text));
    }
  }

  @Test
  void agreesWithEachReadingOnRandomTexts() {
    String[] pieces = {"a", "1", " ", "-", "@", "&", "&#64;", "&#x4", "&amp;", "&commat;", "%",
        "%40", "%e2%80", "%E2%80%8B", "\\u0040", "\\ud835\\udfd3", "\\u00", "\n", "\r\n", "\t",
        "\u200b", "\u00ad", "\u00a0", "\uff14", "\u2024", "\u0665", "\u0000", "\u0085",
        "\ud835\udfd3", "\ud83d\ude00", "\ud834\udd73", "\ud835", "\ude00", "é", "—"};
    Random random = new Random(27);
    for (int t = 0; t < 200_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(6); k >= 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      assertThat(TextForms.of(s)).as("text %s", s.chars().mapToObj(Integer::toHexString)
          .toList()).isEqualTo(reference(s));
    }
  }

  @Test
  void agreesOnDigitsSpelledOneAtATime() {
    assertThat(TextForms.of("SSN 5 3 6 - 2 2 - 8 0 4 5")).isEqualTo(TextForms.DECODES);
    assertThat(TextForms.of("- 5 3 6 2 2 8 0")).isEqualTo(TextForms.DECODES);
    assertThat(TextForms.of("steps 1 2 3 4 5 6 then")).isZero();
    // The shortest such number (13 chars) at every offset: none falls between the chars looked at.
    for (int offset = 0; offset < 40; offset++) {
      assertThat(TextForms.of("a".repeat(offset) + " 5 3 6 2 2 8 0 b")).as("offset %d", offset)
          .isEqualTo(TextForms.DECODES);
    }
    String[] pieces = {"1", "7", " ", " ", "-", "a", "  ", "\n", "x1", "12"};
    Random random = new Random(21);
    for (int t = 0; t < 200_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(40); k >= 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      assertThat(TextForms.of(s)).as("text '%s'", s).isEqualTo(reference(s));
    }
  }

  /** Each reading's own answer: a format code point, a replaced char, a decoding. */
  private static int reference(String text) {
    boolean invisible = text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.FORMAT);
    boolean lookAlike = !LookAlikes.replaced(text).equals(text);
    boolean decodes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      decodes |= DecodedText.isHidden(c) || (c == '&' || c == '%' || c == '\\' || c == '\r'
          || c == '\n' || c == ' ' || Character.isHighSurrogate(c))
          && DecodedText.escapeAt(text, i) != null;
    }
    return (invisible ? TextForms.INVISIBLE : 0) | (lookAlike ? TextForms.LOOK_ALIKE : 0)
        | (decodes ? TextForms.DECODES : 0);
  }
}
