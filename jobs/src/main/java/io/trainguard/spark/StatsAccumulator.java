package io.trainguard.spark;

import io.trainguard.jobs.format.FileStats;
import org.apache.spark.util.AccumulatorV2;

/** The counts of a frame's partitions, merged on the driver. */
final class StatsAccumulator extends AccumulatorV2<FileStats, FileStats> {

  private FileStats stats = new FileStats();
  private boolean zero = true;

  @Override
  public boolean isZero() {
    return zero;
  }

  @Override
  public AccumulatorV2<FileStats, FileStats> copy() {
    StatsAccumulator copy = new StatsAccumulator();
    copy.merge(this);
    copy.zero = zero;
    return copy;
  }

  @Override
  public void reset() {
    stats = new FileStats();
    zero = true;
  }

  @Override
  public void add(FileStats partition) {
    stats.add(partition);
    zero = false;
  }

  @Override
  public void merge(AccumulatorV2<FileStats, FileStats> other) {
    add(other.value());
  }

  @Override
  public FileStats value() {
    return stats;
  }
}
