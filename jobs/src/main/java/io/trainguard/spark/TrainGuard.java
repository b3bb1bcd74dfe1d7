package io.trainguard.spark;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import io.trainguard.redaction.Policy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The embedding API: run {@code protect} from a JVM that has Spark, and get the signed manifest
 * back, or protect a data frame. The command line runs the same job.
 *
 * <pre>{@code
 * ProtectResult result = TrainGuard.protect(spark, ProtectRequest
 *     .builder("s3a://bucket/raw/", "s3a://bucket/clean/", "alias/training-data")
 *     .signingKey("alias/trainguard-signing")
 *     .build());
 * if (!result.gatePassed()) { ... }
 * }</pre>
 *
 * <p>Failures are {@link TrainguardException}s carrying the exit code the CLI would use.
 */
public final class TrainGuard {

  private TrainGuard() {}

  /** Protects with the given Spark session (local or cluster). */
  public static ProtectResult protect(SparkSession spark, ProtectRequest request) {
    return new ProtectJob(spark, request).execute();
  }

  /**
   * Protects a data frame under {@code policy}: string leaves are span-detected, leaves the first
   * rows plan (typed ones by their name, as for Parquet) are rewritten whole, columns the policy
   * drops leave the schema. {@code key} (KMS key or {@code local:PATH}) opens or creates the
   * dataset secret at {@code datasetSecret} (for keyed operators) and signs the frame's manifest
   * section. Detection runs once, before this returns. Per-record operators ({@code date_shift})
   * key on the partition and position of each row; see the overload to key on an id column.
   */
  public static RedactedFrame redact(Dataset<Row> df, Policy policy, String key,
      String datasetSecret) {
    return FrameRedaction.run(df, policy, key, datasetSecret, null);
  }

  /** As {@link #redact(Dataset, Policy, String, String)}, rows identified by {@code idColumn}. */
  public static RedactedFrame redact(Dataset<Row> df, Policy policy, String key,
      String datasetSecret, String idColumn) {
    return FrameRedaction.run(df, policy, key, datasetSecret, idColumn);
  }

  /** Protects with the active Spark session, or a new local one. */
  public static ProtectResult protect(ProtectRequest request) {
    SparkSession spark = SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get()
        : SparkSession.builder().master("local[*]").appName("trainguard")
            .config("spark.ui.enabled", "false").getOrCreate();
    return protect(spark, request);
  }
}
