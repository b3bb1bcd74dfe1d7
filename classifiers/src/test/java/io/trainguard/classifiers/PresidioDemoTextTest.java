package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The text Presidio's own demo analyzes: every value Presidio's default analyzer reports there
 * is reported whole, except the bare domain {@code microsoft.com}, which is no URL without a
 * scheme or {@code www.} here.
 */
class PresidioDemoTextTest {

  @Test
  void findsEveryValueOfPresidiosDemoTextWhole() throws IOException {
    String text = demoText();

    List<Finding> findings = Analyzer.defaults().analyze(text);

    assertThat(findings).extracting(Finding::entity, Finding::start, Finding::end).containsExactly(
        at(text, "PERSON", "David Johnson"),
        at(text, "LOCATION", "Maine"),
        at(text, "CREDIT_CARD", "4095-2609-9393-4932"),
        at(text, "CRYPTO", "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"),
        at(text, "DATE_TIME", "September 18"),
        at(text, "EMAIL_ADDRESS", "test@presidio.site"),
        at(text, "IP_ADDRESS", "192.168.0.1"),
        at(text, "US_PASSPORT", "191280342"),
        at(text, "PHONE_NUMBER", "(212) 555-1234"),
        at(text, "IBAN_CODE", "IL150120690000003111111"),
        at(text, "US_BANK_NUMBER", "954567876544"),
        at(text, "PERSON", "Kate"),
        at(text, "US_SSN", "078-05-1126"),
        at(text, "US_DRIVER_LICENSE", "1234567A"));
  }

  /** The entity at the one place {@code value} occurs (the text is ASCII). */
  private static Tuple at(String text, String entity, String value) {
    int start = text.indexOf(value);
    assertThat(text.indexOf(value, start + 1)).as(value + " occurs once").isEqualTo(-1);
    return tuple(entity, start, start + value.length());
  }

  private static String demoText() throws IOException {
    try (InputStream in = PresidioDemoTextTest.class.getResourceAsStream(
        "/presidio/samples/demo_text.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
