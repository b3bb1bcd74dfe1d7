package io.trainguard.jobs.cli;

import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.protect.ProtectResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human summary of a protect run. */
final class Summary {

  private Summary() {}

  static void print(PrintWriter out, ProtectResult result, String keySpec, double seconds) {
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
    Map<String, Long> findings = result.findingsByEntity();
    out.printf(Locale.ROOT, "  findings   %d%n", findings.values().stream().mapToLong(x -> x).sum());
    findings.forEach((entity, n) -> out.printf(Locale.ROOT, "    %-20s %d%n", entity, n));
    out.printf(Locale.ROOT, "  manifest   %s/%s (signed by %s)%n", root, Manifest.PATH,
        m.path("signature").path("key_id").asText());
    out.printf(Locale.ROOT, "  report     %s/%s%n", root, ReportWriter.PATH);
    // decrypt checks the manifest's signature: with a KMS key it needs the key that signed
    String signingKey = keySpec.startsWith(KeyProviders.LOCAL_PREFIX) ? ""
        : " --signing-key " + m.path("signature").path("key_id").asText();
    out.printf(Locale.ROOT, "  decrypt    trainguard decrypt --key %s%s --input %s --output DIR%n",
        keySpec, signingKey, root);
    out.flush();
  }
}
