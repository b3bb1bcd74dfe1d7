package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

class ProgressReporterTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long RECORDS = 7;
  private static final long BYTES = 8;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
  private final long[] now = {0};

  /** One file per task. */
  private ProgressReporter reporter(boolean interactive, Long... sizes) {
    return new ProgressReporter(List.of(sizes),
        java.util.stream.IntStream.range(0, sizes.length).boxed().toList(), out, interactive,
        RECORDS, BYTES, () -> now[0]);
  }

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void finishPrintsTheCompleteTallyWhenTaskEventsHaveNotArrivedYet() {
    ProgressReporter reporter = reporter(false, 3_000_000L, 1_000_000L);
    now[0] = 2 * SECOND;
    reporter.finish(true, 1234);
    assertThat(printed())
        .isEqualTo("trainguard: 2/2 files, 4.0/4.0 MB, 1,234 records, 2.0 MB/s\n");
  }

  @Test
  void finishAfterFailurePrintsNothingAndLaterEventsAreIgnored() {
    ProgressReporter reporter = reporter(false, 10L);
    reporter.finish(false, 0);
    reporter.fileDone(1, 0, 1);
    reporter.finish(true, 1);
    assertThat(printed()).isEmpty();
  }

  @Test
  void theRateCountsFromTheFirstTaskAndALineSaysHowLongIsLeft() {
    ProgressReporter reporter = reporter(false, 30_000_000L, 10_000_000L);
    now[0] = 5 * SECOND; // Spark and the job started in 5 s: not part of the rate
    reporter.taskStarted();
    reporter.taskStarted();
    now[0] = 20 * SECOND;
    reporter.fileDone(1, 0, 30);
    now[0] = 30 * SECOND;
    reporter.fileDone(2, 1, 1);
    reporter.finish(true, 31);
    assertThat(printed()).isEqualTo("""
        trainguard: 1/2 files, 30.0/40.0 MB, 30 records, 2.0 MB/s, about 5 s left
        trainguard: 2/2 files, 40.0/40.0 MB, 31 records, 1.6 MB/s
        """);
  }

  @Test
  void noEstimateBeforeOnePercentAndTenSecondsThenTheRateOfTheLaterHalfOfTheRun() {
    // 1,000 MB at 1 MB/s after a minute of start-up inside the first task (JIT, models)
    ProgressReporter reporter = reporter(false, 1_000_000_000L);
    reporter.taskStarted();
    now[0] = 2 * SECOND;
    reporter.reading(1, 30, 30_000);
    for (int t = 10; t <= 160; t += 10) {
      now[0] = t * SECOND;
      long bytes = t <= 60 ? 30_000 : (t - 60) * 1_000_000L;
      reporter.reading(1, bytes / 1_000, bytes);
    }
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 0.0/1,000.0 MB, 30 records, 0.0 MB/s
        trainguard: 0/1 files, 10.0/1,000.0 MB, 10,000 records, 0.3 MB/s, about 57 min 55 s left
        trainguard: 0/1 files, 70.0/1,000.0 MB, 70,000 records, 1.0 MB/s, about 15 min 30 s left
        trainguard: 0/1 files, 100.0/1,000.0 MB, 100,000 records, 1.0 MB/s, about 15 min 00 s left
        """);
  }

  @Test
  void oneLargeFileShowsRecordsAndBytesWhileItIsReadAtMostEveryFiveSeconds() {
    ProgressReporter reporter = reporter(false, 200_000_000L);
    reporter.taskStarted();
    now[0] = 10 * SECOND;
    reporter.reading(1, 100_000, 20_000_000);
    now[0] = 12 * SECOND;
    reporter.reading(1, 300_000, 60_000_000); // 2 s after the last line: not yet
    now[0] = 16 * SECOND;
    reporter.reading(1, 400_000, 80_000_000);
    now[0] = 30 * SECOND;
    reporter.fileDone(1, 0, 1_000_000);
    reporter.reading(1, 400_000, 80_000_000); // a heartbeat sent before the task ended
    reporter.finish(true, 1_000_000);
    // the second rate is that of 8 s to 16 s: 16 MB at 8 s (interpolated), 80 MB at 16 s
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 20.0/200.0 MB, 100,000 records, 2.0 MB/s, about 1 min 30 s left
        trainguard: 0/1 files, 80.0/200.0 MB, 400,000 records, 8.0 MB/s, about 15 s left
        trainguard: 1/1 files, 200.0/200.0 MB, 1,000,000 records, 6.7 MB/s
        """);
  }

  @Test
  void withoutATerminalALineNeedsAnotherTenthOrAMinute() {
    ProgressReporter reporter = reporter(false, 100_000_000L);
    reporter.taskStarted();
    now[0] = 10 * SECOND;
    reporter.reading(1, 10, 10_000_000);
    now[0] = 20 * SECOND;
    reporter.reading(1, 15, 15_000_000); // still the first tenth
    now[0] = 71 * SECOND;
    reporter.reading(1, 19, 19_000_000); // still the first tenth, but a minute later
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 10.0/100.0 MB, 10 records, 1.0 MB/s, about 1 min 30 s left
        trainguard: 0/1 files, 19.0/100.0 MB, 19 records, 0.1 MB/s, about 17 min 13 s left
        """);
  }

  @Test
  void withoutATerminalALineThatReadsAsTheLastOneIsNotPrintedAgain() {
    ProgressReporter reporter = reporter(false, 1_000_000L);
    reporter.taskStarted();
    now[0] = 4 * SECOND;
    reporter.reading(1, 0, 99_999);
    now[0] = 9 * SECOND;
    reporter.reading(1, 0, 100_000); // another tenth, the same figures once rounded
    now[0] = 10 * SECOND;
    reporter.fileDone(1, 0, 100);
    reporter.finish(true, 100);
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 0.1/1.0 MB, 0 records, 0.0 MB/s
        trainguard: 1/1 files, 1.0/1.0 MB, 100 records, 0.1 MB/s
        """);
  }

  @Test
  void smallInputsAreCountedInKilobytesOrBytes() {
    ProgressReporter kilobytes = reporter(false, 17_000L);
    kilobytes.taskStarted();
    now[0] = SECOND;
    kilobytes.reading(1, 0, 2_000);
    now[0] = 6 * SECOND;
    kilobytes.reading(1, 0, 9_000);
    now[0] = 8 * SECOND;
    kilobytes.fileDone(1, 0, 100);
    kilobytes.finish(true, 100);
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 2.0/17.0 KB, 0 records, 2.0 KB/s
        trainguard: 0/1 files, 9.0/17.0 KB, 0 records, 1.4 KB/s
        trainguard: 1/1 files, 17.0/17.0 KB, 100 records, 2.1 KB/s
        """);
    buffer.reset();
    now[0] = 0;
    ProgressReporter bytes = reporter(false, 95L, 0L);
    bytes.taskStarted();
    now[0] = 2 * SECOND;
    bytes.fileDone(1, 0, 5);
    bytes.fileDone(2, 1, 0);
    bytes.finish(true, 5);
    assertThat(printed()).isEqualTo("""
        trainguard: 1/2 files, 95/95 bytes, 5 records, 48 bytes/s
        trainguard: 2/2 files, 95/95 bytes, 5 records, 48 bytes/s
        """);
  }

  @Test
  void aFileReadInSlicesIsDoneWithItsLastSlice() {
    ProgressReporter reporter = new ProgressReporter(List.of(0L, 6_000_000L, 4_000_000L,
        1_000_000L), List.of(0, 0, 0, 1), out, false, RECORDS, BYTES, () -> now[0]);
    reporter.taskStarted();
    now[0] = 10 * SECOND;
    reporter.fileDone(1, 1, 60);
    now[0] = 20 * SECOND;
    reporter.fileDone(2, 0, 0); // the digest of the sliced file
    now[0] = 30 * SECOND;
    reporter.fileDone(3, 3, 10);
    now[0] = 40 * SECOND;
    reporter.fileDone(4, 2, 40);
    assertThat(printed()).isEqualTo("""
        trainguard: 0/2 files, 6.0/11.0 MB, 60 records, 0.6 MB/s, about 8 s left
        trainguard: 1/2 files, 7.0/11.0 MB, 70 records, 0.1 MB/s, about 1 min 00 s left
        trainguard: 2/2 files, 11.0/11.0 MB, 110 records, 0.3 MB/s
        """);
  }

  @Test
  void aFailedTaskNoLongerCounts() {
    ProgressReporter reporter = reporter(false, 100_000_000L);
    reporter.taskStarted();
    now[0] = 10 * SECOND;
    reporter.reading(1, 10, 50_000_000);
    reporter.taskFailed(1);
    now[0] = 20 * SECOND;
    reporter.reading(2, 1, 10_000_000);
    reporter.reading(1, 20, 60_000_000);
    now[0] = 40 * SECOND;
    reporter.fileDone(2, 0, 2);
    assertThat(printed()).isEqualTo("""
        trainguard: 0/1 files, 50.0/100.0 MB, 10 records, 5.0 MB/s, about 10 s left
        trainguard: 1/1 files, 100.0/100.0 MB, 2 records, 2.5 MB/s
        """);
  }

  @Test
  void onATerminalOneLineIsRedrawnAndAShorterOneBlanksTheRest() {
    ProgressReporter reporter = reporter(true, 100_000_000L);
    reporter.taskStarted();
    now[0] = 10 * SECOND;
    reporter.reading(1, 10, 1_000_000);
    now[0] = 12 * SECOND;
    reporter.reading(1, 20, 2_000_000); // within 5 s of the last redraw
    now[0] = 15 * SECOND;
    reporter.reading(1, 90, 90_000_000);
    now[0] = 17 * SECOND;
    reporter.finish(true, 100);
    String first = "trainguard: 0/1 files, 1.0/100.0 MB, 10 records, 0.1 MB/s, about 16 min 30 s"
        + " left";
    String second = "trainguard: 0/1 files, 90.0/100.0 MB, 90 records, 11.9 MB/s, about 1 s left";
    String last = "trainguard: 1/1 files, 100.0/100.0 MB, 100 records, 5.9 MB/s";
    assertThat(printed()).isEqualTo("\r" + first + "\r" + second
        + " ".repeat(first.length() - second.length()) + "\r" + last
        + " ".repeat(second.length() - last.length()) + "\n");
  }

  @Test
  void heartbeatsCarryTheCountersOfRunningTasks() {
    ProgressReporter reporter = reporter(false, 100_000_000L);
    reporter.taskStarted();
    now[0] = 4 * SECOND;
    reporter.onExecutorMetricsUpdate(new SparkListenerExecutorMetricsUpdate("driver",
        CollectionConverters.asScala(List.of(new Tuple4<Object, Object, Object,
            scala.collection.immutable.Seq<AccumulableInfo>>(42L, 0, 0, CollectionConverters.asScala(List.of(
                info(RECORDS, 5_000L), info(BYTES, 40_000_000L), info(99, 1L))).toSeq())))
            .toSeq(),
        CollectionConverters.asScala(Map.<Tuple2<Object, Object>, ExecutorMetrics>of())));
    assertThat(printed())
        .isEqualTo("trainguard: 0/1 files, 40.0/100.0 MB, 5,000 records, 10.0 MB/s\n");
  }

  private static AccumulableInfo info(long id, long update) {
    return new AccumulableInfo(id, Option.apply("trainguard"), Option.apply(update),
        Option.empty(), false, false, Option.empty());
  }
}
