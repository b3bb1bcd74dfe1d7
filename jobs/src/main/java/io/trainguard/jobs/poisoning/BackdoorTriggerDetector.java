package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Backdoor triggers: tokens and bigrams of the text columns that are rare overall yet occur with
 * one label in (nearly) all of their records, significantly above that label's base rate after
 * correcting for the number of terms tried (see {@link PoisoningConfig.TriggerSettings}), and
 * whose records' label their numeric features do not explain (a word one label uses is not a
 * trigger). Terms are
 * hashed (SHA-256) on the executors: no raw term reaches the driver, a plan or a reason. Every
 * record carrying a detected trigger is flagged, score = the trigger's purity. Reason:
 * {@code backdoor_trigger:sha256=ab12cd34ef56,len=7} (length in characters).
 */
public final class BackdoorTriggerDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "backdoor_trigger";
  private static final int HASH_PREFIX = 12;
  private static final StructType TERMS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("term", DataTypes.StringType, false)
      .add("left", DataTypes.StringType, true)
      .add("right", DataTypes.StringType, true);

  private static final StructType CANDIDATES = new StructType()
      .add("ckey", DataTypes.StringType, false)
      .add("clabel", DataTypes.StringType, true);
  private static final StructType LIFTS = new StructType()
      .add("key", DataTypes.StringType, false)
      .add("lift", DataTypes.DoubleType, false);

  /** A detected trigger: hash prefix, length, records, majority label's share. */
  public record Trigger(String sha256Prefix, int length, long support, double purity,
      double lift) {

    public String reason() {
      return NAME + ":sha256=" + sha256Prefix + ",len=" + length;
    }
  }

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    if (config.textColumns().isEmpty() || data.isEmpty()) {
      return Flags.empty(data.sparkSession());
    }
    Dataset<Row> terms = terms(data, config).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Trigger> triggers = triggers(data, config, terms);
      if (triggers.isEmpty()) {
        return Flags.empty(data.sparkSession());
      }
      List<Row> rows = new ArrayList<>();
      for (Trigger t : triggers) {
        rows.add(RowFactory.create(t.sha256Prefix() + ":" + t.length(), t.reason(), t.purity()));
      }
      StructType schema = new StructType().add("key", DataTypes.StringType)
          .add("reason", DataTypes.StringType).add("purity", DataTypes.DoubleType);
      Dataset<Row> detected = data.sparkSession().createDataFrame(rows, schema);
      return terms.join(broadcast(detected), "key").groupBy("id")
          .agg(max("purity").as(Flags.SCORE), collect_set("reason").as(Flags.REASONS))
          .select(col("id").as(Flags.RECORD_ID), col(Flags.SCORE),
              array_sort(col(Flags.REASONS)).as(Flags.REASONS))
          .localCheckpoint();
    } finally {
      terms.unpersist();
    }
  }

  /** The triggers found in {@code data}, most supported first. */
  public List<Trigger> triggers(Dataset<Row> data, PoisoningConfig config) {
    return config.textColumns().isEmpty() ? List.of()
        : triggers(data, config, terms(data, config));
  }

  private static List<Trigger> triggers(Dataset<Row> data, PoisoningConfig config,
      Dataset<Row> terms) {
    PoisoningConfig.TriggerSettings s = config.triggers();
    Map<String, Double> baseRate = new HashMap<>();
    long total = 0;
    List<Row> labels = data.groupBy(col(config.labelColumn()).cast("string").as("label"))
        .count().collectAsList();
    for (Row r : labels) {
      total += r.getLong(1);
    }
    for (Row r : labels) {
      baseRate.put(r.getString(0), (double) r.getLong(1) / total);
    }
    long maxSupport = (long) Math.floor(s.maxDocFraction() * total);
    Dataset<Row> support = terms.groupBy("key").agg(count(lit(1)).as("n"));
    Map<Long, Long> termsBySupport = new HashMap<>();
    support.filter(col("n").geq(s.minSupport()).and(col("n").leq(maxSupport)))
        .groupBy("n").count().collectAsList()
        .forEach(r -> termsBySupport.put(r.getLong(0), r.getLong(1)));
    long tested = Binomial.taroneTests(termsBySupport, baseRate.values(), s.significance());
    Dataset<Row> pure = terms.groupBy("key", "label", "left", "right").agg(count(lit(1)).as("n"))
        .groupBy("key").agg(sum("n").as("support"), max("n").as("top"),
            max_by(col("label"), col("n")).as("label"), first("left").as("left"),
            first("right").as("right"))
        .filter(col("support").geq(s.minSupport()).and(col("support").leq(maxSupport))
            .and(col("top").geq(col("support").multiply(s.minPurity()))));
    Column cohesive = col("left").isNull().or(col("support").geq(
        greatest(col("ls.n"), col("rs.n")).multiply(s.minCohesion())));
    List<Row> candidates = pure
        .join(support.as("ls"), pure.col("left").equalTo(col("ls.key")), "left_outer")
        .join(support.as("rs"), pure.col("right").equalTo(col("rs.key")), "left_outer")
        .filter(cohesive)
        .select(pure.col("key"), col("support"), col("top"), col("label"))
        .orderBy(col("support").desc(), col("key")).collectAsList();
    List<Row> significant = new ArrayList<>();
    for (Row c : candidates) {
      double purity = (double) c.getLong(2) / c.getLong(1);
      double base = baseRate.getOrDefault(c.getString(3), 1.0);
      double p = Binomial.upperTail(c.getLong(1), c.getLong(2), base);
      if (purity / base >= s.minLift() && p * tested <= s.significance()) {
        significant.add(c);
      }
    }
    Set<String> explained = explainedByFeatures(data, config, terms, significant);
    List<Trigger> out = new ArrayList<>();
    for (Row c : significant) {
      if (!explained.contains(c.getString(0))) {
        double purity = (double) c.getLong(2) / c.getLong(1);
        String[] key = c.getString(0).split(":");
        out.add(new Trigger(key[0], Integer.parseInt(key[1]), c.getLong(1), purity,
            purity / baseRate.getOrDefault(c.getString(3), 1.0)));
      }
    }
    return out;
  }

  /**
   * The candidates ({@code key, support, top, label}) whose records with the candidate's label
   * the numeric features explain: a backdoor puts its label on records whose other values belong
   * to other labels, while a word that one label mostly uses sits on records that look like that
   * label's. Explained: the features of those records are more likely under the label than
   * under the mixture of all labels (their log-likelihood ratios, from the label-flip model of
   * the features, sum to more than 0). Without numeric features nothing is explained.
   */
  private static Set<String> explainedByFeatures(Dataset<Row> data, PoisoningConfig config,
      Dataset<Row> terms, List<Row> candidates) {
    List<String> features = Columns.features(data, config);
    if (candidates.isEmpty() || features.isEmpty()) {
      return Set.of();
    }
    LabelFlipDetector.FittedFeatures fitted =
        LabelFlipDetector.fittedFeatures(data, config, features);
    if (fitted == null) {
      return Set.of();
    }
    Dataset<Row> view = fitted.view();
    NaiveBayesLabels model = fitted.model();
    List<Row> rows = candidates.stream()
        .map(c -> RowFactory.create(c.getString(0), c.getString(3))).toList();
    Dataset<Row> wanted = data.sparkSession().createDataFrame(rows, CANDIDATES);
    Dataset<Row> records = terms.join(broadcast(wanted), terms.col("key").equalTo(col("ckey"))
        .and(terms.col("label").equalTo(col("clabel")))).select(col("id"), col("ckey"));
    Dataset<Row> joined = view.join(records, "id");
    List<Column> ordered = new ArrayList<>();
    for (String c : view.columns()) {
      ordered.add(col(c));
    }
    ordered.add(col("ckey"));
    int key = ordered.size() - 1;
    Set<String> out = new HashSet<>();
    joined.select(ordered.toArray(Column[]::new))
        .map((MapFunction<Row, Row>) r -> RowFactory.create(r.getString(key),
            model.logLift(r, r.getString(0))), Encoders.row(LIFTS))
        .groupBy("key").agg(sum("lift").as("lift")).filter(col("lift").gt(0))
        .collectAsList().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /**
   * {@code id, label, key, left, right}: one row per distinct token and bigram of a record,
   * hashed; {@code left}/{@code right} are a bigram's token keys (null for a token).
   */
  private static Dataset<Row> terms(Dataset<Row> data, PoisoningConfig config) {
    Dataset<Row> tokens = data.select(Flags.idOf(config).as("id"),
        col(config.labelColumn()).cast("string").as("label"),
        split(Columns.normalisedText(data, config.textColumns()), "[^\\p{L}\\p{N}]+")
            .as("tokens"));
    return tokens.flatMap((FlatMapFunction<Row, Row>) BackdoorTriggerDetector::grams,
            Encoders.row(TERMS))
        .select(col("id"), col("label"), key(col("term")).as("key"),
            key(col("left")).as("left"), key(col("right")).as("right"));
  }

  private static Column key(Column term) {
    return concat(substring(sha2(term, 256), 1, HASH_PREFIX), lit(":"), length(term));
  }

  /** The record's distinct tokens and bigrams, each once (a term counts records, not uses). */
  private static Iterator<Row> grams(Row row) {
    List<String> tokens = row.getList(2);
    List<Row> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String previous = null;
    for (String token : tokens) {
      if (token.isEmpty()) {
        continue;
      }
      if (seen.add(token)) {
        out.add(RowFactory.create(row.getString(0), row.getString(1), token, null, null));
      }
      String bigram = previous + " " + token;
      if (previous != null && seen.add(bigram)) {
        out.add(RowFactory.create(row.getString(0), row.getString(1), bigram, previous, token));
      }
      previous = token;
    }
    return out.iterator();
  }
}
