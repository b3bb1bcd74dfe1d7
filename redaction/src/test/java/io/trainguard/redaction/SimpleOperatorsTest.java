package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SimpleOperatorsTest {

  private static final String EMOJI = "\uD83D\uDE00";
  private static final String E_ACUTE = "e\u0301";

  @Test
  void replace() {
    assertThat(Replace.ENTITY_NAME.apply("US_SSN", "536-22-8049")).isEqualTo("<US_SSN>");
    assertThat(Replace.ENTITY_NAME.apply("US_SSN", "")).isEqualTo("<US_SSN>");
    assertThat(new Replace("[removed]").apply("US_SSN", EMOJI)).isEqualTo("[removed]");
    assertThatThrownBy(() -> new Replace("")).hasMessage("Invalid replacement: empty (use redact)");
  }

  @Test
  void redactAndKeep() {
    assertThat(new Redact().apply("PERSON", "Ana " + EMOJI)).isEmpty();
    assertThat(new Redact().apply("PERSON", "")).isEmpty();
    assertThat(new Keep().apply("PERSON", "Zoe" + E_ACUTE + EMOJI))
        .isEqualTo("Zoe" + E_ACUTE + EMOJI);
    assertThat(new Keep().apply("PERSON", "")).isEmpty();
  }

  @ParameterizedTest(name = "{0} on \"{1}\" -> \"{2}\"")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "mask[*,12]|4111-1111-1111-1111|************11-1111",
      "mask[*,15]|4111-1111-1111-1111|***************1111",
      "mask[*,4,from_end]|4111111111111111|411111111111****",
      "mask[#,3]|ab|##",
      "mask[#,3,from_end]|ab|##",
      "mask[x,1]|''|''",
      "mask[*,4]|Zoe\u0301 M|**** M",
      "mask[*,2,from_end]|Zoe\u0301|Zo**",
      "mask[\u2022,2]|\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00|\u2022\u2022\uD83D\uDE00",
      "mask[\uD83D\uDD12,1,from_end]|ab\uD83D\uDE00|ab\uD83D\uDD12",
  })
  void maskCountsCodePointsLikePresidio(String spec, String value, String expected) {
    assertThat(Operator.parse(spec).apply("X", value)).isEqualTo(expected);
  }

  @Test
  void maskOnVeryLongValues() {
    String value = "7".repeat(100_000);
    assertThat(new Mask('*', 99_996, false).apply("X", value))
        .isEqualTo("*".repeat(99_996) + "7777");
    assertThat(new Mask('*', Integer.MAX_VALUE, true).apply("X", value))
        .isEqualTo("*".repeat(100_000));
  }

  @Test
  void maskIsValidatedWhenBuilt() {
    assertThatThrownBy(() -> new Mask('*', 0, false))
        .hasMessage("Invalid mask count: 0 (allowed: 1 or more)");
    assertThatThrownBy(() -> new Mask(' ', 1, false))
        .hasMessage("Invalid mask character (allowed: one printable character other than , [ ])");
    assertThatThrownBy(() -> new Mask(',', 1, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Mask('\n', 1, false)).isInstanceOf(IllegalArgumentException.class);
  }
}
