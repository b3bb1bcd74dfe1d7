package io.trainguard.bench;

import io.trainguard.classifiers.Analyzer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DetectorBenchmark} (default pack, its full scan, the baseline and the pack's regex
 * matches alone, side by side in one JMH run, with the GC profiler) and prints MB/s per core, the
 * speed-ups, the regex ceiling and allocation per MB of input. The last line is
 * {@code detector_mb_s_per_core=X speedup_vs_baseline=Y}. Usage:
 * {@code DetectorReport --log FILE [--input FILE.jsonl]}.
 */
public final class DetectorReport {

  private static final String PACK = "defaultPack";
  private static final String FULL_SCAN = "defaultPackFullScan";
  private static final String BASELINE = "presidioBaseline";
  private static final String REGEX_ONLY = "regexMatchesOnly";
  private static final int FORKS = 1;
  /** Long enough for C2 to settle on the pack's regexes and libphonenumber (measured). */
  private static final int WARMUP_ITERATIONS = 6;
  private static final int WARMUP_SECONDS = 2;
  private static final int ITERATIONS = 5;
  private static final int ITERATION_SECONDS = 2;

  private DetectorReport() {}

  /** One benchmark's figures, per MB of its input. */
  private record Figures(double mbPerSecond, double error, double allocBytesPerMb) {}

  public static void main(String[] args) throws RunnerException {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench/detector: error: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String[] args) throws RunnerException {
    String file = null;
    String log = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input" -> file = args[++i];
        case "--log" -> log = args[++i];
        default -> throw new IllegalArgumentException("Invalid argument: " + args[i]
            + " (usage: --log FILE [--input FILE.jsonl])");
      }
    }
    if (log == null) {
      throw new IllegalArgumentException("Missing --log FILE (where JMH writes its own output)");
    }
    List<String> inputs = file == null ? List.of("text", "cells")
        : List.of(BenchInputs.file(file));
    Map<String, Long> bytes = new LinkedHashMap<>();
    Map<String, Integer> strings = new LinkedHashMap<>();
    Map<String, Long> findings = new LinkedHashMap<>();
    Map<String, Integer> regexMatches = new LinkedHashMap<>();
    Analyzer analyzer = Analyzer.defaults();
    for (String input : inputs) {
      List<String> texts = BenchInputs.load(input); // fail here, not in a fork, on a bad file
      bytes.put(input, BenchInputs.utf8Bytes(texts));
      strings.put(input, texts.size());
      // How dense the personal data is: the figure throughput depends on most.
      findings.put(input, texts.stream().mapToLong(t -> analyzer.analyze(t).size()).sum());
      regexMatches.put(input, new RegexMatches(analyzer.recognizers(), texts).matches().size());
    }

    Options options = new OptionsBuilder()
        .include(DetectorBenchmark.class.getName() + "\\.")
        .param("input", inputs.toArray(String[]::new))
        .forks(FORKS).threads(1)
        .warmupIterations(WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(WARMUP_SECONDS))
        .measurementIterations(ITERATIONS).measurementTime(TimeValue.seconds(ITERATION_SECONDS))
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .shouldFailOnError(true)
        .output(log)
        .build();
    ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, Figures> figures = new LinkedHashMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String input = result.getParams().getParam("input");
      double mb = bytes.get(input) / 1e6;
      figures.put(key(method.substring(method.lastIndexOf('.') + 1), input), new Figures(
          result.getPrimaryResult().getScore() * mb,
          result.getPrimaryResult().getScoreError() * mb, allocPerOp(result) / mb));
    }

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.printf(Locale.ROOT,
        "trainguard detector throughput, started %s, Java %s, %d cores, load before run %s%n",
        started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        loadBefore);
    out.printf(Locale.ROOT, "JMH: 1 thread, %d fork, %d x %d s warm-up, %d x %d s measured; "
        + "MB = 10^6 bytes of UTF-8 input; log: %s%n%n", FORKS, WARMUP_ITERATIONS,
        WARMUP_SECONDS, ITERATIONS, ITERATION_SECONDS, log);
    out.printf("%-6s %8s %8s  %-26s %12s %10s %18s%n", "input", "strings", "MB", "benchmark",
        "MB/s/core", "+-99.9%", "alloc B/MB input");
    for (String input : inputs) {
      for (String method : List.of(PACK, FULL_SCAN, BASELINE, REGEX_ONLY)) {
        Figures f = figures.get(key(method, input));
        out.printf(Locale.ROOT, "%-6s %8s %8s  %-26s %12.2f %10.2f %,18.0f%n",
            BenchInputs.label(input),
            method.equals(PACK) ? String.format(Locale.ROOT, "%,d", strings.get(input)) : "",
            method.equals(PACK) ? String.format(Locale.ROOT, "%.3f", bytes.get(input) / 1e6)
                : "", switch (method) {
                  case PACK -> "Analyzer.defaults()";
                  case FULL_SCAN -> "  .fullScan()";
                  case REGEX_ONLY -> "  its regex matches only";
                  default -> "Presidio-style baseline";
                },
            f.mbPerSecond(), f.error(), f.allocBytesPerMb());
      }
    }
    out.println();
    for (String input : inputs) {
      out.printf(Locale.ROOT, "%s: default pack %.2f MB/s per core, %.2fx the baseline, %.2fx"
          + " its full scan; %,d findings, %,.0f per MB%n",
          BenchInputs.label(input),
          figures.get(key(PACK, input)).mbPerSecond(), speedup(figures, input),
          figures.get(key(PACK, input)).mbPerSecond()
              / figures.get(key(FULL_SCAN, input)).mbPerSecond(),
          findings.get(input), findings.get(input) / (bytes.get(input) / 1e6));
    }
    for (String input : inputs) {
      // A detector that finds these matches with java.util.regex is at most this fast here.
      out.printf(Locale.ROOT, "%s: the pack's %,d successful regex matches alone run at %.2f MB/s"
          + " per core, the most a detector that finds them with java.util.regex can reach%n",
          BenchInputs.label(input), regexMatches.get(input),
          figures.get(key(REGEX_ONLY, input)).mbPerSecond());
    }
    if (file == null) {
      out.printf(Locale.ROOT, "cells_mb_s_per_core=%.2f cells_speedup_vs_baseline=%.2f%n",
          figures.get(key(PACK, "cells")).mbPerSecond(), speedup(figures, "cells"));
    }
    String main = inputs.get(0);
    out.printf(Locale.ROOT, "detector_mb_s_per_core=%.2f speedup_vs_baseline=%.2f%n",
        figures.get(key(PACK, main)).mbPerSecond(), speedup(figures, main));
  }

  /** The 1-minute load average: other work on the machine skews the figures. */
  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  private static String key(String method, String input) {
    return method + " " + input;
  }

  private static double speedup(Map<String, Figures> figures, String input) {
    return figures.get(key(PACK, input)).mbPerSecond()
        / figures.get(key(BASELINE, input)).mbPerSecond();
  }

  /** Bytes allocated per operation, from the GC profiler ({@code gc.alloc.rate.norm}). */
  private static double allocPerOp(RunResult result) {
    for (String name : result.getSecondaryResults().keySet()) {
      if (name.endsWith("gc.alloc.rate.norm")) {
        return result.getSecondaryResults().get(name).getScore();
      }
    }
    return Double.NaN;
  }
}
