package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.poisoning.PoisoningConfig;
import io.trainguard.jobs.poisoning.PoisoningDetectors;
import io.trainguard.jobs.poisoning.PoisoningReport;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the poisoning detectors over each structured input file (read by Spark's own CSV, JSON
 * and Parquet readers) and collects one outliers line per flagged record: file, record id,
 * score, reasons.
 * Flag only: flagged records are still protected and written like the others.
 */
final class PoisoningScan {

  /** What the scan found, ready for {@code _trainguard/outliers.jsonl} and the manifest. */
  record Result(List<String> lines, long records, long flagged, Map<String, Long> byReason,
      PoisoningConfig config) {}

  private PoisoningScan() {}

  static Result run(SparkSession spark, List<DataFile> files, Format forced, String idColumn,
      String labelColumn, List<String> textColumns, List<String> featureColumns) {
    if (idColumn == null) {
      throw TrainguardException.usage("--label-column needs --id-column: outliers are reported"
          + " by record id");
    }
    PoisoningConfig config = PoisoningConfig.of(idColumn, labelColumn)
        .withTextColumns(textColumns).withFeatureColumns(featureColumns);
    List<String> lines = new ArrayList<>();
    Map<String, Long> byReason = new TreeMap<>();
    long records = 0;
    long flagged = 0;
    for (DataFile file : files) {
      Format format = forced != null ? forced : Format.byFileName(file.relativePath()).orElse(null);
      if (format != Format.CSV && format != Format.JSONL && format != Format.PARQUET) {
        continue; // text files have no labels
      }
      Dataset<Row> data = switch (format) {
        case CSV -> spark.read().option("header", "true").option("inferSchema", "true")
            .csv(file.uri());
        case PARQUET -> spark.read().parquet(file.uri());
        default -> spark.read().json(file.uri());
      };
      List<String> columns = Arrays.asList(data.columns());
      if (!columns.contains(idColumn) || !columns.contains(labelColumn)) {
        System.err.println("trainguard: warning: poisoning scan skips " + file.relativePath()
            + ": no " + idColumn + " or " + labelColumn + " column");
        continue;
      }
      PoisoningReport report = PoisoningDetectors.scan(data, config);
      try {
        records += report.records();
        flagged += report.flagged();
        report.countsByReason().forEach((r, n) -> byReason.merge(r, n, Long::sum));
        for (PoisoningReport.Flag flag : report.collect()) {
          ObjectNode line = CanonicalJson.MAPPER.createObjectNode()
              .put("file", file.relativePath())
              .put("record_id", flag.recordId())
              .put("score", Math.round(flag.score() * 10_000) / 10_000.0);
          flag.reasons().forEach(line.putArray("reasons")::add);
          lines.add(line.toString());
        }
      } finally {
        report.flags().unpersist();
      }
    }
    return new Result(lines, records, flagged, byReason, config);
  }
}
