package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.LocalS3Server;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI run inside a JVM whose Spark context exists already (a pipeline calling
 * {@link TrainguardCli#run} in-process): the run's {@code --conf} Hadoop settings reach every
 * read and write of the run, the poisoning scan's included, although the context was made
 * without them; and they do not stay in the context after the run.
 */
class EmbeddedConfTest {

  @TempDir
  static Path dir;
  static LocalS3Server s3;
  static Configuration context;
  static final Map<String, String> saved = new TreeMap<>();
  /** The settings that reach the local S3 server, as {@code --conf} arguments. */
  static final List<String> conf = new ArrayList<>();
  static FileSystem bucket;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3Server.start(dir);
    SparkSession spark = SparkTestSession.get();
    context = spark.sparkContext().hadoopConfiguration();
    // The context knows another endpoint, where nothing listens: a run that used the context's
    // settings would fail at once, and never reach AWS.
    Map<String, String> contextSettings = new TreeMap<>(Map.of(
        "fs.s3a.endpoint", "http://127.0.0.1:1", "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.access.key", "context-access-key", "fs.s3a.secret.key", "context-secret-key",
        "fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.impl.disable.cache", "true", "fs.s3a.retry.limit", "1",
        "fs.s3a.attempts.maximum", "1", "fs.s3a.connection.timeout", "2s"));
    contextSettings.forEach((k, v) -> {
      saved.put(k, context.get(k));
      context.set(k, v);
    });
    Configuration local = new Configuration(false);
    s3.configure(local);
    local.forEach(e -> {
      conf.add("--conf");
      conf.add("spark.hadoop." + e.getKey() + "=" + e.getValue());
    });
    Configuration direct = new Configuration(context);
    s3.configure(direct);
    bucket = FileSystem.get(java.net.URI.create("s3a://" + LocalS3Server.BUCKET + "/"), direct);
  }

  @AfterAll
  static void stop() {
    saved.forEach((k, v) -> {
      if (v == null) {
        context.unset(k);
      } else {
        context.set(k, v);
      }
    });
    if (s3 != null) {
      s3.close();
    }
  }

  private static String keyring() {
    Path key = dir.resolve("key.json");
    if (!Files.exists(key)) {
      assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    }
    return "local:" + key;
  }

  private static String[] args(String... args) {
    return Stream.concat(Stream.of(args), conf.stream()).toArray(String[]::new);
  }

  private static void upload(String object, String text) throws Exception {
    Path local = Files.writeString(Files.createTempFile(dir, "up", ".tmp"), text);
    bucket.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
        new org.apache.hadoop.fs.Path("s3a://" + LocalS3Server.BUCKET + "/" + object));
  }

  private static String labelled() {
    StringBuilder csv = new StringBuilder("id,label,note\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i % 2 == 0 ? "cat" : "dog").append(",plain note ")
          .append(i).append('\n');
    }
    return csv.append("40,cat,SSN 536-22-8049\n").toString();
  }

  @Test
  void protectReadsAndWritesS3ThroughItsConfAndItsPoisoningScanToo() throws Exception {
    upload("in/t.csv", labelled());

    Run protect = run(args("protect", "--input", "s3a://bucket/in/", "--output",
        "s3a://bucket/out/", "--key", keyring(), "--id-column", "id", "--label-column", "label"));

    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(bucket.exists(new org.apache.hadoop.fs.Path("s3a://bucket/out/_SUCCESS"))).isTrue();
    assertThat(bucket.exists(new org.apache.hadoop.fs.Path("s3a://bucket/out/data/t.csv.enc")))
        .isTrue();
    assertThat(context.get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:1");
  }

  @Test
  void thePoisoningScanReadsParquetFromS3ThroughTheRunsConf() throws Exception {
    Path parquet = dir.resolve("pq");
    SparkSession spark = SparkTestSession.get();
    spark.read().option("header", "true").csv(spark.createDataset(
        List.of(labelled().split("\n")), org.apache.spark.sql.Encoders.STRING()))
        .coalesce(1).write().parquet(parquet.toString());
    Path part;
    try (Stream<Path> files = Files.list(parquet)) {
      part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    bucket.copyFromLocalFile(new org.apache.hadoop.fs.Path(part.toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/pq/t.parquet"));

    Run protect = run(args("protect", "--input", "s3a://bucket/pq/", "--output",
        "s3a://bucket/pq-out/", "--key", keyring(), "--id-column", "id", "--label-column",
        "label"));

    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(bucket.exists(new org.apache.hadoop.fs.Path("s3a://bucket/pq-out/_SUCCESS")))
        .isTrue();
  }

  @Test
  void scanReadsS3ThroughItsConf() throws Exception {
    upload("scan/t.csv", labelled());

    Run scan = run(args("scan", "--input", "s3a://bucket/scan/"));

    assertThat(scan.code()).as(scan.err()).isZero();
    assertThat(scan.out()).contains("US_SSN");
  }
}
