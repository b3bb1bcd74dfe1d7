package io.trainguard.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool version and git commit, stamped into the jar at build time. */
public final class Version {

  private static final Properties BUILD = load();

  private Version() {}

  public static String get() {
    return BUILD.getProperty("version", "unknown");
  }

  /** The git commit the jar was built from ({@code -dirty} when the tree had changes). */
  public static String commit() {
    String commit = BUILD.getProperty("commit", "");
    if (commit.isEmpty() || commit.startsWith("${")) {
      return "unknown";
    }
    return "true".equals(BUILD.getProperty("dirty")) ? commit + "-dirty" : commit;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable stamp reads as "unknown"
    }
    return p;
  }
}
