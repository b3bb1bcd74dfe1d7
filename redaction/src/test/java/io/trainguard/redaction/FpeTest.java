package io.trainguard.redaction;

import static io.trainguard.redaction.TestKeys.CONTEXT;
import static io.trainguard.redaction.TestKeys.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FpeTest {

  private final Fpe fpe = new Fpe(false);
  private final Fpe luhn = new Fpe(true);

  @Test
  void nistFf1SampleWithAes256AndTweak() {
    // SP 800-38G FF1 samples 7 and 8 (AES-256, radix 10); sample 8's tweak is ASCII 9876543210.
    byte[] key = HexFormat.of().parseHex(
        "2b7e151628aed2a6abf7158809cf4f3cef4359d8d580aa4f7f036d6f04fc6a94");
    assertThat(fpe.transform(true, "9876543210", "0123456789", key)).isEqualTo("1001623463");
    assertThat(fpe.transform(false, "9876543210", "1001623463", key)).isEqualTo("0123456789");
    assertThat(fpe.transform(true, "", "01234-56789", key)).isEqualTo("66576-67009");
  }

  @Test
  void exactOutputsUnderAFixedSecret() {
    assertThat(luhn.apply("CREDIT_CARD", "4111 1111 1111 1111", CONTEXT))
        .isEqualTo("2179 6742 4350 4951");
    assertThat(fpe.apply("US_SSN", "536-22-8049", CONTEXT)).isEqualTo("074-02-7304");
    assertThat(fpe.apply("PHONE_NUMBER", "(212) 555-0187", CONTEXT)).isEqualTo("(754) 033-9077");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "US_SSN|536-22-8049", "PHONE_NUMBER|+1 (212) 555-0187", "PHONE_NUMBER|212.555.0187",
      "US_BANK_NUMBER|000123", "CREDIT_CARD|4111-1111-1111-1111"})
  void keepsLengthAndSeparatorsAndRoundTrips(String entity, String value) {
    String out = fpe.apply(entity, value, CONTEXT);
    assertThat(out).hasSameSizeAs(value).isNotEqualTo(value);
    assertThat(out.replaceAll("[0-9]", "0")).isEqualTo(value.replaceAll("[0-9]", "0"));
    assertThat(fpe.reverse(entity, out, KEYS)).isEqualTo(value);
  }

  @Test
  void luhnOutputsStayLuhnValidAndRoundTrip() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      char[] card = new char[12 + random.nextInt(8)];
      for (int j = 0; j < card.length; j++) {
        card[j] = (char) ('0' + random.nextInt(10));
      }
      card[card.length - 1] = '0';
      card[card.length - 1] = (char) ('0' + (10 - luhnSum(new String(card)) % 10) % 10);
      String value = new String(card);
      String out = luhn.apply("CREDIT_CARD", value, CONTEXT);
      assertThat(luhnSum(out) % 10).as("Luhn of output").isZero();
      assertThat(out).hasSameSizeAs(value).doesNotContain("<");
      assertThat(luhn.reverse("CREDIT_CARD", out, KEYS)).isEqualTo(value);
    }
  }

  @Test
  void deterministicPerSecretAndEntityTweak() {
    String out = fpe.apply("US_SSN", "536-22-8049", CONTEXT);
    assertThat(fpe.apply("US_SSN", "536-22-8049",
        RecordContext.of(OperatorKeys.fromDatasetSecret(TestKeys.secret(0))))).isEqualTo(out);
    assertThat(fpe.apply("US_SSN", "536-22-8049", RecordContext.of(TestKeys.OTHER)))
        .isNotEqualTo(out);
    assertThat(fpe.apply("US_ITIN", "536-22-8049", CONTEXT)).isNotEqualTo(out);
    assertThat(fpe.reverse("US_SSN", out, TestKeys.OTHER)).isNotEqualTo("536-22-8049");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "12-34-5", "no digits", "94103",
      "\u0661\u0662\u0663\u0664\u0665\u0666\u0667", "123456\u0667"})
  void tooFewOrNonAsciiDigitsAreReplacedNeverPassedThrough(String value) {
    assertThat(fpe.apply("US_SSN", value, CONTEXT)).isEqualTo("<US_SSN>");
  }

  @Test
  void luhnNeedsSevenDigitsAndALuhnValidInput() {
    assertThat(luhn.apply("CREDIT_CARD", "123455", CONTEXT)).isEqualTo("<CREDIT_CARD>");
    assertThat(luhn.apply("CREDIT_CARD", "4111111111111112", CONTEXT)).isEqualTo("<CREDIT_CARD>");
    assertThat(luhn.apply("CREDIT_CARD", "1234566", CONTEXT)).hasSize(7);
    assertThatThrownBy(() -> luhn.reverse("CREDIT_CARD", "4111111111111112", KEYS))
        .hasMessage("Cannot decrypt fpe[luhn] value of entity CREDIT_CARD: too few digits or not"
            + " Luhn-valid");
    assertThatThrownBy(() -> fpe.reverse("US_SSN", "<US_SSN>", KEYS))
        .hasMessage("Cannot decrypt fpe value of entity US_SSN: too few digits");
  }

  @Test
  void minimumAndVeryLongDigitStrings() {
    String six = fpe.apply("X", "000000", CONTEXT);
    assertThat(six).matches("[0-9]{6}");
    assertThat(fpe.reverse("X", six, KEYS)).isEqualTo("000000");
    String longValue = "1234567890".repeat(200) + " \uD83D\uDE00";
    String out = fpe.apply("X", longValue, CONTEXT);
    assertThat(out).endsWith(" \uD83D\uDE00").hasSameSizeAs(longValue);
    assertThat(fpe.reverse("X", out, KEYS)).isEqualTo(longValue);
  }

  @Test
  void failsClosedWithoutKeys() {
    assertThatThrownBy(() -> fpe.apply("X", "123456"))
        .hasMessage("Cannot apply fpe: no operator keys");
  }

  private static int luhnSum(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      sum += i % 2 == 1 ? (d > 4 ? 2 * d - 9 : 2 * d) : d;
    }
    return sum;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "+1 (415) 555-2671|+1 (415) ", "+1-212-555-0187|+1-212-", "+44 20 7946 0958|+44 ",
      "+33 1 23 45 67 89|+33 ", "+353 1 234 5678|+353 ", " +49 30 901820|+49 "})
  void phonesKeepTheirCallingCodeAndNanpAreaCodeAndRoundTrip(String value, String kept) {
    String out = fpe.apply("PHONE_NUMBER", value, CONTEXT);
    assertThat(out).startsWith(kept).hasSameSizeAs(value).isNotEqualTo(value);
    assertThat(out.replaceAll("[0-9]", "0")).isEqualTo(value.replaceAll("[0-9]", "0"));
    assertThat(fpe.reverse("PHONE_NUMBER", out, KEYS)).isEqualTo(value);
  }

  @Test
  void keptDigitsJoinTheTweakAndOnlyPhonesKeepDigits() {
    String ny = fpe.apply("PHONE_NUMBER", "+1 (212) 555-0187", CONTEXT);
    String sf = fpe.apply("PHONE_NUMBER", "+1 (415) 555-0187", CONTEXT);
    assertThat(ny.substring(9)).isNotEqualTo(sf.substring(9));
    // Without +, or for another entity, every digit is encrypted.
    assertThat(fpe.apply("US_BANK_NUMBER", "+1 (415) 555-2671", CONTEXT)).doesNotStartWith(
        "+1 (415)");
    assertThat(fpe.apply("PHONE_NUMBER", "1 (415) 555-2671", CONTEXT)).doesNotStartWith(
        "1 (415)");
    // Six digits must remain to encrypt: a short +1 number keeps its calling code alone.
    assertThat(fpe.apply("PHONE_NUMBER", "+1 555 0187", CONTEXT)).startsWith("+1 ")
        .doesNotStartWith("+1 555");
    assertThat(fpe.apply("PHONE_NUMBER", "+44 12345", CONTEXT)).isEqualTo("<PHONE_NUMBER>");
  }
}

