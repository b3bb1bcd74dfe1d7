package io.trainguard.jobs.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.random.BernoulliCellSampler;
import scala.jdk.javaapi.CollectionConverters;

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
  public List<PoisoningReport.Flag> detect(ScanInput input) {
    PoisoningConfig config = input.config();
    if (input.features().isEmpty() || input.records() == 0) {
      return List.of();
    }
    PoisoningConfig.OutlierSettings settings = config.outliers();
    FeatureStats stats = input.stats();
    Broadcast<IsolationForest> forest = forest(input);
    // A forest that cannot reach min_score (the default, 1) scores only the fenced records.
    boolean forestFlags = forest.value().maxScore() >= settings.minScore();
    int id = input.idColumn();
    try {
      return input.rows().flatMap(row -> {
        double[] x = vector(row, stats);
        double excess = excess(x, stats);
        if (excess <= 1 && !forestFlags) {
          return List.<PoisoningReport.Flag>of().iterator();
        }
        double score = forest.value().score(x);
        if (score < settings.minScore() && excess <= 1) {
          return List.<PoisoningReport.Flag>of().iterator();
        }
        return List.of(new PoisoningReport.Flag(row.getString(id),
            Math.max(score, excess / (excess + 1)),
            List.of(NAME + ":" + explain(x, stats, settings.zThreshold())))).iterator();
      }).collect();
    } finally {
      forest.destroy();
    }
  }

  /**
   * Every record with its forest score, its largest fence excess and the features that explain
   * it (a lazy map).
   */
  Dataset<Row> score(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    FeatureStats stats = input.stats();
    Broadcast<IsolationForest> shipped = forest(input);
    double z = config.outliers().zThreshold();
    int id = input.idColumn();
    JavaRDD<Row> scored = input.rows().map(row -> {
      double[] x = vector(row, stats);
      return RowFactory.create(row.getString(id), shipped.value().score(x), excess(x, stats),
          explain(x, stats, z));
    });
    return data.sparkSession().createDataFrame(scored, SCORED);
  }

  private static double excess(double[] x, FeatureStats stats) {
    double excess = 0;
    for (int f = 0; f < x.length; f++) {
      excess = Math.max(excess, stats.excess(f, x[f]));
    }
    return excess;
  }

  /** The features of a row of {@link ScanInput#rows}, a missing value as the median. */
  private static double[] vector(Row row, FeatureStats stats) {
    double[] x = new double[stats.names().size()];
    for (int f = 0; f < x.length; f++) {
      x[f] = row.isNullAt(f + 1) ? stats.median()[f] : row.getDouble(f + 1);
    }
    return x;
  }

  /**
   * The forest grown on a sample of at most trees × sample size records (all of them when there
   * are no more), broadcast. The sample: each record kept with a probability 1.2 × wanted /
   * records, drawn per partition from the seed plus the partition's index, the first wanted
   * kept in partition order.
   */
  private static Broadcast<IsolationForest> forest(ScanInput input) {
    PoisoningConfig.OutlierSettings s = input.config().outliers();
    FeatureStats stats = input.stats();
    long total = input.records();
    long wanted = (long) s.trees() * s.sampleSize();
    JavaRDD<double[]> vectors;
    if (total <= wanted) {
      vectors = input.rows().map(row -> vector(row, stats));
    } else {
      double fraction = Math.min(1.0, 1.2 * wanted / total);
      long seed = s.seed();
      vectors = input.rows().mapPartitionsWithIndex((index, rows) -> {
        BernoulliCellSampler<Row> sampler = new BernoulliCellSampler<>(0.0, fraction, false);
        sampler.setSeed(seed + index);
        Iterator<Row> kept = CollectionConverters.asJava(
            sampler.sample(CollectionConverters.asScala(rows)));
        return new Iterator<double[]>() {
          @Override
          public boolean hasNext() {
            return kept.hasNext();
          }

          @Override
          public double[] next() {
            return vector(kept.next(), stats);
          }
        };
      }, true);
    }
    double[][] sample = (total <= wanted ? vectors.collect() : vectors.take((int) wanted))
        .toArray(double[][]::new);
    IsolationForest forest = IsolationForest.grow(sample, s.trees(), s.sampleSize(), s.seed());
    return JavaSparkContext.fromSparkContext(input.rows().context()).broadcast(forest);
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
