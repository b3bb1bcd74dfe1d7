package io.trainguard.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.LocalS3Server;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server (S3Mock on 127.0.0.1) dies while protect writes its outputs: the run fails with
 * exit 4 and commits nothing; rerunning the same request replaces the unfinished output and
 * gives what an uninterrupted run gives.
 */
class LocalS3ServerStopsMidWriteTest {

  private static final int FILES = 8;

  @TempDir
  static Path dir;
  static LocalS3Server s3;
  static SparkSession spark;
  static Configuration conf;
  static final Map<String, String> saved = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3Server.start(dir);
    spark = SparkTestSession.get();
    conf = spark.sparkContext().hadoopConfiguration();
    s3.configure(conf);
    // Fail within seconds once the server is gone, instead of s3a's minutes of retries.
    for (Map.Entry<String, String> e : Map.of("fs.s3a.retry.limit", "1",
        "fs.s3a.retry.interval", "50ms", "fs.s3a.attempts.maximum", "1",
        "fs.s3a.connection.timeout", "5s",
        "fs.s3a.retry.throttle.limit", "1").entrySet()) {
      String old = conf.get(e.getKey());
      saved.put(e.getKey(), old);
      conf.set(e.getKey(), e.getValue());
    }
  }

  @AfterAll
  static void stop() {
    saved.forEach((k, v) -> {
      if (v == null) {
        conf.unset(k);
      } else {
        conf.set(k, v);
      }
    });
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void runFailsWithExit4CommitsNothingAndTheRerunEqualsAnUninterruptedRun() throws Exception {
    Path input = writeInput(dir.resolve("in"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    ProtectRequest reference = ProtectRequest.builder(input.toString(), "s3a://bucket/ref/",
        key.spec()).build();
    ProtectRequest request = ProtectRequest.builder(input.toString(), "s3a://bucket/out/",
        key.spec()).build();
    new ProtectJob(spark, reference).execute();

    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    CompletableFuture<Void> run = CompletableFuture.runAsync(
        () -> new ProtectJob(spark, request).execute());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (objects(fs, "out/data/").isEmpty() && !run.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(run).as("the run must still be writing when the server dies").isNotDone();
    s3.kill();
    assertThatThrownBy(() -> run.get(120, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TrainguardException.class)
        .cause().satisfies(e -> assertThat(((TrainguardException) e).exitCode())
            .isEqualTo(ExitCode.SERVICE));

    s3.restart();
    fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    List<String> left = objects(fs, "out/");
    assertThat(left).doesNotContain("out/_SUCCESS", "out/_trainguard/manifest.json")
        .contains("out/_trainguard/_RUN");
    assertThat(objects(fs, "out/data/")).hasSizeLessThan(FILES);

    new ProtectJob(spark, request).execute();

    assertThat(strip(objects(fs, "out/"), "out/")).isEqualTo(strip(objects(fs, "ref/"), "ref/"))
        .contains("_SUCCESS", "_trainguard/manifest.json").hasSize(FILES + 5);
    Path plainOut = dir.resolve("plain-out");
    Path plainRef = dir.resolve("plain-ref");
    new Decryptor(conf, key).decrypt("s3a://bucket/out/", plainOut.toString());
    new Decryptor(conf, key).decrypt("s3a://bucket/ref/", plainRef.toString());
    for (int i = 0; i < FILES; i++) {
      String name = String.format("part-%02d.csv", i);
      assertThat(Files.readAllBytes(plainOut.resolve(name))).as(name)
          .isEqualTo(Files.readAllBytes(plainRef.resolve(name)));
    }
    assertThat(Files.readString(plainOut.resolve("part-00.csv")))
        .doesNotContain("@example.org").contains("<EMAIL_ADDRESS>");
  }

  @Test
  void anOutputWithAnythingElseInItIsNeverReplaced() throws Exception {
    Path input = dir.resolve("small");
    Files.createDirectories(input);
    Files.writeString(input.resolve("a.csv"), "id,email\n1,ana@example.org\n");
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring-small.json"));
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    try (var out = fs.create(new org.apache.hadoop.fs.Path("s3a://bucket/mixed/_trainguard/_RUN"))) {
      out.write("an-earlier-run".getBytes());
    }
    try (var out = fs.create(new org.apache.hadoop.fs.Path("s3a://bucket/mixed/notes.txt"))) {
      out.write("someone's file".getBytes());
    }
    for (boolean overwrite : new boolean[] {false, true}) {
      assertThatThrownBy(() -> new ProtectJob(spark, ProtectRequest.builder(input.toString(),
          "s3a://bucket/mixed/", key.spec()).overwrite(overwrite).build()).execute())
          .isInstanceOfSatisfying(TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessage("Cannot replace output s3a://bucket/mixed: it holds notes.txt, which"
              + " trainguard did not write; remove it or choose another --output");
    }
    assertThat(objects(fs, "mixed/")).contains("mixed/notes.txt", "mixed/_trainguard/_RUN");
  }

  private static Path writeInput(Path in) throws IOException {
    Files.createDirectories(in);
    for (int f = 0; f < FILES; f++) {
      StringBuilder csv = new StringBuilder("id,name,email,note\n");
      for (int r = 0; r < 3_000; r++) {
        csv.append(f).append('-').append(r).append(",user").append(r)
            .append(",user").append(r).append(".f").append(f).append("@example.org")
            .append(",ordered ").append(r % 7).append(" items on day ").append(r % 28)
            .append('\n');
      }
      Files.writeString(in.resolve(String.format("part-%02d.csv", f)), csv);
    }
    return in;
  }

  private static List<String> objects(FileSystem fs, String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("s3a://bucket/" + prefix);
    try {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        keys.add(it.next().getPath().toUri().getPath().substring(1));
      }
    } catch (java.io.FileNotFoundException e) {
      return keys;
    }
    return keys.stream().sorted().toList();
  }

  private static List<String> strip(List<String> keys, String prefix) {
    return keys.stream().map(k -> k.substring(prefix.length())).sorted().toList();
  }
}
