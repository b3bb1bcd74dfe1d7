package io.trainguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.NameMemory;
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
 * {@code bench/ner}: the heap the name model holds; precision, recall and F1 per entity of the
 * default analyzer with the named-entity recognizers on (and the name model's ORGANIZATION
 * recognizer added) and off, on each annotated corpus's held-out part (text joined from its
 * tokens by spaces, exact code-point spans); personal-data precision and recall on the
 * hand-written realistic set; then the analyzer's throughput with NER on and off on prose and
 * on support tickets, by thread CPU time. See bench/README.md.
 */
public final class NerReport {

  private static final List<String> ENTITIES = List.of("PERSON", "LOCATION", "ORGANIZATION");
  private static final List<String> CORPORA = List.of("wikigold", "btc", "wnut17");
  private static final String SKIP_THROUGHPUT = "--skip-throughput";
  private static final String DEV_MISSES = "--presidio-dev-misses";
  private static final String WIKIGOLD_DEV_ERRORS = "--wikigold-dev-errors";
  /** With {@value #WIKIGOLD_DEV_ERRORS}: which fold of the training part (default the last). */
  private static final String FOLD = "--fold=";
  private static final String PRESIDIO_FILE = "bench/presidio-research/synth_dataset_v2.json";
  /** presidio-research's {@code presidio_entities_map} for the types its synthetic set holds. */
  private static final Map<String, String> PRESIDIO_TYPES = Map.of(
      "STREET_ADDRESS", "LOCATION", "GPE", "LOCATION", "DOMAIN_NAME", "URL");

  private NerReport() {
  }

  public static void main(String[] args) throws IOException {
    List<String> paths = new ArrayList<>();
    Set<String> flags = new HashSet<>();
    for (String arg : args) {
      (arg.startsWith("--") ? flags : paths).add(arg);
    }
    int fold = NerCorpus.DEFAULT_FOLD;
    for (String flag : List.copyOf(flags)) {
      if (flag.startsWith(FOLD)) {
        fold = Integer.parseInt(flag.substring(FOLD.length()));
        flags.remove(flag);
      }
    }
    Set<String> known = Set.of(SKIP_THROUGHPUT, DEV_MISSES, WIKIGOLD_DEV_ERRORS);
    if (!known.containsAll(flags)) {
      throw new IllegalArgumentException("bench/ner: options are " + known + ", " + FOLD + "N");
    }
    Path corpora = Path.of(paths.size() > 0 ? paths.get(0) : "classifiers/src/train/ner");
    List<Presidio> synth = presidio(Path.of(paths.size() > 2 ? paths.get(2) : PRESIDIO_FILE));
    Analyzer on = Analyzer.defaults();
    if (flags.contains(DEV_MISSES)) {
      printMisses(on, synth.stream().filter(t -> !t.heldOut()).map(Presidio::text).toList());
      return;
    }
    Analyzer off = new Analyzer(NameRecognizer.withoutNer(on.recognizers()), on.threshold());
    // ORGANIZATION is not in the default pack; measured with its recognizer added.
    List<io.trainguard.classifiers.Recognizer> withOrganization =
        new ArrayList<>(on.recognizers());
    withOrganization.add(NameRecognizer.organization());
    Analyzer scored = new Analyzer(withOrganization, on.threshold());
    if (flags.contains(WIKIGOLD_DEV_ERRORS)) {
      printPersonErrors(scored, NerCorpus.readValidation(NameModelTrainer.CORPORA.get("wikigold")
          .stream().map(f -> corpora.resolve("wikigold").resolve(f)).toList(), true, fold));
      return;
    }
    Map<String, String> summary = new TreeMap<>();
    off.analyze("Spoke to Oluwaseun Adeyemi in Lagos.");
    long before = usedHeapAfterGc();
    on.analyze("Spoke to Oluwaseun Adeyemi in Lagos.");
    double heapMb = (usedHeapAfterGc() - before) / 1e6;
    System.out.printf(Locale.ROOT, "Heap held by the name model, its lists and one tagger: %.1f MB%n%n",
        heapMb);
    summary.put("ner_heap_mb", String.format(Locale.ROOT, "%.1f", heapMb));
    System.out.println("Held-out parts (every fifth document or sentence; never trained on):");
    System.out.printf(Locale.ROOT, "%-14s %-13s %6s | %-22s | %-22s%n", "corpus", "entity",
        "gold", "NER on  P / R / F1", "NER off P / R / F1");
    for (String corpus : CORPORA) {
      List<Path> files = NameModelTrainer.CORPORA.get(corpus).stream()
          .map(f -> corpora.resolve(corpus).resolve(f)).toList();
      List<NerCorpus.Sentence> heldOut = NerCorpus.read(files, true);
      // Wikipedia articles are documents: scored whole (headline), as lines of one file part
      // (protect's name memory across lines) and sentence by sentence; tweets one by one.
      List<Unit> units = corpus.equals("wikigold")
          ? List.of(Unit.DOCUMENT, Unit.LINES, Unit.SENTENCE) : List.of(Unit.SENTENCE);
      for (Unit unit : units) {
        String name = corpus + unit.suffix;
        Map<String, int[]> withNer = score(scored, heldOut, unit);
        Map<String, int[]> without = score(off, heldOut, unit);
        for (String entity : ENTITIES) {
          int[] a = withNer.get(entity);
          int[] b = without.get(entity);
          System.out.printf(Locale.ROOT, "%-14s %-13s %6d | %s | %s%n", name, entity,
              a[0] + a[2], prf(a), prf(b));
          String key = name.replace('-', '_') + "_" + entity.toLowerCase(Locale.ROOT);
          summary.put(key + "_f1", String.format(Locale.ROOT, "%.3f", f1(a)));
          if (entity.equals("PERSON")) {
            summary.put(key + "_precision", String.format(Locale.ROOT, "%.3f", precision(a)));
            summary.put(key + "_recall", String.format(Locale.ROOT, "%.3f", recall(a)));
          }
        }
      }
    }
    System.out.println("(wikigold-doc: each article's sentences joined by spaces, one text;"
        + " wikigold-lines: one sentence a line of one file part, names remembered across lines"
        + " as protect does; wikigold: each sentence its own text)");
    System.out.println();
    Path realistic = Path.of(paths.size() > 1 ? paths.get(1) : "bench/ner-held-out.txt");
    List<Labelled> labelled = labelled(realistic);
    System.out.printf(Locale.ROOT, "Hand-written realistic set (%s, %d texts, %d spans; never"
        + " tuned on), any entity type:%n", realistic.getFileName(), labelled.size(),
        labelled.stream().mapToInt(t -> t.spans().size()).sum());
    for (Analyzer analyzer : new Analyzer[] {on, off}) {
      double[] pr = personalData(analyzer, labelled, null);
      String ner = analyzer == on ? "on" : "off";
      System.out.printf(Locale.ROOT, "NER %-3s personal data: precision %.3f recall %.3f%n", ner,
          pr[0], pr[1]);
      summary.put("realistic_precision_ner_" + ner, String.format(Locale.ROOT, "%.3f", pr[0]));
      summary.put("realistic_recall_ner_" + ner, String.format(Locale.ROOT, "%.3f", pr[1]));
    }
    perEntity(on, labelled, "", "realistic", summary);
    System.out.println();
    presidioReport(on, off, synth, summary);
    System.out.println();
    if (!flags.contains(SKIP_THROUGHPUT)) {
      throughputReport(on, off, summary);
    }
    StringBuilder last = new StringBuilder();
    summary.forEach((k, v) -> last.append(last.length() == 0 ? "" : " ").append(k).append('=')
        .append(v));
    System.out.println(last);
  }

  /**
   * Speed of analyzers as {@code on} and {@code off} but new: the ones the scores were taken with
   * have read the annotated corpora, whose short mixed texts make a thread's DFAs of match starts
   * start over often enough to be turned off for good ({@code CandidateScanner}), so they would
   * measure the scanner without its automaton.
   */
  private static void throughputReport(Analyzer on, Analyzer off, Map<String, String> summary)
      throws IOException {
    System.out.println("Throughput, MB per CPU-second of one thread (median of 5 rounds):");
    Analyzer[] analyzers = {new Analyzer(on.recognizers(), on.threshold()),
        new Analyzer(off.recognizers(), off.threshold())};
    Map<String, List<String>> inputs = speedInputs();
    for (Map.Entry<String, List<String>> input : inputs.entrySet()) {
      List<String> texts = input.getValue();
      long bytes = BenchInputs.utf8Bytes(texts);
      double[] mbs = throughput(analyzers, texts, bytes);
      System.out.printf(Locale.ROOT, "%-8s %5d texts %6.2f MB: NER on %6.2f MB/s, off %6.2f MB/s%n",
          input.getKey(), texts.size(), bytes / 1e6, mbs[0], mbs[1]);
      summary.put(input.getKey() + "_mb_s_ner_on", String.format(Locale.ROOT, "%.2f", mbs[0]));
      summary.put(input.getKey() + "_mb_s_ner_off", String.format(Locale.ROOT, "%.2f", mbs[1]));
    }
  }

  /** A sentence of presidio-research's synthetic set, its spans under our entity names. */
  record Presidio(Labelled text, boolean heldOut) {
  }

  /**
   * The sentences of presidio-research's {@code synth_dataset_v2.json}: types mapped as its
   * {@code PresidioAnalyzerWrapper.presidio_entities_map} maps them; a sentence is held out when
   * its template id is odd, so no held-out sentence shares a template with the dev half.
   */
  static List<Presidio> presidio(Path file) throws IOException {
    List<Presidio> sentences = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode record : new ObjectMapper().readTree(file.toFile())) {
      String text = record.get("full_text").asText();
      List<Finding> spans = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode span : record.get("spans")) {
        String type = span.get("entity_type").asText();
        spans.add(new Finding(PRESIDIO_TYPES.getOrDefault(type, type),
            span.get("start_position").asInt(), span.get("end_position").asInt(), 1.0, "label",
            ""));
      }
      sentences.add(new Presidio(new Labelled(text, spans),
          record.get("template_id").asInt() % 2 == 1));
    }
    return sentences;
  }

  private static void presidioReport(Analyzer on, Analyzer off, List<Presidio> synth,
      Map<String, String> summary) {
    List<Labelled> heldOut = synth.stream().filter(Presidio::heldOut).map(Presidio::text).toList();
    List<Labelled> all = synth.stream().map(Presidio::text).toList();
    System.out.printf(Locale.ROOT, "presidio-research synth_dataset_v2.json (%d sentences, %d"
        + " spans, every type counted as personal data as its notebook counts PII), any entity"
        + " type:%n", all.size(), all.stream().mapToInt(t -> t.spans().size()).sum());
    System.out.println("Presidio published (default analyzer, spaCy en_core_web_lg, whole set):"
        + " precision 0.685 recall 0.603");
    Map<String, List<Labelled>> parts = new java.util.LinkedHashMap<>();
    parts.put("held_out", heldOut);
    parts.put("whole", all);
    for (Map.Entry<String, List<Labelled>> part : parts.entrySet()) {
      String name = part.getKey().equals("held_out")
          ? String.format(Locale.ROOT, "held-out half (odd template ids, %d sentences)",
              part.getValue().size())
          : "whole set (includes the dev half)";
      System.out.println(name + ":");
      for (Analyzer analyzer : new Analyzer[] {on, off}) {
        double[] pr = personalData(analyzer, part.getValue(), null);
        String ner = analyzer == on ? "on" : "off";
        System.out.printf(Locale.ROOT, "  NER %-3s personal data: precision %.3f recall %.3f%n",
            ner, pr[0], pr[1]);
        summary.put("presidio_" + part.getKey() + "_precision_ner_" + ner,
            String.format(Locale.ROOT, "%.3f", pr[0]));
        summary.put("presidio_" + part.getKey() + "_recall_ner_" + ner,
            String.format(Locale.ROOT, "%.3f", pr[1]));
      }
      perEntity(on, part.getValue(), "  ", "presidio_" + part.getKey(), summary);
      Set<String> types = new java.util.TreeSet<>();
      part.getValue().forEach(t -> t.spans().forEach(sp -> types.add(sp.entity())));
      for (Analyzer analyzer : new Analyzer[] {on, off}) {
        StringBuilder perType = new StringBuilder(analyzer == on ? "  NER on  recall by type:"
            : "  NER off recall by type:");
        for (String type : types) {
          perType.append(String.format(Locale.ROOT, " %s %.2f", type,
              personalData(analyzer, part.getValue(), type)[1]));
        }
        System.out.println(perType);
      }
    }
  }

  /** Each text's missed labelled spans and wrong findings, for reading the dev half's misses. */
  private static void printMisses(Analyzer analyzer, List<Labelled> texts) {
    for (Labelled t : texts) {
      List<Finding> result = analyzer.analyze(t.text());
      int length = t.text().codePointCount(0, t.text().length());
      boolean[] labels = new boolean[length];
      boolean[] covered = new boolean[length];
      t.spans().forEach(s -> Arrays.fill(labels, s.start(), s.end(), true));
      result.forEach(f -> Arrays.fill(covered, f.start(), f.end(), true));
      StringBuilder out = new StringBuilder();
      for (Finding s : t.spans()) {
        if (10 * count(covered, s.start(), s.end()) < 9 * s.length()) {
          out.append("  MISS ").append(s.entity()).append(" [").append(cut(t.text(), s))
              .append("]\n");
        }
      }
      for (Finding f : result) {
        if (2 * count(labels, f.start(), f.end()) < f.length()) {
          out.append("  WRONG ").append(f.entity()).append(' ').append(f.recognizer())
              .append(" [").append(cut(t.text(), f)).append("]\n");
        }
      }
      if (out.length() > 0) {
        System.out.println(t.text().replace("\n", "\\n"));
        System.out.print(out);
      }
    }
  }

  /**
   * The PERSON errors on annotated documents (Wikigold's validation fifth of its training part,
   * each article one text; never the held-out part), each with its kind and the words around it,
   * then the count of each kind: a miss is found as another type, found in part, or not found; a
   * wrong finding is another type's span, a wrong boundary, or no name.
   */
  private static void printPersonErrors(Analyzer analyzer, List<NerCorpus.Sentence> sentences) {
    Map<String, Integer> kinds = new TreeMap<>();
    int[] counts = new int[3];
    List<List<NerCorpus.Sentence>> documents = documents(sentences);
    for (List<NerCorpus.Sentence> document : documents) {
      Labelled joined = joined(document);
      String text = joined.text();
      List<Finding> gold = joined.spans();
      List<Finding> found = analyzer.analyze(text);
      for (Finding g : gold) {
        if (!g.entity().equals("PERSON")) {
          continue;
        }
        if (found.stream().anyMatch(f -> same(f, g) && f.entity().equals("PERSON"))) {
          counts[0]++;
          continue;
        }
        counts[2]++;
        Finding over = found.stream().filter(f -> f.start() < g.end() && g.start() < f.end())
            .findFirst().orElse(null);
        String kind = over == null ? "miss: not found"
            : !over.entity().equals("PERSON") ? "miss: found as " + over.entity()
            : "miss: other boundary";
        kinds.merge(kind, 1, Integer::sum);
        System.out.println("  " + kind + " [" + cut(text, g) + "]"
            + (over == null ? "" : " found [" + cut(text, over) + "] " + over.recognizer())
            + "  ..." + around(text, g) + "...");
      }
      for (Finding f : found) {
        if (!f.entity().equals("PERSON")
            || gold.stream().anyMatch(g -> same(f, g) && g.entity().equals("PERSON"))) {
          continue;
        }
        counts[1]++;
        Finding over = gold.stream().filter(g -> f.start() < g.end() && g.start() < f.end())
            .findFirst().orElse(null);
        String kind = over == null ? "wrong: no name"
            : !over.entity().equals("PERSON") ? "wrong: a " + over.entity()
            : "wrong: other boundary";
        kind += " (" + f.recognizer() + ")";
        kinds.merge(kind, 1, Integer::sum);
        System.out.println("  " + kind + " [" + cut(text, f) + "] "
            + String.format(Locale.ROOT, "%.2f", f.score())
            + (over == null ? "" : " gold [" + cut(text, over) + "]")
            + "  ..." + around(text, f) + "...");
      }
    }
    System.out.printf(Locale.ROOT, "%nPERSON on %d documents (%d sentences): %s%n",
        documents.size(), sentences.size(), prf(counts));
    kinds.forEach((k, v) -> System.out.printf(Locale.ROOT, "%5d %s%n", v, k));
  }

  /** Forty code points either side of {@code span}. */
  private static String around(String text, Finding span) {
    int length = text.codePointCount(0, text.length());
    return cut(text, new Finding("x", Math.max(0, span.start() - 40),
        Math.min(length, span.end() + 40), 1, "x", "x"));
  }

  private static boolean same(Finding a, Finding b) {
    return a.start() == b.start() && a.end() == b.end();
  }

  private static String cut(String text, Finding span) {
    return text.substring(text.offsetByCodePoints(0, span.start()),
        text.offsetByCodePoints(0, span.end())).replace("\n", "\\n");
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** What one analysed text holds of an annotated corpus. */
  enum Unit {
    /** A document's sentences joined by single spaces. */
    DOCUMENT("-doc"),
    /** A sentence, the document's earlier sentences remembered ({@link NameMemory}). */
    LINES("-lines"),
    /** A sentence alone. */
    SENTENCE("");

    final String suffix;

    Unit(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * tp, fp, fn per entity: findings of the entity whose code-point span equals a label's, each
   * text being a {@code unit} of the corpus.
   */
  static Map<String, int[]> score(Analyzer analyzer, List<NerCorpus.Sentence> sentences,
      Unit unit) {
    Map<String, int[]> counts = new TreeMap<>();
    ENTITIES.forEach(e -> counts.put(e, new int[3]));
    for (List<NerCorpus.Sentence> document : documents(sentences)) {
      if (unit == Unit.DOCUMENT) {
        Labelled joined = joined(document);
        tally(counts, joined.spans(), analyzer.analyze(joined.text()));
        continue;
      }
      NameMemory memory = new NameMemory();
      for (NerCorpus.Sentence s : document) {
        tally(counts, gold(s, 0), unit == Unit.LINES ? analyzer.analyze(s.text(), memory)
            : analyzer.analyze(s.text()));
      }
    }
    return counts;
  }

  private static void tally(Map<String, int[]> counts, List<Finding> gold,
      List<Finding> findings) {
    Set<String> labels = new HashSet<>();
    gold.forEach(g -> labels.add(g.entity() + ":" + g.start() + ":" + g.end()));
    Set<String> found = new HashSet<>();
    for (Finding f : findings) {
      if (counts.containsKey(f.entity())) {
        found.add(f.entity() + ":" + f.start() + ":" + f.end());
      }
    }
    for (String f : found) {
      counts.get(f.substring(0, f.indexOf(':')))[labels.contains(f) ? 0 : 1]++;
    }
    for (String g : labels) {
      if (!found.contains(g)) {
        counts.get(g.substring(0, g.indexOf(':')))[2]++;
      }
    }
  }

  /** The sentences by document: a document starts at each sentence that starts one. */
  static List<List<NerCorpus.Sentence>> documents(List<NerCorpus.Sentence> sentences) {
    List<List<NerCorpus.Sentence>> documents = new ArrayList<>();
    for (NerCorpus.Sentence s : sentences) {
      if (s.documentStart() || documents.isEmpty()) {
        documents.add(new ArrayList<>());
      }
      documents.get(documents.size() - 1).add(s);
    }
    return documents;
  }

  /** A document's sentences joined by single spaces, with their labels in code points. */
  static Labelled joined(List<NerCorpus.Sentence> document) {
    StringBuilder text = new StringBuilder();
    List<Finding> spans = new ArrayList<>();
    for (NerCorpus.Sentence s : document) {
      if (text.length() > 0) {
        text.append(' ');
      }
      spans.addAll(gold(s, text.codePointCount(0, text.length())));
      text.append(s.text());
    }
    return new Labelled(text.toString(), spans);
  }

  /** The labelled spans of {@code s}, in code points from {@code offset}. */
  private static List<Finding> gold(NerCorpus.Sentence s, int offset) {
    String text = s.text();
    List<Finding> gold = new ArrayList<>();
    for (Span name : s.names()) {
      int start = text.codePointCount(0, s.charStart(name.getStart()));
      int end = text.codePointCount(0, s.charStart(name.getEnd() - 1)
          + s.tokens()[name.getEnd() - 1].length());
      gold.add(new Finding(name.getType(), offset + start, offset + end, 1, "gold", "gold"));
    }
    return gold;
  }

  /** A hand-labelled text: its personal-data spans in code points. */
  record Labelled(String text, List<Finding> spans) {
  }

  /**
   * The texts of a file with one text a line ({@code \n} a line break, {@code #} a comment) and
   * personal data marked {@code {{ENTITY:text}}}.
   */
  static List<Labelled> labelled(Path file) throws IOException {
    List<Labelled> texts = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      line = line.replace("\\n", "\n");
      StringBuilder text = new StringBuilder();
      List<Finding> spans = new ArrayList<>();
      int i = 0;
      int open;
      while ((open = line.indexOf("{{", i)) >= 0) {
        int colon = line.indexOf(':', open);
        int close = line.indexOf("}}", colon);
        text.append(line, i, open);
        int start = text.codePointCount(0, text.length());
        text.append(line, colon + 1, close);
        spans.add(new Finding(line.substring(open + 2, colon), start,
            text.codePointCount(0, text.length()), 1.0, "label", ""));
        i = close + 2;
      }
      text.append(line.substring(i));
      texts.add(new Labelled(text.toString(), spans));
    }
    return texts;
  }

  /**
   * Precision and recall of personal data regardless of type: a labelled span (of {@code type},
   * or any when null) is found when findings cover at least 90% of its code points; a finding is
   * right when at least half of it lies in labelled spans.
   */
  static double[] personalData(Analyzer analyzer, List<Labelled> texts, String type) {
    int right = 0;
    int findings = 0;
    int found = 0;
    int labelled = 0;
    for (Labelled t : texts) {
      List<Finding> result = analyzer.analyze(t.text());
      int length = t.text().codePointCount(0, t.text().length());
      boolean[] labels = new boolean[length];
      boolean[] covered = new boolean[length];
      t.spans().forEach(s -> Arrays.fill(labels, s.start(), s.end(), true));
      result.forEach(f -> Arrays.fill(covered, f.start(), f.end(), true));
      for (Finding f : result) {
        findings++;
        right += 2 * count(labels, f.start(), f.end()) >= f.length() ? 1 : 0;
      }
      for (Finding s : t.spans()) {
        if (type == null || type.equals(s.entity())) {
          labelled++;
          found += 10 * count(covered, s.start(), s.end()) >= 9 * s.length() ? 1 : 0;
        }
      }
    }
    return new double[] {findings == 0 ? 0 : (double) right / findings,
        labelled == 0 ? 0 : (double) found / labelled};
  }

  /**
   * Per entity type, NER on: the labels and findings of the type, precision (a finding of the
   * type is right when at least half of it lies in labels of the type), recall of the type (a
   * label is found when findings of its type cover at least 90% of it) and recall regardless of
   * type; every type labelled or found, types the analyzer never reports included.
   */
  static void perEntity(Analyzer analyzer, List<Labelled> texts, String indent, String key,
      Map<String, String> summary) {
    Map<String, int[]> counts = new TreeMap<>(); // labels, found by type, found by any, findings, right
    for (Labelled t : texts) {
      List<Finding> result = analyzer.analyze(t.text());
      int length = t.text().codePointCount(0, t.text().length());
      boolean[] any = new boolean[length];
      result.forEach(f -> Arrays.fill(any, f.start(), f.end(), true));
      for (Finding s : t.spans()) {
        boolean[] ofType = new boolean[length];
        result.stream().filter(f -> f.entity().equals(s.entity()))
            .forEach(f -> Arrays.fill(ofType, f.start(), f.end(), true));
        int[] c = counts.computeIfAbsent(s.entity(), e -> new int[5]);
        c[0]++;
        c[1] += 10 * count(ofType, s.start(), s.end()) >= 9 * s.length() ? 1 : 0;
        c[2] += 10 * count(any, s.start(), s.end()) >= 9 * s.length() ? 1 : 0;
      }
      for (Finding f : result) {
        boolean[] labels = new boolean[length];
        t.spans().stream().filter(s -> s.entity().equals(f.entity()))
            .forEach(s -> Arrays.fill(labels, s.start(), s.end(), true));
        int[] c = counts.computeIfAbsent(f.entity(), e -> new int[5]);
        c[3]++;
        c[4] += 2 * count(labels, f.start(), f.end()) >= f.length() ? 1 : 0;
      }
    }
    System.out.printf(Locale.ROOT, "%sNER on, by entity:  %-18s %6s %8s %9s %8s %11s%n", indent,
        "entity", "labels", "findings", "precision", "recall", "recall(any)");
    counts.forEach((entity, c) -> {
      String precision = c[3] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[4] / c[3]);
      String recall = c[0] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[1] / c[0]);
      String anyType = c[0] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[2] / c[0]);
      System.out.printf(Locale.ROOT, "%s                    %-18s %6d %8d %9s %8s %11s%n", indent,
          entity, c[0], c[3], precision, recall, anyType);
      String name = key + "_" + entity.toLowerCase(Locale.ROOT);
      if (c[3] > 0) {
        summary.put(name + "_precision", precision);
      }
      if (c[0] > 0) {
        summary.put(name + "_recall", recall);
      }
    });
  }

  private static int count(boolean[] marks, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      n += marks[i] ? 1 : 0;
    }
    return n;
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
    List<java.util.function.Function<String, Integer>> detectors = new ArrayList<>();
    for (Analyzer analyzer : analyzers) {
      detectors.add(text -> analyzer.analyze(text).size());
    }
    return throughput(detectors, texts, bytes);
  }

  /** As above, of detectors that count a text's findings. */
  static double[] throughput(List<java.util.function.Function<String, Integer>> detectors,
      List<String> texts, long bytes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] rounds = new double[detectors.size()][5];
    long sink = 0;
    for (int round = -2; round < 5; round++) {
      for (int a = 0; a < detectors.size(); a++) {
        long start = threads.getCurrentThreadCpuTime();
        long passes = 0;
        long cpu;
        do {
          for (String text : texts) {
            sink += detectors.get(a).apply(text);
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
    double[] medians = new double[detectors.size()];
    for (int a = 0; a < detectors.size(); a++) {
      Arrays.sort(rounds[a]);
      medians[a] = rounds[a][2];
    }
    return medians;
  }

  /** The texts speed is measured on, by name: prose ({@link #licenseParagraphs}), then tickets. */
  static Map<String, List<String>> speedInputs() throws IOException {
    Map<String, List<String>> inputs = new java.util.LinkedHashMap<>();
    inputs.put("prose", licenseParagraphs());
    inputs.put("tickets", tickets());
    return inputs;
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
