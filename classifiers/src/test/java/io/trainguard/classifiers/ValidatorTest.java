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
      "IP, 10.1.2.3, true",
      "IP, 255.255.255.255, true",
      "IP, 256.1.1.1, false",
      "IP, 01.2.3.4, false",
      "IP, 1.2.3, false",
      "IP, 1.2.3.4.5, false",
      "IP, 1.2.3.4., false",
      "IP, .1.2.3.4, false",
      "IP, 1..3.4, false",
      "IP, 0.0.0.0, true",
      "IP, 1.2.3.1234, false",
      "IP, 1.2.3.٤, false",   // an Arabic-Indic digit is no IPv4 octet
      "IP, 2001:db8::1, true",
      "IP, ::ffff:192.0.2.1, true",
      "IP, 1:2:3:4:5:6:7:8, true",
      "IP, 1:2:3:4:5:6:7, false",
      "IP, 1::2::3, false",
      "IP, 12:30:45, false",
      "MOD97, DE89 3704 0044 0532 0130 00, true",
      "MOD97, DE89 3704 0044 0532 0130 01, false",
      "MOD97, XX89 3704 0044 0532 0130 00, false",
      "ABA, 021000021, true",
      "ABA, 021000022, false",
      "ABA, 991000021, false",
      "NPI, 1234567893, true",
      "NPI, 1234567890, false",
      "DEA, AB1234563, true",
      "DEA, AB1234564, false",
      "VERHOEFF, 2341 2341 2346, true",
      "VERHOEFF, 2341 2341 2347, false",
      "VERHOEFF, 1341 2341 2346, false",
      "UK_NHS, 943 476 5919, true",
      "UK_NHS, 943 476 5918, false",
      "UK_NINO, AB123456C, true",
      "UK_NINO, BG123456C, false",
      "UK_NINO, QQ123456C, false",
      "CA_SIN, 046 454 286, true",
      "CA_SIN, 046 454 287, false",
      "AU_TFN, 123 456 782, true",
      "AU_TFN, 123 456 783, false",
      "AU_ABN, 51 824 753 556, true",
      "AU_ABN, 51 824 753 557, false",
      "AU_MEDICARE, 2123 45670 1, true",
      "AU_MEDICARE, 2123 45671 1, false",
      "BR_CPF, 111.444.777-35, true",
      "BR_CPF, 111.444.777-36, false",
      "BR_CPF, 111.111.111-11, false",
      "PL_PESEL, 44051401359, true",
      "PL_PESEL, 44051401358, false",
      "PL_PESEL, 44135401359, false",
      "DE_TAX_ID, 86095742719, true",
      "DE_TAX_ID, 86095742718, false",
      "DE_TAX_ID, 11234567890, true",     // one digit twice
      "DE_TAX_ID, 12345678903, false",    // check passes, but no digit repeated
      "DE_TAX_ID, 11123456786, false",    // check passes, but a digit three times in a row
      "ES_NIF, 12345678Z, true",
      "ES_NIF, X1234567L, true",
      "ES_NIF, 12345678A, false",
      "IT_FISCAL_CODE, RSSMRA85T10A562S, true",
      "IT_FISCAL_CODE, RSSMRA85T10A562T, false",
      "SG_NRIC_FIN, S1234567D, true",
      "SG_NRIC_FIN, S1234567A, false",
      "BASE58CHECK, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, true",
      "BASE58CHECK, 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, true",
      "BASE58CHECK, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb, false",
      "BECH32, bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, true",
      "BECH32, bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx, false",
      "US_ITIN, 912-70-1234, true",
      "US_ITIN, 912-45-1234, false",
      "JWT, eyJhbGciOiJIUzI1NiJ9.e30.sig, true",
      "JWT, eyJub3QiOiJqd3QifQ.e30.sig, false",
      "MIXED_CASE_SECRET, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, true",
      "MIXED_CASE_SECRET, 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b, false",
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
