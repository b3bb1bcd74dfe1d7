package io.trainguard.jobs.protect;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Caps the logging of libraries that quote the names they read (Spark names every file it scans
 * at INFO; parquet-hadoop prints a file's schema, its column names, at DEBUG; ORC the file's path
 * and schema; Avro its schema) at WARN in this JVM, whatever the log configuration asks: names
 * can be personal data.
 */
final class LibraryLogs {

  private static volatile boolean quiet;

  private LibraryLogs() {}

  /** Caps them, once per JVM. */
  static void quiet() {
    if (!quiet) {
      Configurator.setLevel(Map.of(
          "org.apache.spark.sql.execution.datasources.FileScanRDD", Level.WARN,
          "org.apache.parquet", Level.WARN,
          "org.apache.orc", Level.WARN,
          "org.apache.avro", Level.WARN));
      quiet = true;
    }
  }
}
