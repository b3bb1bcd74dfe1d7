package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedValuesTest {

  private static final Analyzer ANALYZER = Analyzer.defaults();
  private static final ColumnClassifier COLUMNS = new ColumnClassifier(ANALYZER);

  @Test
  void aRepeatedValueGetsTheAnalyzersFindingsEveryTime() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    List<String> values = List.of("basic", "jane@example.com", "pro", "call 212-555-0187");
    for (int round = 0; round < 3; round++) {
      for (String v : values) {
        assertThat(memo.analyze(v, "plan")).isEqualTo(ANALYZER.analyze(v));
      }
    }
    assertThat(memo.remembered("plan")).isEqualTo(4);
    assertThat(memo.analyze("jane@example.com", "plan")).extracting(f -> f.entity())
        .containsExactly("EMAIL_ADDRESS");
  }

  @Test
  void aColumnOfDistinctValuesStopsBeingRememberedAfterItsTrial() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    for (int i = 0; i < RepeatedValues.TRIAL - 1; i++) {
      memo.analyze("C" + (10_000 + i), "customer_id");
      memo.analyze(i % 2 == 0 ? "basic" : "pro", "plan");
    }
    assertThat(memo.remembered("customer_id")).isEqualTo(RepeatedValues.CAPACITY);
    memo.analyze("C99999", "customer_id");
    memo.analyze("basic", "plan");
    assertThat(memo.remembered("customer_id")).isZero();
    assertThat(memo.remembered("plan")).isEqualTo(2);
    assertThat(memo.analyze("ssn 123-45-6789", "customer_id"))
        .isEqualTo(ANALYZER.analyze("ssn 123-45-6789"));
  }

  @Test
  void aColumnWhoseValuesRepeatOnceInFourStaysRemembered() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    String fixed = "no notes, \"VIP\" since v2.4.1";
    for (int i = 0; i < RepeatedValues.TRIAL; i++) {
      String note = i % 4 == 0 ? fixed : "asked to call back on 212-555-" + (1000 + i);
      assertThat(memo.analyze(note, "note")).isEqualTo(COLUMNS.analyze("note", note));
    }
    assertThat(memo.remembered("note")).isEqualTo(RepeatedValues.CAPACITY);
    assertThat(memo.analyze(fixed, "note")).isSameAs(memo.analyze(fixed, "note"));
  }

  @Test
  void longValuesAndValuesOutsideColumnsAreNotRemembered() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    String note = "x".repeat(RepeatedValues.MAX_CHARS + 1);
    memo.analyze(note, "note");
    memo.analyze(note, "note");
    memo.analyze("basic", null);
    assertThat(memo.remembered("note")).isZero();
    assertThat(memo.remembered(null)).isZero();
  }

  @Test
  void columnsBeyondTheLimitAreNotRemembered() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    for (int i = 0; i < RepeatedValues.MAX_COLUMNS; i++) {
      memo.analyze("basic", "attrs.k" + i);
    }
    memo.analyze("basic", "attrs.extra");
    assertThat(memo.remembered("attrs.k0")).isEqualTo(1);
    assertThat(memo.remembered("attrs.extra")).isZero();
    assertThat(memo.analyze("jane@example.com", "attrs.extra"))
        .isEqualTo(ANALYZER.analyze("jane@example.com"));
  }

  @Test
  void theSamplesFindingsAreKeptForItsRecordsUntilForgotten() {
    RepeatedValues memo = new RepeatedValues(COLUMNS, Thread.currentThread());
    String note = "asked to call back on 212-555-0187 after 5pm, or write to jane@example.com";
    assertThat(note.length()).isGreaterThan(RepeatedValues.MAX_CHARS); // never remembered
    List<Finding> planned = memo.analyzeSampled("note", note);
    assertThat(planned).isEqualTo(COLUMNS.analyze("note", note)).hasSize(2);
    assertThat(memo.analyze(note, "note")).isSameAs(planned);
    assertThat(memo.analyze(note, "note")).isSameAs(planned);
    assertThat(memo.analyze(note, "remark")).isNotSameAs(planned);
    memo.forgetSample();
    List<Finding> again = memo.analyze(note, "note");
    assertThat(again).isNotSameAs(planned).isEqualTo(planned);
  }
}
