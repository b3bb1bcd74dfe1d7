package io.trainguard.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark local[2,2] session (two threads, a failed task retried once) for every test class in
 * the JVM: a cold start costs 5-11 s here. UI off, bound to 127.0.0.1. Tests that change Hadoop
 * settings (S3) must set all they need.
 */
public final class SparkTestSession {

  private static SparkSession spark;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SparkTestSession::stop));
  }

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = builder().getOrCreate();
    }
    return spark;
  }

  /**
   * A fresh session that writes Spark's event log under {@code eventLogDir}; {@link #stop} it
   * to flush the log (the next {@link #get} starts an ordinary session again).
   */
  public static synchronized SparkSession withEventLog(java.nio.file.Path eventLogDir) {
    stop();
    spark = builder().config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.compress", "false") // so the test can search it
        .config("spark.eventLog.dir", eventLogDir.toUri().toString()).getOrCreate();
    return spark;
  }

  /**
   * A fresh session with {@code conf} added (settings read only when a session starts, such as
   * {@code spark.sql.extensions}); the next {@link #get} after {@link #stop} is an ordinary one.
   */
  public static synchronized SparkSession with(java.util.Map<String, String> conf) {
    stop();
    SparkSession.Builder builder = builder();
    conf.forEach(builder::config);
    spark = builder.getOrCreate();
    return spark;
  }

  /** Stops the session, if any. */
  public static synchronized void stop() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  private static SparkSession.Builder builder() {
    return SparkSession.builder()
        .master("local[2,2]")
        .appName("trainguard-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.local.dir", // as the CLI's
            io.trainguard.jobs.format.WorkDirectory.get().toString());
  }
}
