package io.trainguard.jobs.cli;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Hadoop settings for commands that run without Spark (decrypt, verify). */
final class HadoopConf {

  private HadoopConf() {}

  /** Defaults plus {@code overrides}; a {@code spark.hadoop.} prefix is accepted and dropped. */
  static Configuration of(Map<String, String> overrides) {
    Configuration conf = new Configuration();
    overrides.forEach((k, v) -> conf.set(k.startsWith("spark.hadoop.")
        ? k.substring("spark.hadoop.".length()) : k, v));
    return conf;
  }
}
