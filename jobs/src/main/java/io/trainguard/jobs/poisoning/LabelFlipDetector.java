package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Label flips: records whose label disagrees with their k nearest neighbours. Numeric features
 * are held within their fences, robustly scaled and weighted by how much they say about labels;
 * text columns become L2-normalised TF-IDF (hashed terms). Neighbours come from
 * {@link BucketedRandomProjectionLSH} buckets ({@link CandidatePairs}), never all pairs. Each
 * neighbour's vote is weighted by the inverse of its label's share of the records, so a record of
 * a rare label among a common label's records is judged on how unusual its neighbours are for its
 * label, not on the common label's numbers. A view whose neighbours do not predict labels
 * (Cohen's kappa below the setting) flags nothing. Score: the weighted share of the k nearest
 * neighbours with another label. Reasons: {@code label_flip:amount,age} (features) and
 * {@code label_flip:text} (text columns).
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
    Column weights = inverseLabelShares(data, config);
    if (!features.isEmpty()) {
      out = out.unionByName(flagged(numeric(data, config, features), config, weights,
          config.labelFlips().bucketLength(), Flags.reason(NAME, features)));
    }
    if (!config.textColumns().isEmpty()) {
      double scale = Math.sqrt(config.labelFlips().textFeatures());
      out = out.unionByName(flagged(text(data, config), config, weights,
          config.labelFlips().bucketLength() / scale, Flags.reason(NAME, config.textColumns())));
    }
    return out;
  }

  /**
   * {@code id, label, vec}: numeric features held within their fences and robustly scaled
   * ({@link FeatureStats}), nulls at the median, then each weighted by its correlation ratio
   * with the label (the share of its variance between labels, square-rooted): a far outlier
   * neither stretches a feature's scale nor becomes anyone's distant neighbour, and a feature
   * that says nothing about labels does not decide who is a neighbour.
   */
  private static Dataset<Row> numeric(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    FeatureStats stats = FeatureStats.of(data, features, config.outliers().contamination(),
        config.outliers().fence());
    List<Column> select = new ArrayList<>(base(config));
    String[] inputs = new String[features.size()];
    for (int f = 0; f < inputs.length; f++) {
      inputs[f] = "f" + f;
      double scale = stats.scale()[f];
      Column x = least(greatest(coalesce(col(features.get(f)).cast("double"),
          lit(stats.median()[f])), lit(stats.lowFence()[f])), lit(stats.highFence()[f]));
      select.add(scale > 0 ? x.minus(stats.median()[f]).divide(scale).as(inputs[f])
          : lit(0.0).as(inputs[f]));
    }
    Dataset<Row> scaled = data.select(select.toArray(Column[]::new));
    double[] weights = correlationRatios(scaled, inputs);
    List<Column> weighted = new ArrayList<>(List.of(col("id"), col("label")));
    for (int f = 0; f < inputs.length; f++) {
      weighted.add(col(inputs[f]).multiply(weights[f]).as(inputs[f]));
    }
    return new VectorAssembler().setInputCols(inputs).setOutputCol("vec")
        .transform(scaled.select(weighted.toArray(Column[]::new))).select("id", "label", "vec");
  }

  /** Per column: sqrt(between-label sum of squares / total sum of squares), from one pass. */
  static double[] correlationRatios(Dataset<Row> scaled, String[] columns) {
    List<Column> aggs = new ArrayList<>();
    for (String c : columns) {
      aggs.add(sum(col(c)));
      aggs.add(sum(col(c).multiply(col(c))));
    }
    List<Row> groups = scaled.groupBy("label").agg(count(lit(1)),
        aggs.toArray(Column[]::new)).collectAsList();
    long total = groups.stream().mapToLong(r -> r.getLong(1)).sum();
    double[] out = new double[columns.length];
    for (int f = 0; f < columns.length; f++) {
      double sum = 0;
      double squares = 0;
      double between = 0;
      for (Row g : groups) {
        double s = g.getDouble(2 + 2 * f);
        sum += s;
        squares += g.getDouble(3 + 2 * f);
        between += s * s / g.getLong(1);
      }
      double totalSquares = squares - sum * sum / total;
      double betweenSquares = between - sum * sum / total;
      out[f] = totalSquares > 0 ? Math.sqrt(Math.max(0, betweenSquares / totalSquares)) : 0;
    }
    return out;
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
  private static double kappa(Dataset<Row> shares) {
    List<Row> labels = shares.groupBy("label")
        .agg(count(lit(1)), sum(lit(1.0).minus(col("share")))).collectAsList();
    long total = labels.stream().mapToLong(r -> r.getLong(1)).sum();
    if (total == 0) {
      return 0;
    }
    double chance = labels.stream()
        .mapToDouble(r -> Math.pow((double) r.getLong(1) / total, 2)).sum();
    double observed = labels.stream().mapToDouble(r -> r.getDouble(2)).sum() / total;
    return chance >= 1 ? 0 : (observed - chance) / (1 - chance);
  }

  private static Column weight(Column weights, Column label) {
    return coalesce(element_at(weights, label), lit(1.0));
  }

  private static List<Column> base(PoisoningConfig config) {
    return List.of(Flags.idOf(config).as("id"),
        col(config.labelColumn()).cast("string").as("label"));
  }

  /** A map column: label → total records / records with that label. */
  private static Column inverseLabelShares(Dataset<Row> data, PoisoningConfig config) {
    List<Row> labels = data.groupBy(col(config.labelColumn()).cast("string")).count()
        .collectAsList();
    long total = labels.stream().mapToLong(r -> r.getLong(1)).sum();
    List<Column> entries = new ArrayList<>();
    for (Row r : labels) {
      if (!r.isNullAt(0)) {
        entries.add(lit(r.getString(0)));
        entries.add(lit((double) total / r.getLong(1)));
      }
    }
    return entries.isEmpty() ? map(lit("").cast("string"), lit(1.0))
        : map(entries.toArray(Column[]::new));
  }

  private static Dataset<Row> flagged(Dataset<Row> vectors, PoisoningConfig config,
      Column weights, double bucketLength, String reason) {
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
    Column weightedDiffers = aggregate(col("nearest"), lit(0.0),
        (acc, n) -> acc.plus(when(not(n.getField("nlabel").eqNullSafe(col("label"))),
            weight(weights, n.getField("nlabel"))).otherwise(0.0)));
    Column weightedAll = aggregate(col("nearest"), lit(0.0),
        (acc, n) -> acc.plus(weight(weights, n.getField("nlabel"))));
    Dataset<Row> shares = nearest
        .withColumn("neighbours", size(col("nearest")))
        .withColumn("share", differs.divide(col("neighbours")))
        .withColumn("balanced", weightedDiffers.divide(weightedAll))
        .filter(col("neighbours").geq(s.minNeighbours()))
        .select("id", "label", "share", "balanced").persist(StorageLevel.MEMORY_AND_DISK());
    try {
      if (kappa(shares) < s.minInformativeness()) {
        return Flags.empty(vectors.sparkSession());
      }
      return Flags.of(shares.filter(col("balanced").geq(s.minDisagreement())), col("id"),
          col("balanced"), reason).localCheckpoint();
    } finally {
      shares.unpersist();
    }
  }
}
