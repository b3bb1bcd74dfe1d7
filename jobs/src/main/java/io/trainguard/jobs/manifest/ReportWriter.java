package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.Signer;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Renders a manifest as one self-contained HTML page for compliance review: inline CSS and SVG
 * charts, no script, and a Content-Security-Policy that forbids every fetch. Everything shown
 * comes from the manifest, escaped; a section the manifest lacks reads "none". Numbers carry
 * {@code id} or {@code data-} attributes holding the exact value, for tools that read the page.
 */
public final class ReportWriter {

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  private ReportWriter() {}

  public static String render(Manifest manifest) {
    return new Page(manifest).render();
  }

  /**
   * {@code trainguard report}: renders the manifest at {@code manifestUri} (a local path,
   * {@code file://} or {@code s3a://} URI) into the local file {@code out}, replacing it, once its
   * signature holds under {@code signer}; a null {@code signer} renders it unchecked.
   *
   * @throws TrainguardException exit 2 if the manifest is missing, not a manifest or its
   *     signature does not hold, exit 4 if storage fails, exit 1 if {@code out} cannot be written
   */
  public static void renderManifestFile(String manifestUri, java.nio.file.Path out,
      Configuration conf, Signer signer) {
    checkTarget(out);
    ManifestReader.Stored manifest = ManifestReader.load(conf, manifestUri);
    String problem = signer == null ? null : manifest.signatureProblem(signer);
    if (problem != null) {
      throw TrainguardException.input("Cannot render the report of " + manifestUri + ": "
          + problem);
    }
    write(out, render(manifest.manifest()));
  }

  /** Fails (exit 1) when the local file {@code out} is a directory or lies under a file. */
  public static void checkTarget(java.nio.file.Path out) {
    java.nio.file.Path target = out.toAbsolutePath();
    java.nio.file.Path file = Storage.fileInTheWay(target.getParent());
    if (file != null) {
      throw TrainguardException.usage("Cannot write report " + target + ": " + file
          + " is not a directory");
    }
    if (Files.isDirectory(target)) {
      throw TrainguardException.usage("Cannot write report " + target + ": it is a directory");
    }
  }

  /** Writes {@code html} to the local file {@code out}, replacing it whole or not at all. */
  public static void write(java.nio.file.Path out, String html) {
    checkTarget(out);
    java.nio.file.Path target = out.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      java.nio.file.Path tmp = Files.createTempFile(target.getParent(), ".report", ".tmp");
      try {
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw TrainguardException.usage("Cannot write report " + target + ": "
          + e.getClass().getSimpleName());
    }
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

  /** One page: each section reads what it needs and tolerates its absence. */
  private static final class Page {

    private static final String CSS = """
        :root{--ink:#1d2430;--mute:#5b6575;--line:#d9dee7;--pass:#17703a;--fail:#b3261e;\
        --warn:#9a6700;--bg:#f6f8fb}
        *{box-sizing:border-box}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);\
        margin:0;background:#fff}
        header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
        header{padding-top:24px}h1{font-size:22px;margin:0 0 4px}
        h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
        h3{font-size:14px;margin:16px 0 6px}
        .meta{color:var(--mute);margin:0}.meta code{color:var(--ink)}
        nav{margin:12px 0 0;font-size:13px}nav a{color:#2457a6;margin-right:12px}
        .verdict{border-radius:8px;padding:14px 18px;margin:18px 0 8px;border:2px solid}
        .verdict.pass{border-color:var(--pass);background:#eaf6ee}
        .verdict.fail{border-color:var(--fail);background:#fcecea}
        .verdict.other{border-color:var(--warn);background:#fff6e0}
        .verdict .decision{font-size:22px;font-weight:700;text-transform:uppercase}
        .pass .decision{color:var(--pass)}.fail .decision{color:var(--fail)}\
        .other .decision{color:var(--warn)}
        .verdict ul{margin:6px 0 0;padding-left:20px}
        .cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
        .card{flex:1 1 150px;background:var(--bg);border:1px solid var(--line);border-radius:8px;\
        padding:10px 14px}
        .card .label{color:var(--mute);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        .card .value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
        table{border-collapse:collapse;margin:8px 0 12px;width:100%}
        .wide{overflow-x:auto}
        td,th{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        th{background:var(--bg);font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tr.total td{font-weight:600;background:var(--bg)}
        code,.digest{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .digest{word-break:break-all}
        .none{color:var(--mute);font-style:italic}
        .ok{color:var(--pass);font-weight:600}.bad{color:var(--fail);font-weight:600}
        .equation{font-size:15px;margin:8px 0}
        .chart{display:block;width:100%;max-width:760px;height:auto;margin:8px 0}
        .chart text{font:12px system-ui,sans-serif;fill:#1d2430}
        .legend{font-size:12px;color:var(--mute)}
        .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
        .note{color:var(--mute);font-size:13px}
        footer{color:var(--mute);font-size:12px;padding:24px;border-top:1px solid var(--line);\
        margin-top:32px}
        @media print{nav{display:none}.verdict{break-inside:avoid}}
        """;

    private final Manifest m;
    private final Manifest.Run run;
    private final StringBuilder h = new StringBuilder(32_768);

    Page(Manifest manifest) {
      this.m = manifest;
      this.run = manifest.run() == null
          ? new Manifest.Run(null, null, null, null, null, null, null, null, null, null, null)
          : manifest.run();
    }

    String render() {
      h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
          .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
          .append(esc(CONTENT_SECURITY_POLICY)).append("\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<title>trainguard report ").append(esc(text(run.id())))
          .append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
      header();
      h.append("<main>\n");
      verdict();
      scan();
      accounting();
      findings();
      files();
      skipped();
      provenance();
      operators();
      outliers();
      policy();
      keys();
      digests();
      configuration();
      h.append("</main>\n");
      footer();
      h.append("</body></html>\n");
      return h.toString();
    }

    private void header() {
      h.append("<header><h1>trainguard compliance report</h1>\n<p class=\"meta\">run <code id=\"run-id\">")
          .append(orNone(run.id())).append("</code> &middot; trainguard ")
          .append(orNone(run.version())).append(" &middot; ")
          .append(orNone(run.started())).append(" &rarr; ")
          .append(orNone(run.finished())).append("</p>\n<p class=\"meta\">input <code>")
          .append(orNone(run.input())).append("</code> &rarr; output <code>")
          .append(orNone(run.output())).append("</code></p>\n<nav>");
      String[][] links = {{"verdict", "Verdict"}, {"accounting", "Accounting"},
          {"findings", "Findings"}, {"files", "Files"}, {"provenance", "Provenance"},
          {"operators", "Operators"}, {"outliers", "Outliers"}, {"policy", "Policy"},
          {"keys", "Keys &amp; signature"}, {"digests", "Digests"}, {"configuration", "Configuration"}};
      for (String[] l : links) {
        h.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
      }
      h.append("</nav></header>\n");
    }

    private void verdict() {
      String decision = m.gate() == null ? "" : text(m.gate().decision());
      String cls = decision.equalsIgnoreCase("pass") ? "pass"
          : decision.equalsIgnoreCase("fail") ? "fail" : "other";
      h.append("<section id=\"verdict\"><h2>Verdict</h2>\n<div class=\"verdict ").append(cls)
          .append("\"><div>Gate decision: <span class=\"decision\" id=\"gate-decision\"")
          .append(" data-decision=\"").append(esc(decision)).append("\">")
          .append(decision.isEmpty() ? "none" : esc(decision)).append("</span></div>\n");
      List<String> reasons = m.gate() == null ? List.of() : m.gate().reasons();
      if (reasons.isEmpty()) {
        h.append("<p id=\"gate-reasons\" class=\"none\">No reasons recorded.</p>");
      } else {
        h.append("<ul id=\"gate-reasons\">");
        reasons.forEach(r -> h.append("<li>").append(esc(r)).append("</li>"));
        h.append("</ul>");
      }
      h.append("</div>\n<div class=\"cards\">");
      card("Records in", "summary-records-in",
          m.accounting() == null ? null : m.accounting().recordsIn());
      card("Findings", "findings-total", sum(m.findingCounts().values()));
      card("Input files", "summary-inputs", (long) m.inputs().size());
      card("Output files", "summary-outputs", (long) m.outputs().size());
      if (m.poisoning() != null) {
        card("Outliers flagged", "summary-outliers", m.poisoning().countsByReason() == null
            ? null : sum(m.poisoning().countsByReason().values()));
      } else {
        h.append("<div class=\"card\"><div class=\"label\">Outliers flagged</div>")
            .append("<div class=\"value\" id=\"summary-outliers\"><span class=\"none\">not")
            .append(" scanned</span></div></div>");
      }
      h.append("</div></section>\n");
    }

    private void card(String label, String id, Long value) {
      h.append("<div class=\"card\"><div class=\"label\">").append(label)
          .append("</div><div class=\"value\" id=\"").append(id).append('"');
      if (value == null) {
        h.append("><span class=\"none\">none</span></div></div>");
      } else {
        h.append(" data-value=\"").append(value).append("\">").append(Counts.number(value))
            .append("</div></div>");
      }
    }

    private void accounting() {
      Manifest.Accounting acc = m.accounting();
      h.append("<section id=\"accounting\"><h2>Record accounting</h2>\n");
      if (acc == null) {
        h.append("<p class=\"none\">none: the manifest has no accounting section.</p></section>\n");
        return;
      }
      h.append("<table><tr><th>in</th><th>written</th><th>quarantined</th><th>dropped</th>")
          .append("<th>balanced</th></tr><tr>");
      numCell("records-in", acc.recordsIn());
      numCell("records-written", acc.recordsWritten());
      numCell("records-quarantined", acc.recordsQuarantined());
      numCell("records-dropped", acc.recordsDropped());
      h.append("<td id=\"records-balanced\"");
      if (acc.balanced() != null) {
        h.append(" data-value=\"").append(acc.balanced()).append("\" class=\"")
            .append(acc.balanced() ? "ok\">yes" : "bad\">NO");
      } else {
        h.append(" class=\"none\">none");
      }
      h.append("</td></tr></table>\n");
      if (acc.recordsMalformed() != null) {
        h.append("<p id=\"records-malformed\" data-value=\"").append(acc.recordsMalformed())
            .append("\">Of the quarantined, ").append(Counts.number(acc.recordsMalformed()))
            .append(" could not be read (malformed-record: bad quoting, invalid JSON or invalid")
            .append(" UTF-8), quarantined unredacted.</p>\n");
      }
      if (acc.recordsIn() != null && acc.recordsWritten() != null
          && acc.recordsQuarantined() != null && acc.recordsDropped() != null) {
        long in = acc.recordsIn();
        long out = acc.recordsWritten() + acc.recordsQuarantined() + acc.recordsDropped();
        h.append("<p class=\"equation\">in ").append(Counts.number(in)).append(in == out ? " = " : " &ne; ")
            .append("written ").append(Counts.number(acc.recordsWritten()))
            .append(" + quarantined ").append(Counts.number(acc.recordsQuarantined()))
            .append(" + dropped ").append(Counts.number(acc.recordsDropped()))
            .append(in == out ? " <span class=\"ok\">&#10003; adds up</span>"
                : " <span class=\"bad\">does not add up: " + (in > out
                    ? Counts.number(in - out) + " " + Counts.noun(in - out, "record") + " unaccounted for"
                    : Counts.number(out - in) + " more " + Counts.noun(out - in, "record") + " out than in")
                + "</span>")
            .append("</p>\n");
        Charts.stacked(h, "chart-accounting", "Where the input records went",
            List.of(new Charts.Row("records in", List.of(
                new Charts.Segment("written", acc.recordsWritten()),
                new Charts.Segment("quarantined", acc.recordsQuarantined()),
                new Charts.Segment("dropped", acc.recordsDropped())))));
      }
      h.append("</section>\n");
    }

    private void findings() {
      Map<String, Long> counts = m.findingCounts();
      h.append("<section id=\"findings\"><h2>Findings per entity</h2>\n");
      if (counts.isEmpty()) {
        h.append("<p class=\"none\">none: no personal data was found.</p></section>\n");
        return;
      }
      long total = sum(counts.values());
      List<Charts.Bar> bars = new ArrayList<>();
      counts.forEach((e, n) -> bars.add(new Charts.Bar(e, n)));
      Charts.bars(h, "chart-findings", "Findings per entity", bars);
      h.append("<table id=\"findings-table\"><tr><th>entity</th><th>count</th><th>share</th>")
          .append("<th>fields</th><th>operator</th></tr>\n");
      counts.forEach((entity, count) -> {
        Manifest.EntityFindings f = m.findings().get(entity);
        h.append("<tr data-entity=\"").append(esc(entity)).append("\"><td>").append(esc(entity))
            .append("</td><td class=\"num\" data-count=\"").append(count).append("\">")
            .append(Counts.number(count)).append("</td><td class=\"num\">").append(percent(count, total))
            .append("</td><td>").append(list(f.fields())).append("</td><td>")
            .append(orNone(f.operator())).append("</td></tr>\n");
      });
      h.append("<tr class=\"total\"><td>total</td><td class=\"num\">").append(Counts.number(total))
          .append("</td><td class=\"num\">100%</td><td></td><td></td></tr></table></section>\n");
    }

    private void files() {
      h.append("<section id=\"files\"><h2>Findings per file</h2>\n");
      List<Manifest.Input> inputs = m.inputs();
      if (inputs.isEmpty()) {
        h.append("<p class=\"none\">none: the manifest lists no inputs.</p></section>\n");
        return;
      }
      boolean perFile = inputs.stream().anyMatch(in -> in.findings() != null);
      Set<String> entities = new TreeSet<>();
      if (perFile) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (Manifest.Input in : inputs) {
          Map<String, Long> c = fileCounts(in);
          entities.addAll(c.keySet());
          bars.add(new Charts.Bar(text(in.path()), sum(c.values())));
        }
        Charts.bars(h, "chart-files", "Findings per input file", bars);
      } else {
        h.append("<p class=\"note\">This manifest does not record findings per file; the table")
            .append(" shows what it records per input: records (column plans below).</p>\n");
      }
      h.append("<div class=\"wide\"><table id=\"files-table\"><tr><th>input</th><th>format</th>")
          .append("<th>records</th>");
      if (perFile) {
        h.append("<th>findings</th>");
        // <wbr>: long entity names may wrap at their underscores, so the table fits the page
        entities.forEach(e -> h.append("<th>").append(esc(e).replace("_", "_<wbr>"))
            .append("</th>"));
      }
      h.append("</tr>\n");
      for (Manifest.Input in : inputs) {
        h.append("<tr data-file=\"").append(esc(text(in.path()))).append("\"><td>")
            .append(orNone(in.path())).append("</td><td>").append(orNone(in.format()));
        if (in.quarantineReason() != null) {
          h.append("<br><span class=\"note\" data-quarantine-reason=\"")
              .append(esc(in.quarantineReason())).append("\">quarantined whole: ")
              .append(esc(in.quarantineReason())).append("</span>");
        }
        if (in.recordsMalformed() != null) {
          h.append("<br><span class=\"note\" data-records-malformed=\"")
              .append(in.recordsMalformed()).append("\">").append(Counts.number(in.recordsMalformed()))
              .append(" quarantined: malformed-record</span>");
        }
        h.append("</td>");
        numCell(null, in.records());
        if (perFile) {
          Map<String, Long> c = fileCounts(in);
          if (in.findings() != null) {
            long sum = sum(c.values());
            h.append("<td class=\"num\" data-count=\"").append(sum).append("\">").append(Counts.number(sum))
                .append("</td>");
          } else {
            h.append("<td class=\"none\">none</td>");
          }
          for (String e : entities) {
            Long n = c.get(e);
            h.append("<td class=\"num\"").append(n == null ? ">&ndash;" : " data-entity=\""
                + esc(e) + "\" data-count=\"" + n + "\">" + Counts.number(n)).append("</td>");
          }
        }
        h.append("</tr>\n");
      }
      h.append("</table></div>\n");
      columnPlans(inputs);
      untouchedFields(inputs);
      h.append("</section>\n");
    }

    /** The columns each input's plan redacts whole, from a sample of its values. */
    private void columnPlans(List<Manifest.Input> inputs) {
      h.append("<h3>Column plans (columns redacted whole)</h3>\n");
      StringBuilder rows = new StringBuilder();
      for (Manifest.Input in : inputs) {
        for (Manifest.ColumnPlan p : in.columnPlan() == null ? List.<Manifest.ColumnPlan>of()
            : in.columnPlan()) {
          rows.append("<tr data-plan-file=\"").append(esc(text(in.path())))
              .append("\" data-plan-column=\"").append(esc(text(p.column())))
              .append("\"><td>").append(orNone(in.path())).append("</td><td><code>")
              .append(esc(text(p.column()))).append("</code></td><td>")
              .append(orNone(p.entity())).append("</td><td class=\"num\">")
              .append(p.confidence() != null ? String.format(Locale.ROOT, "%.2f",
                  p.confidence().doubleValue()) : "&ndash;").append("</td><td class=\"num\">")
              .append(p.sampleSize() != null ? Counts.number(p.sampleSize()) : "&ndash;")
              .append("</td></tr>\n");
        }
      }
      if (rows.isEmpty()) {
        h.append("<p class=\"none\">none: no column is redacted whole.</p>\n");
        return;
      }
      h.append("<table id=\"plan-table\"><tr><th>input</th><th>column</th><th>entity</th>")
          .append("<th>confidence</th><th>sample size</th></tr>\n").append(rows)
          .append("</table>\n");
    }

    /** The fields each structured input wrote unchanged: what a reviewer should look at. */
    private void untouchedFields(List<Manifest.Input> inputs) {
      h.append("<h3>Fields passed through untouched</h3>\n");
      StringBuilder rows = new StringBuilder();
      for (Manifest.Input in : inputs) {
        List<String> fields = in.fieldsUntouched() == null ? List.of() : in.fieldsUntouched();
        if (!fields.isEmpty()) {
          rows.append("<tr data-untouched-file=\"").append(esc(text(in.path())))
              .append("\"><td>").append(orNone(in.path())).append("</td><td>");
          for (int i = 0; i < fields.size(); i++) {
            rows.append(i == 0 ? "" : ", ").append("<code data-untouched-field>")
                .append(esc(fields.get(i))).append("</code>");
          }
          rows.append("</td></tr>\n");
        }
      }
      if (rows.isEmpty()) {
        h.append("<p class=\"none\">none: every field with values had some written changed.</p>\n");
        return;
      }
      h.append("<p>Every non-empty value of these fields was written as it was read: nothing in")
          .append(" them was found or ruled personal.</p>\n")
          .append("<table id=\"untouched-table\"><tr><th>input</th><th>fields</th></tr>\n")
          .append(rows).append("</table>\n");
    }

    private void provenance() {
      h.append("<section id=\"provenance\"><h2>Provenance: local detection and Amazon Macie</h2>\n");
      Map<String, Map<String, Long>> bySource = new TreeMap<>();
      Set<String> sources = new TreeSet<>((a, b) -> Integer.compare(rank(a), rank(b)) != 0
          ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
      m.findings().forEach((entity, f) -> {
        if (f.sources() != null) {
          bySource.put(entity, f.sources());
          sources.addAll(f.sources().keySet());
        }
      });
      if (sources.isEmpty()) {
        h.append("<p class=\"none\">none: the manifest records no finding sources.</p></section>\n");
        return;
      }
      h.append("<p class=\"note\"><b>local</b>: found by trainguard's recognizers only; ")
          .append("<b>macie</b>: reported by Amazon Macie only; <b>both</b>: found by both.</p>\n");
      List<Charts.Row> rows = new ArrayList<>();
      bySource.forEach((entity, row) -> {
        List<Charts.Segment> segments = new ArrayList<>();
        sources.forEach(s -> segments.add(new Charts.Segment(s, row.getOrDefault(s, 0L))));
        rows.add(new Charts.Row(entity, segments));
      });
      Charts.stacked(h, "chart-provenance", "Findings per entity by source", rows);
      h.append("<table id=\"provenance-table\"><tr><th>entity</th>");
      sources.forEach(s -> h.append("<th>").append(esc(s)).append("</th>"));
      h.append("</tr>\n");
      Map<String, Long> totals = new LinkedHashMap<>();
      bySource.forEach((entity, row) -> {
        h.append("<tr data-provenance-entity=\"").append(esc(entity)).append("\"><td>")
            .append(esc(entity)).append("</td>");
        for (String s : sources) {
          long n = row.getOrDefault(s, 0L);
          totals.merge(s, n, Long::sum);
          h.append("<td class=\"num\" data-source=\"").append(esc(s)).append("\" data-count=\"")
              .append(n).append("\">").append(Counts.number(n)).append("</td>");
        }
        h.append("</tr>\n");
      });
      h.append("<tr class=\"total\"><td>total</td>");
      sources.forEach(s -> h.append("<td class=\"num\" data-source-total=\"").append(esc(s))
          .append("\">").append(Counts.number(totals.getOrDefault(s, 0L))).append("</td>"));
      h.append("</tr></table></section>\n");
    }

    private static int rank(String source) {
      return switch (source) {
        case "local" -> 0;
        case "both" -> 1;
        case "macie" -> 2;
        default -> 3;
      };
    }

    private void operators() {
      h.append("<section id=\"operators\"><h2>Operators applied</h2>\n");
      Map<String, Set<String>> entities = new TreeMap<>();
      Map<String, Long> counts = new TreeMap<>();
      m.findingCounts().forEach((entity, n) -> {
        String op = m.findings().get(entity).operator();
        String name = op != null ? op : "none recorded";
        entities.computeIfAbsent(name, k -> new TreeSet<>()).add(entity);
        counts.merge(name, n, Long::sum);
      });
      if (counts.isEmpty()) {
        h.append("<p class=\"none\">none: no finding needed an operator.</p></section>\n");
        return;
      }
      h.append("<table id=\"operators-table\"><tr><th>operator</th><th>findings</th>")
          .append("<th>entities</th></tr>\n");
      counts.forEach((op, n) -> h.append("<tr data-operator=\"").append(esc(op))
          .append("\"><td><code>").append(esc(op)).append("</code></td><td class=\"num\"")
          .append(" data-count=\"").append(n).append("\">").append(Counts.number(n)).append("</td><td>")
          .append(esc(String.join(", ", entities.get(op)))).append("</td></tr>\n"));
      h.append("</table></section>\n");
    }

    private void outliers() {
      h.append("<section id=\"outliers\"><h2>Outliers (poisoning checks)</h2>\n");
      Manifest.Poisoning p = m.poisoning();
      if (p == null) {
        h.append("<p class=\"none\">not scanned: no poisoning checks ran (protect's")
            .append(" --label-column runs them).</p></section>\n");
        return;
      }
      Map<String, Long> byReason = new TreeMap<>(
          p.countsByReason() == null ? Map.of() : p.countsByReason());
      if (byReason.isEmpty()) {
        h.append("<p class=\"none\">none: no record was flagged.</p>\n");
      } else {
        List<Charts.Bar> bars = new ArrayList<>();
        byReason.forEach((r, n) -> bars.add(new Charts.Bar(r, n)));
        Charts.bars(h, "chart-outliers", "Flagged records per reason", bars);
        h.append("<table id=\"outliers-table\"><tr><th>reason</th><th>records</th></tr>\n");
        byReason.forEach((r, n) -> h.append("<tr data-reason=\"").append(esc(r)).append("\"><td>")
            .append(esc(r)).append("</td><td class=\"num\" data-count=\"").append(n).append("\">")
            .append(Counts.number(n)).append("</td></tr>\n"));
        h.append("</table>\n");
      }
      // the scan's settings as the manifest states them, nested values as compact JSON
      List<String[]> rows = new ArrayList<>();
      ManifestWriter.poisoning(p).fields().forEachRemaining(e -> {
        if (!e.getKey().equals("counts_by_reason") && !e.getKey().equals("skipped_inputs")) {
          JsonNode v = e.getValue();
          rows.add(new String[] {e.getKey(), v.isValueNode() ? v.asText() : v.toString()});
        }
      });
      keyValues(rows);
      if (!p.skippedInputs().isEmpty()) {
        h.append("<p>Not scanned:</p>\n<ul id=\"poisoning-skipped-inputs\">");
        for (Manifest.SkippedInput s : p.skippedInputs()) {
          h.append("<li><code>").append(esc(text(s.path()))).append("</code> (")
              .append(esc(text(s.reason()).replace('-', ' '))).append(")</li>");
        }
        h.append("</ul>\n");
      }
      h.append("<p class=\"note\">Flagged records are listed by id in ")
          .append("<code>" + OutputLayout.OUTLIERS + "</code>, without values.</p></section>\n");
    }

    private void policy() {
      h.append("<section id=\"policy\"><h2>Policy</h2>\n");
      Manifest.PolicyRef p = m.config() == null ? null : m.config().policy();
      if (p == null) {
        h.append("<p class=\"none\">none: the manifest records no policy.</p></section>\n");
        return;
      }
      List<String[]> rows = new ArrayList<>();
      if (p.name() != null) {
        rows.add(new String[] {"name", p.name()});
      }
      if (p.sha256() != null) {
        rows.add(new String[] {"sha256", p.sha256()});
      }
      keyValues(rows);
      if (p.content() != null) {
        h.append("<details><summary>policy file as applied</summary><pre id=\"policy-content\">")
            .append(esc(p.content())).append("</pre></details>\n");
      }
      h.append("</section>\n");
    }

    /** A two-column table of names and values. */
    private void keyValues(List<String[]> rows) {
      if (rows.isEmpty()) {
        return;
      }
      h.append("<table class=\"kv\">");
      rows.forEach(r -> h.append("<tr><th>").append(esc(r[0])).append("</th><td>")
          .append(esc(r[1])).append("</td></tr>"));
      h.append("</table>\n");
    }

    private void keys() {
      h.append("<section id=\"keys\"><h2>Keys and signature</h2>\n<table>");
      h.append("<tr><th>data key (--key)</th><td><code id=\"key-id\">")
          .append(orNone(m.config() == null ? null : m.config().keyId()))
          .append("</code></td></tr>\n");
      Map<String, Integer> encryption = new TreeMap<>();
      for (Manifest.Output out : m.outputs()) {
        Manifest.Encryption e = out.encryption();
        if (e != null) {
          encryption.merge(text(e.format()) + " | " + text(e.algorithm()) + " | "
              + text(e.keyId()), 1, Integer::sum);
        }
      }
      h.append("<tr><th>output encryption<br><span class=\"note\">format | algorithm | key</span>")
          .append("</th><td>");
      if (encryption.isEmpty()) {
        h.append("<span class=\"none\">none</span>");
      }
      encryption.forEach((k, n) -> h.append("<code>").append(esc(k)).append("</code> &times; ")
          .append(n).append("<br>"));
      h.append("</td></tr>\n");
      Manifest.Signature sig = m.signature();
      h.append("<tr><th>manifest signature</th><td id=\"signature-status\" data-signed=\"")
          .append(sig != null).append("\">");
      if (sig != null) {
        h.append("signed, ").append(orNone(sig.algorithm())).append(", by key <code>")
            .append(orNone(sig.keyId())).append("</code>");
      } else {
        h.append("<span class=\"bad\">UNSIGNED</span>");
      }
      h.append("</td></tr></table>\n<p class=\"note\">This report cannot verify itself: it is")
          .append(" rendered from the manifest and could be edited. To check the signature and")
          .append(" every output's size and SHA-256, run:</p>\n<p><code id=\"verify-command\">")
          .append("trainguard verify --manifest ").append(esc(manifestLocation()))
          .append(" --key KEY</code></p>\n<p class=\"note\">where KEY is the key you trust to")
          .append(" have signed it: <code>local:PATH</code> of the keyring, or the KMS signing key")
          .append(" given to protect as <code>--signing-key</code>.</p></section>\n");
    }

    private String manifestLocation() {
      return run.output() == null ? "OUTPUT/" + OutputLayout.MANIFEST
          : OutputLayout.under(run.output(), OutputLayout.MANIFEST);
    }

    private void digests() {
      h.append("<section id=\"digests\"><h2>Input and output digests</h2>\n<h3>Inputs</h3>\n");
      if (m.inputs().isEmpty()) {
        h.append("<p class=\"none\">none</p>\n");
      } else {
        h.append("<table id=\"inputs-table\"><tr><th>path</th><th>format</th><th>size (bytes)</th>")
            .append("<th>records</th><th>SHA-256</th></tr>\n");
        for (Manifest.Input in : m.inputs()) {
          h.append("<tr><td>").append(orNone(in.path())).append("</td><td>")
              .append(orNone(in.format())).append("</td>");
          numCell(null, in.size());
          numCell(null, in.records());
          h.append("<td class=\"digest\">").append(orNone(in.sha256())).append("</td></tr>\n");
        }
        h.append("</table>\n");
      }
      h.append("<h3>Outputs (encrypted; digests of the stored bytes)</h3>\n");
      if (m.outputs().isEmpty()) {
        h.append("<p class=\"none\">none</p>\n");
      } else {
        h.append("<table id=\"outputs-table\"><tr><th>path</th><th>kind</th><th>source</th>")
            .append("<th>size (bytes)</th><th>records</th><th>SHA-256</th></tr>\n");
        for (Manifest.Output out : m.outputs()) {
          h.append("<tr><td>").append(orNone(out.path())).append("</td><td>")
              .append(orNone(out.kind() == null ? null : out.kind().id()))
              .append(out.part() == null || out.part().index() == null
                  || out.part().count() == null ? ""
                  : " (part " + (out.part().index() + 1) + " of " + out.part().count() + ")")
              .append("</td><td>").append(orNone(out.source())).append("</td>");
          numCell(null, out.size());
          numCell(null, out.records());
          h.append("<td class=\"digest\">").append(orNone(out.sha256()))
              .append("</td></tr>\n");
        }
        h.append("</table>\n");
      }
      h.append("</section>\n");
    }

    private void configuration() {
      Manifest.Config config = m.config();
      Manifest.Spark spark = run.spark() == null ? new Manifest.Spark(null, null, null)
          : run.spark();
      h.append("<section id=\"configuration\"><h2>Configuration</h2>\n<table>")
          .append("<tr><th>score threshold</th><td>")
          .append(orNone(config == null ? null : config.threshold()))
          .append("</td></tr><tr><th>recognizers</th><td>");
      if (config != null && config.recognizers() != null) {
        Set<String> covered = new TreeSet<>();
        config.recognizers().forEach(r -> covered.add(text(r.entity())));
        h.append(config.recognizers().size()).append(" covering ").append(covered.size())
            .append(" entity types");
      } else {
        h.append("<span class=\"none\">none</span>");
      }
      h.append("</td></tr><tr><th>command line</th><td><code>")
          .append(orNone(run.commandLine())).append("</code></td></tr>")
          .append("<tr><th>Spark</th><td>").append(orNone(spark.version()))
          .append(", master <code>").append(orNone(spark.master()))
          .append("</code>, application <code>").append(orNone(spark.appId()))
          .append("</code></td></tr></table></section>\n");
    }

    /** A scan's sample and, per file and column, how many values held personal data. */
    private void scan() {
      Manifest.Scan scan = m.scan();
      if (scan == null) {
        return;
      }
      h.append("<h2 id=\"scan\">Scan (no protected copy written)</h2>\n<div class=\"cards\">");
      card("Files listed", "scan-files-listed", scan.filesListed());
      card("Files scanned", "scan-files-scanned", scan.filesScanned());
      h.append("<div class=\"card\"><div class=\"label\">Personal-data share (est.)</div>")
          .append("<div class=\"value\" id=\"scan-share\">")
          .append(esc(text(scan.estimatedPersonalShare())))
          .append("</div></div></div>\n<p class=\"note\">Sample: ")
          .append(esc(text(scan.sample()))).append(". The share is of non-empty values"
              + " that held a finding, over the files scanned.</p>\n")
          .append("<div class=\"wide\"><table><tr><th>file</th><th>column</th>")
          .append("<th class=\"num\">values</th><th class=\"num\">with personal data</th></tr>\n");
      for (Manifest.ScannedFile file : scan.files()) {
        for (Manifest.ScannedColumn c : file.columns()) {
          h.append("<tr><td>").append(orNone(file.path())).append("</td><td><code>")
              .append(esc(text(c.column()))).append("</code></td>");
          numCell(null, c.values());
          numCell(null, c.personal());
          h.append("</tr>\n");
        }
      }
      h.append("</table></div>\n");
    }

    /** Input files not read because their type is not supported. */
    private void skipped() {
      if (m.skippedInputs().isEmpty()) {
        return;
      }
      h.append("<h2 id=\"skipped\">Skipped inputs</h2>\n<p class=\"note\">Not read: their type")
          .append(" is not supported (--skip-unsupported).</p>\n<ul id=\"skipped-inputs\">");
      for (Manifest.SkippedInput s : m.skippedInputs()) {
        h.append("<li><code>").append(esc(text(s.path()))).append("</code> (")
            .append(esc(text(s.reason()))).append(")</li>");
      }
      h.append("</ul>\n");
    }

    private void footer() {
      List<String> other = new ArrayList<>();
      if (m.names() != null) {
        other.add("names");
      }
      if (!m.rewraps().isEmpty()) {
        other.add("rewraps");
      }
      m.otherSections().keySet().stream().filter(n -> !n.equals("policy")).forEach(other::add);
      h.append("<footer>Rendered from manifest version ")
          .append(orNone(m.version() == null ? null : m.version().toString()))
          .append(" at <code>").append(esc(manifestLocation())).append("</code>. It lists")
          .append(" names, counts and digests, never a value read from the data.");
      if (!other.isEmpty()) {
        h.append(" Manifest sections not shown here: ").append(esc(String.join(", ", other)))
            .append('.');
      }
      h.append("</footer>\n");
    }

    private void numCell(String id, Long n) {
      h.append("<td class=\"num");
      if (n == null) {
        h.append(" none\"").append(id == null ? "" : " id=\"" + id + "\"").append(">none</td>");
        return;
      }
      h.append('"').append(id == null ? "" : " id=\"" + id + "\"").append(" data-value=\"")
          .append(n).append("\">").append(Counts.number(n)).append("</td>");
    }

    /** Counts per entity of one input, sorted by entity. */
    private static Map<String, Long> fileCounts(Manifest.Input in) {
      Map<String, Long> counts = new TreeMap<>();
      if (in.findings() != null) {
        in.findings().forEach((e, f) -> counts.put(e, f.count()));
      }
      return counts;
    }

    private static String list(List<String> items) {
      if (items == null || items.isEmpty()) {
        return "<span class=\"none\">none</span>";
      }
      List<String> shown = new ArrayList<>();
      items.forEach(x -> shown.add("<code>" + esc(x) + "</code>"));
      return String.join(", ", shown);
    }
  }

  /** Inline SVG bar charts; every label is escaped and every number is exact in a title. */
  private static final class Charts {

    private static final String[] COLORS = {"#3b6fc4", "#e09f3e", "#9e2a2b", "#4f9d69",
        "#7b5ea7", "#5b6575"};
    private static final int WIDTH = 760;
    private static final int LABEL = 200;
    private static final int VALUE = 90;
    private static final int ROW = 24;

    record Bar(String label, long value) {}

    record Segment(String name, long value) {}

    record Row(String label, List<Segment> segments) {}

    static void bars(StringBuilder h, String id, String title, List<Bar> bars) {
      long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
      int height = bars.size() * ROW + 8;
      open(h, id, title, height);
      int y = 4;
      for (Bar b : bars) {
        double w = max <= 0 ? 0 : (WIDTH - LABEL - VALUE) * (double) b.value() / max;
        h.append("<g><title>").append(esc(b.label())).append(": ").append(Counts.number(b.value()))
            .append("</title>");
        label(h, b.label(), y);
        h.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 4)
            .append("\" height=\"").append(ROW - 8).append("\" width=\"")
            .append(String.format(Locale.ROOT, "%.1f", Math.max(b.value() > 0 ? 1 : 0, w)))
            .append("\" rx=\"2\" fill=\"").append(COLORS[0]).append("\"/>")
            .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", LABEL + w + 6))
            .append("\" y=\"").append(y + ROW / 2 + 4).append("\">").append(Counts.number(b.value()))
            .append("</text></g>\n");
        y += ROW;
      }
      h.append("</svg>\n");
    }

    static void stacked(StringBuilder h, String id, String title, List<Row> rows) {
      long max = rows.stream()
          .mapToLong(r -> r.segments().stream().mapToLong(Segment::value).sum()).max().orElse(0);
      open(h, id, title, rows.size() * ROW + 8);
      int y = 4;
      for (Row r : rows) {
        label(h, r.label(), y);
        double x = LABEL;
        int color = 0;
        for (Segment s : r.segments()) {
          double w = max <= 0 ? 0 : (WIDTH - LABEL - VALUE) * (double) s.value() / max;
          h.append("<rect x=\"").append(String.format(Locale.ROOT, "%.1f", x)).append("\" y=\"")
              .append(y + 4).append("\" height=\"").append(ROW - 8).append("\" width=\"")
              .append(String.format(Locale.ROOT, "%.1f", w)).append("\" fill=\"")
              .append(COLORS[color++ % COLORS.length]).append("\"><title>").append(esc(r.label()))
              .append(", ").append(esc(s.name())).append(": ").append(Counts.number(s.value()))
              .append("</title></rect>");
          x += w;
        }
        long total = r.segments().stream().mapToLong(Segment::value).sum();
        h.append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", x + 6)).append("\" y=\"")
            .append(y + ROW / 2 + 4).append("\">").append(Counts.number(total)).append("</text>\n");
        y += ROW;
      }
      h.append("</svg>\n<p class=\"legend\">");
      List<Segment> legend = rows.isEmpty() ? List.of() : rows.get(0).segments();
      for (int i = 0; i < legend.size(); i++) {
        h.append("<span class=\"swatch\" style=\"background:").append(COLORS[i % COLORS.length])
            .append("\"></span>").append(esc(legend.get(i).name()));
      }
      h.append("</p>\n");
    }

    private static void open(StringBuilder h, String id, String title, int height) {
      h.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
          .append(WIDTH).append(' ').append(height).append("\" aria-label=\"").append(esc(title)).append("\"><title>").append(esc(title))
          .append("</title>\n");
    }

    private static void label(StringBuilder h, String label, int y) {
      String shown = label.length() > 28 ? label.substring(0, 27) + "\u2026" : label;
      h.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + ROW / 2 + 4)
          .append("\" text-anchor=\"end\">").append(esc(shown)).append("</text>");
    }
  }

  private static long sum(java.util.Collection<Long> counts) {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String orNone(Object value) {
    String t = text(value);
    return t.isEmpty() ? "<span class=\"none\">none</span>" : esc(t);
  }
}
