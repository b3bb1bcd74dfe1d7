package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.cli.TrainguardCli;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values written in a way a reader must decode or normalise (CSV quoting, JSON escapes, look-alike
 * and invisible characters, percent and character references): protect replaces exactly the
 * spans {@code detect} reports, in the original text, in a text line, a CSV cell and a JSON Lines
 * string written with escapes.
 */
class EncodedValuesAgreementTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Writes every non-ASCII character and {@code /} as a JSON escape. */
  private static final ObjectMapper ESCAPING = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII, JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
  private static final ValueProtector STRICT = new ValueProtector(
      new Analyzer(ProtectJob.loadRecognizers(List.of()), Analyzer.DEFAULT_THRESHOLD),
      Policy.strict(), OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));
  /** Texts with nothing to find, so that the tested column is not planned as an entity. */
  private static final List<String> PLAIN = List.of("nothing here", "all quiet", "see you then");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "Mail \"ana.perez@example.com\", SSN \"536-22-8049\", ok",
      "quoted \"\"536-22-8049\"\" and \"ana.perez@example.com\"\"",
      "ana.p\u00e9rez@example.com wrote from Montr\u00e9al",
      "see https://example.com/u/ana.perez@example.com/a today",
      "line one\nana.perez@example.com\n536-22-8049 on line three",
      "tab\tana.perez@example.com\tand a quote \" in between",
      "\uD83D\uDE00\uD83D\uDE00 ana.perez@example.com \uD83D\uDE00 536-22-8049",
      "ana.perez\uFF20example.com and 536\u201022\u20108049",
      "ssn 536-22-\u200B8049 and ana.perez@exa\u00ADmple.com",
      "link ?email=ana.perez%40example.com&ssn=536%2D22%2D8049",
      "html ana.perez&#64;example.com and 536&#x2d;22&#x2d;8049",
      "log {\"to\": \"ana.perez\\u0040example.com\"} done",
      "math \uD835\uDFD3\uD835\uDFD1\uD835\uDFD4-\uD835\uDFD0\uD835\uDFD0-\uD835\uDFD2"
          + "\uD835\uDFD5\uD835\uDFD6\uD835\uDFD7 end",
      "card 4111\u00A01111\u00A01111\u00A01111, call +1 (212) 555-0187"})
  void protectReplacesWhatDetectReports(String text) throws IOException {
    String jsonlInput = jsonLines(text);
    String expected = replacedAsDetectReports(text, jsonlInput);
    assertThat(expected).as("detect finds something").isNotEqualTo(text);

    if (!text.contains("\n")) {
      assertThat(TextRedactorTest.redact(text + "\n", new FileStats()))
          .as("text").isEqualTo(expected + "\n");
    }
    StringBuilder csv = new StringBuilder("id,text\n0,\"" + text.replace("\"", "\"\"") + "\"\n");
    for (int i = 0; i < PLAIN.size(); i++) {
      csv.append(i + 1).append(',').append(PLAIN.get(i)).append('\n');
    }
    assertThat(cell(CsvRedactorTest.redact(STRICT, csv.toString(), MacieHints.NONE,
        new FileStats()))).as("csv").isEqualTo(expected);
    String jsonl = JsonLinesRedactorTest.redact(STRICT, jsonlInput, MacieHints.NONE,
        new FileStats());
    assertThat(JSON.readTree(jsonl.lines().findFirst().orElseThrow()).path("text").asText())
        .as("jsonl " + jsonlInput).isEqualTo(expected);
  }

  /** {@code text} and the plain texts as {"id", "text"} lines, with JSON escapes. */
  private static String jsonLines(String text) throws IOException {
    StringBuilder lines = new StringBuilder();
    List<String> texts = new ArrayList<>(List.of(text));
    texts.addAll(PLAIN);
    for (int i = 0; i < texts.size(); i++) {
      lines.append(ESCAPING.writeValueAsString(JSON.createObjectNode().put("id", i)
          .put("text", texts.get(i)))).append('\n');
    }
    return lines.toString();
  }

  /** {@code text} with each span {@code detect} reports in it replaced by {@code <ENTITY>}. */
  private String replacedAsDetectReports(String text, String jsonl) throws IOException {
    Path in = Files.writeString(dir.resolve("in.jsonl"), jsonl);
    Path out = dir.resolve("out.jsonl");
    assertThat(TrainguardCli.run("detect", "--input", in.toString(), "--output", out.toString()))
        .isZero();
    JsonNode findings = JSON.readTree(Files.readAllLines(out).get(0)).path("findings");
    StringBuilder replaced = new StringBuilder();
    int at = 0;
    List<JsonNode> byStart = new ArrayList<>();
    findings.forEach(byStart::add);
    byStart.sort((a, b) -> Integer.compare(a.path("start").asInt(), b.path("start").asInt()));
    for (JsonNode f : byStart) {
      int start = text.offsetByCodePoints(0, f.path("start").asInt());
      if (start >= at) {
        replaced.append(text, at, start).append('<').append(f.path("entity").asText())
            .append('>');
        at = text.offsetByCodePoints(0, f.path("end").asInt());
      }
    }
    return replaced.append(text.substring(at)).toString();
  }

  /** The {@code text} cell of the first record of {@code csv}. */
  private static String cell(String csv) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.getFormat().setLineSeparator("\n");
    return new CsvParser(settings).parseAll(new StringReader(csv)).get(0)[1];
  }
}
