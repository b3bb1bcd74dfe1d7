package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Duplicates with conflicting labels. Exact: records with the same SHA-256 of their canonical
 * content (text as in {@link #canonical}; numeric features as numbers) but more than one
 * label; score = 1 - the share of the group holding the record's label. Near (text only):
 * Jaccard ≥ {@code minJaccard} over character shingles of the canonical text, candidates from
 * {@link MinHashLSH} buckets, labels differ, numeric features equal; score 0.5 (either side may
 * be the poisoned one). The numeric features (listed or detected) are part of the record: the
 * same short note on two different customers is no duplicate. Reasons:
 * {@code conflicting_duplicate:exact}, {@code conflicting_duplicate:near}.
 */
public final class DuplicateDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "conflicting_duplicate";
  private static final int SHINGLE_SPACE = 1 << 20;
  private static final String SEPARATORS = "[\\p{P}\\p{Z}\\s]+";
  private static final StructType SHINGLED = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("vec", new VectorUDT(), false);

  @Override
  public List<PoisoningReport.Flag> detect(Dataset<Row> data, PoisoningConfig config) {
    List<String> features = Columns.features(data, config);
    if (features.isEmpty() && config.textColumns().isEmpty() || data.isEmpty()) {
      return List.of();
    }
    Dataset<Row> keyed = keyed(data, config, features).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> out = exact(keyed);
      if (!config.textColumns().isEmpty()) {
        out = out.unionByName(near(keyed, config.duplicates()));
      }
      return PoisoningReport.collect(out);
    } finally {
      keyed.unpersist();
    }
  }

  /**
   * The text as far as its meaning goes: the {@link Columns#normalisedText normalised text} with
   * each run of punctuation and white space one space, trimmed.
   */
  private static Column canonical(Dataset<Row> data, List<String> textColumns) {
    return trim(regexp_replace(Columns.normalisedText(data, textColumns), SEPARATORS, " "));
  }

  /**
   * {@code id, label, text, key, features}: text = the canonical text, key = SHA-256 of the
   * canonical text and features, features = SHA-256 of the features alone.
   */
  private static Dataset<Row> keyed(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    List<Column> values = new ArrayList<>();
    for (String f : features) {
      values.add(col(f).cast("double").cast("string"));
    }
    Column text = config.textColumns().isEmpty() ? lit("")
        : canonical(data, config.textColumns());
    List<Column> parts = new ArrayList<>(values);
    if (!config.textColumns().isEmpty()) {
      parts.add(0, text);
    }
    return data.select(Flags.idOf(config).as("id"),
        col(config.labelColumn()).cast("string").as("label"), text.as("text"),
        sha2(concat_ws("\u001f", parts.toArray(Column[]::new)), 256).as("key"),
        sha2(concat_ws("\u001f", values.toArray(Column[]::new)), 256).as("features"));
  }

  private static Dataset<Row> exact(Dataset<Row> keyed) {
    WindowSpec group = Window.partitionBy("key");
    Dataset<Row> conflicting = keyed
        .withColumn("labels", size(collect_set("label").over(group)))
        .withColumn("group", count(lit(1)).over(group))
        .withColumn("same", count(lit(1)).over(Window.partitionBy("key", "label")))
        .filter(col("labels").gt(1));
    return Flags.of(conflicting, col("id"),
        lit(1.0).minus(col("same").divide(col("group"))), NAME + ":exact");
  }

  private static Dataset<Row> near(Dataset<Row> keyed, PoisoningConfig.DuplicateSettings s) {
    int k = s.shingle();
    // A near duplicate has the features of its partner: only records whose features another
    // record shares are compared (same short note on many customers: no candidate pairs).
    Dataset<Row> distinct = keyed
        .withColumn("shared", count(lit(1)).over(Window.partitionBy("features")))
        .withColumn("rank", row_number().over(Window.partitionBy("key").orderBy("id")))
        .filter(col("shared").gt(1).and(col("rank").equalTo(1))
            .and(col("text").notEqual("")));
    if (distinct.isEmpty()) {
      return Flags.empty(keyed.sparkSession());
    }
    // The vectors' size in the column's metadata spares MinHashLSH a job to read it from a row.
    Dataset<Row> shingled = distinct.select("id", "label", "text")
        .map((MapFunction<Row, Row>) row -> RowFactory.create(row.getString(0),
            row.getString(1), shingles(row.getString(2), k)), Encoders.row(SHINGLED))
        .withColumn("vec", col("vec").as("vec",
            new AttributeGroup("vec", SHINGLE_SPACE).toMetadata()));
    Dataset<Row> hashed = new MinHashLSH().setInputCol("vec").setOutputCol("hashes")
        .setNumHashTables(s.bands() * s.hashesPerBand()).setSeed(s.seed())
        .fit(shingled).transform(shingled);
    Dataset<Row> pairs = new CandidatePairs(s.bands(), s.hashesPerBand(), s.maxBucket(),
        Integer.MAX_VALUE, 1 - s.minJaccard()).pairs(hashed)
        .filter(not(col("label").eqNullSafe(col("nlabel"))));
    Dataset<Row> features = keyed.select(col("id").as("fid"), col("features"));
    Dataset<Row> sameFeatures = pairs
        .join(features, col("id").equalTo(col("fid"))).drop("fid")
        .withColumnRenamed("features", "own")
        .join(features, col("nid").equalTo(col("fid")))
        .filter(col("own").equalTo(col("features")))
        .select("id").distinct();
    return Flags.of(sameFeatures, col("id"), lit(0.5), NAME + ":near");
  }

  /** Binary vector of the hashed character k-grams (the whole text when shorter than k). */
  static Vector shingles(String text, int k) {
    TreeSet<Integer> indices = new TreeSet<>();
    if (text.length() <= k) {
      indices.add(index(text));
    } else {
      for (int i = 0; i + k <= text.length(); i++) {
        indices.add(index(text.substring(i, i + k)));
      }
    }
    int[] idx = indices.stream().mapToInt(Integer::intValue).toArray();
    double[] ones = new double[idx.length];
    Arrays.fill(ones, 1.0);
    return Vectors.sparse(SHINGLE_SPACE, idx, ones);
  }

  private static int index(String shingle) {
    byte[] bytes = shingle.getBytes(StandardCharsets.UTF_8);
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x01000193;
    }
    return Math.floorMod(h, SHINGLE_SPACE);
  }
}
