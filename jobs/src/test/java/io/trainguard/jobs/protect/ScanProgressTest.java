package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanProgressTest {

  private static final long SECOND = 1_000_000_000L;

  private final List<String> lines = new ArrayList<>();
  private final long[] now = {0};

  private ScanProgress progress(long intervalSeconds, Long... sizes) {
    return new ScanProgress(List.of(sizes), lines::add, intervalSeconds * SECOND, 3,
        () -> now[0]);
  }

  @Test
  void recordsReadInsideAFileAtMostOncePerIntervalWithTheTimeLeftOnceAFileIsDone() {
    ScanProgress scan = progress(5, 1_000_000L, 3_000_000L);
    scan.start();
    now[0] = 2 * SECOND;
    scan.taskStarted();
    now[0] = 4 * SECOND;
    scan.reading(1, 40_000); // 4 s after the first line: not yet
    now[0] = 7 * SECOND;
    scan.reading(1, 50_000);
    now[0] = 8 * SECOND;
    scan.taskEnded(1, 60_000);
    scan.reading(1, 50_000); // a heartbeat sent before the task ended
    scan.fileDone(20_000, 3);
    now[0] = 14 * SECOND;
    scan.reading(2, 30_000);
    now[0] = 16 * SECOND;
    scan.taskEnded(2, 90_000);
    scan.fileDone(60_000, 4);
    now[0] = 30 * SECOND;
    scan.reading(3, 1); // after the last file: no line
    assertThat(lines).containsExactly(
        "trainguard: poisoning scan: 2 files before protecting",
        "trainguard: poisoning scan: file 1 of 2, 50,000 records read, 3,333 records/s",
        "trainguard: poisoning scan: 1/2 files, 20,000 records scanned, 3 flagged",
        "trainguard: poisoning scan: file 2 of 2, 90,000 records read, 5,000 records/s,"
            + " about 18 s left",
        "trainguard: poisoning scan: 2/2 files, 80,000 records scanned, 7 flagged");
  }

  @Test
  void aSlowFirstFileFadesFromTheRateAndTheTimeLeftAsInProtect() {
    // four files of 10 MB: the first takes a minute (start-up), the others 10 s each
    ScanProgress scan = progress(5, 10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L);
    scan.start();
    scan.taskStarted();
    now[0] = 10 * SECOND;
    scan.reading(1, 1_000);
    now[0] = 60 * SECOND;
    scan.taskEnded(1, 6_000);
    scan.fileDone(3_000, 1);
    now[0] = 70 * SECOND;
    scan.reading(2, 3_000);
    now[0] = 80 * SECOND;
    scan.taskEnded(2, 6_000);
    scan.fileDone(3_000, 0);
    now[0] = 90 * SECOND;
    scan.reading(3, 3_000);
    // from 70 s on, the rates are those of the later half of the time since the first task:
    // records at 35 s interpolated between 10 s and 60 s (3,500), bytes all done after 60 s
    assertThat(lines).containsExactly(
        "trainguard: poisoning scan: 4 files before protecting",
        "trainguard: poisoning scan: file 1 of 4, 1,000 records read, 100 records/s",
        "trainguard: poisoning scan: file 1 of 4, 6,000 records read, 100 records/s",
        "trainguard: poisoning scan: 1/4 files, 3,000 records scanned, 1 flagged",
        "trainguard: poisoning scan: file 2 of 4, 9,000 records read, 157 records/s,"
            + " about 1 min 45 s left",
        "trainguard: poisoning scan: file 2 of 4, 12,000 records read, 200 records/s,"
            + " about 2 min 00 s left",
        "trainguard: poisoning scan: 2/4 files, 6,000 records scanned, 1 flagged",
        "trainguard: poisoning scan: file 3 of 4, 15,000 records read, 233 records/s,"
            + " about 45 s left");
  }

  @Test
  void noTimeLeftBeforeTenSeconds() {
    ScanProgress scan = progress(1, 1_000L, 1_000L);
    scan.start();
    scan.taskStarted();
    now[0] = 8 * SECOND;
    scan.taskEnded(1, 100);
    scan.fileDone(100, 0);
    now[0] = 9 * SECOND;
    scan.reading(2, 50);
    now[0] = 12 * SECOND;
    scan.reading(2, 100);
    assertThat(lines).containsExactly(
        "trainguard: poisoning scan: 2 files before protecting",
        "trainguard: poisoning scan: file 1 of 2, 100 records read, 13 records/s",
        "trainguard: poisoning scan: 1/2 files, 100 records scanned, 0 flagged",
        "trainguard: poisoning scan: file 2 of 2, 150 records read, 21 records/s",
        "trainguard: poisoning scan: file 2 of 2, 200 records read, 21 records/s,"
            + " about 6 s left");
  }

  @Test
  void nothingNewMeansNoLine() {
    ScanProgress scan = progress(5, 10L);
    scan.start();
    scan.taskStarted();
    now[0] = 6 * SECOND;
    scan.reading(1, 0);
    now[0] = 12 * SECOND;
    scan.reading(1, 5);
    now[0] = 20 * SECOND;
    scan.reading(1, 5);
    assertThat(lines).containsExactly(
        "trainguard: poisoning scan: 1 file before protecting",
        "trainguard: poisoning scan: file 1 of 1, 0 records read, 0 records/s",
        "trainguard: poisoning scan: file 1 of 1, 5 records read, 1 records/s");
  }
}
