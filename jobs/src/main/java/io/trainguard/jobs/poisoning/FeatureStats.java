package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.List;

/**
 * Quantiles of each numeric feature, and the fences they imply. The
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
  /** The quantiles' accuracy, as {@code percentile_approx} takes it: relative error 1/10,000. */
  static final int ACCURACY = 10_000;

  /**
   * The quantiles the fences need: the references at twice the expected contamination from
   * each end, the quartiles and the median.
   */
  static double[] levels(double contamination) {
    double reference = Math.min(0.25, 2 * contamination);
    return new double[] {reference, 0.25, 0.5, 0.75, 1 - reference};
  }

  /**
   * The statistics of {@code features} from their quantiles at {@link #levels} (null for a
   * feature with no value: median 0, no fences).
   */
  static FeatureStats of(List<String> features, double[][] quantiles, double fence) {
    int n = features.size();
    double[] median = new double[n];
    double[] scale = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int f = 0; f < n; f++) {
      double[] q = quantiles[f];
      if (q == null) {
        low[f] = Double.NEGATIVE_INFINITY;
        high[f] = Double.POSITIVE_INFINITY;
        continue;
      }
      median[f] = q[2];
      double below = median[f] - q[0];
      double above = q[4] - median[f];
      double lowSide = below > 0 ? below : above;
      double highSide = above > 0 ? above : below;
      low[f] = lowSide > 0 ? q[0] - fence * lowSide : Double.NEGATIVE_INFINITY;
      high[f] = highSide > 0 ? q[4] + fence * highSide : Double.POSITIVE_INFINITY;
      double iqr = q[3] - q[1];
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
