package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.Manifest;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import io.trainguard.jobs.storage.SerializableConfiguration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs the policy's enabled poisoning detectors over each structured input file (read by its
 * format's codec, {@link RecordLines}) before the files are protected, and
 * collects one outliers line per flagged record (file, record id, score, reasons) and, when the
 * policy quarantines or drops them, the flagged ids per file for the redactors.
 */
final class PoisoningScan {

  /**
   * What the scan found, for {@code _trainguard/outliers.jsonl} and the manifest: also the
   * number of inputs it was asked to scan and those it could not scan.
   */
  record Result(List<Outlier> outliers, long records, long flagged, Map<String, Long> byReason,
      Map<String, FlaggedRecords> actions, int inputs, List<Manifest.SkippedInput> skipped) {

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
   * The inputs of a scan, read as far as their columns and checked against the column options
   * before the output is touched.
   */
  record Inputs(SparkContext context, Sql sql, Map<DataFile, RecordLines.Frame> labelled,
      Map<DataFile, String> skipped, LongAccumulator lines, String idColumn, String labelColumn,
      List<String> textColumns, List<String> featureColumns) {}

  /**
   * The scan's own Spark SQL session, made from {@code spark}'s on first use (a file whose
   * columns each hold one kind of value is scanned without one), its file sources reading with
   * {@code hadoop}'s settings. There Spark redacts every URI from the plans it describes (SQL
   * tab, event log, explain), and every column name once {@link #redactColumns} is called.
   */
  static final class Sql implements Supplier<SparkSession> {
    private final Supplier<SparkSession> spark;
    private final Configuration hadoop;
    private String pattern = URIS;
    private String before;
    private SparkSession session;

    Sql(Supplier<SparkSession> spark, Configuration hadoop) {
      this.spark = spark;
      this.hadoop = hadoop;
    }

    @Override
    public synchronized SparkSession get() {
      if (session == null) {
        SparkSession given = spark.get();
        before = given.conf().contains(REDACTION) ? given.conf().get(REDACTION) : null;
        session = reading(given, hadoop);
        redact(session, before, pattern);
      }
      return session;
    }

    synchronized void redactColumns() {
      pattern = URIS + "|" + COLUMNS;
      if (session != null) {
        redact(session, before, pattern);
      }
    }
  }

  /**
   * Reads the columns of every input (on {@code context}; through the file sources of the
   * scan's own session, {@link Sql}, made from {@code spark}'s, when a file needs Spark SQL) and
   * checks the column options against them: a label column no input has, or an id, text or
   * feature column that a file with labels lacks, is a usage error that names the columns found,
   * shown by {@code maskedColumn}, and the file, shown by {@code maskedPath}.
   */
  static Inputs check(SparkContext context, Supplier<SparkSession> spark, Configuration hadoop,
      List<DataFile> files,
      Format forced, String idColumn, String labelColumn, List<String> textColumns,
      List<String> featureColumns, UnaryOperator<String> maskedPath,
      UnaryOperator<String> maskedColumn) {
    if (idColumn == null) {
      throw TrainguardException.usage("--label-column needs --id-column: outliers are reported"
          + " by record id");
    }
    LibraryLogs.quiet();
    Sql sql = new Sql(spark, hadoop);
    LongAccumulator lines = context.longAccumulator("trainguard.lines.read");
    Map<DataFile, String> skipped = new LinkedHashMap<>();
    Map<DataFile, RecordLines.Frame> labelled = labelled(context, sql, hadoop, files, forced,
        idColumn, labelColumn, textColumns, featureColumns, maskedPath, maskedColumn, lines,
        skipped);
    return new Inputs(context, sql, labelled, skipped, lines, idColumn, labelColumn,
        List.copyOf(textColumns), List.copyOf(featureColumns));
  }

  /**
   * Scans the checked {@code inputs}: {@code shownPaths} is how the outliers file and messages
   * show the inputs, {@code shownColumn} how a column name is shown (Spark also redacts every
   * column name from its plans when one holds personal data), {@code progress} how the scan's
   * progress is shown on stderr (see {@link ScanProgress}).
   */
  static Result run(Inputs inputs, PoisoningPolicy policy, ShownPaths shownPaths,
      UnaryOperator<String> shownColumn, ProtectJob.Progress progress) {
    List<Manifest.SkippedInput> skipped = new ArrayList<>();
    inputs.skipped().forEach((file, reason) -> skipped.add(
        new Manifest.SkippedInput(shownPaths.relative(file.relativePath()), reason)));
    skipped.forEach(s -> System.err.println("trainguard: warning: poisoning scan skips "
        + s.path() + ": " + s.reason().replace('-', ' ')));
    return scan(inputs, policy, shownPaths, shownColumn, skipped, progress);
  }

  /**
   * A new session of {@code spark}'s context whose file sources read with {@code hadoop}'s
   * settings where they differ from the context's: the context may have been made without this
   * run's settings, and it keeps none of them.
   */
  private static SparkSession reading(SparkSession spark, Configuration hadoop) {
    SparkSession session = spark.newSession();
    Configuration shared = spark.sparkContext().hadoopConfiguration();
    hadoop.forEach(e -> {
      if (!e.getValue().equals(shared.getRaw(e.getKey()))) {
        session.conf().set(e.getKey(), e.getValue());
      }
    });
    return session;
  }

  /** Spark SQL's setting: what plan descriptions redact (defaults to spark.redaction.string.regex). */
  private static final String REDACTION = "spark.sql.redaction.string.regex";
  /**
   * Every URI in a plan (a file index's paths, up to the bracket or comma that ends each): the
   * pattern names no path, since Spark records this setting with every job.
   */
  static final String URIS = "\\b[A-Za-z][A-Za-z0-9+.-]*:/[^\\],\\[]*";
  /** Every column name in a plan: attribute references ({@code name#12}) and read schemas. */
  static final String COLUMNS = "[^\\s\\[\\](),<>:]+#\\d+L?|struct<[^>]*>";

  /** Makes Spark redact what {@code pattern} matches too, beside what it redacted before. */
  private static void redact(SparkSession spark, String before, String pattern) {
    String existing = before != null ? before
        : spark.sparkContext().getConf().get("spark.redaction.string.regex", null);
    spark.conf().set(REDACTION, existing == null ? pattern : "(?:" + existing + ")|" + pattern);
  }

  private static Result scan(Inputs inputs, PoisoningPolicy policy, ShownPaths shownPaths,
      UnaryOperator<String> shownColumn, List<Manifest.SkippedInput> skipped,
      ProtectJob.Progress mode) {
    SparkContext context = inputs.context();
    PoisoningConfig config = policy.config(inputs.idColumn(), inputs.labelColumn(),
        inputs.textColumns(), inputs.featureColumns());
    Map<DataFile, RecordLines.Frame> labelled = inputs.labelled();
    LongAccumulator lines = inputs.lines();
    if (labelled.values().stream().flatMap(d -> Arrays.stream(d.schema().fieldNames()))
        .anyMatch(c -> !shownColumn.apply(c).equals(c))) {
      inputs.sql().redactColumns();
    }
    List<Outlier> outliers = new ArrayList<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, FlaggedRecords> actions = new HashMap<>();
    long records = 0;
    long flagged = 0;
    ScanProgress progress = new ScanProgress(
        labelled.keySet().stream().map(DataFile::size).toList(),
        mode == ProtectJob.Progress.QUIET ? line -> { } : System.err::println,
        mode == ProtectJob.Progress.INTERACTIVE ? ProgressReporter.MIN_INTERVAL_NANOS
            : ProgressReporter.QUIET_NANOS, lines.id(), System::nanoTime);
    progress.start();
    if (mode != ProtectJob.Progress.QUIET) {
      context.addSparkListener(progress);
    }
    try {
      for (Map.Entry<DataFile, RecordLines.Frame> entry : labelled.entrySet()) {
        FileScan file = scanFile(inputs.sql(), entry.getKey(), entry.getValue(), config, policy,
            shownPaths);
        outliers.addAll(file.outliers());
        file.byReason().forEach((r, n) -> byReason.merge(r, n, Long::sum));
        if (file.action() != null) {
          actions.put(entry.getKey().relativePath(), file.action());
        }
        records += file.records();
        flagged += file.flagged();
        progress.fileDone(file.records(), file.flagged());
      }
    } finally {
      context.removeSparkListener(progress);
    }
    return new Result(outliers, records, flagged, byReason, actions,
        labelled.size() + skipped.size(), List.copyOf(skipped));
  }

  /** What the scan of one file found: outliers as shown, counts, and the policy's action. */
  private record FileScan(List<Outlier> outliers, long records, long flagged,
      Map<String, Long> byReason, FlaggedRecords action) {}

  private static FileScan scanFile(Supplier<SparkSession> sql, DataFile file,
      RecordLines.Frame data, PoisoningConfig config, PoisoningPolicy policy,
      ShownPaths shownPaths) {
    PoisoningReport report = PoisoningDetectors.scan(sql, data.rows(), data.schema(), config,
        policy.detectors());
    List<Outlier> outliers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String shown = shownPaths.relative(file.relativePath());
    for (PoisoningReport.Flag flag : report.collect()) {
      outliers.add(new Outlier(shown, flag.recordId(), flag.score(), flag.reasons()));
      ids.add(flag.recordId());
    }
    FlaggedRecords action = policy.action().recordAction() == null || ids.isEmpty() ? null
        : new FlaggedRecords(ids, policy.action().recordAction());
    return new FileScan(outliers, report.records(), report.flagged(), report.countsByReason(),
        action);
  }

  /** Why the scan skipped an input: it has no columns (text, documents) or no label column. */
  static final String NO_COLUMNS = "no-columns";
  static final String NO_LABEL_COLUMN = "no-label-column";

  /**
   * The files that have the label column, read, in input order. A label column no file has, or
   * an id, text or feature column missing from a file with labels, is a usage error naming the
   * columns found; files without the label column (text and documents have no columns) are
   * added to {@code skipped} with the reason.
   */
  private static Map<DataFile, RecordLines.Frame> labelled(SparkContext context, Sql sql,
      Configuration hadoop,
      List<DataFile> files, Format forced, String idColumn, String labelColumn,
      List<String> textColumns, List<String> featureColumns, UnaryOperator<String> shownPath,
      UnaryOperator<String> shownColumn, LongAccumulator linesRead,
      Map<DataFile, String> skipped) {
    Map<DataFile, RecordLines.Frame> out = new LinkedHashMap<>();
    Set<String> found = new TreeSet<>();
    org.apache.spark.broadcast.Broadcast<SerializableConfiguration> conf =
        JavaSparkContext.fromSparkContext(context).broadcast(
            new SerializableConfiguration(hadoop));
    for (DataFile file : files) {
      Format format = forced != null ? forced : Format.byFileName(file.relativePath()).orElse(null);
      String shown = shownPath.apply(file.relativePath());
      if (format == null || !format.hasFields()) {
        skipped.put(file, NO_COLUMNS);
        continue;
      }
      RecordLines.Frame data = RecordLines.read(JavaSparkContext.fromSparkContext(context), sql,
          file.uri(), shown, format, idColumn, conf, linesRead);
      List<String> columns = Arrays.asList(data.schema().fieldNames());
      columns.forEach(c -> found.add(shownColumn.apply(c)));
      if (!columns.contains(labelColumn)) {
        skipped.put(file, NO_LABEL_COLUMN);
        continue;
      }
      requireColumns("--id-column", List.of(idColumn), shown, columns, shownColumn);
      requireColumns("--text-columns", textColumns, shown, columns, shownColumn);
      requireColumns("--feature-columns", featureColumns, shown, columns, shownColumn);
      out.put(file, data);
    }
    if (out.isEmpty()) {
      throw TrainguardException.usage("Invalid --label-column: " + shownColumn.apply(labelColumn)
          + " (no input has it; columns found: " + String.join(", ", found) + ")");
    }
    return out;
  }

  private static void requireColumns(String option, List<String> wanted, String file,
      List<String> columns, UnaryOperator<String> shownColumn) {
    for (String column : wanted) {
      if (!columns.contains(column)) {
        throw TrainguardException.usage("Invalid " + option + ": " + shownColumn.apply(column)
            + " (not a column of " + file + "; columns: "
            + String.join(", ", columns.stream().map(shownColumn).toList()) + ")");
      }
    }
  }
}
