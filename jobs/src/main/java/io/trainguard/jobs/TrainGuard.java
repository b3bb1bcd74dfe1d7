package io.trainguard.jobs;

import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import org.apache.spark.sql.SparkSession;

/**
 * The embedding API: run {@code protect} from a JVM that has Spark, and get the signed manifest
 * back. The command line is a thin layer over it.
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

  /** Protects with the active Spark session, or a new local one. */
  public static ProtectResult protect(ProtectRequest request) {
    SparkSession spark = SparkSession.getActiveSession().isDefined()
        ? SparkSession.getActiveSession().get()
        : SparkSession.builder().master("local[*]").appName("trainguard")
            .config("spark.ui.enabled", "false").getOrCreate();
    return protect(spark, request);
  }
}
