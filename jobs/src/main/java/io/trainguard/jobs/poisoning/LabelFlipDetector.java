package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Label flips: records whose label disagrees with their k nearest neighbours. Numeric features
 * are standardised; text columns become L2-normalised TF-IDF (hashed terms). Neighbours come
 * from {@link BucketedRandomProjectionLSH} buckets ({@link CandidatePairs}), never all pairs.
 * A view whose neighbours do not predict labels (Cohen's kappa below the setting) flags nothing.
 * Score: the share of the k nearest neighbours with another label. Reasons:
 * {@code label_flip:amount,age} (features) and {@code label_flip:text} (text columns).
 */
public final class LabelFlipDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "label_flip";

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    Dataset<Row> out = Flags.empty(data.sparkSession());
    if (data.isEmpty()) {
      return out;
    }
    List<String> features = Columns.features(data, config);
    if (!features.isEmpty()) {
      out = out.unionByName(flagged(numeric(data, config, features), config,
          config.labelFlips().bucketLength(), Flags.reason(NAME, features)));
    }
    if (!config.textColumns().isEmpty()) {
      double scale = Math.sqrt(config.labelFlips().textFeatures());
      out = out.unionByName(flagged(text(data, config), config,
          config.labelFlips().bucketLength() / scale, Flags.reason(NAME, config.textColumns())));
    }
    return out;
  }

  /** {@code id, label, vec}: standardised numeric features, nulls at the column mean. */
  private static Dataset<Row> numeric(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    Row means = data.selectExpr(features.stream().map(f -> "avg(`" + f + "`)")
        .toArray(String[]::new)).first();
    List<Column> select = new ArrayList<>(base(config));
    for (int f = 0; f < features.size(); f++) {
      double mean = means.isNullAt(f) ? 0 : means.getDouble(f);
      select.add(coalesce(col(features.get(f)).cast("double"), lit(mean)).as("f" + f));
    }
    Dataset<Row> imputed = data.select(select.toArray(Column[]::new));
    String[] inputs = new String[features.size()];
    for (int f = 0; f < inputs.length; f++) {
      inputs[f] = "f" + f;
    }
    Dataset<Row> assembled = new VectorAssembler().setInputCols(inputs).setOutputCol("raw")
        .transform(imputed);
    return new StandardScaler().setInputCol("raw").setOutputCol("vec").setWithMean(true)
        .setWithStd(true).fit(assembled).transform(assembled).select("id", "label", "vec");
  }

  /** {@code id, label, vec}: L2-normalised TF-IDF of the joined text columns. */
  private static Dataset<Row> text(Dataset<Row> data, PoisoningConfig config) {
    List<Column> select = new ArrayList<>(base(config));
    select.add(Columns.normalisedText(config.textColumns()).as("text"));
    Dataset<Row> tokens = new RegexTokenizer().setInputCol("text").setOutputCol("tokens")
        .setPattern("[^\\p{L}\\p{N}]+").transform(data.select(select.toArray(Column[]::new)));
    Dataset<Row> tf = new HashingTF().setInputCol("tokens").setOutputCol("tf")
        .setNumFeatures(config.labelFlips().textFeatures()).transform(tokens);
    Dataset<Row> tfidf = new IDF().setInputCol("tf").setOutputCol("tfidf").fit(tf).transform(tf);
    return new Normalizer().setInputCol("tfidf").setOutputCol("vec").setP(2)
        .transform(tfidf).select("id", "label", "vec");
  }

  /**
   * Cohen's kappa of labels against neighbours' labels: observed agreement (mean share of
   * neighbours with the record's label) against chance agreement (sum of squared label shares).
   */
  private static double kappa(Dataset<Row> vectors, Dataset<Row> shares) {
    List<Row> labels = vectors.groupBy("label").count().collectAsList();
    long total = labels.stream().mapToLong(r -> r.getLong(1)).sum();
    double chance = labels.stream()
        .mapToDouble(r -> Math.pow((double) r.getLong(1) / total, 2)).sum();
    Row observed = shares.agg(avg(lit(1.0).minus(col("share")))).first();
    if (observed.isNullAt(0) || chance >= 1) {
      return 0;
    }
    return (observed.getDouble(0) - chance) / (1 - chance);
  }

  private static List<Column> base(PoisoningConfig config) {
    return List.of(Flags.idOf(config).as("id"),
        col(config.labelColumn()).cast("string").as("label"));
  }

  private static Dataset<Row> flagged(Dataset<Row> vectors, PoisoningConfig config,
      double bucketLength, String reason) {
    PoisoningConfig.LabelFlipSettings s = config.labelFlips();
    Dataset<Row> hashed = new BucketedRandomProjectionLSH().setInputCol("vec")
        .setOutputCol("hashes").setBucketLength(bucketLength)
        .setNumHashTables(s.bands() * s.hashesPerBand()).setSeed(s.seed())
        .fit(vectors).transform(vectors);
    // One shuffle by id: each record's pairs from every bucket, deduplicated (a pair has the
    // same distance in every bucket), sorted by distance then neighbour id, cut to k.
    Dataset<Row> nearest = new CandidatePairs(s.bands(), s.hashesPerBand(), s.maxBucket(),
        CandidatePairs.Metric.EUCLIDEAN, s.k(), Double.POSITIVE_INFINITY).bucketPairs(hashed)
        .groupBy("id", "label")
        .agg(slice(array_sort(array_distinct(collect_list(struct("dist", "nid", "nlabel")))),
            1, s.k()).as("nearest"));
    Column differs = aggregate(col("nearest"), lit(0),
        (acc, n) -> acc.plus(when(not(n.getField("nlabel").eqNullSafe(col("label"))), 1)
            .otherwise(0)));
    Dataset<Row> shares = nearest
        .withColumn("neighbours", size(col("nearest")))
        .withColumn("share", differs.divide(col("neighbours")))
        .filter(col("neighbours").geq(s.minNeighbours()));
    if (kappa(vectors, shares) < s.minInformativeness()) {
      return Flags.empty(vectors.sparkSession());
    }
    Dataset<Row> scored = shares.filter(col("share").geq(s.minDisagreement()));
    return Flags.of(scored, col("id"), col("share"), reason);
  }
}
