package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Finding;
import io.trainguard.samples.corpus.LabelledRecord;
import io.trainguard.samples.corpus.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreboardTest {

  private static Finding found(String entity, int start, int end) {
    return new Finding(entity, start, end, 0.9, "test");
  }

  @Test
  void exactMatchNeedsEntityAndBothOffsets() {
    Scoreboard board = new Scoreboard();
    LabelledRecord record = new LabelledRecord("mixed:mixed:0000", "x".repeat(40),
        List.of(new Span("US_SSN", 0, 11), new Span("EMAIL_ADDRESS", 20, 35)));
    board.add(record, List.of(found("US_SSN", 0, 11), found("EMAIL_ADDRESS", 20, 34)));

    Tally ssn = board.tally("US_SSN");
    assertThat(ssn.truePositives).isEqualTo(1);
    assertThat(ssn.f1()).isEqualTo(1.0);
    Tally email = board.tally("EMAIL_ADDRESS");
    assertThat(email.truePositives).isZero();
    assertThat(email.falsePositives).isEqualTo(1);
    assertThat(email.falseNegatives).isEqualTo(1);
    assertThat(email.overlapF1()).as("overlap rule forgives the boundary").isEqualTo(1.0);
    assertThat(board.confusions()).containsEntry("EMAIL_ADDRESS -> (other boundaries)", 1);
    assertThat(email.recall("mixed")).isZero();
    assertThat(email.recall("cell")).isNaN();
  }

  @Test
  void wrongEntityIsAFalsePositiveAndAConfusion() {
    Scoreboard board = new Scoreboard();
    board.add(new LabelledRecord("UK_NHS:cell:0000", "943 476 5919",
        List.of(new Span("UK_NHS", 0, 12))), List.of(found("PHONE_NUMBER", 0, 12)));

    assertThat(board.tally("UK_NHS").falseNegatives).isEqualTo(1);
    assertThat(board.tally("PHONE_NUMBER").falsePositives).isEqualTo(1);
    assertThat(board.tally("PHONE_NUMBER").precision()).isZero();
    assertThat(board.confusions()).containsExactly(Map.entry("UK_NHS -> PHONE_NUMBER", 1));
  }

  @Test
  void aLabelIsMatchedOnceAndNegativesCountEveryFinding() {
    Scoreboard board = new Scoreboard();
    board.add(new LabelledRecord("CREDIT_CARD:cell:0000", "4111 1111 1111 1111",
            List.of(new Span("CREDIT_CARD", 0, 19))),
        List.of(found("CREDIT_CARD", 0, 19), found("CREDIT_CARD", 0, 19)));
    board.add(new LabelledRecord("negative.uuid:cell:0001", "uuid", List.of()),
        List.of(found("US_SSN", 0, 4)));
    board.add(new LabelledRecord("negative.uuid:text:0000", "uuid", List.of()), List.of());

    assertThat(board.tally("CREDIT_CARD").truePositives).isEqualTo(1);
    assertThat(board.tally("CREDIT_CARD").falsePositives).isEqualTo(1);
    assertThat(board.negativeRecords()).isEqualTo(2);
    assertThat(board.negativeRecordsWithFindings()).isEqualTo(1);
    assertThat(board.negativeFindings()).containsExactly(Map.entry("uuid", Map.of("US_SSN", 1)));
    assertThat(board.total(List.of("CREDIT_CARD", "US_SSN")).falsePositives).isEqualTo(2);
  }

  @Test
  void uncoveredTypeScoresZeroNotPerfect() {
    Tally nothingFound = new Tally();
    nothingFound.support = 10;
    nothingFound.falseNegatives = 10;
    assertThat(nothingFound.precision()).isZero();
    assertThat(nothingFound.f1()).isZero();
  }
}
