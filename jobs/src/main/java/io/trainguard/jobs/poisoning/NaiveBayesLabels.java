package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A naive Bayes model of labels, fitted on the data itself: each record's evidence is a set of
 * (slot, value) pairs (a numeric feature and its quantile bin, or the text and a hashed token);
 * per label and slot, the add-one smoothed share of its evidence with each value, and the
 * label's share of the records. From it, the probability that a record's label was flipped at
 * an expected contamination. Input rows: {@code label} (string) first; the {@link Evidence}
 * reads the rest.
 */
final class NaiveBayesLabels implements Serializable {

  private static final long serialVersionUID = 1L;
  /** The most bins per numeric feature, whatever the number of records. */
  static final int MAX_BINS = 64;
  /** What separates tokens: anything but letters and digits. */
  private static final Pattern NOT_TOKEN = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** A record's evidence: (slot, value) pairs, each value below its slot's size. */
  interface Evidence extends Serializable {
    /** Number of slots; {@code size(slot)}: number of values a slot can take. */
    int slots();

    int size(int slot);

    /** Each pair as {@code out.accept(slot, value)}; a missing value gives none. */
    void of(Row row, Pairs out);
  }

  /** Receives evidence pairs. */
  interface Pairs {
    void accept(int slot, int value);
  }

  private final Evidence evidence;
  private final Map<String, Integer> labels;
  private final double[][][] logShare;
  private final double[] logPrior;
  private final double contamination;
  private final long records;

  private NaiveBayesLabels(Evidence evidence, Map<String, Integer> labels,
      double[][][] logShare, double[] logPrior, double contamination, long records) {
    this.evidence = evidence;
    this.labels = labels;
    this.logShare = logShare;
    this.logPrior = logPrior;
    this.contamination = contamination;
    this.records = records;
  }

  /**
   * Fitted, then refitted without the records it flags until that set stops changing (at most
   * {@code refits} times): flipped labels would otherwise teach the model that they belong where
   * they were planted.
   */
  static NaiveBayesLabels fit(Dataset<Row> view, Evidence evidence, double contamination,
      int refits) {
    JavaRDD<Row> rows = view.toJavaRDD();
    NaiveBayesLabels model = fit(rows, evidence, contamination, null);
    for (int i = 0; i < refits; i++) {
      NaiveBayesLabels refit = fit(rows, evidence, contamination, model);
      boolean stable = refit.records == model.records;
      model = refit;
      if (stable) {
        break;
      }
    }
    return model;
  }

  /**
   * One pass over the records {@code previous} keeps (all without it), counting on each task
   * into arrays that are merged up a tree: records per label, and per label, slot and value.
   */
  private static NaiveBayesLabels fit(JavaRDD<Row> rows, Evidence evidence,
      double contamination, NaiveBayesLabels previous) {
    Counts counts = rows.treeAggregate(new Counts(evidence), (c, row) -> {
      if (!row.isNullAt(0) && (previous == null || !previous.flags(row))) {
        c.add(row.getString(0), row, evidence);
      }
      return c;
    }, Counts::merge);
    Map<String, Integer> labels = new HashMap<>();
    counts.byLabel.keySet().stream().sorted().forEach(l -> labels.put(l, labels.size()));
    int slots = evidence.slots();
    long[][][] n = new long[labels.size()][][];
    long[] perLabel = new long[labels.size()];
    boolean[][] seen = new boolean[slots][];
    for (int s = 0; s < slots; s++) {
      seen[s] = new boolean[evidence.size(s)];
    }
    counts.byLabel.forEach((label, c) -> {
      int l = labels.get(label);
      perLabel[l] = c.records;
      n[l] = c.values;
      for (int s = 0; s < slots; s++) {
        for (int v = 0; v < c.values[s].length; v++) {
          seen[s][v] |= c.values[s][v] > 0;
        }
      }
    });
    long kept = Arrays.stream(perLabel).sum();
    double[][][] logShare = new double[labels.size()][slots][];
    double[] logPrior = new double[labels.size()];
    for (int l = 0; l < labels.size(); l++) {
      logPrior[l] = Math.log((perLabel[l] + 1.0) / (kept + labels.size()));
      for (int s = 0; s < slots; s++) {
        long total = Arrays.stream(n[l][s]).sum();
        int values = 0;
        for (boolean v : seen[s]) {
          values += v ? 1 : 0;
        }
        logShare[l][s] = new double[n[l][s].length];
        for (int v = 0; v < n[l][s].length; v++) {
          logShare[l][s][v] = Math.log((n[l][s][v] + 1.0) / (total + values));
        }
      }
    }
    return new NaiveBayesLabels(evidence, labels, logShare, logPrior, contamination, kept);
  }

  /** Records per label, and per label, slot and value: what a fit counts on each task. */
  private static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, LabelCounts> byLabel = new HashMap<>();
    private final int[] sizes;

    Counts(Evidence evidence) {
      sizes = new int[evidence.slots()];
      Arrays.setAll(sizes, evidence::size);
    }

    void add(String label, Row row, Evidence evidence) {
      LabelCounts c = byLabel.computeIfAbsent(label, l -> new LabelCounts(sizes));
      c.records++;
      evidence.of(row, (slot, value) -> c.values[slot][value]++);
    }

    Counts merge(Counts other) {
      other.byLabel.forEach((label, c) -> byLabel.merge(label, c, LabelCounts::merge));
      return this;
    }
  }

  /** One label's records and its counts per slot and value. */
  private static final class LabelCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private long records;
    private final long[][] values;

    LabelCounts(int[] sizes) {
      values = new long[sizes.length][];
      Arrays.setAll(values, s -> new long[sizes[s]]);
    }

    LabelCounts merge(LabelCounts other) {
      records += other.records;
      for (int s = 0; s < values.length; s++) {
        for (int v = 0; v < values[s].length; v++) {
          values[s][v] += other.values[s][v];
        }
      }
      return this;
    }
  }

  /** Whether a record is more likely flipped than not: {@link #flipPosterior} at least 1/2. */
  boolean flags(Row row) {
    return flipPosterior(row) >= 0.5;
  }

  /**
   * The probability that the record's label was flipped, given its evidence, when a share
   * {@code contamination} of labels was flipped to any other label alike: with p the model's
   * probability of the label and K labels, c(1 - p)/(K - 1) against (1 - c)p + c(1 - p)/(K - 1).
   */
  double flipPosterior(Row row) {
    Integer label = row.isNullAt(0) ? null : labels.get(row.getString(0));
    int k = labels.size();
    if (label == null || k < 2) {
      return 0;
    }
    double p = posterior(row)[label];
    double flipped = contamination * (1 - p) / (k - 1);
    return flipped / ((1 - contamination) * p + flipped);
  }

  /** Each label's probability given the record's evidence, labels in sorted order. */
  double[] posterior(Row row) {
    int k = labels.size();
    double[] log = logPrior.clone();
    evidence.of(row, (slot, value) -> {
      for (int l = 0; l < k; l++) {
        log[l] += logShare[l][slot][value];
      }
    });
    double max = Arrays.stream(log).max().orElse(0);
    double sum = 0;
    for (double v : log) {
      sum += Math.exp(v - max);
    }
    for (int l = 0; l < k; l++) {
      log[l] = Math.exp(log[l] - max) / sum;
    }
    return log;
  }

  /**
   * log(P(label | evidence) / P(label)): how much more likely the record's evidence is under
   * {@code label} than under the labels' mixture; 0 for a label the model does not know.
   */
  double logLift(Row row, String label) {
    Integer l = labels.get(label);
    return l == null ? 0 : Math.log(posterior(row)[l]) - logPrior[l];
  }

  /**
   * Numeric features (doubles in the row after the label) cut into bins at their quantiles
   * i / bins, bins = the cube root of the number of records (at least 2, at most
   * {@link #MAX_BINS}), ties merged: bins follow any distribution's shape (skewed, discrete,
   * heavy-tailed) and a far outlier lands in an end bin. A missing value leaves its feature out.
   */
  static Evidence bins(Dataset<Row> view, String[] features, long records) {
    int bins = (int) Math.max(2, Math.min(MAX_BINS, Math.ceil(Math.cbrt(records))));
    double[] probabilities = new double[bins - 1];
    for (int i = 1; i < bins; i++) {
      probabilities[i - 1] = (double) i / bins;
    }
    double[][] quantiles = view.stat().approxQuantile(features, probabilities, 0.25 / bins);
    double[][] edges = new double[features.length][];
    for (int f = 0; f < features.length; f++) {
      edges[f] = Arrays.stream(quantiles[f]).distinct().sorted().toArray();
    }
    return new Evidence() {
      private static final long serialVersionUID = 1L;

      @Override
      public int slots() {
        return edges.length;
      }

      @Override
      public int size(int slot) {
        return edges[slot].length + 1;
      }

      @Override
      public void of(Row row, Pairs out) {
        for (int f = 0; f < edges.length; f++) {
          if (!row.isNullAt(f + 1) && !Double.isNaN(row.getDouble(f + 1))) {
            out.accept(f, bin(edges[f], row.getDouble(f + 1)));
          }
        }
      }
    };
  }

  /**
   * The distinct tokens (runs of letters and digits) of the text in the row after the label,
   * each hashed to one of {@code buckets} values.
   */
  static Evidence tokens(int buckets) {
    return new Evidence() {
      private static final long serialVersionUID = 1L;

      @Override
      public int slots() {
        return 1;
      }

      @Override
      public int size(int slot) {
        return buckets;
      }

      @Override
      public void of(Row row, Pairs out) {
        if (row.isNullAt(1)) {
          return;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (String token : NOT_TOKEN.split(row.getString(1))) {
          int value = Math.floorMod(token.hashCode(), buckets);
          if (!token.isEmpty() && seen.add(value)) {
            out.accept(0, value);
          }
        }
      }
    };
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
