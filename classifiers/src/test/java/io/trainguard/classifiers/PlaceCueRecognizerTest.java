package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Places named after words that say they are places, in any script and in capitals. */
class PlaceCueRecognizerTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      I'm Anna Berg, originally from KÅRVÅG, and i'm 40.        | 31 | 37
      Our studio is a design agency based in NAANTALI.          | 39 | 47
      Please send it to me, I am in Λευκωσία for a conference   | 30 | 38
      We moved here from Sisimiut last year.                    | 19 | 27
      He returned to ESPOO by helicopter.                       | 15 | 20
      She grew up in Port O'Brien Falls, then left.             | 15 | 33
      The train arrived at Hasle this morning.                  | 21 | 26
      She was married in the town of Zuoz.                      | 31 | 35
      It is the oldest street in Fitzroy.                       | 27 | 34
      """)
  void findsThePlace(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("LOCATION"))
        .extracting(Finding::start, Finding::end)
        .containsExactly(tuple(start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "I'm from The Guardian.",               // an article
      "He was born in January.",              // a month
      "We moved here from Monday's meeting.", // a weekday
      "They are based in the cloud.",         // lower case
  })
  void findsNoPlaceIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .noneMatch(f -> f.recognizer().equals("PlaceCueRecognizer"));
  }
}
