package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Digit runs of the built-in pack that pass a checksum are reported without a context word at
 * their checked score; a context word, of their type or another, still decides.
 */
class ChecksumWithoutContextTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  static Stream<Arguments> alone() {
    return Stream.of(
      Arguments.of("Found 046-454-286 in the old backup.", "CA_SIN", 6, 17, 0.51),
      Arguments.of("046 454 286", "CA_SIN", 0, 11, 0.51),
      Arguments.of("See 292117518 for details.", "AU_TFN", 4, 13, 0.5),
      Arguments.of("021000021", "ABA_ROUTING_NUMBER", 0, 9, 0.52),
      Arguments.of("Copied from the form: 943 476 5919", "UK_NHS", 22, 34, 0.52),
      Arguments.of("1234567893 \u2014 please advise.", "US_NPI", 0, 10, 0.53),
      Arguments.of("\uD83D\uDE00 51824753556 was pasted", "AU_ABN", 2, 13, 0.51),
      Arguments.of("Can you check 14 383 567 790 before the release?", "AU_ABN", 14, 28, 0.51),
      Arguments.of("86095742719", "DE_TAX_ID", 0, 11, 0.52),
      Arguments.of("Copied from the form: 19 087 154 267", "DE_TAX_ID", 22, 36, 0.52),
      Arguments.of("44051401359", "PL_PESEL", 0, 11, 0.5),
      Arguments.of("See 234123412346 for details.", "IN_AADHAAR", 4, 16, 0.5),
      // Valid under SIN, TFN and ABA: ABA's checked score is the highest.
      Arguments.of("699057642", "ABA_ROUTING_NUMBER", 0, 9, 0.52));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("alone")
  void reportsAChecksumValidNumberAloneAtItsCheckedScore(String text, String entity, int start,
      int end, double score) {
    assertThat(DEFAULTS.analyze(text))
        .extracting(Finding::entity, Finding::start, Finding::end, Finding::score)
        .containsExactly(tuple(entity, start, end, score));
  }

  static Stream<Arguments> withContext() {
    return Stream.of(
      // Valid as SIN, TFN and ABA: the context word picks the type.
      Arguments.of("TFN: 699057642", "AU_TFN", 5, 14),
      Arguments.of("SIN 699057642", "CA_SIN", 4, 13),
      Arguments.of("Routing number: 699057642", "ABA_ROUTING_NUMBER", 16, 25),
      // Another type's context word outranks a checksum alone.
      Arguments.of("passport 046454286", "US_PASSPORT", 9, 18),
      Arguments.of("Bank account number: 9434765919", "US_BANK_NUMBER", 21, 31),
      Arguments.of("ssn=046454286", "US_SSN", 4, 13),
      Arguments.of("Social Insurance Number 046454286", "CA_SIN", 24, 33),
      Arguments.of("Her social security number is 046454286.", "US_SSN", 30, 39));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("withContext")
  void letsAContextWordPickTheType(String text, String entity, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple(entity, start, end));
  }

  static Stream<Arguments> nhsOutsideItsPrint() {
    return Stream.of(
      // US phone numbers of samples/data/customers.csv that pass the NHS checksum.
      Arguments.of("871-555-0125", "PHONE_NUMBER", 0, 12),
      Arguments.of("asked to call back on 388-555-0105 after 5pm", "PHONE_NUMBER", 22, 34),
      Arguments.of("NHS number 943-476-5919", "UK_NHS", 11, 23),
      Arguments.of("Patient 9434765919 was seen today.", "UK_NHS", 8, 18),
      // No NANP number: its exchange (162) or area code (061) starts with 0 or 1.
      Arguments.of("610-162-3548", "UK_NHS", 0, 12),
      Arguments.of("Found 061-947-8381 in the old backup.", "UK_NHS", 6, 18),
      // ... unless a phone word says it is one.
      Arguments.of("Call 610-162-3548 after 5pm", "PHONE_NUMBER", 5, 17),
      // A bare run is no phone print: the checksum decides, a phone word still wins.
      Arguments.of("Copied from the form: 9434765919", "UK_NHS", 22, 32),
      Arguments.of("9997035186", "UK_NHS", 0, 10),
      Arguments.of("Call 9434765919 after 5pm", "PHONE_NUMBER", 5, 15));
  }

  /**
   * A dashed NHS number that can be a US phone number needs an NHS word: one run in eleven
   * passes its checksum.
   */
  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("nhsOutsideItsPrint")
  void takesADashedNhsNumberThatCanBeAPhoneNumberOnlyAfterAnNhsWord(String text, String entity,
      int start, int end) {
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple(entity, start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "Found 046454287 in the old backup.",       // Luhn fails, no other scheme passes
      "12345678903",                              // Steuer-ID check passes, no digit repeated
      "11123456786",                              // ... a digit three times in a row
      "86095742718",                              // Steuer-ID check digit fails
      "uuid 123e4567-e89b-12d3-a456-426614174000", // a UUID's last group
      "key 26410c89c2d623806337c8ca1f85531b",      // digits inside a hex string
      "ref 61 367 516 093",                       // part of a longer digit sequence
      "tel 1234 5678 046 454 286",
      "id-046454286",
  })
  void reportsNoDigitRunThatIsNotAlone(String text) {
    assertThat(DEFAULTS.analyze(text)).isEmpty();
  }
}
