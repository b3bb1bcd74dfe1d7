package io.trainguard.bench;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.samples.corpus.LabelledCorpus;
import io.trainguard.samples.corpus.LabelledRecord;
import io.trainguard.samples.corpus.Span;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Precision, recall and F1 of {@code Analyzer.defaults()} per entity type on the labelled corpus,
 * plus findings on hard negatives; the last line is a machine-readable summary. Usage:
 * {@code AccuracyReport [--records N] [--seed S] [--examples ENTITY]}.
 */
public final class AccuracyReport {

  private static final List<String> SHAPES = List.of("context", "plain", "cell", "mixed");
  private static final int EXAMPLES = 8;

  private AccuracyReport() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench/accuracy: error: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String[] args) {
    int records = 120;
    long seed = 42L;
    String examples = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length || !List.of("--records", "--seed", "--examples").contains(args[i])) {
        throw new IllegalArgumentException("Invalid argument: " + args[i]
            + " (usage: [--records N] [--seed S] [--examples ENTITY])");
      }
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> examples = args[i + 1];
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Analyzer analyzer = Analyzer.defaults();
    List<LabelledRecord> corpus = LabelledCorpus.generate(records, seed);
    Scoreboard board = new Scoreboard();
    List<String> shown = new ArrayList<>();
    long started = System.nanoTime();
    for (LabelledRecord record : corpus) {
      List<Finding> findings = analyzer.analyze(record.text());
      board.add(record, findings);
      if (examples != null) {
        collectExamples(examples, record, findings, shown);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    Set<String> covered = analyzer.recognizers().stream().map(Recognizer::entity)
        .collect(Collectors.toCollection(TreeSet::new));
    out.printf(Locale.ROOT, "trainguard accuracy: Analyzer.defaults() on "
        + "LabelledCorpus.generate(%d, %d)%n", records, seed);
    out.printf(Locale.ROOT, "pack: %d recognizers for %d entity types: %s%n",
        analyzer.recognizers().size(), covered.size(), String.join(", ", covered));
    long spans = corpus.stream().mapToLong(r -> r.spans().size()).sum();
    out.printf(Locale.ROOT, "corpus: %,d records, %,d labelled spans, %,d hard negatives "
        + "(%d kinds); analyzed in %.1f s%n%n", corpus.size(), spans, board.negativeRecords(),
        LabelledCorpus.NEGATIVE_KINDS.size(), seconds);

    printEntityTable(out, board, covered);
    Summary summary = summarize(board);
    out.printf(Locale.ROOT, "%nmacro F1 over %d entity types: %.4f (%d covered by the pack; an "
        + "uncovered type scores 0)%n", LabelledCorpus.ENTITIES.size(), summary.macroF1,
        LabelledCorpus.ENTITIES.stream().filter(covered::contains).count());
    out.printf(Locale.ROOT, "checksum types (%d): min precision %.4f (%s), min recall %.4f (%s)%n",
        LabelledCorpus.CHECKSUM_ENTITIES.size(), summary.minPrecision, summary.minPrecisionEntity,
        summary.minRecall, summary.minRecallEntity);
    printNegatives(out, board);
    printConfusions(out, board);
    if (examples != null) {
      out.printf("%nexamples for %s (span in [[ ]]):%n", examples);
      shown.forEach(out::println);
    }
    out.printf(Locale.ROOT, "%naccuracy_macro_f1=%.4f checksum_types_min_precision=%.4f "
        + "checksum_types_min_recall=%.4f accuracy_micro_f1=%.4f hard_negative_findings=%d%n",
        summary.macroF1, summary.minPrecision, summary.minRecall,
        board.total(LabelledCorpus.ENTITIES).f1(), summary.negativeFindings);
  }

  private static void printEntityTable(PrintStream out, Scoreboard board, Set<String> covered) {
    out.printf("%-19s %4s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s %6s%n", "entity", "pack",
        "labels", "TP", "FP", "FN", "prec", "recall", "F1", "F1~ovl", "R:ctx", "R:plai",
        "R:cell", "R:mix");
    List<String> rows = new ArrayList<>(LabelledCorpus.ENTITIES);
    board.entities().stream().filter(e -> !rows.contains(e)).forEach(rows::add);
    for (String entity : rows) {
      String name = LabelledCorpus.ENTITIES.contains(entity) ? entity : entity + "*";
      row(out, name, covered.contains(entity) ? "yes" : "-", board.tally(entity));
    }
    out.println("-".repeat(120));
    row(out, "all (micro)", "", board.total(board.entities()));
    if (rows.size() > LabelledCorpus.ENTITIES.size()) {
      out.println("* found by the pack but never labelled: every finding is a false positive");
    }
  }

  private static void row(PrintStream out, String name, String pack, Tally t) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "%-19s %4s %6d %6d %6d %6d %6s %6.3f %6.3f %6.3f", name, pack, t.support,
        t.truePositives, t.falsePositives, t.falseNegatives,
        t.truePositives + t.falsePositives == 0 ? "-" : String.format(Locale.ROOT, "%.3f",
            t.precision()), t.recall(), t.f1(), t.overlapF1()));
    for (String shape : SHAPES) {
      double r = t.recall(shape);
      b.append(Double.isNaN(r) ? String.format("%7s", "-")
          : String.format(Locale.ROOT, " %6.2f", r));
    }
    out.println(b);
  }

  private record Summary(double macroF1, double minPrecision, String minPrecisionEntity,
      double minRecall, String minRecallEntity, int negativeFindings) {}

  private static Summary summarize(Scoreboard board) {
    double macro = LabelledCorpus.ENTITIES.stream().mapToDouble(e -> board.tally(e).f1())
        .average().orElse(0);
    String worstP = LabelledCorpus.CHECKSUM_ENTITIES.stream()
        .min(Comparator.comparingDouble(e -> board.tally(e).precision())).orElseThrow();
    String worstR = LabelledCorpus.CHECKSUM_ENTITIES.stream()
        .min(Comparator.comparingDouble(e -> board.tally(e).recall())).orElseThrow();
    int negatives = board.negativeFindings().values().stream()
        .flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    return new Summary(macro, board.tally(worstP).precision(), worstP,
        board.tally(worstR).recall(), worstR, negatives);
  }

  private static void printNegatives(PrintStream out, Scoreboard board) {
    out.printf(Locale.ROOT, "%nhard negatives: %,d records, %,d with a finding%n",
        board.negativeRecords(), board.negativeRecordsWithFindings());
    for (String kind : LabelledCorpus.NEGATIVE_KINDS) {
      Map<String, Integer> found = board.negativeFindings().getOrDefault(kind, Map.of());
      out.printf(Locale.ROOT, "  %-20s %5d  %s%n", kind,
          found.values().stream().mapToInt(Integer::intValue).sum(),
          found.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" ")));
    }
  }

  private static void printConfusions(PrintStream out, Scoreboard board) {
    if (board.confusions().isEmpty()) {
      return;
    }
    out.println("\nmissed labels whose span another finding took (label -> found), top 15:");
    board.confusions().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
        .forEach(e -> out.printf(Locale.ROOT, "  %-50s %5d%n", e.getKey(), e.getValue()));
  }

  /** Missed labels and false findings of {@code entity}, with the span marked. */
  private static void collectExamples(String entity, LabelledRecord record,
      List<Finding> findings, List<String> shown) {
    if (shown.size() >= 2 * EXAMPLES) {
      return;
    }
    for (Span label : record.spans()) {
      boolean found = findings.stream().anyMatch(f -> f.entity().equals(entity)
          && f.start() == label.start() && f.end() == label.end());
      if (label.entity().equals(entity) && !found) {
        shown.add("  missed " + record.id() + ": " + mark(record.text(), label.start(),
            label.end()) + "  found: " + findings);
      }
    }
    for (Finding f : findings) {
      boolean labelled = record.spans().stream().anyMatch(s -> s.entity().equals(f.entity())
          && s.start() == f.start() && s.end() == f.end());
      if (f.entity().equals(entity) && !labelled) {
        shown.add("  false  " + record.id() + ": " + mark(record.text(), f.start(), f.end()));
      }
    }
  }

  private static String mark(String text, int start, int end) {
    int from = text.offsetByCodePoints(0, start);
    int to = text.offsetByCodePoints(0, end);
    return (text.substring(0, from) + "[[" + text.substring(from, to) + "]]"
        + text.substring(to)).replace("\n", "\\n");
  }
}
