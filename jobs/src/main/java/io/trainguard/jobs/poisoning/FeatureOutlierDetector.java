package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
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
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    List<String> features = Columns.features(data, config);
    if (features.isEmpty() || data.isEmpty()) {
      return Flags.empty(data.sparkSession());
    }
    Column excess = col("excess");
    return score(data, config, features)
        .filter(col(Flags.SCORE).geq(config.outliers().minScore()).or(excess.gt(1)))
        .select(col(Flags.RECORD_ID),
            greatest(col(Flags.SCORE), excess.divide(excess.plus(1))).as(Flags.SCORE),
            array(concat(lit(NAME + ":"), col("explained"))).as(Flags.REASONS))
        .localCheckpoint();
  }

  /**
   * Every record with its forest score, its largest fence excess and the features that explain
   * it (a lazy map).
   */
  Dataset<Row> score(Dataset<Row> data, PoisoningConfig config, List<String> features) {
    PoisoningConfig.OutlierSettings settings = config.outliers();
    FeatureStats stats = FeatureStats.of(data, features, settings.contamination(),
        settings.fence());
    List<Column> select = new ArrayList<>();
    select.add(Flags.idOf(config).as(Flags.RECORD_ID));
    for (int f = 0; f < features.size(); f++) {
      select.add(coalesce(col(features.get(f)).cast("double"), lit(stats.median()[f]))
          .as("f" + f));
    }
    Dataset<Row> prepared = data.select(select.toArray(Column[]::new));
    IsolationForest forest = IsolationForest.grow(sample(prepared, settings), settings.trees(),
        settings.sampleSize(), settings.seed());
    Broadcast<IsolationForest> shipped = JavaSparkContext
        .fromSparkContext(data.sparkSession().sparkContext()).broadcast(forest);
    double z = settings.zThreshold();
    return prepared.map((MapFunction<Row, Row>) row -> {
      double[] x = vector(row);
      double excess = 0;
      for (int f = 0; f < x.length; f++) {
        excess = Math.max(excess, stats.excess(f, x[f]));
      }
      return RowFactory.create(row.getString(0), shipped.value().score(x), excess,
          explain(x, stats, z));
    }, Encoders.row(SCORED));
  }

  private static double[][] sample(Dataset<Row> prepared, PoisoningConfig.OutlierSettings s) {
    long total = prepared.count();
    long wanted = (long) s.trees() * s.sampleSize();
    Dataset<Row> picked = total <= wanted ? prepared
        : prepared.sample(false, Math.min(1.0, 1.2 * wanted / total), s.seed())
            .limit((int) wanted);
    return picked.collectAsList().stream().map(FeatureOutlierDetector::vector)
        .toArray(double[][]::new);
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
