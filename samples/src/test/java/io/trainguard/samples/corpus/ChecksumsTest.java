package io.trainguard.samples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksumsTest {

  @Test
  void luhnMatchesPublishedExamples() {
    assertThat(Checksums.luhnCheckDigit("7992739871")).isEqualTo(3);
    assertThat(Checksums.isLuhnValid("79927398713")).isTrue();
    assertThat(Checksums.isLuhnValid("4111111111111111")).isTrue();
    assertThat(Checksums.isLuhnValid("4111111111111112")).isFalse();
    assertThat(Checksums.isLuhnValid("046454286")).as("CA SIN sample").isTrue();
    assertThat(Checksums.isNpiValid("1234567893")).as("CMS NPI example").isTrue();
    assertThat(Checksums.luhnCheckDigit("80840123456789")).isEqualTo(3);
  }

  @Test
  void ibanMatchesPublishedExamples() {
    assertThat(Checksums.ibanCheckDigits("GB", "WEST12345698765432")).isEqualTo("82");
    assertThat(Checksums.isIbanValid("GB82WEST12345698765432")).isTrue();
    assertThat(Checksums.isIbanValid("DE89370400440532013000")).isTrue();
    assertThat(Checksums.isIbanValid("DE88370400440532013000")).isFalse();
  }

  @Test
  void nationalIdsMatchPublishedExamples() {
    assertThat(Checksums.abaCheckDigit("01100001")).isEqualTo(5);
    assertThat(Checksums.isAbaValid("021000021")).isTrue();
    assertThat(Checksums.verhoeffCheckDigit("236")).isEqualTo(3);
    assertThat(Checksums.verhoeffCheckDigit("12345")).isEqualTo(1);
    assertThat(Checksums.isVerhoeffValid("2363")).isTrue();
    assertThat(Checksums.nhsCheckDigit("943476591")).isEqualTo(9);
    assertThat(Checksums.isNhsValid("9434765919")).isTrue();
    assertThat(Checksums.tfnCheckDigit("12345678")).isEqualTo(2);
    assertThat(Checksums.isTfnValid("123456782")).isTrue();
    assertThat(Checksums.abnCheckDigits("824753556")).isEqualTo("51");
    assertThat(Checksums.isAbnValid("51824753556")).isTrue();
    assertThat(Checksums.peselCheckDigit("4405140135")).isEqualTo(9);
    assertThat(Checksums.isPeselValid("44051401359")).isTrue();
    assertThat(Checksums.deTaxIdCheckDigit("8609574271")).isEqualTo(9);
    assertThat(Checksums.isDeTaxIdValid("86095742719")).isTrue();
    assertThat(Checksums.isDeTaxIdValid("12345678903")).as("no repeated digit").isFalse();
    assertThat(Checksums.nifLetter("12345678")).isEqualTo('Z');
    assertThat(Checksums.isNifValid("12345678Z")).isTrue();
    assertThat(Checksums.fiscalCodeCheckChar("RSSMRA85T10A562")).isEqualTo('S');
    assertThat(Checksums.isFiscalCodeValid("MRTMTT91D08F205J")).isTrue();
    assertThat(Checksums.nricCheckLetter('S', "1234567")).isEqualTo('D');
    assertThat(Checksums.isNricValid("S1234567D")).isTrue();
    assertThat(Checksums.deaCheckDigit("123456")).isEqualTo(3);
    assertThat(Checksums.isDeaValid("AB1234563")).isTrue();
  }

  static Stream<Arguments> schemes() {
    return Stream.of(
        scheme("card", FinanceValues::creditCard, Checksums::isLuhnValid),
        scheme("iban", FinanceValues::iban, Checksums::isIbanValid),
        scheme("aba", FinanceValues::abaRouting, Checksums::isAbaValid),
        scheme("npi", IdentityValues::usNpi, Checksums::isNpiValid),
        scheme("nhs", IdentityValues::ukNhs, Checksums::isNhsValid),
        scheme("sin", IdentityValues::caSin, Checksums::isLuhnValid),
        scheme("tfn", IdentityValues::auTfn, Checksums::isTfnValid),
        scheme("abn", IdentityValues::auAbn, Checksums::isAbnValid),
        scheme("aadhaar", IdentityValues::inAadhaar, Checksums::isVerhoeffValid),
        scheme("pesel", IdentityValues::plPesel, Checksums::isPeselValid),
        scheme("nif", IdentityValues::esNif, Checksums::isNifValid),
        scheme("fiscal code", IdentityValues::itFiscalCode, Checksums::isFiscalCodeValid),
        scheme("de tax id", IdentityValues::deTaxId, Checksums::isDeTaxIdValid),
        scheme("nric", IdentityValues::sgNric, Checksums::isNricValid));
  }

  private static Arguments scheme(String name, Function<Random, String> generate,
      Predicate<String> check) {
    return Arguments.of(name, generate, check);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void generatedValuesPassTheIndependentCheck(String name, Function<Random, String> generate,
      Predicate<String> check) {
    Random r = new Random(name.hashCode());
    for (int i = 0; i < 2000; i++) {
      String compact = compact(generate.apply(r));
      assertThat(check.test(compact)).as("%s %s", name, compact).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void everySingleCharacterSubstitutionFailsTheCheck(String name,
      Function<Random, String> generate, Predicate<String> check) {
    Random r = new Random(name.hashCode() + 1);
    for (int i = 0; i < 50; i++) {
      String compact = compact(generate.apply(r));
      for (int at = 0; at < compact.length(); at++) {
        char original = compact.charAt(at);
        String alphabet = Character.isDigit(original) ? Draw.DIGITS : Draw.UPPER;
        for (char c : alphabet.toCharArray()) {
          String changed = compact.substring(0, at) + c + compact.substring(at + 1);
          if (c != original) {
            assertThat(check.test(changed)).as("%s: %s -> %s", name, compact, changed)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void deaNumbersPassTheirCheckAndDigitChangesFailIt() {
    Random r = new Random(3);
    for (int i = 0; i < 500; i++) {
      String dea = IdentityValues.deaNumber(r);
      assertThat(Checksums.isDeaValid(dea)).as(dea).isTrue();
      // The checksum covers the digits only, and a doubled digit hides a change of five.
      int at = Draw.between(r, 2, 8);
      char other = (char) ('0' + (dea.charAt(at) - '0' + 1) % 10);
      assertThat(Checksums.isDeaValid(dea.substring(0, at) + other + dea.substring(at + 1)))
          .isFalse();
    }
  }

  @Test
  void anyNumericSchemeAcceptsWhatOneOfTheSchemesAccepts() {
    assertThat(Checksums.anyNumericSchemeAccepts("4111111111111111")).isTrue();
    assertThat(Checksums.anyNumericSchemeAccepts("4111111111111112")).isFalse();
    assertThat(Checksums.anyNumericSchemeAccepts("9434765919")).isTrue();
    assertThat(Checksums.anyNumericSchemeAccepts("86095742719")).isTrue();
  }

  static String compact(String value) {
    return value.replaceAll("[ .-]", "");
  }
}
