package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium loads it from a file, and the test reads
 * the numbers off the page, checks that nothing was fetched and nothing logged an error, and
 * leaves a screenshot in {@code target/report-screenshot.png}.
 */
class ReportBrowserTest {

  static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."))
      .resolve("target/report-screenshot.png");

  static final String FACTS = """
      (() => {
        const value = id => document.getElementById(id)?.dataset.value ?? null;
        const shown = id => document.getElementById(id)?.textContent ?? null;
        const rows = sel => Array.from(document.querySelectorAll(sel));
        const counts = (sel, key) => Object.fromEntries(rows(sel).map(tr =>
            [tr.dataset[key], Number(tr.querySelector('td[data-count]').dataset.count)]));
        return {
          recordsIn: value('records-in'), recordsInShown: shown('records-in'),
          written: value('records-written'), quarantined: value('records-quarantined'),
          dropped: value('records-dropped'), balanced: value('records-balanced'),
          findingsTotal: value('findings-total'),
          gate: document.getElementById('gate-decision').dataset.decision,
          reasons: rows('#gate-reasons li').map(li => li.textContent),
          entities: counts('#findings-table tr[data-entity]', 'entity'),
          entitiesShown: rows('#findings-table tr[data-entity] td[data-count]')
              .map(td => td.textContent),
          files: counts('#files-table tr[data-file]', 'file'),
          outliers: counts('#outliers-table tr[data-reason]', 'reason'),
          macie: Object.fromEntries(rows('#provenance-table tr[data-provenance-entity]').map(tr =>
              [tr.dataset.provenanceEntity,
               Number(tr.querySelector('td[data-source="macie"]').dataset.count)])),
          runId: shown('run-id'),
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
          scripts: document.scripts.length, images: document.images.length,
          charts: document.querySelectorAll('svg.chart').length,
          resources: performance.getEntriesByType('resource').length,
          height: document.documentElement.scrollHeight
        };
      })()
      """;

  @TempDir
  Path dir;

  @Test
  void chromiumShowsTheManifestsNumbersWithoutErrorsOrRequests() throws Exception {
    ObjectNode manifest = SampleManifests.extended();
    ((ObjectNode) manifest.path("run")).put("id", "<script>alert(1)</script>");
    ((ObjectNode) manifest.path("findings").path("US_SSN")).withArray("fields")
        .add("\"><img src=x onerror=alert(2)>");
    Path report = dir.resolve("report.html");
    Files.writeString(report, ReportWriter.render(ManifestReader.read(manifest)), StandardCharsets.UTF_8);
    String url = report.toUri().toString();

    JsonNode facts;
    List<JsonNode> requests;
    List<JsonNode> console;
    List<JsonNode> exceptions;
    List<JsonNode> log;
    String blockedFetch;
    try (HeadlessChromium chromium = HeadlessChromium.start(dir)) {
      for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
        chromium.call(domain + ".enable", Map.of());
      }
      chromium.navigate(url);
      facts = chromium.evaluate(FACTS);
      chromium.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1200,
          "height", Math.min(facts.path("height").asInt(), 8000), "deviceScaleFactor", 1,
          "mobile", false));
      byte[] png = Base64.getDecoder().decode(chromium.call("Page.captureScreenshot",
          Map.of("format", "png")).path("data").asText());
      Files.createDirectories(SCREENSHOT.getParent());
      Files.write(SCREENSHOT, png);
      requests = chromium.events("Network.requestWillBeSent");
      console = chromium.events("Runtime.consoleAPICalled");
      exceptions = chromium.events("Runtime.exceptionThrown");
      log = chromium.events("Log.entryAdded");
      // Last, as it logs the violation: the page's policy must stop a fetch before it leaves.
      blockedFetch = chromium.evaluate("fetch('http://127.0.0.1:9/').then(() => 'fetched',"
          + " e => 'blocked: ' + e.name)").asText();
    }

    assertThat(console).as("console messages").isEmpty();
    assertThat(exceptions).as("uncaught exceptions").isEmpty();
    assertThat(log).as("browser log entries").filteredOn(e ->
        List.of("error", "warning").contains(e.path("entry").path("level").asText())).isEmpty();
    assertThat(requests).as("requests").allSatisfy(r ->
        assertThat(r.path("request").path("url").asText()).isEqualTo(url));
    assertThat(facts.path("resources").asInt()).as("subresources fetched").isZero();
    assertThat(facts.path("csp").asText()).isEqualTo(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    assertThat(blockedFetch).isEqualTo("blocked: TypeError");

    assertThat(facts.path("scripts").asInt()).isZero();
    assertThat(facts.path("images").asInt()).isZero();
    assertThat(facts.path("runId").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(facts.path("charts").asInt()).isEqualTo(5);

    JsonNode acc = manifest.path("accounting");
    assertThat(facts.path("recordsIn").asLong()).isEqualTo(acc.path("records_in").asLong());
    assertThat(facts.path("recordsInShown").asText()).isEqualTo("2,015");
    assertThat(facts.path("written").asLong()).isEqualTo(acc.path("records_written").asLong());
    assertThat(facts.path("quarantined").asLong())
        .isEqualTo(acc.path("records_quarantined").asLong());
    assertThat(facts.path("dropped").asLong()).isEqualTo(acc.path("records_dropped").asLong());
    assertThat(facts.path("balanced").asText()).isEqualTo("true");
    assertThat(facts.path("gate").asText()).isEqualTo("fail");
    assertThat(facts.path("reasons")).hasSize(2);

    Map<String, Long> expected = ManifestReader.read(manifest).findingCounts();
    Map<String, Long> shown = new TreeMap<>();
    facts.path("entities").fields().forEachRemaining(e -> shown.put(e.getKey(),
        e.getValue().asLong()));
    assertThat(shown).isEqualTo(expected);
    assertThat(facts.path("findingsTotal").asLong())
        .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    assertThat(facts.path("entitiesShown").get(1).asText()).isEqualTo("1,334");
    assertThat(facts.path("files").path("customers.csv").asLong()).isEqualTo(1700);
    assertThat(facts.path("files").path("support/tickets.jsonl").asLong()).isEqualTo(967);
    assertThat(facts.path("outliers").path("duplicate").asLong()).isEqualTo(12);
    assertThat(facts.path("outliers").path("label_flip").asLong()).isEqualTo(7);
    assertThat(facts.path("macie").path("CREDIT_CARD").asLong()).isEqualTo(34);
    assertThat(facts.path("macie").path("AWS_CREDENTIALS").asLong()).isEqualTo(2);

    assertThat(SCREENSHOT).isNotEmptyFile();
    assertThat(Files.readAllBytes(SCREENSHOT)).startsWith(0x89, 'P', 'N', 'G');
  }
}
