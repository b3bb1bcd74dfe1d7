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

  /**
   * Example numbers printed as national numbers are (a trunk 0 or an area code in brackets, then
   * digit groups; eight digits or more; not 3-2-4 or 3-3-3, as SSNs, SINs and TFNs are
   * printed) are found without a phone word, with their exact span; before, only after one.
   */
  @Test
  void findsEveryRegionsNationalPrintWithoutAPhoneWord() {
    List<String> missed = new ArrayList<>();
    int total = 0;
    for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
      for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, type);
        if (example == null) {
          continue;
        }
        String national = UTIL.format(example, PhoneNumberFormat.NATIONAL);
        if (national.replaceAll("[^0-9]", "").length() < 8
            || !national.matches("(?:0[1-9]|\\()[0-9]*[) .-][0-9) .-]*[0-9]")
            || national.matches("[0-9]{3}[ .-][0-9]{2}[ .-][0-9]{4}|[0-9]{3}([ .-][0-9]{3}){2}")) {
          continue;
        }
        String text = "Found " + national + " in the old backup.";
        total++;
        List<Finding> found = DEFAULTS.analyze(text);
        // A checksum type may claim the same digits (3-3-4 spaced is an NHS number's print):
        // then the phone number is inside its finding.
        boolean exact = found.size() == 1 && found.get(0).start() == 6
            && found.get(0).end() == 6 + national.length()
            && (found.get(0).entity().equals("PHONE_NUMBER") || found.get(0).inner().stream()
                .anyMatch(f -> f.entity().equals("PHONE_NUMBER") && f.start() == 6
                    && f.end() == 6 + national.length()));
        if (!exact) {
          missed.add(region + " " + type + " '" + national + "' " + found);
        }
      }
    }
    System.out.printf("national prints: %d, missed: %s%n", total, missed);
    assertThat(missed).isEmpty();
  }
}
