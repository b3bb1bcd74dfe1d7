package io.trainguard.bench;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.RecognizerPack;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link DetectorBenchmark} variants timed by the CPU time of the measuring thread instead
 * of wall time, interleaved round by round: on a machine shared with other builds a thread's
 * wall time mostly measures how long it waited for a core, and load that changes during a JMH
 * run skews one variant against the next. Prints the median MB per CPU-second of each variant
 * and the median of the per-round ratios, on the corpus's text and cells or, with
 * {@code --input FILE.jsonl}, on the file's texts. Last line:
 * {@code cpu_detector_mb_s_per_core=X cpu_speedup_vs_baseline=Y cpu_speedup_vs_full_scan=Z}.
 */
public final class DetectorCpuReport {

  private static final int WARMUP_ROUNDS = 5;
  private static final int ROUNDS = 9;
  /** CPU time each variant gets per round. */
  private static final long ROUND_NANOS = 400_000_000L;

  private DetectorCpuReport() {}

  public static void main(String[] args) {
    List<String> inputs;
    if (args.length == 0) {
      inputs = List.of("text", "cells");
    } else if (args.length == 2 && args[0].equals("--input")) {
      inputs = List.of(BenchInputs.file(args[1]));
    } else {
      System.err.println("bench/detector --cpu-time: error: usage: [--input FILE.jsonl]");
      System.exit(1);
      return;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.printf(Locale.ROOT, "trainguard detector CPU-time throughput, Java %s, %d cores, "
        + "%d warm-up + %d measured rounds of %d ms CPU per variant, interleaved%n%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        WARMUP_ROUNDS, ROUNDS, ROUND_NANOS / 1_000_000);
    PresidioStyleBaseline baseline = new PresidioStyleBaseline(
        RecognizerPack.combine(List.of(RecognizerPack.builtIn())));
    String last = "";
    for (String source : inputs) {
      List<String> texts = BenchInputs.load(source);
      String input = BenchInputs.label(source);
      double mb = BenchInputs.utf8Bytes(texts) / 1e6;
      // New per input: a thread's DFAs of match starts, once turned off by one input's texts,
      // would stay off for the next.
      Analyzer analyzer = Analyzer.defaults();
      Analyzer fullScan = analyzer.fullScan();
      Map<String, Consumer<String>> variants = new LinkedHashMap<>();
      variants.put("Analyzer.defaults()", analyzer::analyze);
      variants.put("  .fullScan()", fullScan::analyze);
      variants.put("Presidio-style baseline", baseline::candidates);
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      variants.keySet().forEach(k -> rates.put(k, new ArrayList<>()));
      for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
        for (Map.Entry<String, Consumer<String>> v : variants.entrySet()) {
          long start = threads.getCurrentThreadCpuTime();
          long passes = 0;
          long spent;
          do {
            texts.forEach(v.getValue());
            passes++;
            spent = threads.getCurrentThreadCpuTime() - start;
          } while (spent < ROUND_NANOS);
          if (round >= WARMUP_ROUNDS) {
            rates.get(v.getKey()).add(passes * mb / (spent / 1e9));
          }
        }
      }
      List<Double> pack = rates.get("Analyzer.defaults()");
      for (Map.Entry<String, List<Double>> r : rates.entrySet()) {
        out.printf(Locale.ROOT, "%-6s %-26s %10.2f MB per CPU-second (rounds %.2f-%.2f)%n",
            input, r.getKey(), median(r.getValue()), min(r.getValue()), max(r.getValue()));
      }
      double vsBaseline = medianRatio(pack, rates.get("Presidio-style baseline"));
      double vsFull = medianRatio(pack, rates.get("  .fullScan()"));
      out.printf(Locale.ROOT, "%s: default pack %.2fx the baseline, %.2fx its full scan "
          + "(median of per-round ratios)%n%n", input, vsBaseline, vsFull);
      String line = String.format(Locale.ROOT, "mb_s_per_core=%.2f %sspeedup_vs_baseline=%.2f "
          + "%sspeedup_vs_full_scan=%.2f", median(pack), prefix(input), vsBaseline,
          prefix(input), vsFull);
      if (input.equals("cells")) {
        out.println("cpu_cells_" + line);
      } else {
        last = "cpu_detector_" + line;
      }
    }
    out.println(last);
  }

  private static String prefix(String input) {
    return input.equals("cells") ? "cpu_cells_" : "cpu_";
  }

  private static double medianRatio(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return median(ratios);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
