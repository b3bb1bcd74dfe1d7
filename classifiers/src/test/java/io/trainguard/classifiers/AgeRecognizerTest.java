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
      """)
  void findsTheAge(String text, int start, int end) {
    assertThat(DEFAULTS.analyze(text)).as(text)
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(tuple("AGE", start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "See page 47 of the manual.",
      "The bridge is 200 years older than the castle.",
      "Stage 3 of the rollout starts today.",
      "It has aged well.",
  })
  void findsNoAgeIn(String text) {
    assertThat(DEFAULTS.analyze(text)).as(text).noneMatch(f -> f.entity().equals("AGE"));
  }
}
