package io.trainguard.jobs.protect;

import io.trainguard.jobs.Counts;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.redaction.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Evaluates a policy's gate on a run's results: pass, or fail with reasons that name no value. */
final class GateCheck {

  /** The decision and why. */
  record Decision(boolean passed, List<String> reasons) {

    /** This decision with one more reason to fail. */
    Decision failing(String reason) {
      List<String> all = new ArrayList<>(reasons);
      all.add(reason);
      return new Decision(false, List.copyOf(all));
    }
  }

  private GateCheck() {}

  static Decision evaluate(Policy.Gate gate, List<FileResult> files) {
    List<String> reasons = new ArrayList<>();
    Map<String, Long> findings = new TreeMap<>();
    Map<String, long[]> cells = new TreeMap<>();
    for (FileResult f : files) {
      f.stats().findingsByEntity().forEach((e, n) -> findings.merge(e, n, Long::sum));
      f.stats().cellsByField().forEach((field, c) -> {
        long[] total = cells.computeIfAbsent(f.inputPath() + ": " + field, k -> new long[2]);
        total[0] += c[0];
        total[1] += c[1];
      });
    }
    findings.forEach((entity, n) -> {
      if (gate.failsOn(entity)) {
        reasons.add(entity + " found " + Counts.of(n, "time") + " (policy fails on " + entity
            + ")");
      }
    });
    cells.forEach((column, c) -> {
      if (gate.exceedsPiiFraction(c[1], c[0])) {
        reasons.add(String.format(Locale.ROOT,
            "%s: %.1f%% of %s %s personal data (limit %.1f%%)", column, 100.0 * c[1] / c[0],
            Counts.of(c[0], "value"), c[0] == 1 ? "holds" : "hold",
            100 * gate.maxPiiFractionPerColumn()));
      }
    });
    return new Decision(reasons.isEmpty(), reasons);
  }

  /**
   * The poisoning gate: fails when more than {@code maxFlaggedFraction} of the {@code records}
   * scanned were flagged. The reason gives counts only.
   */
  static Decision poisoning(Decision decision, double maxFlaggedFraction, long flagged,
      long records) {
    if (records == 0 || (double) flagged / records <= maxFlaggedFraction) {
      return decision;
    }
    return decision.failing(String.format(Locale.ROOT,
        "poisoning: %d of %s flagged (%.1f%%, limit %.1f%%)", flagged,
        Counts.of(records, "record"), 100.0 * flagged / records, 100 * maxFlaggedFraction));
  }

  /**
   * The poisoning gate fails closed: an input the scan was asked to scan but could not
   * ({@code skipped} of the {@code inputs}) fails it, named with why (the first 20).
   */
  static Decision unscanned(Decision decision, List<Manifest.SkippedInput> skipped, int inputs) {
    if (skipped.isEmpty()) {
      return decision;
    }
    int shown = Math.min(skipped.size(), 20);
    return decision.failing("poisoning: " + skipped.size() + " of " + Counts.of(inputs, "input")
        + " not scanned (" + String.join("; ", skipped.subList(0, shown).stream()
            .map(s -> s.path() + ": " + s.reason().replace('-', ' ')).toList())
        + (shown < skipped.size() ? "; and " + (skipped.size() - shown) + " more" : "") + ")");
  }
}
