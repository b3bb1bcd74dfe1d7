package io.trainguard.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one entity type: labelled spans (support), findings that match one exactly (TP),
 * findings that match none (FP), labels left unmatched (FN), TP and FP under the looser overlap
 * rule, and exact hits per record shape.
 */
final class Tally {

  int support;
  int truePositives;
  int falsePositives;
  int falseNegatives;
  int overlapTruePositives;
  int overlapFalsePositives;
  /** Per shape: {labels, exact hits}. */
  final Map<String, int[]> byShape = new TreeMap<>();

  /** Precision; 0 when nothing was found (an uncovered type scores 0, not "perfect"). */
  double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  double recall() {
    return ratio(truePositives, support);
  }

  double f1() {
    return f1(precision(), recall());
  }

  double overlapF1() {
    return f1(ratio(overlapTruePositives, overlapTruePositives + overlapFalsePositives),
        ratio(overlapTruePositives, support));
  }

  /** Recall on records of one shape, or NaN when the shape has no label of this type. */
  double recall(String shape) {
    int[] counts = byShape.get(shape);
    return counts == null || counts[0] == 0 ? Double.NaN : (double) counts[1] / counts[0];
  }

  void add(Tally other) {
    support += other.support;
    truePositives += other.truePositives;
    falsePositives += other.falsePositives;
    falseNegatives += other.falseNegatives;
    overlapTruePositives += other.overlapTruePositives;
    overlapFalsePositives += other.overlapFalsePositives;
    other.byShape.forEach((shape, c) -> {
      int[] mine = byShape.computeIfAbsent(shape, s -> new int[2]);
      mine[0] += c[0];
      mine[1] += c[1];
    });
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
}
