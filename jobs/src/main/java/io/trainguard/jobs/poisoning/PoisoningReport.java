package io.trainguard.jobs.poisoning;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of a poisoning scan: the flagged records (highest score first), how many records
 * were scanned and flagged, counts per reason and per detector, and the contamination estimate
 * (flagged / scanned).
 */
public record PoisoningReport(List<Flag> flags, long records, Map<String, Long> countsByReason,
    Map<String, Long> countsByDetector) {

  /** Strings as Spark orders them: by their UTF-8 bytes. */
  static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** Highest score first, then by record id as Spark orders strings. */
  private static final Comparator<Flag> RANKED = Comparator.comparingDouble(Flag::score)
      .reversed().thenComparing(Flag::recordId, UTF8_ORDER);

  /** A flagged record as collected on the driver. */
  public record Flag(String recordId, double score, List<String> reasons)
      implements java.io.Serializable {}

  /** Ranks the combined {@code flags} and counts them. */
  static PoisoningReport of(List<Flag> flags, long records) {
    List<Flag> collected = flags.stream().sorted(RANKED).toList();
    Map<String, Long> byReason = new TreeMap<>();
    collected.forEach(f -> f.reasons().forEach(r -> byReason.merge(r, 1L, Long::sum)));
    return new PoisoningReport(collected, records, Collections.unmodifiableMap(byReason),
        Collections.unmodifiableMap(PoisoningDetectors.countsByDetector(byReason)));
  }

  /** How many records were flagged. */
  public long flagged() {
    return flags.size();
  }

  /** Share of scanned records flagged by any detector. */
  public double contaminationEstimate() {
    return records == 0 ? 0 : (double) flagged() / records;
  }

  /** The flags, highest score first then by record id. */
  public List<Flag> collect() {
    return flags;
  }

  /** Collects any flag Dataset, highest score first then by record id. */
  public static List<Flag> collect(Dataset<Row> flags) {
    return flags.collectAsList().stream()
        .map(r -> new Flag(r.getString(0), r.getDouble(1), List.copyOf(r.<String>getList(2))))
        .sorted(RANKED).toList();
  }
}
