package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  @Test
  void finishPrintsTheCompleteTallyWhenTaskEventsHaveNotArrivedYet() {
    ProgressReporter reporter = new ProgressReporter(List.of(3_000_000L, 1_000_000L), out, false);
    reporter.finish(true);
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .matches("trainguard: 2/2 files, 4\\.0/4\\.0 MB, [0-9.]+ MB/s\n");
  }

  @Test
  void finishAfterFailurePrintsNothingAndLaterEventsAreIgnored() {
    ProgressReporter reporter = new ProgressReporter(List.of(10L), out, false);
    reporter.finish(false);
    reporter.finish(true);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void interactiveFinishRedrawsTheLineAndEndsIt() {
    ProgressReporter reporter = new ProgressReporter(List.of(2_000_000L), out, true);
    reporter.finish(true);
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .matches("\rtrainguard: 1/1 files, 2\\.0/2\\.0 MB, [0-9.]+ MB/s\n");
  }
}
