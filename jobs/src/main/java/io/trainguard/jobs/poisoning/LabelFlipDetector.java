package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
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
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Label flips: records whose label their features or their text make unlikely. Numeric
 * features: a {@link BinnedNaiveBayes} model of the labels, fitted on the data itself and refitted
 * without the records it flags; a record is flagged when its label is more likely flipped than
 * not, given the model and the expected contamination. Text columns: L2-normalised TF-IDF
 * (hashed terms) and the record's k nearest neighbours from {@link BucketedRandomProjectionLSH}
 * buckets ({@link CandidatePairs}), never all pairs; each neighbour's vote is weighted by the
 * inverse of its label's share of the records, and a text whose neighbours do not predict labels
 * (Cohen's kappa below the setting) flags nothing. Reasons: {@code label_flip:amount,age}
 * (features) and {@code label_flip:notes} (text columns).
 */
public final class LabelFlipDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "label_flip";
  /** The most times the model is refitted on the records it does not flag. */
  private static final int MAX_REFITS = 4;
  private static final StructType SCORED = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("p", DataTypes.DoubleType, false);

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    Dataset<Row> out = Flags.empty(data.sparkSession());
    List<Row> labels = data.groupBy(col(config.labelColumn()).cast("string")).count()
        .collectAsList();
    if (labels.isEmpty()) {
      return out;
    }
    List<String> features = Columns.features(data, config);
    if (!features.isEmpty()) {
      long records = labels.stream().mapToLong(r -> r.getLong(1)).sum();
      out = out.unionByName(numeric(data, config, features, records,
          Flags.reason(NAME, features)));
    }
    if (!config.textColumns().isEmpty()) {
      double scale = Math.sqrt(config.labelFlips().textFeatures());
      out = out.unionByName(flagged(text(data, config), config, inverseShares(labels),
          config.labelFlips().bucketLength() / scale, Flags.reason(NAME, config.textColumns())));
    }
    return out;
  }

  /**
   * Numeric view: a {@link BinnedNaiveBayes} model of labels over the features, refitted on the
   * records it does not flag until that set stops shrinking (flipped labels would otherwise
   * teach the model that they belong where they were planted). A record is flagged when its
   * label is more likely flipped than not at the expected contamination; score: that
   * probability.
   */
  private static Dataset<Row> numeric(Dataset<Row> data, PoisoningConfig config,
      List<String> features, long records, String reason) {
    List<Column> select = new ArrayList<>(List.of(
        col(config.labelColumn()).cast("string").as("label")));
    String[] inputs = new String[features.size()];
    for (int f = 0; f < inputs.length; f++) {
      inputs[f] = "f" + f;
      select.add(col(features.get(f)).cast("double").as(inputs[f]));
    }
    select.add(Flags.idOf(config).as("id"));
    Dataset<Row> view = data.select(select.toArray(Column[]::new));
    double contamination = config.outliers().contamination();
    double[][] edges = BinnedNaiveBayes.edges(view, inputs, records);
    BinnedNaiveBayes model = BinnedNaiveBayes.fit(view, edges, contamination, null);
    for (int i = 0; i < MAX_REFITS; i++) {
      BinnedNaiveBayes refit = BinnedNaiveBayes.fit(view, edges, contamination, model);
      boolean stable = refit.records() == model.records();
      model = refit;
      if (stable) {
        break;
      }
    }
    BinnedNaiveBayes fitted = model;
    int id = inputs.length + 1;
    Dataset<Row> scored = view.flatMap((FlatMapFunction<Row, Row>) row -> {
      double p = fitted.flipPosterior(row);
      return (p >= 0.5 ? List.of(RowFactory.create(row.getString(id), p))
          : List.<Row>of()).iterator();
    }, Encoders.row(SCORED));
    return Flags.of(scored, col("id"), col("p"), reason).localCheckpoint();
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

  /** A map column: label → total records / records with that label ({@code labels}' counts). */
  private static Column inverseShares(List<Row> labels) {
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
