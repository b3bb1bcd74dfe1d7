package io.trainguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.samples.SampleDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench/e2e}: the cost of {@code protect} against an identity Spark job on the same files,
 * each in its own JVM (this JVM's options and classpath, Spark {@code local[2]}) under
 * {@code /usr/bin/time -v}. Without {@code --input} it first generates {@code --mb} MB of the
 * sample dataset's CSV and JSON Lines (names, e-mails, phones, SSNs, cards, notes and tickets with
 * personal data, decoys, numbers). {@code --heap 2g} caps every job's heap (the memory check at
 * scale). With {@code --before-classpath} (set by {@code bench/e2e --before COMMIT}, which builds
 * that commit's jobs jar), {@code protect} also runs from that classpath, alternately with this
 * one's, {@code --rounds} times each. See bench/README.md.
 */
public final class EndToEndBench {

  /** Rows per generated shard (a CSV and a JSON Lines file of a few MB each). */
  private static final int ROWS_PER_SHARD = 16_000;
  private static final Pattern RECORDS = Pattern.compile("records=(\\d+)");
  private static final Pattern MAX_RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern USER_SECONDS =
      Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
  private static final Pattern SYSTEM_SECONDS =
      Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
  static final String CLI = "io.trainguard.jobs.cli.TrainguardCli";
  /** This JVM's classpath: the current build's jobs jar and its dependencies. */
  private static final String CLASSPATH = System.getProperty("java.class.path");
  /** {@code -Xmx} for every job's JVM ({@code --heap}); null keeps this JVM's options. */
  private static String heap;

  /** One job's figures; {@code findings}: the protect run's, from its manifest (-1 for others). */
  record Result(String name, double seconds, double cpuSeconds, long records,
      long findings, long peakRssKb) {}

  private EndToEndBench() {}

  public static void main(String[] args) throws Exception {
    Path input = null;
    int mb = 100;
    Path work = Path.of("bench/target/e2e");
    boolean plaintextRun = true;
    boolean dataFrameRun = true;
    String beforeClasspath = null;
    String beforeCommit = "before";
    int rounds = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input" -> input = Path.of(args[++i]);
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--heap" -> heap = "-Xmx" + args[++i];
        case "--skip-no-encryption" -> plaintextRun = false;
        case "--skip-dataframe" -> dataFrameRun = false;
        case "--before-classpath" -> beforeClasspath = args[++i];
        case "--before-commit" -> beforeCommit = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: bench/e2e [--input DIR] [--mb N] [--work DIR] [--heap SIZE]"
              + " [--skip-no-encryption] [--skip-dataframe] [--before COMMIT [--rounds N]]");
          System.exit(1);
        }
      }
    }
    if (rounds < 1) {
      System.err.println("bench/e2e: --rounds must be at least 1");
      System.exit(1);
    }
    if (input != null && !Files.isDirectory(input)) {
      System.err.println("bench/e2e: --input " + input + " is not a directory");
      System.exit(1);
    }
    work = work.toAbsolutePath();
    Files.createDirectories(work);
    if (input == null) {
      input = work.resolve("input-" + mb + "mb");
      generate(input, mb);
    }
    input = input.toAbsolutePath();
    long bytes;
    int files;
    try (Stream<Path> walk = Files.walk(input)) {
      List<Path> all = walk.filter(Files::isRegularFile).toList();
      files = all.size();
      bytes = all.stream().mapToLong(EndToEndBench::size).sum();
    }
    Path key = work.resolve("keyring.json");
    Files.deleteIfExists(key);
    javaProcess(work.resolve("keygen.log"), List.of(CLI, "keygen", "--out", key.toString()));
    System.out.printf(Locale.ROOT,
        "input %s: %d files, %.1f MB; load average %.2f; %d cores; heap %s%n", input, files,
        bytes / 1e6, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors(), heap == null ? "JVM default" : heap);

    List<Result> results = new ArrayList<>();
    Path identityOut = clean(work.resolve("out-identity"));
    results.add(run(work, "identity", List.of(IdentityCopy.class.getName(), input.toString(),
        identityOut.toString()), null));
    Result dataFrame = null;
    if (dataFrameRun) {
      Path dataFrameOut = clean(work.resolve("out-identity-dataframe"));
      dataFrame = run(work, "identity (DataFrame)", List.of(DataFrameCopy.class.getName(),
          input.toString(), dataFrameOut.toString()), null, results.get(0).records());
      results.add(dataFrame);
    }
    List<String> protect = List.of(CLI, "protect", "--no-progress",
        "--input", input.toString(), "--key", "local:" + key, "--output");
    Path protectOut = clean(work.resolve("out-protect"));
    Path beforeOut = work.resolve("out-protect-before");
    String beforeName = "protect at " + beforeCommit;
    List<Result> after = new ArrayList<>();
    List<Result> before = new ArrayList<>();
    for (int round = 0; round < (beforeClasspath == null ? 1 : rounds); round++) {
      // alternately first and second, so that neither always runs on the warmer machine
      for (boolean current : round % 2 == 0 ? new boolean[] {false, true}
          : new boolean[] {true, false}) {
        if (current) {
          after.add(run(work, "protect", concat(protect, clean(protectOut).toString()),
              protectOut, -1, CLASSPATH));
        } else if (beforeClasspath != null) {
          before.add(run(work, beforeName, concat(protect, clean(beforeOut).toString()),
              beforeOut, -1, beforeClasspath));
        }
      }
    }
    Result protectResult = median(after);
    results.addAll(after);
    results.addAll(before);
    Path help = work.resolve("protect-help.log");
    javaProcess(help, List.of(CLI, "protect", "--help"));
    if (!plaintextRun) {
      System.out.println("protect --no-encryption: skipped (--skip-no-encryption)");
    } else if (Files.readString(help).contains("--no-encryption")) {
      Path plainOut = clean(work.resolve("out-protect-no-encryption"));
      results.add(run(work, "protect --no-encryption",
          concat(protect, plainOut.toString(), "--no-encryption"), plainOut));
    } else {
      System.out.println("protect --no-encryption: not run (this commit has no such option)");
    }

    System.out.printf(Locale.ROOT, "%-26s %9s %8s %10s %12s %8s %13s%n",
        "job", "wall s", "CPU s", "records", "records/s", "MB/s", "peak RSS MB");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-26s %9.1f %8.1f %10d %12.0f %8.2f %13.0f%n", r.name(),
          r.seconds(), r.cpuSeconds(), r.records(), r.records() / r.seconds(),
          mbPerSecond(bytes, r), r.peakRssKb() / 1024.0);
    }
    Result identity = results.get(0);
    // Throughput depends most on how dense the personal data is.
    System.out.printf(Locale.ROOT, "protect findings: %,d, %,.0f per MB of input%n",
        protectResult.findings(), protectResult.findings() / (bytes / 1e6));
    if (dataFrame != null) {
      System.out.printf(Locale.ROOT,
          "protect_vs_dataframe_identity=%.2f dataframe_identity_mb_s=%.3f%n",
          protectResult.seconds() / dataFrame.seconds(), mbPerSecond(bytes, dataFrame));
    }
    if (!before.isEmpty()) {
      Result b = median(before);
      System.out.printf(Locale.ROOT, "before: %s (median of %d runs each)%n", beforeCommit,
          before.size());
      System.out.printf(Locale.ROOT,
          "protect_before_vs_identity=%.2f protect_before_mb_s=%.3f protect_before_cpu_s=%.1f"
              + " protect_cpu_s=%.1f protect_after_vs_before=%.3f%n",
          b.seconds() / identity.seconds(), mbPerSecond(bytes, b), b.cpuSeconds(),
          protectResult.cpuSeconds(), protectResult.seconds() / b.seconds());
    }
    System.out.printf(Locale.ROOT,
        "protect_vs_identity=%.2f protect_mb_s=%.3f identity_mb_s=%.3f%n",
        protectResult.seconds() / identity.seconds(), mbPerSecond(bytes, protectResult),
        mbPerSecond(bytes, identity));
  }

  /** Writes shards of the sample dataset (one seed each) until {@code mb} MB are on disk. */
  private static void generate(Path dir, int mb) throws IOException {
    clean(dir);
    long target = mb * 1_000_000L;
    long written = 0;
    for (int shard = 1; written < target; shard++) {
      Path part = dir.resolve(String.format(Locale.ROOT, "part-%03d", shard));
      long left = target - written;
      int rows = (int) Math.max(100, Math.min(ROWS_PER_SHARD, left / 330));
      SampleDataset.write(part, rows, shard);
      try (Stream<Path> walk = Files.walk(part)) {
        written += walk.filter(Files::isRegularFile).mapToLong(EndToEndBench::size).sum();
      }
    }
  }

  /** The run of median wall time among {@code runs} (the later one of the middle two). */
  private static Result median(List<Result> runs) {
    List<Result> sorted = runs.stream().sorted(Comparator.comparingDouble(Result::seconds))
        .toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Runs one job in its own JVM under /usr/bin/time -v. */
  static Result run(Path work, String name, List<String> mainAndArgs, Path protectOutput)
      throws Exception {
    return run(work, name, mainAndArgs, protectOutput, -1);
  }

  /** As above; {@code knownRecords}, when not -1: the input's records (the job prints none). */
  private static Result run(Path work, String name, List<String> mainAndArgs, Path protectOutput,
      long knownRecords) throws Exception {
    return run(work, name, mainAndArgs, protectOutput, knownRecords, CLASSPATH);
  }

  /** As above, the job's JVM on {@code classpath}. */
  private static Result run(Path work, String name, List<String> mainAndArgs, Path protectOutput,
      long knownRecords, String classpath) throws Exception {
    String file = name.replaceAll("[^A-Za-z-]+", "_");
    Path timeFile = work.resolve(file + ".time");
    Path log = work.resolve(file + ".log");
    System.out.println("running " + name + " ...");
    long start = System.nanoTime();
    javaProcess(log, List.of("/usr/bin/time", "-v", "-o", timeFile.toString()), mainAndArgs,
        classpath);
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode manifest = protectOutput == null ? null
        : new ObjectMapper().readTree(protectOutput.resolve("_trainguard/manifest.json").toFile());
    long records = knownRecords >= 0 ? knownRecords
        : manifest == null ? find(RECORDS, Files.readString(log), log)
        : manifest.path("accounting").path("records_in").asLong();
    long findings = -1;
    if (manifest != null) {
      findings = 0;
      for (JsonNode entity : manifest.path("findings")) {
        findings += entity.path("count").asLong();
      }
    }
    String times = Files.readString(timeFile);
    double cpuSeconds = seconds(USER_SECONDS, times, timeFile)
        + seconds(SYSTEM_SECONDS, times, timeFile);
    return new Result(name, seconds, cpuSeconds, records, findings,
        find(MAX_RSS, times, timeFile));
  }

  static void javaProcess(Path log, List<String> mainAndArgs) throws Exception {
    javaProcess(log, List.of(), mainAndArgs, CLASSPATH);
  }

  /**
   * Runs a main class in a JVM with this JVM's options and classpath and Spark {@code local[2]},
   * wrapped by {@code wrapper} (e.g. /usr/bin/time), output to {@code log}; exits when it fails.
   */
  private static void javaProcess(Path log, List<String> wrapper, List<String> mainAndArgs,
      String classpath) throws Exception {
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (heap != null) {
      command.add(heap);
    }
    command.addAll(List.of("-Dspark.master=local[2]", "-cp", classpath));
    command.addAll(mainAndArgs);
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    if (code != 0) {
      System.err.println(String.join(" ", mainAndArgs) + " failed with exit code " + code
          + "; see " + log);
      System.exit(2);
    }
  }

  private static long find(Pattern pattern, String text, Path source) {
    return Long.parseLong(group(pattern, text, source));
  }

  private static double seconds(Pattern pattern, String text, Path source) {
    return Double.parseDouble(group(pattern, text, source));
  }

  private static String group(Pattern pattern, String text, Path source) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("No " + pattern + " in " + source);
    }
    return m.group(1);
  }

  private static double mbPerSecond(long bytes, Result r) {
    return bytes / 1e6 / r.seconds();
  }

  private static List<String> concat(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }

  static Path clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
