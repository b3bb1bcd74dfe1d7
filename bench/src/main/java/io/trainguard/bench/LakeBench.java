package io.trainguard.bench;

import io.trainguard.jobs.cli.TrainguardCli;
import io.trainguard.redaction.Policy;
import io.trainguard.samples.SampleDataset;
import io.trainguard.spark.RedactedFrame;
import io.trainguard.spark.TrainGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench/lake}: wall times of the data-lake paths on the same generated data, in one JVM
 * and Spark session (a warm-up protect first): protect on plain vs gzipped files, protect on
 * Parquet vs the DataFrame API on the same Parquet, scan with a 0.1 sample vs the full protect.
 */
public final class LakeBench {

  private static final int ROWS_PER_SHARD = 16_000;

  private LakeBench() {}

  public static void main(String[] args) throws Exception {
    int mb = 100;
    Path workDir = Path.of("bench/target/lake");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--work" -> workDir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    Path work = workDir;
    clean(work);
    Path plain = work.resolve("plain");
    Path gz = work.resolve("gz");
    Path parquet = work.resolve("parquet");
    generate(plain, mb);
    gzipAll(plain, gz);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench-lake")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.read().option("header", "true").csv(plain + "/*/*.csv")
        .write().parquet(parquet.toString());
    Path key = work.resolve("key.json");
    cli("keygen", "--out", key.toString());
    String keySpec = "local:" + key;

    Map<String, Object> n = new LinkedHashMap<>();
    n.put("input_mb_plain", bytes(plain) / 1e6);
    n.put("input_mb_gz", bytes(gz) / 1e6);
    n.put("input_mb_parquet", bytes(parquet) / 1e6);
    n.put("files_plain", files(plain));
    Path warm = work.resolve("warm");
    Files.createDirectories(warm);
    try (Stream<Path> first = Files.list(plain)) {
      Path shard = first.sorted().findFirst().orElseThrow();
      copy(shard, warm.resolve(shard.getFileName()));
    }
    cli("protect", "--input", warm.toString(), "--output", work.resolve("out-warm").toString(),
        "--key", keySpec);

    n.put("protect_plain_s", timed(() -> cli("protect", "--input", plain.toString(), "--output",
        work.resolve("out-plain").toString(), "--key", keySpec)));
    n.put("protect_gz_s", timed(() -> cli("protect", "--input", gz.toString(), "--output",
        work.resolve("out-gz").toString(), "--key", keySpec)));
    n.put("scan_sample_0.1_s", timed(() -> cli("scan", "--input", plain.toString(),
        "--sample", "0.1")));
    n.put("scan_full_s", timed(() -> cli("scan", "--input", plain.toString())));
    n.put("protect_parquet_s", timed(() -> cli("protect", "--input", parquet.toString(),
        "--output", work.resolve("out-parquet").toString(), "--key", keySpec)));
    long[] rows = new long[1];
    n.put("dataframe_redact_and_write_parquet_s", timed(() -> {
      try (RedactedFrame r = TrainGuard.redact(spark.read().parquet(parquet.toString()),
          Policy.strict(), keySpec, work.resolve("frame-secret.enc").toString())) {
        r.data().write().parquet(work.resolve("out-frame").toString());
        rows[0] = r.summary().records();
      }
    }));
    n.put("dataframe_rows", rows[0]);
    n.put("parquet_mb_per_s_protect",
        round((double) n.get("input_mb_parquet") / (double) n.get("protect_parquet_s")));
    n.put("parquet_mb_per_s_dataframe", round((double) n.get("input_mb_parquet")
        / (double) n.get("dataframe_redact_and_write_parquet_s")));
    n.put("gz_vs_plain", round((double) n.get("protect_gz_s") / (double) n.get("protect_plain_s")));
    n.put("scan_0.1_vs_protect",
        round((double) n.get("scan_sample_0.1_s") / (double) n.get("protect_plain_s")));
    spark.stop();
    StringBuilder json = new StringBuilder("{");
    n.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k)
        .append("\": ").append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v));
    System.out.println("lake " + json.append('}'));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double timed(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return round((System.nanoTime() - start) / 1e9);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void cli(String... args) {
    int code = TrainguardCli.run(args);
    if (code != 0) {
      throw new IllegalStateException("trainguard " + args[0] + " exited " + code);
    }
  }

  private static void generate(Path dir, int mb) throws IOException {
    long target = mb * 1_000_000L;
    for (int shard = 1; bytes(dir) < target; shard++) {
      Path part = dir.resolve(String.format(Locale.ROOT, "part-%03d", shard));
      long left = target - bytes(dir);
      SampleDataset.write(part, (int) Math.max(100, Math.min(ROWS_PER_SHARD, left / 330)), shard);
    }
  }

  private static void gzipAll(Path from, Path to) throws IOException {
    for (Path f : regularFiles(from)) {
      Path target = to.resolve(from.relativize(f).toString() + ".gz");
      Files.createDirectories(target.getParent());
      try (InputStream in = Files.newInputStream(f);
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16)) {
        in.transferTo(out);
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    for (Path f : regularFiles(from)) {
      Path target = to.resolve(from.relativize(f));
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_")
              && !p.getFileName().toString().startsWith("."))
          .sorted().toList());
    }
  }

  private static long bytes(Path dir) throws IOException {
    long total = 0;
    for (Path f : regularFiles(dir)) {
      total += Files.size(f);
    }
    return total;
  }

  private static int files(Path dir) throws IOException {
    return regularFiles(dir).size();
  }

  private static void clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
