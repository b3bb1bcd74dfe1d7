package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Random;

/**
 * One isolation tree in flat arrays: internal nodes split one feature at a value drawn uniformly
 * between the node's minimum and maximum. A value outside that range would have been cut off by
 * the split with probability gap / (range + gap) had it been in the sample; the path length is
 * the expectation over that event, so values far beyond the sample isolate early.
 */
final class IsolationTree implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int[] feature;
  private final double[] split;
  private final int[] left;
  private final int[] right;
  private final int[] size;
  private final double[] low;
  private final double[] high;

  private IsolationTree(int[] feature, double[] split, double[] low, double[] high, int[] left,
      int[] right, int[] size) {
    this.feature = feature;
    this.split = split;
    this.low = low;
    this.high = high;
    this.left = left;
    this.right = right;
    this.size = size;
  }

  /** Grows a tree on {@code sample} rows up to {@code heightLimit}. */
  static IsolationTree grow(double[][] sample, int heightLimit, Random random) {
    Builder builder = new Builder(2 * sample.length + 1);
    int[] rows = new int[sample.length];
    Arrays.setAll(rows, i -> i);
    builder.node(sample, rows, 0, heightLimit, random);
    return builder.build();
  }

  /** Expected path length of {@code x}: depth of its leaf plus c(leaf size), see above. */
  double pathLength(double[] x) {
    int node = 0;
    int depth = 0;
    double expected = 0;
    double remaining = 1;
    while (feature[node] >= 0) {
      double v = x[feature[node]];
      double gap = v < low[node] ? low[node] - v : v > high[node] ? v - high[node] : 0;
      if (gap > 0) {
        double cut = gap / (high[node] - low[node] + gap);
        expected += remaining * cut * (depth + 1);
        remaining *= 1 - cut;
      }
      node = v < split[node] ? left[node] : right[node];
      depth++;
    }
    return expected + remaining * (depth + IsolationForest.averagePath(size[node]));
  }

  /** A lower bound of {@link #pathLength} over every point. */
  double minPathLength() {
    return feature[0] >= 0 ? 1 : IsolationForest.averagePath(size[0]);
  }

  private static final class Builder {
    private final int[] feature;
    private final double[] split;
    private final double[] low;
    private final double[] high;
    private final int[] left;
    private final int[] right;
    private final int[] size;
    private int count;

    Builder(int capacity) {
      feature = new int[capacity];
      split = new double[capacity];
      low = new double[capacity];
      high = new double[capacity];
      left = new int[capacity];
      right = new int[capacity];
      size = new int[capacity];
    }

    int node(double[][] sample, int[] rows, int depth, int heightLimit, Random random) {
      int id = count++;
      size[id] = rows.length;
      feature[id] = -1;
      if (rows.length <= 1 || depth >= heightLimit) {
        return id;
      }
      int dims = sample[0].length;
      int start = random.nextInt(dims);
      for (int d = 0; d < dims; d++) {
        int f = (start + d) % dims;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r : rows) {
          min = Math.min(min, sample[r][f]);
          max = Math.max(max, sample[r][f]);
        }
        if (max > min) {
          double value = min + random.nextDouble() * (max - min);
          int[] below = Arrays.stream(rows).filter(r -> sample[r][f] < value).toArray();
          int[] above = Arrays.stream(rows).filter(r -> sample[r][f] >= value).toArray();
          feature[id] = f;
          split[id] = value;
          low[id] = min;
          high[id] = max;
          left[id] = node(sample, below, depth + 1, heightLimit, random);
          right[id] = node(sample, above, depth + 1, heightLimit, random);
          return id;
        }
      }
      return id;
    }

    IsolationTree build() {
      return new IsolationTree(Arrays.copyOf(feature, count), Arrays.copyOf(split, count),
          Arrays.copyOf(low, count), Arrays.copyOf(high, count), Arrays.copyOf(left, count), Arrays.copyOf(right, count), Arrays.copyOf(size, count));
    }
  }
}
