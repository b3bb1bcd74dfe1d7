package io.trainguard.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The invocation as recorded in manifests: {@code --conf} values only for settings known to hold
 * no secret, user info of URLs ({@code user:password@}) elided, other secret-looking values too.
 */
final class CommandLines {

  /** What an elided value is recorded as. */
  static final String ELIDED = "***";

  private static final Pattern SECRET = Pattern.compile(
      "(?i).*(secret|password|passwd|token|credential|session\\.key|access\\.key).*");
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");
  /**
   * Settings whose values are recorded (after a {@code spark.hadoop.} prefix and an s3a
   * per-bucket {@code fs.s3a.bucket.NAME.} are dropped); every other value is elided.
   */
  private static final Set<String> RECORDED = Set.of(
      "spark.master", "spark.app.name", "spark.driver.memory", "spark.driver.cores",
      "spark.executor.memory", "spark.executor.cores", "spark.executor.instances",
      "spark.default.parallelism", "spark.sql.shuffle.partitions", "spark.task.maxFailures",
      "spark.ui.enabled", "spark.eventLog.enabled", "spark.serializer",
      "spark.dynamicAllocation.enabled",
      "fs.s3a.endpoint", "fs.s3a.endpoint.region", "fs.s3a.path.style.access",
      "fs.s3a.connection.ssl.enabled", "fs.s3a.aws.credentials.provider",
      "fs.s3a.connection.maximum", "fs.s3a.threads.max", "fs.s3a.multipart.size",
      "fs.s3a.fast.upload.buffer", "fs.s3a.encryption.algorithm", "fs.s3a.change.detection.mode",
      "fs.s3a.retry.limit", "fs.s3a.attempts.maximum");
  private static final Pattern BUCKET_SETTING = Pattern.compile("fs\\.s3a\\.bucket\\.[^.]+\\.");

  /** A word the shell takes as it is; any other is quoted. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private CommandLines() {}

  /**
   * How the user called trainguard, for the commands it prints: as the launcher was called
   * ({@code ./trainguard}, set by the launcher), else {@code trainguard}.
   */
  static String program() {
    return System.getProperty("trainguard.program", "trainguard");
  }

  /** A command the user can paste into a POSIX shell: each word quoted where it needs to be. */
  static String pasteable(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add(PLAIN_WORD.matcher(word).matches() ? word
          : "'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted);
  }

  static String describe(String command, String... args) {
    List<String> parts = new ArrayList<>();
    parts.add("trainguard");
    parts.add(command);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0 && SECRET.matcher(arg.substring(0, eq).toLowerCase(Locale.ROOT)).matches()) {
        parts.add(arg.substring(0, eq + 1) + ELIDED);
      } else {
        parts.add(USER_INFO.matcher(arg).replaceAll(ELIDED + "@"));
      }
    }
    return String.join(" ", parts);
  }

  /**
   * {@code --conf KEY=VALUE} arguments as recorded: values of unlisted settings elided, user info
   * in the URLs of listed ones too.
   */
  static List<String> conf(Map<String, String> settings) {
    List<String> args = new ArrayList<>();
    settings.forEach((key, value) -> args.addAll(List.of("--conf", key + "="
        + (RECORDED.contains(setting(key)) ? USER_INFO.matcher(value).replaceAll(ELIDED + "@")
            : ELIDED))));
    return args;
  }

  private static String setting(String key) {
    String name = key.startsWith("spark.hadoop.") ? key.substring("spark.hadoop.".length()) : key;
    return BUCKET_SETTING.matcher(name).replaceFirst("fs.s3a.");
  }
}
