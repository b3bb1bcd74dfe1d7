package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Naive Bayes over numeric features cut into bins at their quantiles: per label, the add-one
 * smoothed share of its records in each bin of each feature, and the label's share of the
 * records. Bins follow any distribution's shape (skewed, discrete, heavy-tailed) without a
 * parametric assumption; a missing value leaves its feature out. Input rows: {@code label}
 * (string) then the features (doubles).
 */
final class BinnedNaiveBayes implements Serializable {

  private static final long serialVersionUID = 1L;
  /** The most bins per feature, whatever the number of records. */
  static final int MAX_BINS = 64;
  private static final StructType COUNTS = new StructType()
      .add("label", DataTypes.StringType, false)
      .add("feature", DataTypes.IntegerType, false)
      .add("bin", DataTypes.IntegerType, false);

  private final Map<String, Integer> labels;
  private final double[][] edges;
  private final double[][][] logShare;
  private final double[] logPrior;
  private final double contamination;
  private final long records;

  private BinnedNaiveBayes(Map<String, Integer> labels, double[][] edges, double[][][] logShare,
      double[] logPrior, double contamination, long records) {
    this.labels = labels;
    this.edges = edges;
    this.logShare = logShare;
    this.logPrior = logPrior;
    this.contamination = contamination;
    this.records = records;
  }

  /**
   * Inner bin edges per feature: the quantiles at i / bins, bins = the cube root of the number
   * of records (at least 2, at most {@link #MAX_BINS}), ties merged.
   */
  static double[][] edges(Dataset<Row> view, String[] features, long records) {
    int bins = (int) Math.max(2, Math.min(MAX_BINS, Math.ceil(Math.cbrt(records))));
    double[] probabilities = new double[bins - 1];
    for (int i = 1; i < bins; i++) {
      probabilities[i - 1] = (double) i / bins;
    }
    double[][] quantiles = view.stat().approxQuantile(features, probabilities, 0.25 / bins);
    double[][] out = new double[features.length][];
    for (int f = 0; f < features.length; f++) {
      out[f] = Arrays.stream(quantiles[f]).distinct().sorted().toArray();
    }
    return out;
  }

  /**
   * Fits on the records {@code previous} does not flag (all records when null): one
   * aggregation of records per label, feature and bin.
   */
  static BinnedNaiveBayes fit(Dataset<Row> view, double[][] edges, double contamination,
      BinnedNaiveBayes previous) {
    int features = edges.length;
    List<Row> counts = view.flatMap((FlatMapFunction<Row, Row>) row -> {
      List<Row> out = new ArrayList<>();
      if (row.isNullAt(0) || previous != null && previous.flags(row)) {
        return out.iterator();
      }
      String label = row.getString(0);
      out.add(RowFactory.create(label, -1, 0));
      for (int f = 0; f < features; f++) {
        double x = value(row, f);
        if (!Double.isNaN(x)) {
          out.add(RowFactory.create(label, f, bin(edges[f], x)));
        }
      }
      return out.iterator();
    }, Encoders.row(COUNTS)).groupBy(col("label"), col("feature"), col("bin")).count()
        .collectAsList();
    Map<String, Integer> labels = new HashMap<>();
    counts.stream().map(r -> r.getString(0)).distinct().sorted()
        .forEach(l -> labels.put(l, labels.size()));
    long[][][] n = new long[labels.size()][features][];
    long[] perLabel = new long[labels.size()];
    for (long[][] byFeature : n) {
      for (int f = 0; f < features; f++) {
        byFeature[f] = new long[edges[f].length + 1];
      }
    }
    for (Row r : counts) {
      int l = labels.get(r.getString(0));
      if (r.getInt(1) < 0) {
        perLabel[l] += r.getLong(3);
      } else {
        n[l][r.getInt(1)][r.getInt(2)] += r.getLong(3);
      }
    }
    long kept = Arrays.stream(perLabel).sum();
    double[][][] logShare = new double[labels.size()][features][];
    double[] logPrior = new double[labels.size()];
    for (int l = 0; l < labels.size(); l++) {
      logPrior[l] = Math.log((perLabel[l] + 1.0) / (kept + labels.size()));
      for (int f = 0; f < features; f++) {
        long total = Arrays.stream(n[l][f]).sum();
        logShare[l][f] = new double[n[l][f].length];
        for (int b = 0; b < n[l][f].length; b++) {
          logShare[l][f][b] = Math.log((n[l][f][b] + 1.0) / (total + n[l][f].length));
        }
      }
    }
    return new BinnedNaiveBayes(labels, edges, logShare, logPrior, contamination, kept);
  }

  /** Records the model was fitted on. */
  long records() {
    return records;
  }

  /** Whether a record is more likely flipped than not: {@link #flipPosterior} at least 1/2. */
  boolean flags(Row row) {
    return flipPosterior(row) >= 0.5;
  }

  /**
   * The probability that the record's label was flipped, given its features, when a share
   * {@code contamination} of labels was flipped to any other label alike: with p the model's
   * probability of the label and K labels, c(1 - p)/(K - 1) against (1 - c)p + c(1 - p)/(K - 1).
   */
  double flipPosterior(Row row) {
    Integer label = row.isNullAt(0) ? null : labels.get(row.getString(0));
    int k = labels.size();
    if (label == null || k < 2) {
      return 0;
    }
    double[] log = logPrior.clone();
    for (int f = 0; f < edges.length; f++) {
      double x = value(row, f);
      if (!Double.isNaN(x)) {
        int b = bin(edges[f], x);
        for (int l = 0; l < k; l++) {
          log[l] += logShare[l][f][b];
        }
      }
    }
    double max = Arrays.stream(log).max().orElse(0);
    double sum = 0;
    for (double v : log) {
      sum += Math.exp(v - max);
    }
    double p = Math.exp(log[label] - max) / sum;
    double flipped = contamination * (1 - p) / (k - 1);
    return flipped / ((1 - contamination) * p + flipped);
  }

  private static double value(Row row, int feature) {
    return row.isNullAt(feature + 1) ? Double.NaN : row.getDouble(feature + 1);
  }

  /** The number of edges at or below x. */
  static int bin(double[] edges, double x) {
    int low = 0;
    int high = edges.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (edges[mid] <= x) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
