package io.trainguard.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * {@code bench/ab}: the detector of two builds of the classifiers module (before and after a
 * change), each in its own class loader, NER off and on, on prose and support tickets,
 * interleaved by thread CPU time ({@link #rounds}), so that the load of a shared machine weighs on
 * both alike, in two JVMs: one loads the before build first, the other the after build. See
 * bench/README.md.
 */
public final class AbReport {

  static final int WARM_UP = 3;
  static final int ROUNDS = 5;
  static final String[] NAMES = {"ner_off_before", "ner_off_after", "ner_on_before",
      "ner_on_after"};
  static final String[] LEGS = {"before", "after"};

  private AbReport() {
  }

  /**
   * Arguments: the before and after classes directories, then the dependencies' classpath. Runs
   * one leg per build loaded first, each in its own JVM with this one's options (a JVM favours
   * the build it loads first), and reports the rounds of both.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("--leg")) {
      leg(args[1], args[2], args[3], args[4]);
      return;
    }
    if (args.length != 3) {
      System.err.println("bench/ab: error: usage: BEFORE_CLASSES AFTER_CLASSES CLASSPATH");
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "load average before: %.2f%n", load());
    List<String> inputs = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    double[][][][] legs = new double[LEGS.length][][][];
    for (int l = 0; l < LEGS.length; l++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          AbReport.class.getName(), "--leg", LEGS[l], args[0], args[1], args[2]));
      System.out.printf(Locale.ROOT, "leg %d: %s loaded first%n", l + 1, LEGS[l]);
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<double[][]> rounds = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          String[] fields = line.split(" ");
          if (fields[0].equals("input")) {
            if (l == 0) {
              inputs.add(fields[1]);
              sizes.add(fields[2] + " texts " + fields[3] + " MB");
            }
            rounds.add(new double[NAMES.length][]);
          } else if (fields[0].equals("rounds")) {
            rounds.get(rounds.size() - 1)[Arrays.asList(NAMES).indexOf(fields[1])] =
                Arrays.stream(fields, 2, fields.length).mapToDouble(Double::parseDouble).toArray();
          }
        }
      }
      if (process.waitFor() != 0) {
        throw new IllegalStateException("bench/ab: leg " + (l + 1) + " failed");
      }
      legs[l] = rounds.toArray(double[][][]::new);
    }
    StringBuilder last = new StringBuilder();
    for (int i = 0; i < inputs.size(); i++) {
      String input = inputs.get(i);
      double[][] both = new double[NAMES.length][];
      for (int a = 0; a < NAMES.length; a++) {
        both[a] = new double[0];
        for (double[][][] leg : legs) {
          both[a] = DoubleStream.concat(Arrays.stream(both[a]), Arrays.stream(leg[i][a]))
              .toArray();
        }
      }
      System.out.printf(Locale.ROOT, "%-8s %s, MB per CPU-second (median round of both legs):"
          + " NER off %6.2f -> %6.2f (%.2fx), NER on %6.2f -> %6.2f (%.2fx)%n", input,
          sizes.get(i), median(both[0]), median(both[1]), medianRatio(both[1], both[0]),
          median(both[2]), median(both[3]), medianRatio(both[3], both[2]));
      for (int a = 0; a < NAMES.length; a++) {
        System.out.printf(Locale.ROOT, "  %-14s rounds:", NAMES[a]);
        for (double round : both[a]) {
          System.out.printf(Locale.ROOT, " %6.2f", round);
        }
        System.out.println();
        last.append(last.length() == 0 ? "" : " ").append(input).append('_')
            .append(NAMES[a]).append('=').append(String.format(Locale.ROOT, "%.2f",
                median(both[a])));
      }
      for (int after = 1; after < NAMES.length; after += 2) {
        String ratio = input + "_" + NAMES[after].replace("_after", "_ratio");
        last.append(' ').append(ratio).append('=').append(String.format(Locale.ROOT, "%.3f",
            medianRatio(both[after], both[after - 1])));
        for (int l = 0; l < LEGS.length; l++) {
          last.append(' ').append(ratio).append('_').append(LEGS[l]).append("_first=")
              .append(String.format(Locale.ROOT, "%.3f",
                  medianRatio(legs[l][i][after], legs[l][i][after - 1])));
        }
      }
    }
    System.out.printf(Locale.ROOT, "load average after: %.2f%n", load());
    System.out.println(last);
  }

  /**
   * One leg: the detectors of both builds, {@code first}'s loaded first, timed by {@link
   * #rounds}; prints each input's rounds per detector for {@link #main} to read.
   */
  private static void leg(String first, String before, String after, String classpath)
      throws Exception {
    List<Function<String, Integer>> detectors = new ArrayList<>(
        Collections.nCopies(NAMES.length, null));
    for (int a : loadOrder(first)) {
      detectors.set(a, detector(a % 2 == 0 ? before : after, classpath, a >= 2));
    }
    Map<String, List<String>> inputs = NerReport.speedInputs();
    List<List<String>> texts = List.copyOf(inputs.values());
    long[] bytes = texts.stream().mapToLong(BenchInputs::utf8Bytes).toArray();
    double[][][] mbs = rounds(detectors, texts, bytes, 500_000_000L);
    int i = 0;
    for (String input : inputs.keySet()) {
      System.out.printf(Locale.ROOT, "input %s %d %.2f%n", input, texts.get(i).size(),
          bytes[i] / 1e6);
      for (int a = 0; a < NAMES.length; a++) {
        StringBuilder line = new StringBuilder("rounds ").append(NAMES[a]);
        for (double round : mbs[i][a]) {
          line.append(' ').append(round);
        }
        System.out.println(line);
      }
      i++;
    }
  }

  /**
   * The order in which a leg loads the detectors ({@link #NAMES}' indexes): NER off then on,
   * each of {@code first}'s build then the other's.
   */
  static int[] loadOrder(String first) {
    return first.equals("before") ? new int[] {0, 1, 2, 3} : new int[] {1, 0, 3, 2};
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
