package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spans and scores of phone numbers, and the matcher against libphonenumber's own. */
class PhoneRecognizerTest {

  private static final PhoneRecognizer PHONE = new PhoneRecognizer();

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      x (415) 555-0132 y               | 2  | 16 | 0.6 | valid (US)
      x 212-555-0187.                  | 2  | 14 | 0.6 | valid (US)
      x 212.555.0187                   | 2  | 14 | 0.6 | valid (US)
      x 201-5550123                    | 2  | 13 | 0.6 | valid (US)
      x 1-212-555-0187                 | 2  | 16 | 0.6 | valid (US)
      x +1 212 555 0187                | 2  | 17 | 0.6 | valid (US)
      x 555-555-0123                   | 2  | 14 | 0.5 | possible (US)
      x +1 370 555 0123                | 2  | 17 | 0.5 | possible (US)
      x 2125550187                     | 2  | 12 | 0.4 | valid bare (US)
      x 943 476 5919                   | 2  | 14 | 0.4 | valid bare (US)
      x 20-15-55-01-23                 | 2  | 16 | 0.4 | valid bare (US)
      x 9995550123                     | 2  | 12 | 0.3 | possible bare (US)
      x +44 20 7946 0958               | 2  | 18 | 0.6 | valid (US)
      x 011 44 20 7946 0958            | 2  | 21 | 0.6 | valid (US)
      x 011442079460958                | 2  | 17 | 0.4 | valid bare (US)
      x +33 1 99 00 12 34              | 2  | 19 | 0.6 | valid (US)
      x +49 30 23125 123               | 2  | 18 | 0.6 | valid (US)
      电话+44 20 7946 0958              | 2  | 18 | 0.6 | valid (US)
      x 020 7946 0958 y                | 2  | 15 | 0.6 | valid (GB)
      x 07911 123456                   | 2  | 14 | 0.6 | valid (GB)
      x 0044 7911 123456               | 2  | 18 | 0.6 | valid (GB)
      x 442079460958                   | 2  | 14 | 0.4 | valid bare (GB)
      x 3705550123                     | 2  | 12 | 0.4 | valid bare (GB)
      x 2125550187 / 020 7946 0958     | 2  | 12 | 0.4 | valid bare (US)
      x 2125550187 / 020 7946 0958     | 15 | 28 | 0.6 | valid (GB)
      x 001-212-555-0187               | 2  | 18 | 0.6 | valid (GB)
      x 001-370-555-0123               | 2  | 18 | 0.5 | possible (GB)
      x 07700 900123                   | 2  | 14 | 0.5 | valid national print (DE)
      """)
  void scoresWhatItFinds(String text, int start, int end, double score, String why) {
    assertThat(PHONE.recognize(text, new CodePoints(text))).as(text)
        .contains(new Finding("PHONE_NUMBER", start, end, score, PhoneRecognizer.NAME,
            "libphonenumber " + why));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "host 192.168.100.12 is up",        // a dotted quad
      "version 10.20.30.40",
      "id A2015550123",                   // glued to a word
      "2015550123x",
      "n 12015550123 4",                  // inside a longer number
      "ref 1985/03/04 2015550123",        // libphonenumber drops a candidate holding a date
      "x 212-555-01",                     // too short
      "x 310-1234",                       // seven NANP digits: valid in Canada, rarely a phone
  })
  void findsNoPhoneNumber(String text) {
    assertThat(PHONE.recognize(text, new CodePoints(text))).as(text).isEmpty();
  }

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  /** Other regions' national formats after a phone word, and extensions: analyzer spans. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Phone: 0151 23456789                 | 7  | 20
      My phone number is 0176 98765432.    | 19 | 32
      Phone: (11) 98765-4321               | 7  | 22
      Tel. 021-6431-2287                   | 5  | 18
      My phone number is (02) 9374 4000    | 19 | 33
      Phone: 0470 12 34 56                 | 7  | 20
      \uD83D\uDE00 Phone: 0470 12 34 56     | 9  | 22
      Call (415)555-0133 x204 today        | 5  | 23
      Call (415)555-0133x204.              | 5  | 22
      Fax: 01.23.45.67.89                  | 5  | 19
      Phone: 8 (301) 123-45-67             | 7  | 24
      Phone: 011 15-2345-6789              | 7  | 23
      phone 020 7946 0958 ext. 12          | 6  | 27
      Mobile: +49 151 23456789 Ext 7       | 8  | 30
      call 212-555-0187, extension 3301    | 5  | 33
      Nobody is answering at 0470 12 34 56 | 23 | 36
      Left a voicemail on 030 901820       | 20 | 30
      Send an SMS to 0151 23456789         | 15 | 28
      Please stop sending messages to 699 956 915       | 32 | 43
      I got no message on my registered 024 971 50 30.  | 34 | 47
      Text me on 0176 98765432 tonight.                 | 11 | 24
      I can be reached at 06-12345678                   | 20 | 31
      RING ME ON 0151 23456789                          | 11 | 24
      msgs to 0151 23456789                             | 8  | 21
      Messaged them via aaaaaaaaaaaaaa bbbbbbbbbbbbbb ccccccccccccccc 0151 23456789 | 64 | 77
      电话: 138 0013 8000                                | 4  | 17
      手机 13800138000                                   | 3  | 14
      携帯 138 0013 8000                                 | 3  | 16
      전화 10 1234 5678                                  | 3  | 15
      Celular 98765 4321                                | 8  | 18
      Móvil: 612 345 678                                | 7  | 18
      Numéro de téléphone : 6 12 34 56 78               | 22 | 35
      Тел.: 912 345 67 89                               | 6  | 19
      """)
  void findsNationalFormatsAfterAPhoneWordAndExtensions(String text, int start, int end) {
    String unescaped = text.replace("\\uD83D\\uDE00", "\uD83D\uDE00");
    assertThat(DEFAULTS.analyze(unescaped)).as(unescaped)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("PHONE_NUMBER", start, end));
  }

  /**
   * Without a phone word: a national print (trunk 0 or an area code in brackets, digit groups)
   * that some region reads as valid, a NANP number after the international prefix 001 (Faker's
   * en_US formats), and a number after a person's "number".
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Write down 001-212-555-0187 please.      | 11 | 27
      Write down 001-212-555-0187x123 please.  | 11 | 31
      Found 0470 12 34 56 in the old backup.   | 6  | 19
      Found 01.23.45.67.89 in the old backup.  | 6  | 20
      Found (11) 96123-4567 in the old backup. | 6  | 21
      Found (02) 1234 5678 in the old backup.  | 6  | 20
      Found 06-12345678 in the old backup.     | 6  | 17
      Found 0151 23456789 in the old backup.   | 6  | 19
      My number is 12 345 67 89.               | 13 | 25
      Her new number: 32 12 34 56              | 16 | 27
      """)
  void findsANationalPrintWithoutAPhoneWord(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("PHONE_NUMBER", start, end));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Meeting on 01 02 2020 at noon.",     // a date parted by spaces
      "Order 0470 12 34 56 shipped.",       // a reference's word
      "my account number is 0470 12 34 56",
      "ISBN 0-306-40615-2",
      "see 0-306-40615-2",                  // valid in no region
      "Total: 0 123 456 789",
      "Found 026 31 4125 in the old backup.",   // printed as an SSN
      "Found 046-454-287 in the old backup.",   // printed as a SIN or TFN
      "Found 67 788 02 83 in the old backup.", // no trunk 0: any id's groups
  })
  void findsNoNationalPrintWhereItIsSomeOtherNumber(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.entity().equals("PHONE_NUMBER"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "message", "msg", "Text:"})
  void theNameOfAFreeTextColumnLiftsNoNumberToAPhone(String column) {
    assertThat(DEFAULTS.analyze(column + " ana@example.com 536-22-8049"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("EMAIL_ADDRESS", column.length() + 1,
            column.length() + 16), tuple("US_SSN",
            column.length() + 17, column.length() + 28));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "Found 699 956 915 in the old backup.",    // another region's number needs a phone word
      "Order 021-6431-2287 shipped.",
      "Call about order 12345678 today.",        // an order number after a phone word
      "Call me on 12.03.2024 about it.",         // a date after a phone word
      "Phone log 2019-03-14 10.30 reviewed.",    // a date and a time
      "Call us: version 1.2.3 and 2019 revenue of 4,500,000.",
      "Contact 2015550123x now",                 // no digits after the x: glued to a word
      "Messages to order 12345678 were lost.",   // an order number after a messaging phrase
      "The text on page 0151 23456789 is wrong.",
      "Bring me on 699 956 915 later.",           // a messaging word's letters inside a word
      // the messaging phrase starts 65 chars before the number
      "Messaged them via aaaaaaaaaaaaaaa bbbbbbbbbbbbbb ccccccccccccccc 699 956 915",
  })
  void findsNoPhoneNumberIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.entity().equals("PHONE_NUMBER"));
  }

  @Test
  void anIdAfterAPhoneNumberStaysTheId() {
    String text = "Phone: 0470 12 34 56. SSN: 536-22-8049";
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("PHONE_NUMBER", 7, 20), tuple("US_SSN", 27, 38));
  }

  @Test
  void otherIdentifierWordsWithoutAPhoneWordRuleNumbersOut() {
    String text = "NHS 201 555 0123";
    assertThat(PHONE.recognize(text, new CodePoints(text))).isEmpty();
    String withPhoneWord = "phone or NHS 201 555 0123";
    assertThat(PHONE.recognize(withPhoneWord, new CodePoints(withPhoneWord))).isNotEmpty();
  }

  @Test
  void findsWhatLibphonenumbersMatcherFinds() {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    Random random = new Random(5);
    int found = 0;
    for (int n = 0; n < 20_000; n++) {
      String window = window(random);
      for (String region : PhoneRecognizer.REGIONS) {
        List<PhoneRecognizer.Match> expected = new ArrayList<>();
        for (PhoneNumberMatch m : util.findNumbers(window, region,
            PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
          expected.add(new PhoneRecognizer.Match(m.start(), m.end(), m.number()));
        }
        assertThat(PhoneRecognizer.findNumbers(window, 0, window.length(), region))
            .as(region + " " + window).isEqualTo(expected);
        found += expected.size();
      }
    }
    assertThat(found).isGreaterThan(10_000);
  }

  /** The matcher read with another region's parser, as after a phone word. */
  @ParameterizedTest
  @ValueSource(strings = {"DE", "BR", "CN", "AU", "BE", "RU", "AR"})
  void findsWhatLibphonenumbersMatcherFindsInOtherRegions(String region) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    Random random = new Random(region.hashCode());
    int found = 0;
    for (int n = 0; n < 1_000; n++) {
      String window = window(random);
      List<PhoneRecognizer.Match> expected = new ArrayList<>();
      for (PhoneNumberMatch m : util.findNumbers(window, region,
          PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
        expected.add(new PhoneRecognizer.Match(m.start(), m.end(), m.number()));
      }
      assertThat(PhoneRecognizer.findNumbers(window, 0, window.length(), region))
          .as(region + " " + window).isEqualTo(expected);
      found += expected.size();
    }
    assertThat(found).isGreaterThan(250);
  }

  /** Digits in groups with the separators a window holds, leads and stray '+' included. */
  private static String window(Random random) {
    String[] leads = {"", "", "", "+", "011 ", "00", "(", "+(", "+ +", "1 ", "(0)"};
    String separators = " -./()";
    StringBuilder window = new StringBuilder(leads[random.nextInt(leads.length)]);
    for (int i = 0, digits = 6 + random.nextInt(14); i < digits; i++) {
      window.append((char) ('0' + random.nextInt(10)));
      int r = random.nextInt(12);
      if (r < 3) {
        window.append(separators.charAt(random.nextInt(separators.length())));
      } else if (r == 3) {
        window.append(random.nextBoolean() ? " - " : "  ");
      } else if (r == 4 && random.nextInt(5) == 0) {
        window.append(random.nextBoolean() ? "+" : "//");
      }
    }
    return window.append(random.nextBoolean() ? " " : ".").toString();
  }
}
