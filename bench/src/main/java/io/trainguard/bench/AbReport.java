package io.trainguard.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bench/ab}: the detector of two builds of the classifiers module (before and after a
 * change), each in its own class loader in one JVM, NER off and on, on prose and support
 * tickets, interleaved by thread CPU time ({@link #rounds}), so that the load of a shared machine
 * weighs on both alike. See bench/README.md.
 */
public final class AbReport {

  static final int WARM_UP = 3;
  static final int ROUNDS = 7;

  private AbReport() {
  }

  /** Arguments: the before and after classes directories, then the dependencies' classpath. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("bench/ab: error: usage: BEFORE_CLASSES AFTER_CLASSES CLASSPATH");
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "load average before: %.2f%n", load());
    List<Function<String, Integer>> detectors = new ArrayList<>();
    for (boolean ner : new boolean[] {false, true}) {
      detectors.add(detector(args[0], args[2], ner));
      detectors.add(detector(args[1], args[2], ner));
    }
    String[] names = {"ner_off_before", "ner_off_after", "ner_on_before", "ner_on_after"};
    Map<String, List<String>> inputs = NerReport.speedInputs();
    List<List<String>> texts = List.copyOf(inputs.values());
    long[] bytes = texts.stream().mapToLong(BenchInputs::utf8Bytes).toArray();
    double[][][] mbs = rounds(detectors, texts, bytes, 500_000_000L);
    StringBuilder last = new StringBuilder();
    int i = 0;
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      double[][] rounds = mbs[i];
      System.out.printf(Locale.ROOT, "%-8s %5d texts %5.2f MB, MB per CPU-second (median round):"
          + " NER off %6.2f -> %6.2f (%.2fx), NER on %6.2f -> %6.2f (%.2fx)%n", input.getKey(),
          texts.get(i).size(), bytes[i] / 1e6, median(rounds[0]), median(rounds[1]),
          medianRatio(rounds[1], rounds[0]), median(rounds[2]), median(rounds[3]),
          medianRatio(rounds[3], rounds[2]));
      for (int a = 0; a < names.length; a++) {
        System.out.printf(Locale.ROOT, "  %-14s rounds:", names[a]);
        for (double round : rounds[a]) {
          System.out.printf(Locale.ROOT, " %6.2f", round);
        }
        System.out.println();
        last.append(last.length() == 0 ? "" : " ").append(input.getKey()).append('_')
            .append(names[a]).append('=').append(String.format(Locale.ROOT, "%.2f",
                median(rounds[a])));
      }
      for (String ner : new String[] {"off", "on"}) {
        int after = ner.equals("off") ? 1 : 3;
        last.append(' ').append(input.getKey()).append("_ner_").append(ner).append("_ratio=")
            .append(String.format(Locale.ROOT, "%.3f",
                medianRatio(rounds[after], rounds[after - 1])));
      }
      i++;
    }
    System.out.printf(Locale.ROOT, "load average after: %.2f%n", load());
    System.out.println(last);
  }

  /**
   * The built-in pack's analyzer from the classifiers classes in {@code classes} (with or
   * without NER), as a function from a text to its number of findings.
   */
  private static Function<String, Integer> detector(String classes, String classpath, boolean ner)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of(classes).toUri().toURL());
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !entry.contains("trainguard-classifiers")
          && !entry.endsWith("classifiers/target/classes")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
    Class<?> analyzerClass = loader.loadClass("io.trainguard.classifiers.Analyzer");
    Object analyzer = analyzerClass.getMethod("defaults").invoke(null);
    if (!ner) {
      Object recognizers = analyzerClass.getMethod("recognizers").invoke(analyzer);
      Object withoutNer = loader.loadClass("io.trainguard.classifiers.NameRecognizer")
          .getMethod("withoutNer", List.class).invoke(null, recognizers);
      double threshold = (double) analyzerClass.getMethod("threshold").invoke(analyzer);
      analyzer = analyzerClass.getConstructor(List.class, double.class)
          .newInstance(withoutNer, threshold);
    }
    Object a = analyzer;
    Method analyze = analyzerClass.getMethod("analyze", String.class);
    return text -> {
      try {
        return ((List<?>) analyze.invoke(a, text)).size();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * MB per CPU-second of every detector on every input ({@code [input][detector][round]}) in
   * {@value #ROUNDS} timed rounds after {@value #WARM_UP} untimed ones, so that every detector
   * has run on every input before any is timed. In each round every input in turn, and on it
   * every detector in turn, runs over all texts for at least {@code cpuNanos}; the order of the
   * inputs and of the detectors alternates from round to round, so neither is always timed
   * first or right after the other.
   */
  static double[][][] rounds(List<Function<String, Integer>> detectors, List<List<String>> inputs,
      long[] bytes, long cpuNanos) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int n = detectors.size();
    double[][][] mbs = new double[inputs.size()][n][ROUNDS];
    long sink = 0;
    for (int round = -WARM_UP; round < ROUNDS; round++) {
      boolean forward = (round + WARM_UP) % 2 == 0;
      for (int k = 0; k < inputs.size(); k++) {
        int i = forward ? k : inputs.size() - 1 - k;
        for (int j = 0; j < n; j++) {
          int a = forward == (k % 2 == 0) ? j : n - 1 - j;
          long start = threads.getCurrentThreadCpuTime();
          long passes = 0;
          long cpu;
          do {
            for (String text : inputs.get(i)) {
              sink += detectors.get(a).apply(text);
            }
            passes++;
            cpu = threads.getCurrentThreadCpuTime() - start;
          } while (cpu < cpuNanos);
          if (round >= 0) {
            mbs[i][a][round] = passes * bytes[i] / 1e6 / (cpu / 1e9);
          }
        }
      }
    }
    if (sink < 0) {
      throw new AssertionError();
    }
    return mbs;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /** The median over rounds of {@code after[r] / before[r]}: both timed in the same round. */
  static double medianRatio(double[] after, double[] before) {
    double[] ratios = new double[after.length];
    for (int r = 0; r < after.length; r++) {
      ratios[r] = after[r] / before[r];
    }
    return median(ratios);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
