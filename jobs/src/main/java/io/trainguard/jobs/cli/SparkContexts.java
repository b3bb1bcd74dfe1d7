package io.trainguard.jobs.cli;

import io.trainguard.jobs.format.WorkDirectory;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * The Spark context of a command. Under {@code spark-submit} the cluster's settings rule; run
 * directly, it is Spark local mode on all cores, bound to 127.0.0.1, UI off, its scratch files in
 * this JVM's {@link WorkDirectory}. A Spark SQL session
 * is made from it only by the jobs that need one.
 */
final class SparkContexts {

  /**
   * What Spark redacts in its event log, UI and logs (a setting is redacted when its key or its
   * value matches): Spark's default, the other secrets a {@code --conf} can carry, URLs with
   * user info, and the JVM's command line (the arguments name the input and output).
   */
  static final String REDACTION_REGEX = "(?i)secret|password|token|access[.]?key|account\\.key"
      + "|encryption\\.key|private\\.?key|\\.pwd$|api-?key|passphrase|\\.auth$|jks\\.pass"
      + "|credential|://[^/@\\s]*@|^sun\\.java\\.command$";

  private SparkContexts() {}

  static SparkContext context(String appName, Map<String, String> overrides) {
    return SparkContext.getOrCreate(conf(appName, overrides));
  }

  static SparkConf conf(String appName, Map<String, String> overrides) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
      // Running tasks report their counters with each heartbeat: progress inside a file.
      conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
      // Shuffle and spill files hold the data in the clear: in the private work directory.
      conf.setIfMissing("spark.local.dir", WorkDirectory.get().toString());
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.redaction.regex", REDACTION_REGEX);
    overrides.forEach(conf::set);
    return conf;
  }
}
