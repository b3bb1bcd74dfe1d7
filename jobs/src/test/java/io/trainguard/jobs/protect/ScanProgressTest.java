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
        "trainguard: poisoning scan: file 1 of 2, 50,000 records read, 10,000 records/s",
        "trainguard: poisoning scan: 1/2 files, 20,000 records scanned, 3 flagged",
        "trainguard: poisoning scan: file 2 of 2, 90,000 records read, 7,500 records/s,"
            + " about 36 s left",
        "trainguard: poisoning scan: 2/2 files, 80,000 records scanned, 7 flagged");
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
        "trainguard: poisoning scan: file 1 of 1, 5 records read, 0 records/s");
  }
}
