package io.trainguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.NameModelTrainer;
import io.trainguard.classifiers.NameRecognizer;
import io.trainguard.classifiers.NerCorpus;
import io.trainguard.samples.SampleDataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import opennlp.tools.util.Span;

/**
 * {@code bench/ner}: precision, recall and F1 per entity of the default analyzer with the
 * named-entity recognizers on (and the name model's ORGANIZATION recognizer added) and off, on each annotated corpus's held-out part (text joined
 * from its tokens by spaces, exact code-point spans), then the analyzer's throughput with NER on
 * and off on prose and on support tickets, by thread CPU time. See bench/README.md.
 */
public final class NerReport {

  private static final List<String> ENTITIES = List.of("PERSON", "LOCATION", "ORGANIZATION");
  private static final List<String> CORPORA = List.of("wikigold", "btc", "wnut17");

  private NerReport() {
  }

  public static void main(String[] args) throws IOException {
    Path corpora = Path.of(args.length > 0 ? args[0] : "classifiers/src/train/ner");
    Analyzer on = Analyzer.defaults();
    Analyzer off = new Analyzer(NameRecognizer.withoutNer(on.recognizers()), on.threshold());
    // ORGANIZATION is not in the default pack; measured with its recognizer added.
    List<io.trainguard.classifiers.Recognizer> withOrganization =
        new ArrayList<>(on.recognizers());
    withOrganization.add(NameRecognizer.organization());
    Analyzer scored = new Analyzer(withOrganization, on.threshold());
    Map<String, String> summary = new TreeMap<>();
    System.out.println("Held-out parts (every fifth document or sentence; never trained on):");
    System.out.printf(Locale.ROOT, "%-9s %-13s %6s | %-22s | %-22s%n", "corpus", "entity",
        "gold", "NER on  P / R / F1", "NER off P / R / F1");
    for (String corpus : CORPORA) {
      List<Path> files = NameModelTrainer.CORPORA.get(corpus).stream()
          .map(f -> corpora.resolve(corpus).resolve(f)).toList();
      List<NerCorpus.Sentence> heldOut = NerCorpus.read(files, true);
      Map<String, int[]> withNer = score(scored, heldOut);
      Map<String, int[]> without = score(off, heldOut);
      for (String entity : ENTITIES) {
        int[] a = withNer.get(entity);
        int[] b = without.get(entity);
        System.out.printf(Locale.ROOT, "%-9s %-13s %6d | %s | %s%n", corpus, entity,
            a[0] + a[2], prf(a), prf(b));
        summary.put(corpus + "_" + entity.toLowerCase(Locale.ROOT) + "_f1",
            String.format(Locale.ROOT, "%.3f", f1(a)));
      }
    }
    System.out.println();
    System.out.println("Throughput, MB per CPU-second of one thread (median of 5 rounds):");
    Map<String, List<String>> inputs = new java.util.LinkedHashMap<>();
    inputs.put("prose", licenseParagraphs());
    inputs.put("tickets", tickets());
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      List<String> texts = input.getValue();
      long bytes = BenchInputs.utf8Bytes(texts);
      double[] mbs = throughput(new Analyzer[] {on, off}, texts, bytes);
      System.out.printf(Locale.ROOT, "%-8s %5d texts %6.2f MB: NER on %6.2f MB/s, off %6.2f MB/s%n",
          input.getKey(), texts.size(), bytes / 1e6, mbs[0], mbs[1]);
      summary.put(input.getKey() + "_mb_s_ner_on", String.format(Locale.ROOT, "%.2f", mbs[0]));
      summary.put(input.getKey() + "_mb_s_ner_off", String.format(Locale.ROOT, "%.2f", mbs[1]));
    }
    StringBuilder last = new StringBuilder();
    summary.forEach((k, v) -> last.append(last.length() == 0 ? "" : " ").append(k).append('=')
        .append(v));
    System.out.println(last);
  }

  /** tp, fp, fn per entity: findings of the entity whose code-point span equals a label's. */
  static Map<String, int[]> score(Analyzer analyzer, List<NerCorpus.Sentence> sentences) {
    Map<String, int[]> counts = new TreeMap<>();
    ENTITIES.forEach(e -> counts.put(e, new int[3]));
    for (NerCorpus.Sentence s : sentences) {
      String text = s.text();
      Set<String> gold = new HashSet<>();
      for (Span name : s.names()) {
        int start = text.codePointCount(0, s.charStart(name.getStart()));
        int end = text.codePointCount(0, s.charStart(name.getEnd() - 1)
            + s.tokens()[name.getEnd() - 1].length());
        gold.add(name.getType() + ":" + start + ":" + end);
      }
      Set<String> found = new HashSet<>();
      for (Finding f : analyzer.analyze(text)) {
        if (counts.containsKey(f.entity())) {
          found.add(f.entity() + ":" + f.start() + ":" + f.end());
        }
      }
      for (String f : found) {
        counts.get(f.substring(0, f.indexOf(':')))[gold.contains(f) ? 0 : 1]++;
      }
      for (String g : gold) {
        if (!found.contains(g)) {
          counts.get(g.substring(0, g.indexOf(':')))[2]++;
        }
      }
    }
    return counts;
  }

  private static String prf(int[] c) {
    return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", precision(c), recall(c), f1(c));
  }

  private static double precision(int[] c) {
    return c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
  }

  private static double recall(int[] c) {
    return c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
  }

  private static double f1(int[] c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * Median MB per CPU-second of each analyzer over 5 rounds after 2 warm-up rounds; in each round
   * every analyzer in turn runs over all texts for at least 0.5 CPU-seconds.
   */
  static double[] throughput(Analyzer[] analyzers, List<String> texts, long bytes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] rounds = new double[analyzers.length][5];
    long sink = 0;
    for (int round = -2; round < 5; round++) {
      for (int a = 0; a < analyzers.length; a++) {
        long start = threads.getCurrentThreadCpuTime();
        long passes = 0;
        long cpu;
        do {
          for (String text : texts) {
            sink += analyzers[a].analyze(text).size();
          }
          passes++;
          cpu = threads.getCurrentThreadCpuTime() - start;
        } while (cpu < 500_000_000L);
        if (round >= 0) {
          rounds[a][round] = passes * bytes / 1e6 / (cpu / 1e9);
        }
      }
    }
    if (sink < 0) {
      throw new AssertionError();
    }
    double[] medians = new double[analyzers.length];
    for (int a = 0; a < analyzers.length; a++) {
      Arrays.sort(rounds[a]);
      medians[a] = rounds[a][2];
    }
    return medians;
  }

  /** The paragraphs over 80 chars of the licence texts under /usr/share/common-licenses. */
  static List<String> licenseParagraphs() throws IOException {
    List<String> paragraphs = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("/usr/share/common-licenses"))) {
      files = list.filter(p -> !Files.isSymbolicLink(p)).sorted().toList();
    }
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String p : text.split("\n\n")) {
        String joined = String.join(" ", p.trim().split("\\s+"));
        if (joined.length() > 80) {
          paragraphs.add(joined);
        }
      }
    }
    return paragraphs;
  }

  /** The ticket texts and CSV notes of 2,000 rows of the demo's sample dataset (seed 1). */
  static List<String> tickets() throws IOException {
    Path dir = Files.createTempDirectory("bench-ner");
    try {
      SampleDataset.write(dir, 2000, 1L);
      ObjectMapper json = new ObjectMapper();
      List<String> texts = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(SampleDataset.JSONL_FILE))) {
        texts.add(json.readTree(line).get("text").asText());
      }
      return texts;
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
