package io.trainguard.jobs.poisoning;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of a poisoning scan: the combined flags (lazy, cached; {@code record_id, score,
 * reasons}), how many records were scanned and flagged, counts per reason and per detector, and
 * the contamination estimate (flagged / scanned). Unpersist {@code flags} when done.
 */
public record PoisoningReport(Dataset<Row> flags, long records, long flagged,
    Map<String, Long> countsByReason, Map<String, Long> countsByDetector) {

  /** A flagged record as collected on the driver. */
  public record Flag(String recordId, double score, List<String> reasons) {}

  static PoisoningReport of(Dataset<Row> flags, long records) {
    Map<String, Long> byReason = PoisoningDetectors.countsByReason(flags);
    return new PoisoningReport(flags, records, flags.count(),
        Collections.unmodifiableMap(byReason),
        Collections.unmodifiableMap(PoisoningDetectors.countsByDetector(byReason)));
  }

  /** Share of scanned records flagged by any detector. */
  public double contaminationEstimate() {
    return records == 0 ? 0 : (double) flagged / records;
  }

  /** The flags on the driver, highest score first (for small outputs and tests). */
  public List<Flag> collect() {
    return collect(flags);
  }

  /** Collects any flag Dataset, highest score first then by record id. */
  public static List<Flag> collect(Dataset<Row> flags) {
    return flags.orderBy(flags.col(Flags.SCORE).desc(), flags.col(Flags.RECORD_ID))
        .collectAsList().stream()
        .map(r -> new Flag(r.getString(0), r.getDouble(1), List.copyOf(r.<String>getList(2))))
        .toList();
  }
}
