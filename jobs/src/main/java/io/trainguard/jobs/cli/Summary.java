package io.trainguard.jobs.cli;

import static java.util.stream.Collectors.joining;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.protect.ProtectResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human summary of a protect run. */
final class Summary {

  private static final int TOP_REASONS = 5;

  private Summary() {}

  /** {@code confArgs}: the {@code --conf} arguments the decrypt hint repeats. */
  static void print(PrintWriter out, ProtectResult result, String keySpec, List<String> confArgs,
      double seconds) {
    var m = result.manifest();
    Map<String, Integer> formats = new TreeMap<>();
    m.path("inputs").forEach(in -> formats.merge(in.path("format").asText(), 1, Integer::sum));
    var acc = m.path("accounting");
    String root = result.outputUri().replaceFirst("^file:", "");
    out.printf(Locale.ROOT, "protect finished in %.1f s%n", seconds);
    out.printf(Locale.ROOT, "  files      %d %s%n", result.files(), formats);
    out.printf(Locale.ROOT, "  records    in %d, written %d, quarantined %d, dropped %d%n",
        acc.path("records_in").asLong(), acc.path("records_written").asLong(),
        acc.path("records_quarantined").asLong(), acc.path("records_dropped").asLong());
    poisoning(out, m.path("poisoning"), root);
    Map<String, Long> findings = result.findingsByEntity();
    out.printf(Locale.ROOT, "  findings   %d%n", findings.values().stream().mapToLong(x -> x).sum());
    findings.forEach((entity, n) -> out.printf(Locale.ROOT, "    %-20s %d%n", entity, n));
    out.printf(Locale.ROOT, "  manifest   %s/%s (signed by %s)%n", root, OutputLayout.MANIFEST,
        m.path("signature").path("key_id").asText());
    out.printf(Locale.ROOT, "  report     %s/%s%n", root, OutputLayout.REPORT);
    // decrypt checks the manifest's signature: with a KMS key it needs the key that signed
    String signingKey = keySpec.startsWith(KeyProviders.LOCAL_PREFIX) ? ""
        : " --signing-key " + m.path("signature").path("key_id").asText();
    out.printf(Locale.ROOT, "  decrypt    trainguard decrypt --key %s%s --input %s --output DIR%s%n",
        keySpec, signingKey, root, confArgs.stream().map(a -> " " + a).collect(joining()));
    out.flush();
  }

  /** Records scanned and flagged, where the flags are, and the five most frequent reasons. */
  private static void poisoning(PrintWriter out, JsonNode scan, String root) {
    if (scan.isMissingNode()) {
      return;
    }
    long records = scan.path("records").asLong();
    long flagged = scan.path("flagged").asLong();
    out.printf(Locale.ROOT, "  poisoning  scanned %d, flagged %d (%.1f%%), action %s: %s/%s%n",
        records, flagged, records == 0 ? 0.0 : 100.0 * flagged / records,
        scan.path("action").asText(), root, scan.path("outliers").asText());
    List<Map.Entry<String, JsonNode>> reasons = new ArrayList<>();
    scan.path("counts_by_reason").fields().forEachRemaining(reasons::add);
    reasons.stream()
        .sorted(Comparator.<Map.Entry<String, JsonNode>>comparingLong(e -> -e.getValue().asLong())
            .thenComparing(Map.Entry::getKey))
        .limit(TOP_REASONS)
        .forEach(e -> out.printf(Locale.ROOT, "    %-28s %d%n", e.getKey(), e.getValue().asLong()));
  }
}
