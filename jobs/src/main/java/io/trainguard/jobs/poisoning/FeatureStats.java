package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Quantiles of each numeric feature from one aggregation, and the fences they imply. The
 * reference quantiles sit at twice the expected contamination from each end (poison at the
 * expected rate cannot move them past the clean values); a value more than {@code fence} times
 * the reference's distance from the median beyond the reference is outside its fence. A side
 * whose reference equals the median takes the other side's distance (a 0/1 flag's fences are
 * at -3 and 4); a feature whose references both equal the median has no fences (a mostly
 * constant feature says nothing about how far its other values may go).
 */
record FeatureStats(List<String> names, double[] median, double[] scale, double[] lowFence,
    double[] highFence) implements Serializable {

  private static final double IQR_TO_SIGMA = 1 / 1.349;
  private static final int ACCURACY = 10_000;

  /** The statistics of {@code features} in {@code data}; a feature with no value has median 0. */
  static FeatureStats of(Dataset<Row> data, List<String> features, double contamination,
      double fence) {
    double reference = Math.min(0.25, 2 * contamination);
    Column levels = lit(new double[] {reference, 0.25, 0.5, 0.75, 1 - reference});
    Column[] quantiles = features.stream()
        .map(f -> percentile_approx(col(f).cast("double"), levels, lit(ACCURACY)))
        .toArray(Column[]::new);
    Row row = data.select(quantiles).first();
    int n = features.size();
    double[] median = new double[n];
    double[] scale = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int f = 0; f < n; f++) {
      if (row.isNullAt(f)) {
        low[f] = Double.NEGATIVE_INFINITY;
        high[f] = Double.POSITIVE_INFINITY;
        continue;
      }
      List<Double> q = row.getList(f);
      median[f] = q.get(2);
      double below = median[f] - q.get(0);
      double above = q.get(4) - median[f];
      double lowSide = below > 0 ? below : above;
      double highSide = above > 0 ? above : below;
      low[f] = lowSide > 0 ? q.get(0) - fence * lowSide : Double.NEGATIVE_INFINITY;
      high[f] = highSide > 0 ? q.get(4) + fence * highSide : Double.POSITIVE_INFINITY;
      double iqr = q.get(3) - q.get(1);
      scale[f] = iqr > 0 ? iqr * IQR_TO_SIGMA : (below + above) / 2;
    }
    return new FeatureStats(List.copyOf(features), median, scale, low, high);
  }

  /**
   * How far {@code x} of feature {@code f} lies beyond its fence, as its distance from the median
   * over the fence's: above 1 outside the fence, 0 for a missing value.
   */
  double excess(int f, double x) {
    if (Double.isNaN(x)) {
      return 0;
    }
    double limit = x >= median[f] ? highFence[f] : lowFence[f];
    return Double.isInfinite(limit) ? 0 : Math.abs(x - median[f]) / Math.abs(limit - median[f]);
  }

  /** Robust z-score of {@code x}: distance from the median over the IQR-based scale. */
  double z(int f, double x) {
    if (scale[f] > 0) {
      return (x - median[f]) / scale[f];
    }
    return x == median[f] ? 0 : Math.copySign(Double.POSITIVE_INFINITY, x - median[f]);
  }
}
