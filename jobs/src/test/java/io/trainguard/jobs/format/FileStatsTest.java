package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Record accounting: written is counted where records are written, not derived. */
class FileStatsTest {

  @Test
  void aRecordReadButNeitherWrittenQuarantinedNorDroppedUnbalancesTheFile() {
    FileStats stats = new FileStats();
    for (int i = 0; i < 4; i++) {
      stats.countRecord();
    }
    stats.countWritten();
    stats.countWritten();
    stats.countQuarantined();
    assertThat(stats.written()).isEqualTo(2);
    assertThat(stats.balanced()).isFalse();

    stats.countDropped();
    assertThat(stats.balanced()).isTrue();
  }

  @Test
  void aWholeFileInQuarantineIsOneRecordReadAndQuarantined() {
    FileStats stats = new FileStats();
    stats.quarantineWholeFile("corrupt-parquet");
    assertThat(stats.records()).isEqualTo(1);
    assertThat(stats.quarantined()).isEqualTo(1);
    assertThat(stats.written()).isZero();
    assertThat(stats.balanced()).isTrue();
  }
}
