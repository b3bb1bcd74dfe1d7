package io.trainguard.bench;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.EngineStages;
import io.trainguard.classifiers.NameRecognizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code bench/engine}: the detector with its automaton of match starts (the default) and without
 * it (the candidate scanner alone, as before the automaton), NER on and off, on prose and
 * support tickets, interleaved in one run by thread CPU time; then the candidate stage alone per
 * engine (the automaton in groups and as one DFA, Hyperscan). See bench/README.md.
 */
public final class EngineReport {

  private EngineReport() {
  }

  public static void main(String[] args) throws IOException {
    System.out.printf(Locale.ROOT, "load average before: %.2f%n", load());
    Analyzer on = Analyzer.defaults();
    Analyzer off = new Analyzer(NameRecognizer.withoutNer(on.recognizers()), on.threshold());
    Analyzer[] analyzers = {off.withoutAutomaton(), off, on.withoutAutomaton(), on};
    String[] names = {"ner_off_before", "ner_off_after", "ner_on_before", "ner_on_after"};
    Map<String, List<String>> inputs = NerReport.speedInputs();
    List<Pattern> patterns = EngineStages.builtInPatterns();
    StringBuilder last = new StringBuilder();
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      List<String> texts = input.getValue();
      long bytes = BenchInputs.utf8Bytes(texts);
      double[] mbs = NerReport.throughput(analyzers, texts, bytes);
      System.out.printf(Locale.ROOT, "%-8s %5d texts %5.2f MB, MB per CPU-second:"
          + " NER off %6.2f -> %6.2f, NER on %6.2f -> %6.2f%n", input.getKey(), texts.size(),
          bytes / 1e6, mbs[0], mbs[1], mbs[2], mbs[3]);
      for (int a = 0; a < names.length; a++) {
        last.append(last.length() == 0 ? "" : " ").append(input.getKey()).append('_')
            .append(names[a]).append('=').append(String.format(Locale.ROOT, "%.2f", mbs[a]));
      }
      System.out.println("  candidate stage alone, every pattern enabled:");
      System.out.println("    automaton, by alphabet:   "
          + EngineStages.automaton(patterns, texts, bytes, EngineStages.Grouping.BY_ALPHABET));
      System.out.println("    automaton, 8 in pack order: "
          + EngineStages.automaton(patterns, texts, bytes, EngineStages.Grouping.PACK_ORDER));
      System.out.println("    automaton, one DFA:       "
          + EngineStages.automaton(patterns, texts, bytes, EngineStages.Grouping.ONE_DFA));
      System.out.println("    Hyperscan (which match):  "
          + EngineStages.hyperscan(patterns, texts, bytes));
    }
    System.out.printf(Locale.ROOT, "load average after: %.2f%n", load());
    System.out.println(last);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
