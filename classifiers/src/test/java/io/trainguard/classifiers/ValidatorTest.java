package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "LUHN, 4111 1111 1111 1111, true",
      "LUHN, 5500-0000-0000-0004, true",
      "LUHN, 378282246310005, true",
      "LUHN, 4111 1111 1111 1112, false",
      "LUHN, 1234567812345678, false",
      "LUHN, 79927398713, false",       // valid Luhn but too short for a card
      "US_SSN, 536-22-8049, true",
      "US_SSN, 536228049, true",
      "US_SSN, 000-12-3456, false",
      "US_SSN, 666-12-3456, false",
      "US_SSN, 912-12-3456, false",
      "US_SSN, 123-00-4567, false",
      "US_SSN, 123-45-0000, false",
      "US_SSN, 111-11-1111, false",
      "US_SSN, 123-45-6789, false",
      "US_SSN, 123-45 6789, false",
      "IPV4, 10.1.2.3, true",
      "IPV4, 255.255.255.255, true",
      "IPV4, 256.1.1.1, false",
      "IPV4, 01.2.3.4, false",
      "IPV4, 1.2.3, false",
  })
  void checks(Validator validator, String value, boolean valid) {
    assertThat(validator.isValid(value)).isEqualTo(valid);
  }

  @Test
  void parsesPackNamesCaseInsensitively() {
    assertThat(Validator.parse("luhn")).isEqualTo(Validator.LUHN);
    assertThat(Validator.parse(" Us_Ssn ")).isEqualTo(Validator.US_SSN);
    assertThatThrownBy(() -> Validator.parse("crc32")).hasMessage("Invalid validator: crc32");
  }
}
