package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.redaction.Policy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate's reasons: counts with nouns that agree with them. */
class GateCheckTest {

  private static FileResult file(String path, int values, int personal) {
    FileStats stats = new FileStats();
    for (int i = 0; i < values; i++) {
      stats.countCell("email", i < personal, i < personal);
    }
    return new FileResult(path, "file:/in/" + path, null, null, Format.CSV, 10, "00", null, null,
        null, stats);
  }

  @Test
  void aColumnOfOneValueHoldingPersonalDataIsOneValue() {
    GateCheck.Decision decision = GateCheck.evaluate(new Policy.Gate(Set.of(), 0.5),
        List.of(file("one.csv", 1, 1), file("two.csv", 2, 2)));

    assertThat(decision.reasons()).containsExactly(
        "one.csv: email: 100.0% of 1 value holds personal data (limit 50.0%)",
        "two.csv: email: 100.0% of 2 values hold personal data (limit 50.0%)");
  }

  @Test
  void onePoisonedRecordOfOneIsOneRecord() {
    GateCheck.Decision pass = new GateCheck.Decision(true, List.of());

    assertThat(GateCheck.poisoning(pass, 0.5, 1, 1).reasons())
        .containsExactly("poisoning: 1 of 1 record flagged (100.0%, limit 50.0%)");
    assertThat(GateCheck.poisoning(pass, 0.1, 2, 3).reasons())
        .containsExactly("poisoning: 2 of 3 records flagged (66.7%, limit 10.0%)");
  }
}
