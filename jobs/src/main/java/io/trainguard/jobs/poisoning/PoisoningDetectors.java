package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs the poisoning detectors and combines their flags per record: score = 1 - Π(1 - s_i)
 * over the detectors' scores (a noisy OR: independent evidence adds up, one detector alone keeps
 * its score, always in [0, 1]), reasons = the sorted union of all reasons. A label flip is the
 * residual explanation of a label its evidence makes unlikely: label flips run last, and the
 * records a conflicting duplicate or a backdoor trigger flags are left out of their model and
 * their flags (the copy carries the other label, the trigger carries the target label).
 */
public final class PoisoningDetectors {

  /** Detectors whose flag on a record explains why its label is unlikely. */
  private static final Set<String> EXPLAINS_LABEL_FLIPS =
      Set.of(DuplicateDetector.NAME, BackdoorTriggerDetector.NAME);

  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private PoisoningDetectors() {}

  /** Every detector: feature outliers, label flips, backdoor triggers, conflicting duplicates. */
  public static List<PoisoningDetector> all() {
    return List.of(new FeatureOutlierDetector(), new LabelFlipDetector(),
        new BackdoorTriggerDetector(), new DuplicateDetector());
  }

  /** Combined flags, one row per flagged record: {@code record_id, score, reasons}. */
  public static Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config,
      List<PoisoningDetector> detectors) {
    return Flags.frame(data.sparkSession(), combined(data, config, detectors));
  }

  /** Each detector's flags, combined per record, in no particular order. */
  private static List<PoisoningReport.Flag> combined(Dataset<Row> data, PoisoningConfig config,
      List<PoisoningDetector> detectors) {
    List<PoisoningDetector> ordered = new ArrayList<>(detectors);
    ordered.sort(Comparator.comparing(d -> d instanceof LabelFlipDetector));
    Map<String, List<PoisoningReport.Flag>> hits = new LinkedHashMap<>();
    Set<String> explained = new HashSet<>();
    for (PoisoningDetector detector : ordered) {
      List<PoisoningReport.Flag> flags = detector instanceof LabelFlipDetector flips
          ? flips.detect(data, config, explained) : detector.detect(data, config);
      for (PoisoningReport.Flag flag : flags) {
        hits.computeIfAbsent(flag.recordId(), id -> new ArrayList<>()).add(flag);
        if (EXPLAINS_LABEL_FLIPS.contains(detector(flag))) {
          explained.add(flag.recordId());
        }
      }
    }
    List<PoisoningReport.Flag> out = new ArrayList<>(hits.size());
    hits.forEach((id, flags) -> {
      double kept = 1.0;
      Set<String> reasons = new TreeSet<>(PoisoningReport.UTF8_ORDER);
      for (PoisoningReport.Flag f : flags) {
        kept *= 1.0 - f.score();
        reasons.addAll(f.reasons());
      }
      out.add(new PoisoningReport.Flag(id, 1.0 - kept, List.copyOf(reasons)));
    });
    return out;
  }

  /** The detector that raised a flag: its first reason's part before ':'. */
  private static String detector(PoisoningReport.Flag flag) {
    return flag.reasons().get(0).split(":", 2)[0];
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
      long records = ScanInput.of(columns, config).records();
      return PoisoningReport.of(records == 0 ? List.of() : combined(columns, config, detectors),
          records);
    } finally {
      ScanInput.release(columns);
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
