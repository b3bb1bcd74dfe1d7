package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.lineage.OpenLineageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trainguard demo} end to end: the summary it prints, and the artifacts it leaves as their
 * readers see them: a manifest valid under the schema, OpenLineage events that follow the spec,
 * and a report whose page, loaded in headless Chromium, shows the manifest's numbers (screenshot
 * in {@code target/demo-report-screenshot.png}).
 */
class DemoRunTest {

  static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."))
      .resolve("target/demo-report-screenshot.png");

  /** What the demo's report shows beyond {@link ReportBrowserTest#FACTS}, at 1200 px. */
  static final String DEMO_FACTS = """
      (() => ({
        policy: Array.from(document.querySelectorAll('#policy tr'))
            .filter(tr => tr.querySelector('th').textContent === 'name')
            .map(tr => tr.querySelector('td').textContent)[0] ?? null,
        plans: Array.from(document.querySelectorAll('#plan-table tr[data-plan-column]'))
            .map(tr => tr.dataset.planColumn),
        pageWidth: document.documentElement.scrollWidth,
        filesTableOverflow: document.getElementById('files-table').offsetWidth
            - document.getElementById('files-table').parentElement.clientWidth
      }))()
      """;

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get(); // the test session (task retries on): the CLI reuses it
  }

  @Test
  void theDemoPrintsItsSummaryAndLeavesAValidManifestEventsAndAReportShowingItsNumbers()
      throws Exception {
    Run demo = TrainguardCliTest.run("demo", "--dir", dir.toString(), "--rows", "200");
    assertThat(demo.code()).as(demo.err()).isZero();

    Path out = dir.resolve("output");
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(out.resolve("_trainguard/manifest.json").toFile());
    assertThat(ManifestSchema.violations(manifest)).isEmpty();
    assertThat(out.resolve("_SUCCESS")).exists();
    Map<String, Long> findings = ManifestReader.read(manifest).findingCounts();
    long total = findings.values().stream().mapToLong(Long::longValue).sum();
    // what SampleDataset plants in 200 CSV rows (one card, SSN, name each; a phone and an e-mail
    // each plus one more in every fourth note) and 200 tickets (card + SSN in i % 3 == 1,
    // e-mail elsewhere, an IP in i % 3 == 0, a person's name in free text where i % 3 != 0)
    assertThat(findings).containsExactlyInAnyOrderEntriesOf(Map.of("CREDIT_CARD", 267L,
        "EMAIL_ADDRESS", 383L, "IP_ADDRESS", 66L, "PERSON", 334L, "PHONE_NUMBER", 250L,
        "US_SSN", 267L));
    assertThat(demo.out()).containsPattern("\n    support/tickets\\.jsonl +[^\n]*PERSON 134");
    assertThat(demo.out()).contains("files      2 {csv=1, jsonl=1}\n",
        "records    in 400, written 400, quarantined 0, dropped 0\n",
        "findings   1,567\n", "    US_SSN               267\n",
        "manifest   " + out.resolve("_trainguard/manifest.json"),
        "decrypt    trainguard decrypt --key local:");
    String before = new ObjectMapper().readTree(Files.readAllLines(
        dir.resolve("input/support/tickets.jsonl")).get(0)).path("text").asText();
    assertThat(before).startsWith("Hi, this is ").doesNotContain("<");
    assertThat(demo.out()).contains("  first ticket's text, before and after (decrypted into "
        + dir.resolve("decrypted") + ")\n    before  " + before + "\n    after   Hi, this is"
        + " <PERSON>. Please update card <CREDIT_CARD> on file. SSN <US_SSN> verified.\n");

    List<String> events = Files.readAllLines(out.resolve("_trainguard/openlineage.jsonl"));
    assertThat(events).hasSize(2);
    for (String event : events) {
      assertThat(OpenLineageSpec.violations(json.readTree(event))).isEmpty();
    }

    JsonNode facts;
    List<JsonNode> errors;
    try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
      for (String domain : List.of("Page", "Runtime", "Log")) {
        chromium.call(domain + ".enable", Map.of());
      }
      chromium.navigate(out.resolve("_trainguard/report.html").toUri().toString());
      facts = chromium.evaluate(ReportBrowserTest.FACTS);
      chromium.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1200,
          "height", Math.min(facts.path("height").asInt(), 8000), "deviceScaleFactor", 1,
          "mobile", false));
      ((ObjectNode) facts).setAll((ObjectNode) chromium.evaluate(DEMO_FACTS));
      byte[] png = Base64.getDecoder().decode(chromium.call("Page.captureScreenshot",
          Map.of("format", "png")).path("data").asText());
      Files.createDirectories(SCREENSHOT.getParent());
      Files.write(SCREENSHOT, png);
      errors = new ArrayList<>(chromium.events("Runtime.exceptionThrown"));
      errors.addAll(chromium.events("Runtime.consoleAPICalled"));
    }

    assertThat(errors).as("console messages and exceptions").isEmpty();
    assertThat(facts.path("recordsIn").asLong()).isEqualTo(400);
    assertThat(facts.path("written").asLong()).isEqualTo(400);
    assertThat(facts.path("quarantined").asLong()).isZero();
    assertThat(facts.path("dropped").asLong()).isZero();
    assertThat(facts.path("balanced").asText()).isEqualTo("true");
    assertThat(facts.path("gate").asText()).isEqualTo("pass");
    assertThat(facts.path("findingsTotal").asLong()).isEqualTo(total);
    Map<String, Long> shown = new TreeMap<>();
    facts.path("entities").fields().forEachRemaining(e -> shown.put(e.getKey(),
        e.getValue().asLong()));
    assertThat(shown).isEqualTo(findings);
    Map<String, Long> perFile = new TreeMap<>();
    for (JsonNode input : manifest.path("inputs")) {
      long sum = 0;
      for (JsonNode count : input.path("findings")) {
        sum += count.asLong();
      }
      perFile.put(input.path("path").asText(), sum);
    }
    Map<String, Long> filesShown = new TreeMap<>();
    facts.path("files").fields().forEachRemaining(e -> filesShown.put(e.getKey(),
        e.getValue().asLong()));
    assertThat(filesShown).isEqualTo(perFile);
    assertThat(facts.path("policy").asText()).isEqualTo("strict");
    assertThat(facts.path("plans")).hasSize(5);
    assertThat(facts.path("pageWidth").asInt()).as("nothing wider than the page")
        .isLessThanOrEqualTo(1200);
    assertThat(facts.path("filesTableOverflow").asInt()).as("files table wider than the page")
        .isLessThanOrEqualTo(0);
    assertThat(Files.readAllBytes(SCREENSHOT)).startsWith(0x89, 'P', 'N', 'G');
  }
}
