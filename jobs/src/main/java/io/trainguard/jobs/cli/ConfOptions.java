package io.trainguard.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;

/**
 * {@code --conf KEY=VALUE}, read alike by every command: a key starting with {@code spark.} is a
 * Spark setting, except {@code spark.hadoop.KEY}, which is the Hadoop setting {@code KEY}; any
 * other key is a Hadoop setting. So a command copied from one subcommand to another reaches the
 * same endpoint.
 */
final class ConfOptions {

  private static final String SPARK = "spark.";
  private static final String SPARK_HADOOP = "spark.hadoop.";

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "Hadoop setting, with or without the spark.hadoop. prefix (e.g."
          + " fs.s3a.endpoint=http://127.0.0.1:9090), or Spark setting (spark.*); repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Hadoop's defaults plus the Hadoop settings given. */
  Configuration hadoop() {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    return conf;
  }

  /** The Hadoop settings given, by their Hadoop names. */
  Map<String, String> hadoopSettings() {
    Map<String, String> hadoop = new LinkedHashMap<>();
    settings.forEach((key, value) -> {
      if (key.startsWith(SPARK_HADOOP)) {
        hadoop.put(key.substring(SPARK_HADOOP.length()), value);
      } else if (!key.startsWith(SPARK)) {
        hadoop.put(key, value);
      }
    });
    return hadoop;
  }

  /** All settings as Spark settings: Hadoop ones under {@code spark.hadoop.}. */
  Map<String, String> spark() {
    Map<String, String> spark = new LinkedHashMap<>();
    settings.forEach((key, value) -> spark.put(key.startsWith(SPARK) ? key : SPARK_HADOOP + key,
        value));
    return spark;
  }

  /** The {@code --conf} arguments as a manifest records them: secret values elided. */
  List<String> recorded() {
    return CommandLines.conf(settings);
  }

  /**
   * The Hadoop settings alone, recorded as {@link #recorded()}: what another command needs to
   * reach the same storage.
   */
  List<String> hadoopRecorded() {
    Map<String, String> hadoop = new LinkedHashMap<>();
    settings.forEach((key, value) -> {
      if (key.startsWith(SPARK_HADOOP) || !key.startsWith(SPARK)) {
        hadoop.put(key, value);
      }
    });
    return CommandLines.conf(hadoop);
  }
}
