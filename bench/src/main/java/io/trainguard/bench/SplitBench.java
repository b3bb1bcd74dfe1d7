package io.trainguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.samples.SampleDataset;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/split}: one large CSV and one large JSON Lines file, each protected read in
 * slices (the default split size), read whole ({@code --split-size 1t}, as before splitting) and
 * as the same records in 16 files, each run in its own JVM (Spark {@code local[2]}) under
 * {@code /usr/bin/time -v}: wall seconds, CPU seconds and their ratio (cores kept busy). Writes
 * the figures to {@code bench/results/split-DATE.json}. See bench/README.md.
 */
public final class SplitBench {

  private static final int SHARDS = 16;

  private SplitBench() {}

  public static void main(String[] args) throws Exception {
    int mb = 2000;
    Path work = Path.of("bench/target/split");
    String commit = "unknown";
    boolean whole = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--commit" -> commit = args[++i];
        case "--skip-whole" -> whole = false;
        default -> {
          System.err.println("usage: bench/split [--mb N] [--work DIR] [--skip-whole]");
          System.exit(1);
        }
      }
    }
    work = Files.createDirectories(work).toAbsolutePath();
    Path inputs = work.resolve("input-" + mb + "mb");
    if (!Files.exists(inputs.resolve("done"))) {
      generate(inputs, mb * 1_000_000L);
    }
    Path key = work.resolve("keyring.json");
    Files.deleteIfExists(key);
    EndToEndBench.javaProcess(work.resolve("keygen.log"),
        List.of(EndToEndBench.CLI, "keygen", "--out", key.toString()));
    double[] loadBefore = loadAverages();
    ObjectMapper json = new ObjectMapper();
    ObjectNode report = json.createObjectNode();
    report.put("commit", commit).put("date", LocalDate.now(ZoneOffset.UTC).toString())
        .put("command", "bench/split --mb " + mb + (whole ? "" : " --skip-whole"));
    report.putObject("machine").put("cores", Runtime.getRuntime().availableProcessors())
        .put("spark_master", "local[2]")
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .put("load_average_before", loadBefore[0]);
    ArrayNode runs = report.putArray("runs");
    ObjectNode allRatios = report.putObject("ratios");
    System.out.printf(Locale.ROOT, "%-28s %10s %9s %8s %10s%n", "run", "MB", "wall s", "CPU s",
        "CPU/wall");
    for (String format : List.of("csv", "jsonl")) {
      ObjectNode ratios = allRatios.putObject(format);
      if (whole) {
        ratios.put("cpu_per_wall_whole", ratio(protect(work, key, inputs.resolve(format + "-one"),
            format + " one file", runs, "--split-size", "1t")));
      }
      EndToEndBench.Result split = protect(work, key, inputs.resolve(format + "-one"),
          format + " one file split", runs);
      EndToEndBench.Result files = protect(work, key, inputs.resolve(format + "-16"),
          format + " 16 files", runs);
      ratios.put("cpu_per_wall_split", ratio(split))
          .put("cpu_per_wall_16_files", ratio(files))
          .put("split_wall_vs_16_files", round(split.seconds() / files.seconds()));
    }
    double[] loadAfter = loadAverages();
    ((ObjectNode) report.get("machine")).put("load_average_after", loadAfter[0])
        .put("load_average_5min_after", loadAfter[1]).put("load_average_15min_after", loadAfter[2]);
    Path out = Path.of("bench/results/split-" + LocalDate.now(ZoneOffset.UTC) + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
    for (String format : List.of("csv", "jsonl")) {
      StringBuilder line = new StringBuilder();
      allRatios.get(format).fields().forEachRemaining(e -> line.append(line.isEmpty() ? "" : " ")
          .append(format).append('_').append(e.getKey()).append('=').append(e.getValue()));
      System.out.println(line);
    }
    System.out.println("written to " + out);
  }

  private static EndToEndBench.Result protect(Path work, Path key, Path input, String name,
      ArrayNode runs, String... options) throws Exception {
    Path output = EndToEndBench.clean(work.resolve("out-" + name.replace(' ', '-')));
    List<String> command = new ArrayList<>(List.of(EndToEndBench.CLI, "protect",
        "--no-progress", "--input", input.toString(), "--key", "local:" + key, "--output",
        output.toString()));
    command.addAll(List.of(options));
    double load = loadAverages()[0];
    EndToEndBench.Result r = EndToEndBench.run(work, name, command, output);
    long bytes;
    try (var files = Files.list(input)) {
      bytes = files.mapToLong(EndToEndBench::size).sum();
    }
    System.out.printf(Locale.ROOT, "%-28s %10.1f %9.1f %8.1f %10.2f%n", name, bytes / 1e6,
        r.seconds(), r.cpuSeconds(), ratio(r));
    runs.addObject().put("name", name).put("options", String.join(" ", options))
        .put("input_mb", round(bytes / 1e6)).put("records", r.records())
        .put("wall_seconds", round(r.seconds())).put("cpu_seconds", round(r.cpuSeconds()))
        .put("cpu_per_wall", ratio(r)).put("peak_rss_mb", round(r.peakRssKb() / 1024.0))
        .put("load_average_at_start", load);
    return r;
  }

  private static double ratio(EndToEndBench.Result r) {
    return round(r.cpuSeconds() / r.seconds());
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  /** The 1, 5 and 15 minute load averages. */
  private static double[] loadAverages() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
        Double.parseDouble(f[2])};
  }

  /**
   * Sample shards until {@code bytes} of CSV and of JSON Lines are written; then one file of
   * each ({@code csv-one/big.csv}, {@code jsonl-one/big.jsonl}) and the same records in 16 files
   * ({@code csv-16/}, {@code jsonl-16/}, each CSV with the header).
   */
  private static void generate(Path dir, long bytes) throws IOException {
    EndToEndBench.clean(dir);
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Path csv = Files.createDirectories(dir.resolve("csv-one")).resolve("big.csv");
    Path jsonl = Files.createDirectories(dir.resolve("jsonl-one")).resolve("big.jsonl");
    String header = null;
    try (BufferedWriter c = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        BufferedWriter j = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
      long csvBytes = 0;
      long jsonlBytes = 0;
      for (int shard = 1; csvBytes < bytes || jsonlBytes < bytes; shard++) {
        Path part = shards.resolve("part-" + shard);
        SampleDataset.write(part, 16_000, shard);
        List<String> lines = Files.readAllLines(part.resolve(SampleDataset.CSV_FILE));
        if (csvBytes < bytes) {
          if (header == null) {
            header = lines.get(0);
            c.write(header + "\n");
          }
          for (String line : lines.subList(1, lines.size())) {
            c.write(line + "\n");
            csvBytes += line.length() + 1;
          }
        }
        if (jsonlBytes < bytes) {
          for (String line : Files.readAllLines(part.resolve(SampleDataset.JSONL_FILE))) {
            j.write(line + "\n");
            jsonlBytes += line.length() + 1;
          }
        }
        EndToEndBench.clean(part);
      }
    }
    cut(csv, Files.createDirectories(dir.resolve("csv-16")), "part-%02d.csv", header);
    cut(jsonl, Files.createDirectories(dir.resolve("jsonl-16")), "part-%02d.jsonl", null);
    Files.writeString(dir.resolve("done"), "");
  }

  /** Cuts {@code file} into {@link #SHARDS} files of about equal size at line ends. */
  private static void cut(Path file, Path dir, String name, String header) throws IOException {
    long target = Files.size(file) / SHARDS + 1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (header != null) {
        in.readLine();
      }
      String line = in.readLine();
      for (int shard = 0; shard < SHARDS; shard++) {
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(
            dir.resolve(String.format(Locale.ROOT, name, shard)), StandardCharsets.UTF_8)) {
          if (header != null) {
            out.write(header + "\n");
          }
          while (line != null && (written < target || shard == SHARDS - 1)) {
            out.write(line + "\n");
            written += line.length() + 1;
            line = in.readLine();
          }
        }
      }
    }
  }
}
