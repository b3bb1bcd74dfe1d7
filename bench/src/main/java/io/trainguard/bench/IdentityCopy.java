package io.trainguard.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The baseline of {@code bench/e2e}: the Spark job {@code protect} would be without detection,
 * redaction or encryption. One task per input file, largest first, as {@code protect} schedules
 * them; each task reads its file line by line and writes the same lines to the same relative
 * path under the output, both the way {@code protect} does on local disk: reading through
 * Hadoop's raw local file system, writing through java.nio (no {@code .crc} side files and no
 * {@code chmod} process per file, which Hadoop's local file system would add). Prints
 * {@code records=N bytes=B}.
 */
public final class IdentityCopy {

  private IdentityCopy() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: IdentityCopy INPUT_DIR OUTPUT_DIR");
      System.exit(1);
    }
    Path input = Path.of(args[0]).toAbsolutePath();
    String output = Path.of(args[1]).toAbsolutePath().toString();
    List<String> files;
    try (Stream<Path> walk = Files.walk(input)) {
      files = walk.filter(Files::isRegularFile)
          .sorted(Comparator.comparingLong(IdentityCopy::size).reversed())
          .map(Path::toString).toList();
    }
    String inputRoot = input.toString();
    // A bare Spark context, as protect runs on: a Spark SQL session would add seconds of start-up.
    try (JavaSparkContext jsc = new JavaSparkContext(localConf("trainguard bench identity"))) {
      List<long[]> counts = jsc.parallelize(files, Math.max(1, files.size()))
          .map(file -> copy(file, output + file.substring(inputRoot.length())))
          .collect();
      long records = counts.stream().mapToLong(c -> c[0]).sum();
      long bytes = counts.stream().mapToLong(c -> c[1]).sum();
      System.out.println("records=" + records + " bytes=" + bytes);
    }
  }

  /**
   * A Spark session as bench/e2e runs every job: local unless {@code spark.master} says
   * otherwise, bound to 127.0.0.1, no UI.
   */
  static SparkSession localSession(String appName) {
    return SparkSession.builder().config(localConf(appName)).getOrCreate();
  }

  /** The settings of {@link #localSession}. */
  private static SparkConf localConf(String appName) {
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.app.name", appName);
    return conf;
  }

  /** Copies one file line by line; returns its records (lines, minus a CSV header) and bytes. */
  private static long[] copy(String from, String to) throws IOException {
    org.apache.hadoop.fs.Path in = new org.apache.hadoop.fs.Path("file://" + from);
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    Path out = Path.of(to);
    Files.createDirectories(out.getParent());
    long lines = 0;
    try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(fs.open(in), StandardCharsets.UTF_8));
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
            new BufferedOutputStream(Files.newOutputStream(out), 1 << 16),
            StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        writer.write(line);
        writer.write('\n');
        lines++;
      }
    }
    long records = from.endsWith(".csv") ? Math.max(0, lines - 1) : lines;
    return new long[] {records, fs.getFileStatus(in).getLen()};
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
