package io.trainguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.samples.poison.CustomerPoisonGenerator;
import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonWriters;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.ReviewPoisonGenerator;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two Java halves of {@code bench/poisoning} around the real {@code protect} run:
 * {@code generate --dir D --dataset tabular|text --rows N --rate R --seed S} writes
 * {@code D/in/<dataset>.csv|jsonl} and {@code D/truth.json}; {@code score --dir D --dataset
 * tabular|text} reads {@code D/truth.json}, {@code D/out/_trainguard/outliers.jsonl} and
 * {@code D/time.txt} (GNU {@code time -v} of the protect run) and prints precision, recall and F1
 * per poison kind and overall, with wall time and peak memory.
 */
public final class PoisoningBench {

  /** The backdoor phrase planted in the text dataset (as in the detectors' evaluation test). */
  private static final String TRIGGER = "zq velorix";
  /** Reason prefix of each detector → the poison kind it is meant to find. */
  private static final Map<String, PoisonKind> KIND_OF = Map.of(
      "feature_outlier", PoisonKind.OUTLIER,
      "label_flip", PoisonKind.LABEL_FLIP,
      "backdoor_trigger", PoisonKind.BACKDOOR_TRIGGER,
      "conflicting_duplicate", PoisonKind.CONFLICTING_DUPLICATE);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * tabular and text: the first generator; customers: the second, independent one (CSV, short
   * notes); customers-clean: the same without poison; customers-long: the held-out variation
   * (JSON Lines, notes of two to four sentences); reviews: the third generator, held out
   * (five ratings, long texts).
   */
  private static final List<String> DATASETS =
      List.of("tabular", "text", "customers", "customers-clean", "customers-long", "reviews");

  private PoisoningBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (args.length == 0 || args.length % 2 == 0 || !options.containsKey("--dir")
        || !DATASETS.contains(options.get("--dataset"))) {
      System.err.println("usage: PoisoningBench generate|score --dir D --dataset "
          + String.join("|", DATASETS)
          + " [--rows N --rate R --seed S]");
      System.exit(1);
    }
    Path dir = Path.of(options.get("--dir"));
    String dataset = options.get("--dataset");
    if (args[0].equals("generate")) {
      generate(dir, dataset, Integer.parseInt(options.getOrDefault("--rows", "2000")),
          Double.parseDouble(options.getOrDefault("--rate", "0.02")),
          Long.parseLong(options.getOrDefault("--seed", "11")));
    } else {
      score(dir, dataset);
    }
  }

  private static void generate(Path dir, String dataset, int rows, double rate, long seed)
      throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonedDataset data = switch (dataset) {
      case "tabular" -> TabularPoisonGenerator.generate(rows, rate, seed);
      case "text" -> TextPoisonGenerator.generate(rows, rate, seed, TRIGGER);
      case "customers" -> CustomerPoisonGenerator.generate(rows, rate, seed, false);
      case "customers-clean" -> CustomerPoisonGenerator.generate(rows, 0, seed, false);
      case "reviews" -> ReviewPoisonGenerator.generate(rows, rate, seed);
      default -> CustomerPoisonGenerator.generate(rows, rate, seed, true);
    };
    Path file = in.resolve(input(dataset));
    if (file.toString().endsWith(".csv")) {
      PoisonWriters.writeCsv(data, file);
    } else {
      PoisonWriters.writeJsonLines(data, file);
    }
    PoisonWriters.writeTruth(data, dir.resolve("truth.json"));
  }

  private static void score(Path dir, String dataset) throws IOException {
    Map<PoisonKind, Set<String>> truth = new EnumMap<>(PoisonKind.class);
    JSON.readTree(dir.resolve("truth.json").toFile()).fields().forEachRemaining(e -> {
      Set<String> ids = new HashSet<>();
      e.getValue().forEach(id -> ids.add(id.asText()));
      truth.put(PoisonKind.valueOf(e.getKey()), ids);
    });
    Set<String> poisoned = new HashSet<>();
    truth.values().forEach(poisoned::addAll);
    Map<PoisonKind, Set<String>> flaggedBy = new EnumMap<>(PoisonKind.class);
    Set<String> flagged = new HashSet<>();
    Map<String, Double> scores = new HashMap<>();
    try (BufferedReader lines = Files.newBufferedReader(
        dir.resolve("out/_trainguard/outliers.jsonl"), StandardCharsets.UTF_8)) {
      lines.lines().forEach(line -> {
        JsonNode node = read(line);
        String id = node.path("record_id").asText();
        flagged.add(id);
        scores.merge(id, node.path("score").asDouble(), Math::max);
        node.path("reasons").forEach(r -> {
          PoisonKind kind = KIND_OF.get(r.asText().split(":", 2)[0]);
          flaggedBy.computeIfAbsent(kind, k -> new HashSet<>()).add(id);
        });
      });
    }
    long records;
    try (var in = Files.lines(dir.resolve("in").resolve(input(dataset)))) {
      records = in.count() - (input(dataset).endsWith(".csv") ? 1 : 0);
    }
    System.out.printf(Locale.ROOT, "%n%s: %,d records, %,d poisoned, %,d flagged%n", dataset,
        records, poisoned.size(), flagged.size());
    System.out.printf(Locale.ROOT, "%-22s %7s %7s %7s %7s %7s %7s %9s%n", "kind", "truth",
        "flagged", "TP", "prec", "recall", "F1", "prec_any");
    List<String> summary = new ArrayList<>();
    for (Map.Entry<PoisonKind, Set<String>> e : truth.entrySet()) {
      Set<String> mine = flaggedBy.getOrDefault(e.getKey(), Set.of());
      double[] s = row(e.getKey().name(), e.getValue(), mine, poisoned);
      summary.add(String.format(Locale.ROOT, "%s_f1=%.3f", e.getKey().name().toLowerCase(
          Locale.ROOT), s[2]));
    }
    double[] all = row("overall (any reason)", poisoned, flagged, poisoned);
    long falseFlags = flagged.stream().filter(id -> !poisoned.contains(id)).count();
    summary.add(String.format(Locale.ROOT, "clean_flagged_share=%.4f",
        (double) falseFlags / (records - poisoned.size())));
    double ap = averagePrecision(scores, poisoned);
    System.out.printf(Locale.ROOT, "average precision of the score (poisoned first): %.3f%n", ap);
    summary.add(String.format(Locale.ROOT, "average_precision=%.3f", ap));
    summary.add(String.format(Locale.ROOT, "overall_precision=%.3f overall_recall=%.3f"
        + " overall_f1=%.3f", all[0], all[1], all[2]));
    String time = Files.readString(dir.resolve("time.txt"));
    double seconds = wallSeconds(time);
    long rssKb = Long.parseLong(field(time, "Maximum resident set size \\(kbytes\\): (\\d+)"));
    double cpu = cpu(time);
    String baseline = Files.readString(dir.resolve("time-baseline.txt"));
    double baseCpu = cpu(baseline);
    System.out.printf(Locale.ROOT, "protect with the scan: wall %.1f s, %,.0f records/s, peak RSS"
        + " %,d MB, user+sys CPU %.1f s; without: CPU %.1f s, peak RSS %,d MB; scan CPU / protect"
        + " CPU = %.2f%n", seconds, records / seconds, rssKb / 1024, cpu, baseCpu,
        Long.parseLong(field(baseline, "Maximum resident set size \\(kbytes\\): (\\d+)")) / 1024,
        (cpu - baseCpu) / baseCpu);
    System.out.printf(Locale.ROOT, "poisoning_%s rows=%d %s wall_s=%.1f peak_rss_mb=%d cpu_s=%.1f"
        + " baseline_cpu_s=%.1f scan_cost_ratio=%.2f%n", dataset, records,
        String.join(" ", summary), seconds, rssKb / 1024, cpu, baseCpu, (cpu - baseCpu) / baseCpu);
  }

  /**
   * Average precision of the flagged records ranked by score (ties: lower precision first, as
   * the file gives no order among them), over every poisoned record: one never flagged counts 0.
   */
  static double averagePrecision(Map<String, Double> scores, Set<String> poisoned) {
    if (poisoned.isEmpty()) {
      return 0;
    }
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.entrySet());
    ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed()
        .thenComparing(e -> poisoned.contains(e.getKey())));
    double sum = 0;
    int hits = 0;
    for (int i = 0; i < ranked.size(); i++) {
      if (poisoned.contains(ranked.get(i).getKey())) {
        hits++;
        sum += (double) hits / (i + 1);
      }
    }
    return sum / poisoned.size();
  }

  /** The input file name of a dataset. */
  static String input(String dataset) {
    return switch (dataset) {
      case "tabular" -> "tabular.csv";
      case "text" -> "text.jsonl";
      case "customers-long" -> "customers.jsonl";
      case "reviews" -> "reviews.jsonl";
      default -> "customers.csv";
    };
  }

  private static double cpu(String time) {
    return Double.parseDouble(field(time, "User time \\(seconds\\): ([0-9.]+)"))
        + Double.parseDouble(field(time, "System time \\(seconds\\): ([0-9.]+)"));
  }

  /** Prints one table row; returns {precision, recall, F1}. */
  private static double[] row(String name, Set<String> truth, Set<String> flagged,
      Set<String> poisoned) {
    long tp = flagged.stream().filter(truth::contains).count();
    long anyTp = flagged.stream().filter(poisoned::contains).count();
    double precision = flagged.isEmpty() ? 0 : (double) tp / flagged.size();
    double recall = truth.isEmpty() ? 0 : (double) tp / truth.size();
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double anyPrecision = flagged.isEmpty() ? 0 : (double) anyTp / flagged.size();
    System.out.printf(Locale.ROOT, "%-22s %7d %7d %7d %7.3f %7.3f %7.3f %9.3f%n", name,
        truth.size(), flagged.size(), tp, precision, recall, f1, anyPrecision);
    return new double[] {precision, recall, f1};
  }

  /** GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.03" in seconds. */
  private static double wallSeconds(String time) {
    String[] parts = field(time, "Elapsed \\(wall clock\\) time \\([^)]*\\): ([0-9:.]+)")
        .split(":");
    double seconds = 0;
    for (String part : parts) {
      seconds = seconds * 60 + Double.parseDouble(part);
    }
    return seconds;
  }

  private static String field(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("Not in the time -v output: " + regex);
    }
    return m.group(1);
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
