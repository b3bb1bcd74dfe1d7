package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Street addresses of the built-in pack (LOCATION, as Macie's ADDRESS maps): US, UK and
 * continental European prints, the house number before or after the street, with the postcode
 * and town that follow.
 */
class StreetAddressRecognizerTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043     | 8  | 58
      Lives at 221B Baker Street, London NW1 6XE.                    | 9  | 42
      Lives at 221B Baker Street.                                    | 9  | 26
      Calle de Alcalá 45, 28014                                      | 0  | 25
      Dirección: Calle de Alcalá 45, 28014 Madrid                    | 11 | 43
      Unter den Linden 77, 10117                                     | 0  | 26
      Adresse: Hauptstraße 5a, 80331 München                         | 9  | 38
      Karl-Marx-Allee 34                                             | 0  | 18
      Send it to 12 rue de la Paix, 75002 Paris.                     | 11 | 41
      Via Roma 10, 00184 Roma                                        | 0  | 23
      Kalverstraat 92, 1012 PH Amsterdam                             | 0  | 34
      Drottninggatan 53, 111 21 Stockholm                            | 0  | 35
      Vesterbrogade 3, 1620 København                                | 0  | 31
      Rua Augusta 274, 1100-053 Lisboa                               | 0  | 32
      Avenida da Liberdade 110                                       | 0  | 24
      Office: 350 5th Avenue, New York, NY 10118                     | 8  | 42
      Moved to 42 Elm St. last year                                  | 9  | 19
      \uD83D\uDE00 at 10 Downing Street                               | 5  | 22
      """)
  void findsTheAddress(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("LOCATION", start, end));
  }

  /** A Canadian province and postcode are a place; the town before them is one of its own. */
  @org.junit.jupiter.api.Test
  void findsACanadianProvinceAndPostcode() {
    assertThat(DEFAULTS.analyze("Montréal QC H3B 1A7"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyInAnyOrder(tuple("LOCATION", 0, 8), tuple("LOCATION", 9, 19));
    assertThat(DEFAULTS.analyze("Office: Toronto, ON M5V 2T6"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactlyInAnyOrder(tuple("LOCATION", 8, 15), tuple("LOCATION", 17, 27));
    assertThat(DEFAULTS.analyze("QC H3B1A7"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("LOCATION", 0, 9));
  }

  /** Letters outside Latin-1 (Polish, Turkish, Vietnamese), and accents written as marks. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ulica Łódzka 5                                                 | 0  | 14
      Şişli Cd. 12                                                   | 0  | 12
      İstiklal Caddesi 45                                            | 0  | 19
      Ul. Żółkiewskiego 3/5                                          | 0  | 21
      Calle de Alcala\u0301 45, 28014                                 | 0  | 26
      """)
  void findsTheAddressInAnyLatinScript(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("LOCATION", start, end));
  }

  /** Address blocks: street, units, lines of town, region and country, postcode. */
  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of(
            "Bill to:\n2210 Nørrebrogade 41\n Suite 3\n København\n Denmark 2200", 9, 63),
        Arguments.of(
            "Send the card to 812 Tammikatu 14 Apt. 6\nLAHTI, FI 15140 please", 17, 56),
        Arguments.of(
            "Return address: PSC 2041, Box 118\nAPO AE 09021", 16, 46),
        Arguments.of("Ship to 14 Elm Row, Flat 2, Leeds", 8, 33),
        Arguments.of(
            "The office is at 330 1450 Harbor Road", 17, 37),
        Arguments.of("He lives at ul. Polna 17 near the port",
            12, 24),
        Arguments.of("45 Nguyễn Huệ, Bến Nghé, Hồ Chí Minh 700000", 0, 43),
        Arguments.of("Mail it to USNS Pollux\nFPO AE 12382 today", 11, 35),
        Arguments.of("Unit 2345 Box 6789\nDPO AP 12345", 0, 31),
        // A street corner; its street's namesake may be reported as a person too.
        Arguments.of("Meet me at the corner of Kuusiku 7 and Alexander Flat.", 11, 53),
        // The street's namesake may be reported as a person too.
        Arguments.of("Đường Nguyễn Huệ 45", 0, 19));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void findsTheAddressBlock(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("LOCATION"))
        .extracting(Finding::start, Finding::end)
        .containsExactly(tuple(start, end));
  }

  /** A street named without a street word, then its number, after an address cue. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Ship to Nguyễn Huệ 45, Bến Nghé                                | 8  | 31
      address: Nguyễn Huệ 45                                         | 9  | 22
      She lives at Nguyễn Huệ 45.                                    | 13 | 26
      Address: Nguyễn Huệ 45, Quận 1, Hồ Chí Minh\\nThanks          | 9  | 43
      """)
  void findsAStreetWithoutAStreetWordAfterAnAddressCue(String text, int start, int end) {
    text = text.replace("\\n", "\n");
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("LOCATION", start, end));
  }

  /**
   * Found as a new user: a street written in lower case, as chat text writes it, was kept ("she
   * said tom's address is 42 maple st apt 3b, …" redacted only from the unit on).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      tom's address is 42 maple st apt 3b, springfield il 62704      | 17 | 57
      my address is 42 maple st, springfield il 62704               | 14 | 47
      ship to 42 maple st                                            | 8  | 19
      he lives at 42 maple street                                    | 12 | 27
      moved to 12 downing st. last year                              | 9  | 23
      """)
  void findsAStreetInLowerCaseAfterAnAddressCue(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("LOCATION"))
        .extracting(Finding::start, Finding::end)
        .containsExactly(tuple(start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "ship to 3 boxes first", "i live at 5 minutes away", "we moved to 2 new offices",
      "the office is at 3 main points of the plan",
      "Nguyễn Huệ 45 was the best seller this year.",
      "We moved to Windows Server 2019 in May.",
      "Ship to Team 5 first thing tomorrow morning",
      "The address: Section 2.3 of the form",
  })
  void findsNoStreetWithoutACueOrANumberEndingIt(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.recognizer().equals("StreetAddressRecognizer"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "It takes 45 minutes to get there.",
      "The release has 3 Main features.",
      "Turn left on the 3rd Avenue.",              // an ordinal, no house number
      "We met at 10:30 Park Lane Hotel.",          // a time
      "Spring 2020 Brigade 5 String 7 Watergate 1972",
      "He scored 2 Goals in the Final Round.",
      "Sent via Email 3 times.",
      "In 2019 Google Street View added 3 New Places.", // title case without a word or town
      "The 2 Best Way to learn is 1 Day Court hearing.",
      "Chapter 12 Main Street Blues was a hit.",
      "I bought 3 apples, 2 pears and 12 bananas in 2019.",
      "We shipped 12 boxes\nto the depot 10117 times",
  })
  void findsNoAddressIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.entity().equals("LOCATION") && f.recognizer().equals("StreetAddressRecognizer"));
  }
}
