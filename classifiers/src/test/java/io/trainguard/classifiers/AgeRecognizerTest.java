package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A person's age in free text, as the built-in pack's AGE recognizer finds it. */
class AgeRecognizerTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      The patient, aged 47, was discharged.  | 13 | 20
      Age: 47                                | 0  | 7
      My son is 7 years old.                 | 10 | 21
      her 83-year-old mother                 | 4  | 15
      m 47yo, chest pain                     | 2  | 6
      F 32 y/o presenting with fever         | 2  | 8
      She is 58 years of age.                | 7  | 9
      He left school at the age of 16.       | 29 | 31
      The poem was written when she was 19.  | 34 | 36
      when I was 12 and lived abroad         | 11 | 13
      """)
  void findsTheAge(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("AGE", start, end));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Patient Jonah Reyes, 71, reports dizziness.   | 21 | 23
      hello, I am 27 and new here                   | 12 | 14
      My dad turned 80 last week.                   | 14 | 16
      Gift for my son's 18th birthday               | 18 | 22
      A woman in her mid-40s called twice.          | 15 | 22
      My son Theo (9) broke the screen.             | 13 | 14
      Patient Łukasz Żak, 71, reports dizziness.    | 20 | 22
      My daughter Zoë (6) broke the screen.         | 17 | 18
      """)
  void findsTheAgeNextToOtherFindings(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .filteredOn(f -> f.entity().equals("AGE"))
        .extracting(Finding::start, Finding::end)
        .containsExactly(tuple(start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "See page 47 of the manual.",
      "The bridge is 200 years older than the castle.",
      "Stage 3 of the rollout starts today.",
      "It has aged well.",
      "Items Alpha, 12, 14 and 19 are missing.",  // a list of numbers
      "I'm 5 minutes away.",                       // a unit after the number
      "Turn the knob, it turned 90 degrees.",
      "See Figure (3) and Table (4).",             // no family word before
      "It was 15 minutes late when it was 10 past.",
      "When he was 5 minutes away, he called.",    // a unit after the number
      "The usage of 50 GB is high.",
  })
  void findsNoAgeIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text).noneMatch(f -> f.entity().equals("AGE"));
  }
}
