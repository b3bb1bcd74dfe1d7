package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir
  Path dir;

  @Test
  void numbersCarryTheirExactValues() {
    String html = ReportWriter.render(ManifestReader.read(SampleManifests.extended()));
    assertThat(html)
        .contains("<td class=\"num\" id=\"records-in\" data-value=\"2015\">2,015</td>")
        .contains("<td class=\"num\" id=\"records-written\" data-value=\"2000\">2,000</td>")
        .contains("<td class=\"num\" id=\"records-quarantined\" data-value=\"10\">10</td>")
        .contains("<td class=\"num\" id=\"records-dropped\" data-value=\"5\">5</td>")
        .contains("<td id=\"records-balanced\" data-value=\"true\" class=\"ok\">yes</td>")
        .contains("id=\"findings-total\" data-value=\"6169\">6,169<")
        .contains("<tr data-entity=\"CREDIT_CARD\"><td>CREDIT_CARD</td>"
            + "<td class=\"num\" data-count=\"1334\">1,334</td>")
        .contains("<tr data-reason=\"label_flip\"><td>label_flip</td>"
            + "<td class=\"num\" data-count=\"7\">7</td>")
        .contains("data-source=\"macie\" data-count=\"34\"")
        .contains("<span class=\"decision\" id=\"gate-decision\" data-decision=\"fail\">fail</span>")
        .contains("in 2,015 = written 2,000 + quarantined 10 + dropped 5");
  }

  @Test
  void isSelfContainedAndForbidsFetches() {
    String html = ReportWriter.render(ManifestReader.read(SampleManifests.extended()));
    assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\""
        + "default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\">");
    assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<link")
        .doesNotContain("<img").doesNotContain("src=").doesNotContain("url(")
        .doesNotContain("@import").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void everyManifestStringIsEscaped() {
    ObjectNode m = SampleManifests.extended();
    String evil = "<img src=x onerror=alert(1)>\"'&";
    ((ObjectNode) m.path("findings")).putObject(evil).put("count", 1).put("operator", evil)
        .putArray("fields").add(evil);
    ((ObjectNode) m.path("findings").path(evil)).putObject("sources").put(evil, 1);
    ((ObjectNode) m.path("inputs").get(0)).put("path", evil).put("sha256", evil);
    ((ObjectNode) m.path("poisoning").path("counts_by_reason")).put(evil, 1);
    ((ObjectNode) m.path("config").path("policy")).put(evil, evil).put("content", evil);
    m.withArray("/gate/reasons").add(evil);
    m.put(evil, 1);

    String html = ReportWriter.render(ManifestReader.read(m));
    assertThat(html).doesNotContain("<img").doesNotContain("\"'&")
        .contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
  }

  @Test
  void missingOrOddSectionsReadNone() {
    assertThat(ReportWriter.render(ManifestReader.read(CanonicalJson.MAPPER.createObjectNode())))
        .contains("id=\"gate-decision\" data-decision=\"\">none<")
        .contains("none: the manifest has no accounting section.")
        .contains("none: no personal data was found.")
        .contains("none: the manifest lists no inputs.")
        .contains("none: the manifest records no finding sources.")
        .contains("not scanned: no poisoning checks ran (protect's --label-column runs them).")
        .contains("none: the manifest records no policy.")
        .contains("<span class=\"bad\">UNSIGNED</span>")
        .contains("trainguard verify --manifest OUTPUT/_trainguard/manifest.json --key KEY");

    ObjectNode odd = CanonicalJson.MAPPER.createObjectNode();
    odd.put("findings", 5).put("inputs", "x").put("poisoning", "on").putArray("accounting");
    odd.putObject("gate").putArray("reasons").addObject().put("code", "PII_LEFT");
    odd.putObject("zeta_section").put("x", 1);
    assertThat(ReportWriter.render(ManifestReader.read(odd)))
        .contains("none: the manifest has no accounting section.")
        .contains("<li>{&quot;code&quot;:&quot;PII_LEFT&quot;}</li>")
        .contains("Manifest sections not shown here: zeta_section.");
  }

  @Test
  void accountingThatDoesNotAddUpIsFlagged() {
    ObjectNode m = SampleManifests.demo();
    ((ObjectNode) m.path("accounting")).put("records_in", 2003).put("balanced", false);
    assertThat(ReportWriter.render(ManifestReader.read(m)))
        .contains("in 2,003 &ne; written 2,000")
        .contains("does not add up: 3 records unaccounted for")
        .contains("<td id=\"records-balanced\" data-value=\"false\" class=\"bad\">NO</td>");
  }

  @Test
  void oneRecordUnaccountedForIsOneRecord() {
    ObjectNode m = SampleManifests.demo();
    ((ObjectNode) m.path("accounting")).put("records_in", 2001).put("balanced", false);
    assertThat(ReportWriter.render(ManifestReader.read(m)))
        .contains("does not add up: 1 record unaccounted for</span>");
    ((ObjectNode) m.path("accounting")).put("records_in", 1999);
    assertThat(ReportWriter.render(ManifestReader.read(m)))
        .contains("does not add up: 1 more record out than in</span>");
  }

  @Test
  void perFileTableFallsBackToRecordsAndColumnPlan() {
    String html = ReportWriter.render(ManifestReader.read(SampleManifests.demo()));
    assertThat(html).doesNotContain("id=\"chart-files\"")
        .contains("does not record findings per file")
        .contains("<tr data-plan-file=\"customers.csv\" data-plan-column=\"email\"><td>"
            + "customers.csv</td><td><code>email</code></td><td>EMAIL_ADDRESS</td>"
            + "<td class=\"num\">1.00</td>");
  }

  @Test
  void rendersAStoredManifestToAFile() throws Exception {
    Path manifest = dir.resolve("out/_trainguard/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.write(manifest, ManifestWriter.bytes(SampleManifests.demo()));
    Path out = dir.resolve("reports/run.html");

    ReportWriter.renderManifestFile(manifest.toString(), out, new Configuration(), null);
    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .isEqualTo(ReportWriter.render(ManifestReader.read(SampleManifests.demo())));
    ReportWriter.renderManifestFile(manifest.toUri().toString(), out, new Configuration(), null);
    assertThat(dir.resolve("reports")).isDirectoryContaining(p -> p.equals(out))
        .isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
  }

  @Test
  void aMissingOrForeignManifestIsAnInputError() throws Exception {
    Path out = dir.resolve("r.html");
    assertThatThrownBy(() -> ReportWriter.renderManifestFile(
        dir.resolve("nope.json").toString(), out, new Configuration(), null))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessageStartingWith("Manifest not found: ");
    Files.writeString(dir.resolve("other.json"), "{\"name\": \"x\"}");
    assertThatThrownBy(() -> ReportWriter.renderManifestFile(
        dir.resolve("other.json").toString(), out, new Configuration(), null))
        .hasMessageEndingWith(": not a trainguard manifest");
    Files.writeString(dir.resolve("broken.json"), "{\"manifest_version\": ");
    assertThatThrownBy(() -> ReportWriter.renderManifestFile(
        dir.resolve("broken.json").toString(), out, new Configuration(), null))
        .hasMessageEndingWith(": not valid JSON");
    assertThat(out).doesNotExist();
  }
}
