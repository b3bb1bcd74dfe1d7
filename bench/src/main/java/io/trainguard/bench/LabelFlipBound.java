package io.trainguard.bench;

import io.trainguard.bench.GeneratorLabelModels.LabelModel;
import io.trainguard.samples.poison.CustomerPoisonGenerator;
import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.ReviewPoisonGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The best label-flip detection possible on the generated datasets (bench/label-flip-bound):
 * the Bayes-optimal detector, which knows the generator's own distributions
 * ({@link GeneratorLabelModels}), scored on the records that are clean or flipped. For a record
 * with label y, P(t | record) from the label shares and the likelihoods; with c the share of
 * flipped records and K labels, a flipped label is any other label alike, so the probability
 * that y was flipped is c(1 - P(y))/(K - 1) over (1 - c)P(y) + c(1 - P(y))/(K - 1). Printed per
 * dataset, rows and seed: the share of flips whose flipped label is less likely than the true
 * one; precision and recall when flagging at a flip probability of at least 1/2; the highest
 * recall of the ranking by that probability at a precision of at least 0.9; and the expected
 * recall at 1/2 (the sum of the flagged records' probabilities over the sum of all), which
 * does not depend on which few records a small sample happens to hold.
 * Usage: {@code LabelFlipBound [--rows 2000,20000] [--seeds 11,12,13] [--rate 0.02]}.
 */
public final class LabelFlipBound {

  /** A record's flip probability and, when it was flipped, whether its label became less likely. */
  record Scored(double flip, boolean flipped, boolean lessLikely) {}

  /** Figures of one dataset (see the class comment). */
  record Figures(int flips, double lessLikely, int flagged, double precision, double recall,
      double bestRecallAtPrecision90, double expectedRecall) {}

  private LabelFlipBound() {}

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    double rate = Double.parseDouble(options.getOrDefault("--rate", "0.02"));
    for (String rows : options.getOrDefault("--rows", "2000,20000").split(",")) {
      for (String seed : options.getOrDefault("--seeds", "11,12,13").split(",")) {
        int n = Integer.parseInt(rows);
        long s = Long.parseLong(seed);
        print("customers", n, s, CustomerPoisonGenerator.generate(n, rate, s, false),
            GeneratorLabelModels.CUSTOMERS);
        print("customers-long", n, s, CustomerPoisonGenerator.generate(n, rate, s, true),
            GeneratorLabelModels.CUSTOMERS);
        print("reviews", n, s, ReviewPoisonGenerator.generate(n, rate, s),
            GeneratorLabelModels.REVIEWS);
      }
    }
  }

  private static void print(String name, int rows, long seed, PoisonedDataset data,
      LabelModel model) {
    Figures f = figures(score(data, model));
    System.out.printf(Locale.ROOT, "label_flip_bound_%s_%d_seed%d flips=%d"
            + " flipped_label_less_likely=%.3f bayes_flagged=%d bayes_precision=%.3f"
            + " bayes_recall=%.3f best_recall_at_precision_0_9=%.3f expected_recall=%.3f%n",
        name.replace('-', '_'), rows, seed, f.flips(), f.lessLikely(), f.flagged(),
        f.precision(), f.recall(), f.bestRecallAtPrecision90(), f.expectedRecall());
  }

  /** Every record that is clean or flipped, scored by the Bayes-optimal flip probability. */
  static List<Scored> score(PoisonedDataset data, LabelModel model) {
    Set<String> flips = data.truth().getOrDefault(PoisonKind.LABEL_FLIP, Set.of());
    Set<String> poisoned = data.poisonedIds();
    List<List<Object>> records = data.rows().stream()
        .filter(r -> flips.contains((String) r.get(0)) || !poisoned.contains((String) r.get(0)))
        .toList();
    double c = (double) flips.size() / records.size();
    int k = model.labels().size();
    List<Scored> out = new ArrayList<>(records.size());
    for (List<Object> row : records) {
      double[] p = posterior(model, row);
      int y = model.labels().indexOf(String.valueOf(row.get(1)));
      double flipped = c * (1 - p[y]) / (k - 1);
      String id = (String) row.get(0);
      boolean flip = flips.contains(id);
      boolean lessLikely = flip
          && p[y] < p[model.labels().indexOf(String.valueOf(data.originalLabels().get(id)))];
      out.add(new Scored(flipped / ((1 - c) * p[y] + flipped), flip, lessLikely));
    }
    return out;
  }

  /** P(label | record) for each label: prior times likelihood, normalised. */
  static double[] posterior(LabelModel model, List<Object> row) {
    double[] log = model.logLikelihood(row);
    double[] prior = model.prior();
    double max = Double.NEGATIVE_INFINITY;
    for (int l = 0; l < log.length; l++) {
      log[l] += Math.log(prior[l]);
      max = Math.max(max, log[l]);
    }
    double sum = 0;
    for (int l = 0; l < log.length; l++) {
      log[l] = Math.exp(log[l] - max);
      sum += log[l];
    }
    for (int l = 0; l < log.length; l++) {
      log[l] /= sum;
    }
    return log;
  }

  static Figures figures(List<Scored> scored) {
    List<Scored> ranked = new ArrayList<>(scored);
    ranked.sort(Comparator.comparingDouble(Scored::flip).reversed());
    int flips = (int) scored.stream().filter(Scored::flipped).count();
    long lessLikely = scored.stream().filter(Scored::lessLikely).count();
    int flagged = 0;
    int hits = 0;
    double expectedFlagged = 0;
    double expectedAll = 0;
    for (Scored s : scored) {
      expectedAll += s.flip();
      if (s.flip() >= 0.5) {
        flagged++;
        hits += s.flipped() ? 1 : 0;
        expectedFlagged += s.flip();
      }
    }
    int best = 0;
    int found = 0;
    for (int i = 0; i < ranked.size(); i++) {
      found += ranked.get(i).flipped() ? 1 : 0;
      boolean cut = i + 1 == ranked.size() || ranked.get(i + 1).flip() < ranked.get(i).flip();
      if (cut && found >= 0.9 * (i + 1)) {
        best = found;
      }
    }
    return new Figures(flips, ratio(lessLikely, flips), flagged, ratio(hits, flagged),
        ratio(hits, flips), ratio(best, flips), expectedAll == 0 ? 0
            : expectedFlagged / expectedAll);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
