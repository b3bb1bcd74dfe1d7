package io.trainguard.jobs.cli;

import static java.util.stream.Collectors.joining;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.protect.ProtectResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The human summary of a protect run. */
final class Summary {

  private static final int TOP_REASONS = 5;
  private static final int TOP_SKIPPED = 20;

  private Summary() {}

  /**
   * {@code confArgs}: the {@code --conf} arguments the decrypt hint repeats; the hint is a
   * command the user can paste, as the user called trainguard.
   */
  static void print(PrintWriter out, ProtectResult result, String keySpec, List<String> confArgs,
      double seconds) {
    Manifest m = result.manifest();
    Map<String, Integer> formats = new TreeMap<>();
    m.inputs().forEach(in -> formats.merge(in.format(), 1, Integer::sum));
    Manifest.Accounting acc = m.accounting();
    String root = result.outputUri().replaceFirst("^file:", "");
    out.printf("protect finished in %s%n", Counts.duration(seconds));
    out.printf("  files      %s %s%n", Counts.number(result.files()), formats);
    out.printf("  records    in %s, written %s, quarantined %s, dropped %s%n",
        Counts.number(acc.recordsIn()), Counts.number(acc.recordsWritten()),
        Counts.number(acc.recordsQuarantined()), Counts.number(acc.recordsDropped()));
    if (m.poisoning() != null) {
      poisoning(out, m.poisoning(), root);
    }
    Map<String, Long> findings = result.findingsByEntity();
    out.printf("  findings   %s%n",
        Counts.number(findings.values().stream().mapToLong(x -> x).sum()));
    findings.forEach((entity, n) -> out.printf("    %-20s %s%n", entity, Counts.number(n)));
    out.printf("  manifest   %s/%s (signed by %s)%n", root, OutputLayout.MANIFEST,
        m.signature().keyId());
    out.printf("  report     %s/%s%n", root, OutputLayout.REPORT);
    List<String> decrypt = new ArrayList<>(List.of(CommandLines.program(), "decrypt", "--key",
        keySpec));
    if (!keySpec.startsWith(KeyProviders.LOCAL_PREFIX)) {
      // decrypt checks the manifest's signature: with a KMS key it needs the key that signed
      decrypt.addAll(List.of("--signing-key", m.signature().keyId()));
    }
    decrypt.addAll(List.of("--input", root, "--output", "DIR"));
    decrypt.addAll(confArgs);
    out.printf("  decrypt    %s%n", CommandLines.pasteable(decrypt));
    out.flush();
  }

  /** Records scanned and flagged, where the flags are, and the five most frequent reasons. */
  private static void poisoning(PrintWriter out, Manifest.Poisoning scan, String root) {
    long records = scan.records();
    long flagged = scan.flagged();
    out.printf("  poisoning  scanned %s, flagged %s (%s%%), action %s: %s/%s%n",
        Counts.number(records), Counts.number(flagged),
        Counts.decimal(records == 0 ? 0.0 : 100.0 * flagged / records), scan.action(), root,
        scan.outliers());
    scan.countsByReason().entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
            .thenComparing(Map.Entry::getKey))
        .limit(TOP_REASONS)
        .forEach(e -> out.printf("    %-28s %s%n", e.getKey(), Counts.number(e.getValue())));
    int skipped = scan.skippedInputs().size();
    if (skipped > 0) {
      out.printf("    not scanned: %s%s%n", scan.skippedInputs().stream()
          .limit(TOP_SKIPPED).map(s -> s.path() + " (" + s.reason().replace('-', ' ') + ")")
          .collect(joining(", ")),
          skipped > TOP_SKIPPED ? ", and " + Counts.number(skipped - TOP_SKIPPED) + " more" : "");
    }
  }
}
