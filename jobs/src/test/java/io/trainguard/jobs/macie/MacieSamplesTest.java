package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** {@code samples/macie/} is current with its generator and lines up with {@code samples/data}. */
class MacieSamplesTest {

  static final Path SAMPLES = Path.of("..", "samples");
  static final Path FINDINGS = SAMPLES.resolve("macie/findings.json");
  static final Path RESULTS = SAMPLES.resolve("macie/discovery-results.jsonl.gz");

  static MacieImport samples() throws IOException {
    MacieImport findings = MacieFindingsFile.read(FINDINGS);
    try (InputStream in = Files.newInputStream(RESULTS)) {
      return findings.plus(DiscoveryResults.read(in, RESULTS.getFileName().toString()));
    }
  }

  @Test
  void committedFilesAreWhatTheGeneratorWrites() throws Exception {
    SampleMacieFiles generator = new SampleMacieFiles(SAMPLES);

    assertThat(Files.readString(FINDINGS)).isEqualTo(generator.findingsJson());
    try (InputStream in = new GZIPInputStream(Files.newInputStream(RESULTS))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(generator.resultLines());
    }
    assertThat(Files.size(RESULTS)).isLessThan(50_000);
  }

  @Test
  void filesHaveMaciesRealShape() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(RESULTS))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : lines.split("\n")) {
      var result = json.readTree(line);
      assertThat(result.has("count") || result.has("updatedAt") || result.has("sample")
          || result.has("archived")).isFalse();
      assertThat(result.at("/classificationDetails/result").has("additionalOccurrences")).isFalse();
      assertThat(result.findValues("size")).allMatch(n -> n.isTextual());
      var positions = new java.util.ArrayList<>(result.findValues("row"));
      positions.addAll(result.findValues("recordIndex"));
      assertThat(positions).isNotEmpty().allMatch(n -> n.isTextual());
      assertThat(result.findValues("occurrences")).isNotEmpty().allMatch(o -> o.size() == 4
          && o.has("lineRanges") && o.has("pages") && o.has("records") && o.has("cells"));
    }
    var findings = json.readTree(FINDINGS.toFile()).get("findings");
    assertThat(findings.findValues("additionalOccurrences")).extracting(n -> n.asBoolean())
        .containsExactly(true, true, false);
    assertThat(findings.findValuesAsText("type")).filteredOn(t -> !t.startsWith("SensitiveData"))
        .isNotEmpty().allMatch(MacieEntities.documented()::contains);
  }

  @Test
  void importsWithoutWarningsAndMatchesTheDemoDataset() throws IOException {
    MacieImport imported = samples();
    List<Storage.DataFile> inputs = Storage.listDataFiles(
        Storage.fileSystem(Storage.path(SAMPLES.resolve("data").toString()), new Configuration()),
        Storage.path(SAMPLES.resolve("data").toString()));

    MacieMatches matches = new MacieMatcher(SAMPLES.resolve("data").toString(),
        SampleMacieFiles.KEY_PREFIX).match(imported.occurrences(), inputs);

    assertThat(imported.warnings()).isEmpty();
    assertThat(imported.skipped()).isZero();
    assertThat(matches.unmatched()).isZero();
    assertThat(matches.columnHints("customers.csv")).isEqualTo(Map.of(
        "name", Map.of("PERSON", 50L),
        "ssn", Map.of("US_SSN", 50L),
        "card_number", Map.of("CREDIT_CARD", 50L),
        "note", Map.of("LOCATION", 3L)));
    assertThat(matches.fieldHints("support/tickets.jsonl")).isEqualTo(Map.of(
        "$.text", Map.of("US_SSN", 17L, "CREDIT_CARD", 17L)));
    assertThat(matches.applicable("customers.csv"))
        .noneMatch(m -> m.occurrence().entity().equals("LOCATION"));
    assertThat(matches.warnings()).containsExactly("Macie findings for customers.csv are stale"
        + " (size differs): 3 occurrences used as column hints only");
  }

  @Test
  void everyCellNamesTheHeaderAtItsColumnAndARowOfTheFile() throws IOException {
    List<String> lines = Files.readAllLines(SAMPLES.resolve("data/customers.csv"));
    List<String> header = List.of(lines.get(0).split(","));

    for (MacieOccurrence o : samples().occurrences()) {
      if (o.location() instanceof MacieLocation.Cell cell) {
        assertThat(header.get((int) cell.column() - 1)).isEqualTo(cell.columnName());
        assertThat(cell.row()).isBetween(2L, (long) lines.size());
      } else if (o.location() instanceof MacieLocation.JsonRecord record) {
        assertThat(record.recordIndex()).isBetween(0L, 49L);
      }
    }
  }
}
