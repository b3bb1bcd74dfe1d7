package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PERSON and LOCATION from the gazetteers: name shapes, accents, exact code-point spans. The
 * name model is off here ({@code --ner off}); {@link NameRecognizerTest} covers it.
 */
class NameAndPlaceTest {

  private static final Analyzer DEFAULTS = new Analyzer(
      NameRecognizer.withoutNer(Analyzer.defaults().recognizers()), Analyzer.DEFAULT_THRESHOLD);

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
      Arguments.of("George Washington crossed the river.", "PERSON", 0, 17, 0.85),
      Arguments.of("Dear Virginia Normal,", "PERSON", 5, 20, 0.95),
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
      "She studied at George Washington University.", // an institution's name
      "Attended James High School in Houston.",
      "He joined the Victoria Hockey Club.",
      "He was traded to the St. Louis Eagles.",      // a place's name
      "He taught at West Virginia Normal School.",
  })
  void findsNoPersonIn(String text) {
    assertThat(DEFAULTS.analyze(text)).extracting(Finding::entity).doesNotContain("PERSON");
  }

  @Test
  void everyListedFirstNameAndPlaceIsFoundWhateverItsCase() throws Exception {
    // The recognizers skip words quickly by their first chars: none of these may be skipped.
    GazetteerRecognizer person = GazetteerRecognizer.person();
    GazetteerRecognizer location = GazetteerRecognizer.location();
    for (String name : listed("first-names.txt")) {
      for (String text : List.of(capitalised(name), name.toUpperCase(Locale.ROOT),
          capitalised(name) + "-Xy", "x " + capitalised(name) + " x")) {
        int start = text.startsWith("x ") ? 2 : 0;
        assertThat(person.recognize(text, new CodePoints(text, true)))
            .extracting(Finding::start, Finding::explanation).as(text)
            .containsExactly(tuple(start, "first name"));
      }
    }
    for (String place : listed("places.txt")) {
      StringBuilder text = new StringBuilder();
      for (String word : place.split(" ")) {
        text.append(text.length() == 0 ? "" : " ").append(capitalised(word));
      }
      assertThat(location.recognize(text.toString(), new CodePoints(text.toString(), true)))
          .extracting(Finding::start, Finding::end).as(place)
          .containsExactly(tuple(0, text.length()));
    }
  }

  private static List<String> listed(String resource) throws Exception {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        GazetteerRecognizer.class.getResourceAsStream("gazetteer/" + resource),
        StandardCharsets.UTF_8))) {
      return reader.lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
  }

  private static String capitalised(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
