package io.trainguard.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.Version;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.PersonalNames;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.redaction.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs {@link TrainGuard#redact}: plans the frame's columns from its first
 * rows on the driver, broadcasts the detector, policy and derived keys as {@code protect} does,
 * protects every partition once (cached) and signs a manifest section of the counts.
 */
public final class FrameRedaction {

  /** Rows sampled from the head of the frame to plan its columns. */
  static final int PLAN_SAMPLE_ROWS = ValueProtector.PLAN_SAMPLE_RECORDS;

  private FrameRedaction() {}

  /**
   * Protects {@code df} under {@code policy}; {@code key} (KMS key or {@code local:PATH}) opens
   * or creates the dataset secret at {@code datasetSecret} and signs the manifest section; the
   * top-level {@code idColumn} (or null: partition and position) identifies rows for per-record
   * operators.
   */
  public static RedactedFrame run(Dataset<Row> df, Policy policy, String key,
      String datasetSecret, String idColumn) {
    if (idColumn != null && !java.util.Arrays.asList(df.schema().fieldNames()).contains(idColumn)) {
      throw TrainguardException.usage("Invalid id column "
          + PersonalNames.maskedField(Analyzer.defaults(), idColumn)
          + ": the frame has no such top-level column");
    }
    try {
      return runOnce(df, policy, key, datasetSecret, idColumn);
    } catch (KmsServiceException e) {
      throw TrainguardException.service(e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
  }

  private static RedactedFrame runOnce(Dataset<Row> df, Policy policy, String key,
      String datasetSecret, String idColumn) {
    Instant started = Instant.now();
    SparkSession spark = df.sparkSession();
    SparkContext context = spark.sparkContext();
    KeyProvider keys = KeyProviders.open(key);
    keys.keyring(); // fail before any work if the key is unusable
    List<Recognizer> recognizers = ProtectJob.loadRecognizers(List.of());
    DatasetSecret.Opened secret = DatasetSecret.openOrCreate(context.hadoopConfiguration(),
        datasetSecret, keys);
    ValueProtector protector = new ValueProtector(
        new Analyzer(recognizers, Analyzer.DEFAULT_THRESHOLD), policy, secret.keys());

    FileStats summary = new FileStats();
    RowCodec head = new RowCodec(df.schema(),
        df.limit(PLAN_SAMPLE_ROWS).collectAsList().iterator(), -1, summary, protector.names(),
        null);
    RecordProtector.Plans plans;
    try {
      plans = FrameProtector.protocol(protector, idColumn).plan(head, summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StatsAccumulator stats = new StatsAccumulator();
    context.register(stats, "trainguard frame stats");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context);
    Broadcast<ValueProtector> shared = jsc.broadcast(protector);
    StructType rows = new StructType(new StructField[] {
        new StructField("data", head.output(), true, org.apache.spark.sql.types.Metadata.empty()),
        new StructField("quarantine", df.schema(), true,
            org.apache.spark.sql.types.Metadata.empty())});
    JavaRDD<Row> protectedRows = df.javaRDD().mapPartitions(
        new FrameProtector(shared, df.schema(), plans, stats, idColumn));
    Dataset<Row> cached = spark.createDataFrame(protectedRows, rows)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      cached.count(); // the one pass that protects every row and counts it
    } catch (RuntimeException e) {
      cached.unpersist();
      shared.destroy();
      throw taskFailure(e);
    }
    summary.add(stats.value());
    summary.showFieldsAs(protector.names()::field);
    ObjectNode section = section(UUID.randomUUID().toString(), started, context, keys, policy,
        secret, recognizers, summary);
    ObjectNode signed;
    try {
      signed = ManifestSignature.sign(section, keys.signer());
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot sign the manifest: " + e.getMessage(), e);
    }
    return new RedactedFrame(
        cached.where(functions.col("data").isNotNull()).select("data.*"),
        cached.where(functions.col("quarantine").isNotNull()).select("quarantine.*"),
        summary, signed, cached, shared);
  }

  /** The manifest section of a frame: how it was protected and what was found, counted. */
  private static ObjectNode section(String runId, Instant started, SparkContext context,
      KeyProvider keys, Policy policy, DatasetSecret.Opened secret, List<Recognizer> recognizers,
      FileStats stats) {
    ObjectNode m = CanonicalJson.MAPPER.createObjectNode();
    m.putObject("run").put("id", runId).put("tool", "trainguard").put("version", Version.get())
        .put("git_commit", Version.commit()).put("started", started.toString())
        .put("finished", Instant.now().toString())
        .putObject("spark").put("app_id", context.applicationId())
        .put("master", context.master()).put("version", context.version());
    ObjectNode config = m.putObject("config");
    config.put("key_id", keys.keyId())
        .put("threshold", BigDecimal.valueOf(Analyzer.DEFAULT_THRESHOLD))
        .put("recognizers", recognizers.size());
    config.putObject("policy").put("name", policy.name());
    config.putObject("dataset_secret").put("uri", secret.uri())
        .put("fingerprint", secret.keys().fingerprint());
    ObjectNode frame = m.putObject("frame")
        .put("records", stats.records())
        .put("records_written", stats.written())
        .put("records_quarantined", stats.quarantined())
        .put("records_dropped", stats.dropped())
        .put("balanced", stats.balanced());
    ObjectNode findings = frame.putObject("findings");
    stats.findingsByEntity().forEach((entity, count) -> {
      ObjectNode e = findings.putObject(entity).put("count", count)
          .put("operator", policy.actionFor(entity, null).spec());
      ArrayNode fields = e.putArray("fields");
      stats.fieldsByEntity().getOrDefault(entity, java.util.Set.of()).forEach(fields::add);
    });
    ArrayNode plan = frame.putArray("column_plan");
    for (var p : stats.plans()) {
      plan.addObject().put("column", p.column()).put("entity", p.entity())
          .put("confidence", BigDecimal.valueOf(p.confidence()))
          .put("sample_size", p.sampleSize()).put("sample", "first rows")
          .put("reason", p.reason());
    }
    ObjectNode nulled = frame.putObject("values_nulled");
    stats.nulledByField().forEach(nulled::put);
    ObjectNode fellBack = frame.putObject("operator_fallbacks");
    stats.fallbacksByEntity().forEach(fellBack::put);
    return m;
  }

  /** The cause a task failed with, so exit codes survive Spark. */
  private static RuntimeException taskFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainguardException te) {
        return te;
      }
    }
    return e;
  }
}
