package io.trainguard.jobs.poisoning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

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

  private PoisoningDetectors() {}

  /** Every detector: feature outliers, label flips, backdoor triggers, conflicting duplicates. */
  public static List<PoisoningDetector> all() {
    return List.of(new FeatureOutlierDetector(), new LabelFlipDetector(),
        new BackdoorTriggerDetector(), new DuplicateDetector());
  }

  /** Combined flags, one row per flagged record: {@code record_id, score, reasons}. */
  public static Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config,
      List<PoisoningDetector> detectors) {
    ScanInput input = ScanInput.of(data, config);
    try {
      return Flags.frame(data.sparkSession(), combined(input, detectors));
    } finally {
      input.release();
    }
  }

  /** Each detector's flags, combined per record, in no particular order. */
  private static List<PoisoningReport.Flag> combined(ScanInput input,
      List<PoisoningDetector> detectors) {
    List<PoisoningDetector> ordered = new ArrayList<>(detectors);
    ordered.sort(Comparator.comparing(d -> d instanceof LabelFlipDetector));
    Map<String, List<PoisoningReport.Flag>> hits = new LinkedHashMap<>();
    Set<String> explained = new HashSet<>();
    for (PoisoningDetector detector : ordered) {
      List<PoisoningReport.Flag> flags = detector instanceof LabelFlipDetector flips
          ? flips.detect(input, explained) : detector.detect(input);
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

  /** Runs {@link #all()} and summarises. */
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
    return scan(ScanInput.of(data, config), detectors);
  }

  /**
   * Runs {@code detectors} over {@code rows} of {@code schema} and summarises, like
   * {@link #scan(Dataset, PoisoningConfig, List)}, without Spark SQL when the columns' types
   * allow ({@link ScanInput#converts}); otherwise the rows become a frame of {@code sql}'s
   * session.
   */
  public static PoisoningReport scan(Supplier<SparkSession> sql, JavaRDD<Row> rows,
      StructType schema, PoisoningConfig config, List<PoisoningDetector> detectors) {
    return scan(ScanInput.converts(schema, config) ? ScanInput.of(rows, schema, config)
        : ScanInput.of(sql.get().createDataFrame(rows, schema), config), detectors);
  }

  private static PoisoningReport scan(ScanInput input, List<PoisoningDetector> detectors) {
    try {
      long records = input.records();
      return PoisoningReport.of(records == 0 ? List.of() : combined(input, detectors), records);
    } finally {
      input.release();
    }
  }

  /** Counts per detector (the reason's part before ':'), from the counts per reason. */
  static Map<String, Long> countsByDetector(Map<String, Long> byReason) {
    Map<String, Long> out = new TreeMap<>();
    byReason.forEach((reason, n) -> out.merge(reason.split(":", 2)[0], n, Long::sum));
    return out;
  }
}
