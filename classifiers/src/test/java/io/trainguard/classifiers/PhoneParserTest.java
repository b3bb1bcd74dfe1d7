package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser, possibility and validity agree with libphonenumber. */
class PhoneParserTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final String[] SEPARATORS = {" ", "-", ".", "/", "(", ")", "", " - "};
  private static final String[] LEADS = {"", "", "", "+", "+", "00", "011", "0", "1", "44",
      "(0)", "+44 ", "+1 ", "+0", "++", "(", "+(", "001"};
  private static final List<String> PRINTED = List.of("(415) 555-0132", "212-555-0187",
      "212.555.0187", "+1 212 555 0187", "+1-212-555-0187", "1-212-555-0187", "2125550187",
      "12125550187", "011 44 20 7946 0958", "+44 20 7946 0958", "020 7946 0958", "07700 900123",
      "+44 7700 900123", "44 20 7946 0958", "+33 1 99 00 12 34", "01 99 00 12 34",
      "+61 3 7010 1234", "(03) 7010 1234", "+49 30 23125 123", "030 23125 123", "+800 1234 5678",
      "+1 268 464 1234", "268 464 1234", "+1 310 1234", "3101234", "943 476 5919", "0044 20 7946",
      "+0025 460549 2914", "00 0", "+12", "12", "1+2345678");

  @ParameterizedTest
  @ValueSource(strings = {"US", "GB"})
  void parsesAsLibphonenumberDoes(String region) {
    PhoneParser parser = new PhoneParser(region);
    List<String> candidates = new ArrayList<>(PRINTED);
    Random random = new Random(region.hashCode());
    for (int n = 0; n < 20_000; n++) {
      candidates.add(candidate(random));
    }
    int valid = 0;
    for (String candidate : candidates) {
      PhoneNumber expected = libphonenumber(candidate, region);
      PhoneNumber actual = parser.parse(candidate, 0, candidate.length());
      assertThat(actual).as(candidate).isEqualTo(expected);
      assertThat(parser.parsePossible(candidate, 0, candidate.length())).as(candidate)
          .isEqualTo(expected != null && UTIL.isPossibleNumber(expected) ? expected : null);
      if (actual != null) {
        assertThat(PhoneParser.isPossible(actual)).as(candidate)
            .isEqualTo(UTIL.isPossibleNumber(actual));
        assertThat(PhoneParser.isValid(actual)).as(candidate)
            .isEqualTo(UTIL.isValidNumber(actual));
        valid += PhoneParser.isValid(actual) ? 1 : 0;
      }
    }
    assertThat(valid).isGreaterThan(200);
  }

  /**
   * Every region, as a phone word lets any region's national format in: random candidates and
   * the region's example numbers printed nationally.
   */
  @Test
  void parsesEveryRegionAsLibphonenumberDoes() {
    Random random = new Random(17);
    int valid = 0;
    for (String region : UTIL.getSupportedRegions()) {
      PhoneParser parser = new PhoneParser(region);
      List<String> candidates = new ArrayList<>(PRINTED);
      for (PhoneNumberType type : PhoneNumberType.values()) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example != null) {
          candidates.add(UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
              .replaceAll("[^0-9 ()./+-]", ""));
        }
      }
      for (int n = 0; n < 200; n++) {
        candidates.add(candidate(random));
      }
      for (String candidate : candidates) {
        PhoneNumber expected = libphonenumber(candidate, region);
        assertThat(parser.parse(candidate, 0, candidate.length())).as(region + " " + candidate)
            .isEqualTo(expected);
        assertThat(parser.parsePossible(candidate, 0, candidate.length()))
            .as(region + " " + candidate)
            .isEqualTo(expected != null && UTIL.isPossibleNumber(expected) ? expected : null);
        valid += expected != null && PhoneParser.isValid(expected) ? 1 : 0;
      }
    }
    assertThat(valid).isGreaterThan(2000);
  }

  @Test
  void validatesEveryRegionsExamplesAndTheirNeighboursAsLibphonenumberDoes() {
    List<PhoneNumber> numbers = new ArrayList<>();
    for (String region : UTIL.getSupportedRegions()) {
      for (PhoneNumberType type : PhoneNumberType.values()) {
        numbers.add(UTIL.getExampleNumberForType(region, type));
      }
    }
    for (int code : UTIL.getSupportedGlobalNetworkCallingCodes()) {
      numbers.add(UTIL.getExampleNumberForNonGeoEntity(code));
    }
    int valid = 0;
    for (PhoneNumber example : numbers) {
      if (example == null) {
        continue;
      }
      long national = example.getNationalNumber();
      for (long neighbour : new long[] {national, national + 1, national / 10, national * 10 + 7,
          national + 1_000_000L}) {
        PhoneNumber number = new PhoneNumber().mergeFrom(example).setNationalNumber(neighbour);
        assertThat(PhoneParser.isValid(number)).as(number.toString())
            .isEqualTo(UTIL.isValidNumber(number));
        assertThat(PhoneParser.isPossible(number)).as(number.toString())
            .isEqualTo(UTIL.isPossibleNumber(number));
        valid += PhoneParser.isValid(number) ? 1 : 0;
      }
    }
    assertThat(valid).isGreaterThan(1000);
  }

  @Test
  void withoutPlusOrInternationalPrefixNumbersKeepTheRegionsCallingCode() {
    PhoneParser parser = new PhoneParser("US");
    Random random = new Random(13);
    for (int n = 0; n < 5000; n++) {
      String window = candidate(random);
      String digits = window.replaceAll("[^0-9]", "");
      if (window.contains("+") || parser.mayDialAbroad(digits)) {
        continue;
      }
      for (PhoneNumberMatch match : UTIL.findNumbers(window, "US",
          PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
        assertThat(match.number().getCountryCode()).as(window).isEqualTo(1);
      }
    }
    assertThat(parser.mayDialAbroad("2011442079460958")).isTrue();
    assertThat(parser.mayDialAbroad("2125550187")).isFalse();
  }

  private static PhoneNumber libphonenumber(String candidate, String region) {
    try {
      return UTIL.parse(candidate, region);
    } catch (NumberParseException e) {
      return null;
    }
  }

  private static String candidate(Random random) {
    StringBuilder candidate = new StringBuilder(LEADS[random.nextInt(LEADS.length)]);
    for (int group = 0, groups = 1 + random.nextInt(5); group < groups; group++) {
      for (int k = 0, length = 1 + random.nextInt(6); k < length; k++) {
        candidate.append((char) ('0' + random.nextInt(10)));
      }
      candidate.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    return candidate.toString().strip();
  }
}
