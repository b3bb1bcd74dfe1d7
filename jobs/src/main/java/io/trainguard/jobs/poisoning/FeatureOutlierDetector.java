package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Feature outliers: a value outside its feature's fence (see {@link FeatureStats}), or an
 * isolation forest score of at least {@code minScore} (by default 1: the forest only ranks).
 * Score: the larger of the forest's score and r / (1 + r), r being how many
 * times farther from the median than the fence the value lies. The reason names the features
 * outside their fence, else those whose robust z-score reaches {@code zThreshold}, else the most
 * extreme one. Reason: {@code feature_outlier:amount,age}.
 */
public final class FeatureOutlierDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "feature_outlier";
  private static final StructType SCORED = new StructType()
      .add(Flags.RECORD_ID, DataTypes.StringType, false)
      .add(Flags.SCORE, DataTypes.DoubleType, false)
      .add("excess", DataTypes.DoubleType, false)
      .add("explained", DataTypes.StringType, false);

  @Override
  public List<PoisoningReport.Flag> detect(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    List<String> features = input.features();
    if (features.isEmpty() || input.records() == 0) {
      return List.of();
    }
    PoisoningConfig.OutlierSettings settings = config.outliers();
    FeatureStats stats = stats(data, config, features);
    Broadcast<IsolationForest> forest = forest(data, config, features, stats);
    int n = features.size();
    int id = input.idColumn();
    return input.rows().flatMap(row -> {
      double[] x = new double[n];
      for (int f = 0; f < n; f++) {
        x[f] = row.isNullAt(f + 1) ? stats.median()[f] : row.getDouble(f + 1);
      }
      double excess = excess(x, stats);
      double score = forest.value().score(x);
      if (score < settings.minScore() && excess <= 1) {
        return List.<PoisoningReport.Flag>of().iterator();
      }
      return List.of(new PoisoningReport.Flag(row.getString(id),
          Math.max(score, excess / (excess + 1)),
          List.of(NAME + ":" + explain(x, stats, settings.zThreshold())))).iterator();
    }).collect();
  }

  /**
   * Every record with its forest score, its largest fence excess and the features that explain
   * it (a lazy map).
   */
  Dataset<Row> score(Dataset<Row> data, PoisoningConfig config, List<String> features) {
    FeatureStats stats = stats(data, config, features);
    Broadcast<IsolationForest> shipped = forest(data, config, features, stats);
    double z = config.outliers().zThreshold();
    return prepared(data, config, features, stats).map((MapFunction<Row, Row>) row -> {
      double[] x = vector(row);
      return RowFactory.create(row.getString(0), shipped.value().score(x), excess(x, stats),
          explain(x, stats, z));
    }, Encoders.row(SCORED));
  }

  private static FeatureStats stats(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    return FeatureStats.of(data, features, config.outliers().contamination(),
        config.outliers().fence());
  }

  private static double excess(double[] x, FeatureStats stats) {
    double excess = 0;
    for (int f = 0; f < x.length; f++) {
      excess = Math.max(excess, stats.excess(f, x[f]));
    }
    return excess;
  }

  /** {@code record_id, f0, ...}: the features as doubles, a missing value as the median. */
  private static Dataset<Row> prepared(Dataset<Row> data, PoisoningConfig config,
      List<String> features, FeatureStats stats) {
    List<Column> select = new ArrayList<>();
    select.add(Flags.idOf(config).as(Flags.RECORD_ID));
    for (int f = 0; f < features.size(); f++) {
      select.add(coalesce(col(features.get(f)).cast("double"), lit(stats.median()[f]))
          .as("f" + f));
    }
    return data.select(select.toArray(Column[]::new));
  }

  /**
   * The forest grown on a sample of at most trees × sample size records (all of them when there
   * are no more), broadcast.
   */
  private static Broadcast<IsolationForest> forest(Dataset<Row> data, PoisoningConfig config,
      List<String> features, FeatureStats stats) {
    PoisoningConfig.OutlierSettings s = config.outliers();
    ScanInput input = ScanInput.of(data, config);
    long total = input.records();
    long wanted = (long) s.trees() * s.sampleSize();
    double[][] sample;
    if (total <= wanted) {
      int n = features.size();
      sample = input.rows().map(row -> {
        double[] x = new double[n];
        for (int f = 0; f < n; f++) {
          x[f] = row.isNullAt(f + 1) ? stats.median()[f] : row.getDouble(f + 1);
        }
        return x;
      }).collect().toArray(double[][]::new);
    } else {
      sample = prepared(data, config, features, stats)
          .sample(false, Math.min(1.0, 1.2 * wanted / total), s.seed()).limit((int) wanted)
          .collectAsList().stream().map(FeatureOutlierDetector::vector)
          .toArray(double[][]::new);
    }
    IsolationForest forest = IsolationForest.grow(sample, s.trees(), s.sampleSize(), s.seed());
    return JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
        .broadcast(forest);
  }

  private static double[] vector(Row row) {
    double[] x = new double[row.size() - 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = row.getDouble(i + 1);
    }
    return x;
  }

  /**
   * Features outside their fence, most extreme first; else those with |robust z| ≥ z; else the
   * most extreme one.
   */
  static String explain(double[] x, FeatureStats stats, double z) {
    boolean fenced = false;
    List<double[]> ranked = new ArrayList<>();
    for (int f = 0; f < x.length; f++) {
      double excess = stats.excess(f, x[f]);
      fenced |= excess > 1;
      ranked.add(new double[] {f, excess, Math.abs(stats.z(f, x[f]))});
    }
    int key = fenced ? 1 : 2;
    ranked.sort(Comparator.comparingDouble((double[] r) -> -r[key])
        .thenComparingDouble(r -> r[0]));
    List<String> named = new ArrayList<>();
    for (double[] r : ranked) {
      if (fenced ? r[1] > 1 : r[2] >= z || named.isEmpty()) {
        named.add(stats.names().get((int) r[0]));
      }
    }
    return String.join(",", named);
  }
}
