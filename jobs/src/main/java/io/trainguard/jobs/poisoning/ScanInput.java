package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.util.QuantileSummaries;

/**
 * What the detectors read, as plain Java rows ({@code label, f0, ..., [text,] id}: the label and
 * id as strings, the numeric features as doubles, the normalised text when there are text
 * columns), and what several detectors share, computed once per frame and configuration: the
 * number of records, records per label, the features' quantiles (fences and bins) and the
 * labels' model of the features. Passes over the rows are plain Java over partitions (Spark jobs, no SQL
 * queries).
 */
final class ScanInput {

  /** The most times the labels' models are refitted on the records they do not doubt. */
  static final int MAX_REFITS = 4;

  private static final Map<Dataset<Row>, Map<PoisoningConfig, ScanInput>> INPUTS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final PoisoningConfig config;
  private final List<String> features;
  private final Dataset<Row> view;
  private final JavaRDD<Row> rows;
  private Map<String, Long> labels;
  private NaiveBayesLabels.Evidence bins;
  private FeatureStats stats;
  private Sketches sketches;
  private NaiveBayesLabels featureModel;
  private boolean featureModelFitted;

  private ScanInput(Dataset<Row> data, PoisoningConfig config) {
    this.config = config;
    this.features = Columns.features(data, config);
    List<Column> select = new ArrayList<>();
    select.add(col(config.labelColumn()).cast("string").as("label"));
    for (int f = 0; f < features.size(); f++) {
      select.add(col(features.get(f)).cast("double").as("f" + f));
    }
    if (hasText()) {
      select.add(Columns.normalisedText(data, config.textColumns()).as("text"));
    }
    select.add(Flags.idOf(config).as("id"));
    this.view = data.select(select.toArray(Column[]::new));
    this.rows = view.toJavaRDD();
  }

  /** The input of {@code data} under {@code config}, made once while {@code data} is in use. */
  static ScanInput of(Dataset<Row> data, PoisoningConfig config) {
    return INPUTS.computeIfAbsent(data, d -> new ConcurrentHashMap<>())
        .computeIfAbsent(config, c -> new ScanInput(data, c));
  }

  /** Drops what the inputs of {@code data} keep on the tasks (the features' model). */
  static void release(Dataset<Row> data) {
    Map<PoisoningConfig, ScanInput> inputs = INPUTS.remove(data);
    if (inputs != null) {
      inputs.values().forEach(ScanInput::releaseModel);
    }
  }

  private synchronized void releaseModel() {
    if (featureModel != null) {
      featureModel.release();
    }
  }

  PoisoningConfig config() {
    return config;
  }

  List<String> features() {
    return features;
  }

  boolean hasText() {
    return !config.textColumns().isEmpty();
  }

  /** Position of the normalised text in a row (when {@link #hasText}). */
  int textColumn() {
    return features.size() + 1;
  }

  /** Position of the record id in a row. */
  int idColumn() {
    return features.size() + (hasText() ? 2 : 1);
  }

  JavaRDD<Row> rows() {
    return rows;
  }

  /** Records per label (a missing label under the null key), in one pass. */
  synchronized Map<String, Long> labels() {
    if (labels == null) {
      labels = Collections.unmodifiableMap(rows.treeAggregate(new HashMap<String, Long>(),
          (m, row) -> {
            m.merge(row.getString(0), 1L, Long::sum);
            return m;
          }, (a, b) -> {
            b.forEach((k, v) -> a.merge(k, v, Long::sum));
            return a;
          }));
    }
    return labels;
  }

  long records() {
    return labels().values().stream().mapToLong(Long::longValue).sum();
  }

  /** The features' quantile bins ({@link NaiveBayesLabels#bins}); null without features. */
  synchronized NaiveBayesLabels.Evidence bins() {
    if (bins == null && !features.isEmpty()) {
      bins = NaiveBayesLabels.bins(sketches().binQuantiles);
    }
    return bins;
  }

  /** The features' fences ({@link FeatureStats}); null without features. */
  synchronized FeatureStats stats() {
    if (stats == null && !features.isEmpty()) {
      stats = FeatureStats.of(features, sketches().fenceQuantiles, config.outliers().fence());
    }
    return stats;
  }

  /**
   * The quantiles of the fences and of the bins, from one pass: per partition and feature, a
   * mergeable sketch ({@link QuantileSketch}: Spark's {@link QuantileSummaries}, as
   * {@code percentile_approx} keeps them) for each, merged on the driver in partition order. The
   * fences' sketch has relative error 1/{@link FeatureStats#ACCURACY} and counts a NaN, the
   * bins' a quarter bin ({@code approxQuantile}'s accuracy) and leaves NaN out; a missing value
   * counts in neither.
   */
  private Sketches sketches() {
    if (sketches == null) {
      int n = features.size();
      int bins = NaiveBayesLabels.binCount(records());
      double fenceError = 1.0 / FeatureStats.ACCURACY;
      double binError = 1.0 / Math.min(Integer.MAX_VALUE, (long) Math.ceil(1.0 / (0.25 / bins)));
      List<QuantileSummaries[]> parts = rows.mapPartitions(it -> {
        QuantileSketch[] s = new QuantileSketch[2 * n];
        for (int f = 0; f < n; f++) {
          s[f] = new QuantileSketch(fenceError);
          s[n + f] = new QuantileSketch(binError);
        }
        while (it.hasNext()) {
          Row row = it.next();
          for (int f = 0; f < n; f++) {
            if (!row.isNullAt(f + 1)) {
              double x = row.getDouble(f + 1);
              s[f].insert(x);
              if (!Double.isNaN(x)) {
                s[n + f].insert(x);
              }
            }
          }
        }
        QuantileSummaries[] out = new QuantileSummaries[s.length];
        for (int i = 0; i < s.length; i++) {
          out[i] = s[i].summary();
        }
        return List.<QuantileSummaries[]>of(out).iterator();
      }).collect();
      double[] fenceLevels = FeatureStats.levels(config.outliers().contamination());
      double[] binLevels = NaiveBayesLabels.binLevels(bins);
      double[][] fences = new double[n][];
      double[][] cuts = new double[n][];
      for (int f = 0; f < n; f++) {
        fences[f] = quantiles(parts, f, fenceLevels);
        double[] q = quantiles(parts, n + f, binLevels);
        cuts[f] = q == null ? new double[0] : q;
      }
      sketches = new Sketches(fences, cuts);
    }
    return sketches;
  }

  /** The merged sketch {@code i}'s quantiles at {@code levels}; null when it holds no value. */
  private static double[] quantiles(List<QuantileSummaries[]> parts, int i, double[] levels) {
    QuantileSummaries merged = parts.get(0)[i];
    for (int p = 1; p < parts.size(); p++) {
      merged = merged.merge(parts.get(p)[i]);
    }
    if (merged.count() == 0) {
      return null;
    }
    scala.collection.immutable.Seq<Object> q =
        new ApproximatePercentile.PercentileDigest(merged).getPercentiles(levels);
    double[] out = new double[levels.length];
    for (int l = 0; l < out.length; l++) {
      out[l] = (Double) q.apply(l);
    }
    return out;
  }

  /** Per feature: the fences' quantiles (null: no value) and the bins' (empty: no value). */
  private record Sketches(double[][] fenceQuantiles, double[][] binQuantiles) {}

  /**
   * The labels' model of the numeric features alone, fitted once (label flips without text and
   * the trigger detector use it); null without features or records.
   */
  synchronized NaiveBayesLabels featureModel() {
    if (!featureModelFitted) {
      featureModelFitted = true;
      featureModel = features.isEmpty() || records() == 0 ? null
          : NaiveBayesLabels.fit(rows, bins(), config.outliers().contamination(), MAX_REFITS);
    }
    return featureModel;
  }
}
