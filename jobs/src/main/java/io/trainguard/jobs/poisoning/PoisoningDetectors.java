package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the poisoning detectors and combines their flags per record: score = 1 - Π(1 - s_i)
 * over the detectors' scores (a noisy OR: independent evidence adds up, one detector alone keeps
 * its score, always in [0, 1]), reasons = the sorted union of all reasons. A label flip is the
 * residual explanation of a label that disagrees with its neighbours: when a conflicting
 * duplicate or a backdoor trigger flags the same record, that detector explains the disagreement
 * (the copy carries the other label, the trigger carries the target label), so the label-flip
 * flag is dropped, its score too (it is the same evidence, not independent of the other).
 */
public final class PoisoningDetectors {

  /** Detectors whose flag on a record explains why its label disagrees with its neighbours. */
  private static final Object[] EXPLAINS_LABEL_FLIPS =
      {DuplicateDetector.NAME, BackdoorTriggerDetector.NAME};

  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private PoisoningDetectors() {}

  /** Every detector: feature outliers, label flips, backdoor triggers, conflicting duplicates. */
  public static List<PoisoningDetector> all() {
    return List.of(new FeatureOutlierDetector(), new LabelFlipDetector(),
        new BackdoorTriggerDetector(), new DuplicateDetector());
  }

  /** Combined flags, one row per flagged record: {@code record_id, score, reasons} (lazy). */
  public static Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config,
      List<PoisoningDetector> detectors) {
    Dataset<Row> union = Flags.empty(data.sparkSession());
    for (PoisoningDetector detector : detectors) {
      union = union.unionByName(detector.flags(data, config));
    }
    Column hits = col("hits");
    Column explained = exists(hits, h -> h.getField("detector").isin(EXPLAINS_LABEL_FLIPS));
    Column kept = when(explained, filter(hits,
        h -> h.getField("detector").notEqual(lit(LabelFlipDetector.NAME)))).otherwise(hits);
    return union.withColumn("detector",
            substring_index(element_at(col(Flags.REASONS), 1), ":", 1))
        .groupBy(Flags.RECORD_ID)
        .agg(collect_list(struct(Flags.SCORE, Flags.REASONS, "detector")).as("hits"))
        .select(col(Flags.RECORD_ID), kept.as("kept"))
        .select(col(Flags.RECORD_ID),
            lit(1.0).minus(aggregate(col("kept").getField(Flags.SCORE), lit(1.0),
                (acc, s) -> acc.multiply(lit(1.0).minus(s)))).as(Flags.SCORE),
            array_sort(array_distinct(flatten(col("kept").getField(Flags.REASONS))))
                .as(Flags.REASONS));
  }

  /** Runs {@link #all()} and summarises; the flags stay a lazy Dataset (cache it to reuse). */
  public static PoisoningReport scan(Dataset<Row> data, PoisoningConfig config) {
    return scan(data, config, all());
  }

  /**
   * Runs {@code detectors} and summarises, like {@link #scan(Dataset, PoisoningConfig)}: the
   * columns the detectors read, and the normalised text, are computed once and kept (memory,
   * then disk) while they run.
   */
  public static PoisoningReport scan(Dataset<Row> data, PoisoningConfig config,
      List<PoisoningDetector> detectors) {
    Set<String> needed = new LinkedHashSet<>();
    needed.add(config.idColumn());
    needed.add(config.labelColumn());
    needed.addAll(config.textColumns());
    needed.addAll(Columns.features(data, config));
    List<Column> select = new ArrayList<>();
    needed.forEach(c -> select.add(col("`" + c + "`")));
    if (!config.textColumns().isEmpty() && !needed.contains(Columns.NORMALISED_TEXT)) {
      select.add(Columns.normalisedText(config.textColumns()).as(Columns.NORMALISED_TEXT));
    }
    Dataset<Row> columns = data.select(select.toArray(Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    SparkSession spark = data.sparkSession();
    Map<String, String> before = new TreeMap<>();
    // Spark's 200 shuffle partitions cost a file and a task each, per shuffle; on one machine
    // the cores are the useful parallelism. Adaptive execution plans every stage of the scan's
    // many small queries again; their sizes are known. A setting the user made stays.
    if (spark.sparkContext().isLocal()) {
      set(spark, PARTITIONS, String.valueOf(spark.sparkContext().defaultParallelism()), before);
      set(spark, ADAPTIVE, "false", before);
    }
    try {
      long records = columns.count();
      Dataset<Row> flags = records == 0 ? Flags.empty(data.sparkSession())
          : flags(columns, config, detectors);
      return PoisoningReport.of(flags, records);
    } finally {
      columns.unpersist();
      before.keySet().forEach(spark.conf()::unset);
    }
  }

  /** Sets {@code key} for the scan unless the user set it, recording it in {@code set}. */
  private static void set(SparkSession spark, String key, String value, Map<String, String> set) {
    if (!spark.conf().contains(key)) {
      spark.conf().set(key, value);
      set.put(key, value);
    }
  }

  /** Counts per detector (the reason's part before ':'), from the counts per reason. */
  static Map<String, Long> countsByDetector(Map<String, Long> byReason) {
    Map<String, Long> out = new TreeMap<>();
    byReason.forEach((reason, n) -> out.merge(reason.split(":", 2)[0], n, Long::sum));
    return out;
  }
}
