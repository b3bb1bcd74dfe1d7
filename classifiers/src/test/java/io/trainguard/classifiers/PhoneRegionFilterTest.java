package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The filter only rules out windows in which libphonenumber finds no valid number. */
class PhoneRegionFilterTest {

  private static final String[] SEPARATORS = {" ", "-", ".", "/", "(", ")", "", " - "};
  private static final String[] LEADS = {"", "", "+", "00", "0", "44", "(0)", "+44 "};

  @Test
  void rulesOutOnlyWindowsWithoutAValidNumber() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    PhoneRegionFilter filter = new PhoneRegionFilter("GB");
    Random random = new Random(11);
    int ruledOut = 0;
    for (int n = 0; n < 3000; n++) {
      String window = window(random);
      if (filter.mayHoldValid(window)) {
        continue;
      }
      ruledOut++;
      for (PhoneNumberMatch match : util.findNumbers(window, "GB",
          PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
        assertThat(util.isValidNumber(match.number())).as(window).isFalse();
      }
    }
    assertThat(ruledOut).isGreaterThan(500);
  }

  @Test
  void keepsPrintedBritishNumbers() {
    PhoneRegionFilter filter = new PhoneRegionFilter("GB");
    assertThat(filter.mayHoldValid("020 7946 0958")).isTrue();
    assertThat(filter.mayHoldValid("07700 900123")).isTrue();
    assertThat(filter.mayHoldValid("+1 212-555-0187")).isTrue();
  }

  private static String window(Random random) {
    StringBuilder window = new StringBuilder(LEADS[random.nextInt(LEADS.length)]);
    for (int group = 0, groups = 1 + random.nextInt(5); group < groups; group++) {
      for (int k = 0, length = 1 + random.nextInt(6); k < length; k++) {
        window.append((char) ('0' + random.nextInt(10)));
      }
      window.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
    }
    return window.toString().strip();
  }
}
