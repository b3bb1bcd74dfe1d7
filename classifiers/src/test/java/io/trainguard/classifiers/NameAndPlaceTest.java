package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PERSON and LOCATION from the gazetteers: name shapes, accents, exact code-point spans. */
class NameAndPlaceTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @Test
  void gazetteersRunOnlyOnTextsThatMayHoldACapitalisedWord() {
    GazetteerRecognizer person = GazetteerRecognizer.person();
    GazetteerRecognizer location = GazetteerRecognizer.location();
    // Listed words have two or more letters: a lone capital ("C10001", "x Y") starts none.
    for (String text : List.of("basic", "414.77", "maria garcia in london", "c10001 ok",
        "C10001", "x Y", "A1-B2")) {
      assertThat(person.mightMatch(new TextProfile(text))).as(text).isFalse();
      assertThat(location.mightMatch(new TextProfile(text))).as(text).isFalse();
    }
    for (String text : List.of("Maria", "in London", "x Yo", "O'", "A-b", "\u00c9mile",
        "\u00e9mile")) {
      assertThat(person.mightMatch(new TextProfile(text))).as(text).isTrue();
      assertThat(location.mightMatch(new TextProfile(text))).as(text).isTrue();
    }
  }

  static Stream<Arguments> found() {
    return Stream.of(
      Arguments.of("Ana Perez called", "PERSON", 0, 9, 0.85),
      Arguments.of("x-'-Ana Perez", "PERSON", 4, 13, 0.85),          // no word runs on to Ana
      Arguments.of("Dear Elif Castellanos,", "PERSON", 5, 21, 0.95),  // unlisted surname
      Arguments.of("See Grace T. Jensen for details.", "PERSON", 4, 19, 0.85),
      Arguments.of("Ticket of Nadia Q. Zyxwvut.", "PERSON", 10, 26, 0.85), // initial + any surname
      Arguments.of("José Kowalski", "PERSON", 0, 13, 0.85),             // accents ignored
      Arguments.of("\uD83D\uDE00 Chloé Müller", "PERSON", 2, 14, 0.85),
      Arguments.of("Found Bo-Ana García-Lorca in the old backup.", "PERSON", 6, 25, 0.85),
      Arguments.of("Jonas-Uma O'Brien", "PERSON", 0, 17, 0.6),
      Arguments.of("Contact person: Tariq H. Haddad.", "PERSON", 16, 31, 1.0),
      Arguments.of("Signed by John A", "PERSON", 10, 14, 0.65),        // a letter ends the text
      Arguments.of("moved to Zürich", "LOCATION", 9, 15, 0.6),
      Arguments.of("He lives in Kraków", "LOCATION", 12, 18, 0.95));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("found")
  void findsTheWholeName(String text, String entity, int start, int end, double score) {
    assertThat(DEFAULTS.analyze(text))
        .extracting(Finding::entity, Finding::start, Finding::end, Finding::score)
        .containsExactly(tuple(entity, start, end, score));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "Grace",                               // a lone first name needs a context word
      "See Grace. Novak asked",              // not adjacent: a sentence ends between them
      "The patient was admitted on 17-Jun-2026 at noon, ward B.",
      "grace perez",                         // lower case
      "Perez Ana",                           // surname first: not a first name
      "o'Ana Perez",                         // a word runs on through an apostrophe
      "x-Ana Perez",                         // and a dash before a letter
  })
  void findsNoPersonIn(String text) {
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity).doesNotContain("PERSON");
  }
}
