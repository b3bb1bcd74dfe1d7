package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * libphonenumber's own example numbers of every supported region (fixed line and mobile),
 * printed in the region's national format after a phone context word: a table this project did
 * not write.
 */
class PhoneExampleNumbersTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Analyzer DEFAULTS = Analyzer.defaults();

  /**
   * Every example number of seven digits or more is found with its exact span; shorter ones
   * (small territories' five- and six-digit numbers) are under the recognizer's minimum, which
   * keeps counts and codes after "call" from being phone numbers.
   */
  @Test
  void findsEveryRegionsExampleNumbersOfSevenDigitsOrMoreAfterAPhoneWord() {
    List<String> missed = new ArrayList<>();
    List<String> tooShort = new ArrayList<>();
    int total = 0;
    for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
      for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example == null) {
          continue;
        }
        String national = UTIL.format(example, PhoneNumberFormat.NATIONAL);
        String text = "Phone: " + national + ".";
        total++;
        boolean exact = DEFAULTS.analyze(text).stream()
            .anyMatch(f -> f.entity().equals("PHONE_NUMBER") && f.start() == 7
                && f.end() == 7 + national.codePointCount(0, national.length()));
        if (!exact) {
          (national.replaceAll("[^0-9]", "").length() < 7 ? tooShort : missed)
              .add(region + " " + type + " '" + national + "'");
        }
      }
    }
    System.out.printf("example numbers: %d, recall %.4f, under seven digits: %s%n", total,
        1.0 - (double) (missed.size() + tooShort.size()) / total, tooShort);
    assertThat(missed).isEmpty();
    assertThat(tooShort.size()).isLessThan(total / 10);
  }
}
