package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.poisoning.PoisoningConfig;
import io.trainguard.jobs.poisoning.PoisoningDetectors;
import io.trainguard.jobs.poisoning.PoisoningPolicy;
import io.trainguard.jobs.poisoning.PoisoningReport;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the policy's enabled poisoning detectors over each structured input file (read by Spark's
 * own CSV, JSON and Parquet readers, the id column as text) before the files are protected, and
 * collects one outliers line per flagged record (file, record id, score, reasons) and, when the
 * policy quarantines or drops them, the flagged ids per file for the redactors.
 */
final class PoisoningScan {

  /** What the scan found, for {@code _trainguard/outliers.jsonl} and the manifest. */
  record Result(List<Outlier> outliers, long records, long flagged, Map<String, Long> byReason,
      Map<String, FlaggedRecords> actions) {

    /** The outliers file's lines, each record id written as {@code shownId} of it. */
    List<String> lines(UnaryOperator<String> shownId) {
      List<String> lines = new ArrayList<>();
      for (Outlier o : outliers) {
        ObjectNode line = CanonicalJson.MAPPER.createObjectNode()
            .put("file", o.file())
            .put("record_id", shownId.apply(o.recordId()))
            .put("score", Math.round(o.score() * 10_000) / 10_000.0);
        o.reasons().forEach(line.putArray("reasons")::add);
        lines.add(line.toString());
      }
      return lines;
    }
  }

  /** One flagged record: its file (as shown), its id as read, score and reasons. */
  record Outlier(String file, String recordId, double score, List<String> reasons) {}

  private PoisoningScan() {}

  /**
   * {@code shownPaths}: see {@link FileProtector#shown}; {@code progress} takes a line at the
   * start and at each tenth of the files scanned.
   */
  static Result run(SparkSession spark, List<DataFile> files, Format forced, String idColumn,
      String labelColumn, List<String> textColumns, List<String> featureColumns,
      PoisoningPolicy policy, Map<String, String> shownPaths, Consumer<String> progress) {
    if (idColumn == null) {
      throw TrainguardException.usage("--label-column needs --id-column: outliers are reported"
          + " by record id");
    }
    // Spark logs the path of every file it reads at INFO: names can be personal data.
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        "org.apache.spark.sql.execution.datasources.FileScanRDD",
        org.apache.logging.log4j.Level.WARN);
    PoisoningConfig config = policy.config(idColumn, labelColumn, textColumns, featureColumns);
    Map<DataFile, Dataset<Row>> labelled = labelled(spark, files, forced, idColumn, labelColumn,
        textColumns, featureColumns, shownPaths);
    List<Outlier> outliers = new ArrayList<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, FlaggedRecords> actions = new HashMap<>();
    long records = 0;
    long flagged = 0;
    int total = labelled.size();
    int scanned = 0;
    progress.accept("trainguard: poisoning scan: " + Counts.of(total, "file")
        + " before protecting");
    for (Map.Entry<DataFile, Dataset<Row>> entry : labelled.entrySet()) {
      DataFile file = entry.getKey();
      Dataset<Row> data = entry.getValue();
      PoisoningReport report = PoisoningDetectors.scan(data, config, policy.detectors());
      try {
        records += report.records();
        flagged += report.flagged();
        report.countsByReason().forEach((r, n) -> byReason.merge(r, n, Long::sum));
        Set<String> ids = new HashSet<>();
        String shown = FileProtector.shown(file, shownPaths).relativePath();
        for (PoisoningReport.Flag flag : report.collect()) {
          outliers.add(new Outlier(shown, flag.recordId(), flag.score(), flag.reasons()));
          ids.add(flag.recordId());
        }
        if (policy.action().recordAction() != null && !ids.isEmpty()) {
          actions.put(file.relativePath(),
              new FlaggedRecords(ids, policy.action().recordAction()));
        }
      } finally {
        report.flags().unpersist();
      }
      scanned++;
      if (10 * scanned / total != 10 * (scanned - 1) / total) {
        progress.accept("trainguard: poisoning scan: " + scanned + "/" + total + " files, "
            + Counts.of(records, "record") + " scanned, " + flagged + " flagged");
      }
    }
    return new Result(outliers, records, flagged, byReason, actions);
  }

  /**
   * The structured files that have the label column, read, in input order. A label column no
   * file has, or an id, text or feature column missing from a file with labels, is a usage error
   * naming the columns found; files without the label column are skipped with a warning.
   */
  private static Map<DataFile, Dataset<Row>> labelled(SparkSession spark, List<DataFile> files,
      Format forced, String idColumn, String labelColumn, List<String> textColumns,
      List<String> featureColumns, Map<String, String> shownPaths) {
    Map<DataFile, Dataset<Row>> out = new LinkedHashMap<>();
    Set<String> found = new TreeSet<>();
    List<String> skipped = new ArrayList<>();
    for (DataFile file : files) {
      Format format = forced != null ? forced : Format.byFileName(file.relativePath()).orElse(null);
      if (format != Format.CSV && format != Format.JSONL && format != Format.PARQUET) {
        continue; // text files have no labels
      }
      Dataset<Row> data = read(spark, file.uri(), format, idColumn);
      List<String> columns = Arrays.asList(data.columns());
      found.addAll(columns);
      String shown = FileProtector.shown(file, shownPaths).relativePath();
      if (!columns.contains(labelColumn)) {
        skipped.add(shown);
        continue;
      }
      requireColumns("--id-column", List.of(idColumn), shown, columns);
      requireColumns("--text-columns", textColumns, shown, columns);
      requireColumns("--feature-columns", featureColumns, shown, columns);
      out.put(file, data);
    }
    if (out.isEmpty()) {
      throw TrainguardException.usage("Invalid --label-column: " + labelColumn + " (no CSV, JSON"
          + " Lines or Parquet input has it; columns found: " + String.join(", ", found) + ")");
    }
    skipped.forEach(f -> System.err.println("trainguard: warning: poisoning scan skips " + f
        + ": no " + labelColumn + " column"));
    return out;
  }

  /**
   * {@code uri} with Hadoop's glob characters escaped: Spark's readers expand globs, and an input
   * file is one file whatever its name holds ({@code a[1].csv}).
   */
  static String literal(String uri) {
    return uri.replaceAll("([\\\\\\[\\]{}?*])", "\\\\$1");
  }

  private static void requireColumns(String option, List<String> wanted, String file,
      List<String> columns) {
    for (String column : wanted) {
      if (!columns.contains(column)) {
        throw TrainguardException.usage("Invalid " + option + ": " + column + " (not a column of "
            + file + "; columns: " + String.join(", ", columns) + ")");
      }
    }
  }

  /**
   * The file with inferred column types, except the id column, kept as its text so that ids
   * match the redactors' ({@code 007} stays {@code 007}, not 7).
   */
  private static Dataset<Row> read(SparkSession spark, String file, Format format, String id) {
    String uri = literal(file);
    if (format == Format.PARQUET) {
      Dataset<Row> data = spark.read().parquet(uri);
      return Arrays.asList(data.columns()).contains(id)
          ? data.withColumn(id, data.col(id).cast(DataTypes.StringType)) : data;
    }
    Dataset<Row> inferred = format == Format.CSV
        ? spark.read().option("header", "true").option("inferSchema", "true").csv(uri)
        : spark.read().json(uri);
    StructType schema = inferred.schema();
    if (!Arrays.asList(schema.fieldNames()).contains(id)
        || schema.apply(id).dataType() == DataTypes.StringType) {
      return inferred;
    }
    StructType asText = new StructType(Arrays.stream(schema.fields())
        .map(f -> f.name().equals(id) ? new StructField(id, DataTypes.StringType, true,
            f.metadata()) : f)
        .toArray(StructField[]::new));
    return format == Format.CSV
        ? spark.read().option("header", "true").schema(asText).csv(uri)
        : spark.read().schema(asText).json(uri);
  }
}
