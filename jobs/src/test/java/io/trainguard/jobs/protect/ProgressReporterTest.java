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

  @Test
  void theRateCountsFromTheFirstTaskAndALineSaysHowLongIsLeft() {
    long[] now = {0};
    ProgressReporter reporter = new ProgressReporter(List.of(3_000_000L, 1_000_000L), out, false,
        () -> now[0]);
    now[0] = 5_000_000_000L; // Spark and the job started in 5 s: not part of the rate
    reporter.taskStarted();
    reporter.taskStarted();
    now[0] = 7_000_000_000L;
    reporter.fileDone(0);
    now[0] = 13_000_000_000L;
    reporter.fileDone(1);
    reporter.finish(true);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("""
        trainguard: 1/2 files, 3.0/4.0 MB, 1.5 MB/s, about 1 s left
        trainguard: 2/2 files, 4.0/4.0 MB, 0.5 MB/s
        """);
  }

  @Test
  void timeLeftReadsInSecondsMinutesOrHours() {
    assertThat(ProgressReporter.duration(44.6)).isEqualTo("45 s");
    assertThat(ProgressReporter.duration(185)).isEqualTo("3 min 05 s");
    assertThat(ProgressReporter.duration(7_800)).isEqualTo("2 h 10 min");
  }
}
