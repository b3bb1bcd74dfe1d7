package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Renders a manifest as one self-contained HTML page (no scripts, no network fetches) for
 * compliance review. Everything shown comes from the manifest, escaped.
 */
public final class ReportWriter {

  public static final String PATH = "_trainguard/report.html";

  private ReportWriter() {}

  public static String render(JsonNode m) {
    StringBuilder h = new StringBuilder(8192);
    JsonNode run = m.path("run");
    JsonNode acc = m.path("accounting");
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>trainguard report ").append(esc(run.path("id").asText())).append("</title>")
        .append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
        .append("th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}")
        .append(".bar{background:#4a7bd0;height:.8em;display:inline-block}")
        .append(".pass{color:#176b2c}.fail{color:#a4161a}code{font-size:12px}</style></head><body>\n");
    String decision = m.path("gate").path("decision").asText();
    h.append("<h1>trainguard protection report</h1>\n<p>Verdict: <strong class=\"")
        .append("pass".equals(decision) ? "pass" : "fail").append("\">").append(esc(decision))
        .append("</strong> &middot; run <code>").append(esc(run.path("id").asText()))
        .append("</code> &middot; trainguard ").append(esc(run.path("version").asText()))
        .append(" &middot; ").append(esc(run.path("started").asText())).append(" to ")
        .append(esc(run.path("finished").asText())).append("</p>\n");

    h.append("<h2>Record accounting</h2>\n<table><tr><th>in</th><th>written</th>")
        .append("<th>quarantined</th><th>dropped</th><th>balanced</th></tr><tr>");
    for (String k : new String[] {"records_in", "records_written", "records_quarantined",
        "records_dropped"}) {
      h.append("<td class=\"num\">").append(acc.path(k).asLong()).append("</td>");
    }
    h.append("<td>").append(acc.path("balanced").asBoolean() ? "yes" : "NO").append("</td></tr></table>\n");

    h.append("<h2>Findings per entity</h2>\n<table><tr><th>entity</th><th>count</th>")
        .append("<th></th><th>fields</th><th>operator</th></tr>\n");
    Map<String, Long> counts = Manifest.findingCounts(m);
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    counts.forEach((entity, count) -> {
      JsonNode f = m.path("findings").path(entity);
      StringBuilder fields = new StringBuilder();
      f.path("fields").forEach(x -> fields.append(fields.isEmpty() ? "" : ", ").append(x.asText()));
      h.append("<tr><td>").append(esc(entity)).append("</td><td class=\"num\">").append(count)
          .append("</td><td><span class=\"bar\" style=\"width:")
          .append(Math.max(1, 200 * count / max)).append("px\"></span></td><td>")
          .append(esc(fields.toString())).append("</td><td>")
          .append(esc(f.path("operator").asText())).append("</td></tr>\n");
    });
    h.append("</table>\n");

    h.append("<h2>Inputs</h2>\n<table><tr><th>path</th><th>format</th><th>size</th>")
        .append("<th>records</th><th>SHA-256</th></tr>\n");
    for (JsonNode in : m.path("inputs")) {
      h.append("<tr><td>").append(esc(in.path("path").asText())).append("</td><td>")
          .append(esc(in.path("format").asText())).append("</td><td class=\"num\">")
          .append(in.path("size").asLong()).append("</td><td class=\"num\">")
          .append(in.path("records").asLong()).append("</td><td><code>")
          .append(esc(in.path("sha256").asText())).append("</code></td></tr>\n");
    }
    h.append("</table>\n<h2>Outputs</h2>\n<table><tr><th>path</th><th>size</th>")
        .append("<th>records</th><th>key</th><th>SHA-256</th></tr>\n");
    for (JsonNode out : m.path("outputs")) {
      h.append("<tr><td>").append(esc(out.path("path").asText())).append("</td><td class=\"num\">")
          .append(out.path("size").asLong()).append("</td><td class=\"num\">")
          .append(out.path("records").asLong()).append("</td><td><code>")
          .append(esc(out.path("encryption").path("key_id").asText())).append("</code></td><td><code>")
          .append(esc(out.path("sha256").asText())).append("</code></td></tr>\n");
    }
    JsonNode sig = m.path("signature");
    h.append("</table>\n<h2>Signature</h2>\n<p>")
        .append(sig.isObject() ? esc(sig.path("algorithm").asText()) + " by key <code>"
            + esc(sig.path("key_id").asText()) + "</code>; check with <code>trainguard verify"
            + " --manifest " + esc(Manifest.PATH) + " --key ...</code>" : "unsigned")
        .append("</p>\n</body></html>\n");
    return h.toString();
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
