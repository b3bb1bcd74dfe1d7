package io.trainguard.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark local[2,2] session (two threads, a failed task retried once) for every test class in the JVM: a cold start costs 5-11 s here.
 * UI off, bound to 127.0.0.1. Tests that change Hadoop settings (S3) must set all they need.
 */
public final class SparkTestSession {

  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2,2]")
          .appName("trainguard-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
