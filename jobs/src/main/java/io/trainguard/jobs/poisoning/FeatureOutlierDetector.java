package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Feature outliers: an isolation forest over the numeric features (threshold: the
 * {@code 1 - contamination} score quantile, at least {@code minScore}); each flagged record's
 * reason names the features whose robust z-score (median/MAD) reaches {@code zThreshold}, or the
 * most extreme one. Reason: {@code feature_outlier:amount,age}.
 */
public final class FeatureOutlierDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "feature_outlier";
  private static final double MAD_TO_SIGMA = 1.4826;
  private static final double MEAN_AD_TO_SIGMA = 1.2533;
  private static final StructType SCORED = new StructType()
      .add(Flags.RECORD_ID, DataTypes.StringType, false)
      .add(Flags.SCORE, DataTypes.DoubleType, false)
      .add("explained", DataTypes.StringType, false);

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    List<String> features = Columns.features(data, config);
    if (features.isEmpty() || data.isEmpty()) {
      return Flags.empty(data.sparkSession());
    }
    Dataset<Row> scored = score(data, config, features);
    PoisoningConfig.OutlierSettings settings = config.outliers();
    double quantile = scored.stat().approxQuantile(Flags.SCORE,
        new double[] {1 - settings.contamination()}, 0.001)[0];
    double threshold = Math.max(quantile, settings.minScore());
    return scored.filter(col(Flags.SCORE).geq(threshold)).select(col(Flags.RECORD_ID),
        col(Flags.SCORE), array(concat(lit(NAME + ":"), col("explained"))).as(Flags.REASONS));
  }

  /** Every record with its forest score and the features that explain it (a lazy map). */
  Dataset<Row> score(Dataset<Row> data, PoisoningConfig config, List<String> features) {
    PoisoningConfig.OutlierSettings settings = config.outliers();
    String[] names = features.toArray(String[]::new);
    double[] medians = column(data.stat().approxQuantile(names, new double[] {0.5}, 0.001));
    double[] scales = scales(data, names, medians);
    List<Column> select = new ArrayList<>();
    select.add(Flags.idOf(config).as(Flags.RECORD_ID));
    for (int f = 0; f < names.length; f++) {
      select.add(coalesce(col(names[f]).cast("double"), lit(medians[f])).as("f" + f));
    }
    Dataset<Row> prepared = data.select(select.toArray(Column[]::new));
    IsolationForest forest = IsolationForest.grow(sample(prepared, settings), settings.trees(),
        settings.sampleSize(), settings.seed());
    Broadcast<IsolationForest> shipped = JavaSparkContext
        .fromSparkContext(data.sparkSession().sparkContext()).broadcast(forest);
    double z = settings.zThreshold();
    return prepared.map((MapFunction<Row, Row>) row -> {
      double[] x = vector(row);
      return RowFactory.create(row.getString(0), shipped.value().score(x),
          explain(x, medians, scales, names, z));
    }, Encoders.row(SCORED));
  }

  private static double[] column(double[][] quantiles) {
    double[] out = new double[quantiles.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = quantiles[i].length == 0 ? 0 : quantiles[i][0];
    }
    return out;
  }

  /** MAD × 1.4826 per feature; mean absolute deviation × 1.2533 when the MAD is 0; else 0. */
  private static double[] scales(Dataset<Row> data, String[] names, double[] medians) {
    List<Column> deviations = new ArrayList<>();
    for (int f = 0; f < names.length; f++) {
      deviations.add(abs(col(names[f]).cast("double").minus(medians[f])).as(names[f]));
    }
    Dataset<Row> dev = data.select(deviations.toArray(Column[]::new));
    double[] mads = column(dev.stat().approxQuantile(names, new double[] {0.5}, 0.001));
    Column[] means = new Column[names.length];
    for (int f = 0; f < names.length; f++) {
      means[f] = avg(col(names[f]));
    }
    Row meanRow = dev.agg(means[0], Arrays.copyOfRange(means, 1, means.length)).first();
    double[] out = new double[names.length];
    for (int f = 0; f < names.length; f++) {
      double mean = meanRow.isNullAt(f) ? 0 : meanRow.getDouble(f);
      out[f] = mads[f] > 0 ? mads[f] * MAD_TO_SIGMA : mean * MEAN_AD_TO_SIGMA;
    }
    return out;
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

  /** Features with |robust z| ≥ z, most extreme first; the most extreme alone if none is. */
  static String explain(double[] x, double[] medians, double[] scales, String[] names,
      double z) {
    List<double[]> ranked = new ArrayList<>();
    for (int f = 0; f < x.length; f++) {
      double robust = scales[f] > 0 ? Math.abs(x[f] - medians[f]) / scales[f]
          : x[f] == medians[f] ? 0 : Double.POSITIVE_INFINITY;
      ranked.add(new double[] {f, robust});
    }
    ranked.sort(Comparator.comparingDouble((double[] r) -> -r[1]).thenComparingDouble(r -> r[0]));
    List<String> named = new ArrayList<>();
    for (double[] r : ranked) {
      if (r[1] >= z || named.isEmpty()) {
        named.add(names[(int) r[0]]);
      }
    }
    return String.join(",", named);
  }
}
