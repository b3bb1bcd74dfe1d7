package io.trainguard.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bench/ab}: the detector of two builds of the classifiers module (before and after a
 * change), each in its own class loader in one JVM, NER off and on, on prose and support
 * tickets, interleaved by thread CPU time ({@link NerReport#throughput}'s rounds), so that the
 * load of a shared machine weighs on both alike. See bench/README.md.
 */
public final class AbReport {

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
    StringBuilder last = new StringBuilder();
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      List<String> texts = input.getValue();
      long bytes = BenchInputs.utf8Bytes(texts);
      double[] mbs = NerReport.throughput(detectors, texts, bytes);
      System.out.printf(Locale.ROOT, "%-8s %5d texts %5.2f MB, MB per CPU-second:"
          + " NER off %6.2f -> %6.2f (%.2fx), NER on %6.2f -> %6.2f (%.2fx)%n", input.getKey(),
          texts.size(), bytes / 1e6, mbs[0], mbs[1], mbs[1] / mbs[0], mbs[2], mbs[3],
          mbs[3] / mbs[2]);
      for (int a = 0; a < names.length; a++) {
        last.append(last.length() == 0 ? "" : " ").append(input.getKey()).append('_')
            .append(names[a]).append('=').append(String.format(Locale.ROOT, "%.2f", mbs[a]));
      }
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

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
