package io.trainguard.jobs.poisoning;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.util.QuantileSummaries;

/**
 * Spark's {@link QuantileSummaries} filled as its {@code insert} fills it, value for value the
 * same summary, with the values waiting to be inserted kept in a {@code double[]} and sorted as
 * primitives (its own buffer boxes each value and sorts the boxes).
 */
final class QuantileSketch {

  private final double[] head = new double[QuantileSummaries.defaultHeadSize()];
  private int waiting;
  private QuantileSummaries summary;

  /** An empty sketch of relative error {@code relativeError}, as {@code percentile_approx}'s. */
  QuantileSketch(double relativeError) {
    summary = new ApproximatePercentile.PercentileDigest(relativeError).quantileSummaries();
  }

  void insert(double x) {
    head[waiting++] = x;
    if (waiting == head.length) {
      summary = withHeadInserted();
      if (summary.sampled().length >= summary.compressThreshold()) {
        summary = summary.compress();
      }
    }
  }

  /** The compressed summary of every value inserted. */
  QuantileSummaries summary() {
    summary = withHeadInserted().compress();
    return summary;
  }

  /** {@code QuantileSummaries.withHeadBufferInserted} on the values waiting, which it empties. */
  private QuantileSummaries withHeadInserted() {
    if (waiting == 0) {
      return summary;
    }
    double[] sorted = Arrays.copyOf(head, waiting);
    waiting = 0;
    Arrays.sort(sorted);
    QuantileSummaries.Stats[] sampled = summary.sampled();
    double error = summary.relativeError();
    QuantileSummaries.Stats[] merged = new QuantileSummaries.Stats[sampled.length + sorted.length];
    int size = 0;
    long count = summary.count();
    int next = 0;
    for (int i = 0; i < sorted.length; i++) {
      double x = sorted[i];
      while (next < sampled.length && sampled[next].value() <= x) {
        merged[size++] = sampled[next++];
      }
      count++;
      long delta = size == 0 || next == sampled.length && i == sorted.length - 1 ? 0
          : (long) Math.floor(2 * error * count);
      merged[size++] = new QuantileSummaries.Stats(x, 1, delta);
    }
    while (next < sampled.length) {
      merged[size++] = sampled[next++];
    }
    return new QuantileSummaries(summary.compressThreshold(), error, merged, count, false);
  }
}
