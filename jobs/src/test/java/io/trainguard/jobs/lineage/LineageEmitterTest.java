package io.trainguard.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineageClientUtils;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.SampleManifests;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineageEmitterTest {

  static final Instant STARTED = Instant.parse("2026-11-25T19:50:37.022572428Z");
  static final Instant NOW = Instant.parse("2026-11-25T19:51:00Z");
  static final List<String> CSV_HEADER = List.of("id", "email", "phone", "card_number", "ssn",
      "note");

  static LineageEmitter emitter() {
    return new LineageEmitter(null, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static RunInfo run(String output) {
    return new RunInfo(UUID.fromString(SampleManifests.RUN_ID), STARTED, output);
  }

  static void startDemo(LineageEmitter e) {
    e.start(run(SampleManifests.OUTPUT_ROOT), List.of(
        new InputFile(SampleManifests.CSV_URI, CSV_HEADER),
        InputFile.of(SampleManifests.JSONL_URI)));
  }

  /** The emitted events, each checked against the spec and the client's own model first. */
  static List<JsonNode> events(LineageEmitter e) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    String lines = new String(e.jsonLines(), StandardCharsets.UTF_8);
    assertThat(lines).endsWith("\n");
    for (String line : lines.split("\n")) {
      JsonNode event = CanonicalJson.MAPPER.readTree(line);
      assertThat(OpenLineageSpec.violations(event)).as(line).isEmpty();
      assertThat(OpenLineageClientUtils.runEventFromJson(line).getRun().getRunId())
          .hasToString(SampleManifests.RUN_ID);
      events.add(event);
    }
    return events;
  }

  @Test
  void startNamesTheJobAndInputsWithTheirKnownSchema() throws Exception {
    LineageEmitter e = emitter();
    startDemo(e);

    JsonNode start = events(e).get(0);
    assertThat(start.path("eventType").asText()).isEqualTo("START");
    assertThat(start.path("eventTime").asText()).isEqualTo(STARTED.toString());
    assertThat(start.path("producer").asText()).startsWith("urn:trainguard:");
    assertThat(start.path("schemaURL").asText())
        .startsWith("https://openlineage.io/spec/2-0-2/OpenLineage.json");
    assertThat(start.path("run").path("runId").asText()).isEqualTo(SampleManifests.RUN_ID);
    assertThat(start.path("job").path("namespace").asText()).isEqualTo("trainguard");
    assertThat(start.path("job").path("name").asText())
        .isEqualTo("protect:file:///tmp/tg/demo/output");
    assertThat(start.path("job").path("facets").path("jobType").path("processingType").asText())
        .isEqualTo("BATCH");
    JsonNode csv = start.path("inputs").get(0);
    assertThat(csv.path("namespace").asText()).isEqualTo("file");
    assertThat(csv.path("name").asText()).isEqualTo("/tmp/tg/demo/input/customers.csv");
    assertThat(csv.path("facets").path("schema").path("fields").findValuesAsText("name"))
        .isEqualTo(CSV_HEADER);
    JsonNode jsonl = start.path("inputs").get(1);
    assertThat(jsonl.path("name").asText()).isEqualTo("/tmp/tg/demo/input/support/tickets.jsonl");
    assertThat(jsonl.path("facets").has("schema")).isFalse();
    assertThat(start.path("outputs")).isEmpty();
  }

  @Test
  void completeCarriesOutputsColumnLineageAndTheProtectionSummary() throws Exception {
    LineageEmitter e = emitter();
    startDemo(e);
    e.complete(ManifestReader.read(SampleManifests.demo()));

    List<JsonNode> events = events(e);
    assertThat(events).hasSize(2);
    JsonNode done = events.get(1);
    assertThat(done.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(done.path("eventTime").asText()).isEqualTo("2026-11-25T19:50:39.500321113Z");

    JsonNode facet = done.path("run").path("facets").path("trainguard");
    assertThat(facet.path("_schemaURL").asText()).isEqualTo("urn:trainguard:facets:TrainguardRunFacet:1");
    assertThat(facet.path("manifest").asText())
        .isEqualTo("file:/tmp/tg/demo/output/_trainguard/manifest.json");
    assertThat(facet.path("records")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "{\"in\":2000,\"written\":2000,\"quarantined\":0,\"dropped\":0,\"balanced\":true}"));
    assertThat(facet.path("findings")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "{\"CREDIT_CARD\":1334,\"EMAIL_ADDRESS\":1916,\"IP_ADDRESS\":333,"
            + "\"PHONE_NUMBER\":1250,\"US_SSN\":1334}"));
    assertThat(facet.path("gate")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "{\"decision\":\"pass\",\"reasons\":[]}"));

    JsonNode csvIn = done.path("inputs").get(0);
    assertThat(csvIn.path("inputFacets").path("inputStatistics").path("rowCount").asLong())
        .isEqualTo(1000);
    assertThat(csvIn.path("inputFacets").path("inputStatistics").path("size").asLong())
        .isEqualTo(147168);

    JsonNode csvOut = done.path("outputs").get(0);
    assertThat(csvOut.path("namespace").asText()).isEqualTo("file");
    assertThat(csvOut.path("name").asText()).isEqualTo("/tmp/tg/demo/output/data/customers.csv.enc");
    assertThat(csvOut.path("facets").path("schema").path("fields").findValuesAsText("name"))
        .isEqualTo(CSV_HEADER);
    assertThat(csvOut.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(1000);
    JsonNode lineage = csvOut.path("facets").path("columnLineage").path("fields");
    assertThat(lineage.path("email").path("inputFields")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "[{\"namespace\":\"file\",\"name\":\"/tmp/tg/demo/input/customers.csv\",\"field\":\"email\","
            + "\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\","
            + "\"description\":\"whole value redacted (column planned as EMAIL_ADDRESS)\","
            + "\"masking\":true}]}]"));
    assertThat(transformation(lineage, "note")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "{\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\","
            + "\"description\":\"detected spans redacted (EMAIL_ADDRESS, PHONE_NUMBER)\","
            + "\"masking\":true}"));
    assertThat(transformation(lineage, "id")).isEqualTo(CanonicalJson.MAPPER.readTree(
        "{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\","
            + "\"description\":\"scanned; no personal data found\",\"masking\":false}"));

    // Two inputs and no per-file findings: a JSON path cannot be attributed to either file.
    JsonNode jsonlOut = done.path("outputs").get(1);
    assertThat(jsonlOut.path("name").asText())
        .isEqualTo("/tmp/tg/demo/output/data/support/tickets.jsonl.enc");
    assertThat(jsonlOut.path("facets").has("columnLineage")).isFalse();
  }

  @Test
  void perFileFindingsGiveJsonPathsTheirLineageAndQuarantineHasNone() throws Exception {
    LineageEmitter e = emitter();
    startDemo(e);
    e.complete(ManifestReader.read(SampleManifests.extended()));

    JsonNode done = events(e).get(1);
    JsonNode jsonlOut = done.path("outputs").get(1);
    assertThat(jsonlOut.path("facets").path("schema").path("fields").findValuesAsText("name"))
        .containsExactly("text");
    assertThat(transformation(jsonlOut.path("facets").path("columnLineage").path("fields"), "text")
        .path("description").asText())
        .isEqualTo("detected spans redacted (CREDIT_CARD, IP_ADDRESS)");
    JsonNode quarantine = done.path("outputs").get(2);
    assertThat(quarantine.path("name").asText())
        .isEqualTo("/tmp/tg/demo/output/quarantine/customers.csv.enc");
    assertThat(quarantine.path("facets").has("columnLineage")).isFalse();
    assertThat(quarantine.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
        .isEqualTo(10);
    JsonNode facet = done.path("run").path("facets").path("trainguard");
    assertThat(facet.path("records").path("quarantined").asLong()).isEqualTo(10);
    assertThat(facet.path("gate").path("decision").asText()).isEqualTo("fail");
    assertThat(facet.path("findings").path("AWS_CREDENTIALS").asLong()).isEqualTo(2);
  }

  /**
   * Whether the field paths the manifest names are an input's schema is its format's to say:
   * a format of nested paths (JSON Lines, Parquet, Avro, ORC) gives them as the schema, a format
   * of header columns (CSV, the test codec's {@code adt}) gives none without its header.
   */
  @Test
  void theFormatsCodecSaysWhetherTheFieldPathsAreTheSchema() throws Exception {
    for (String format : List.of("jsonl", "parquet", "avro", "orc", "csv", "adt")) {
      com.fasterxml.jackson.databind.node.ObjectNode manifest = SampleManifests.demo();
      com.fasterxml.jackson.databind.node.ObjectNode input =
          (com.fasterxml.jackson.databind.node.ObjectNode) manifest.path("inputs").get(1);
      input.put("format", format);
      input.set("column_plan", CanonicalJson.MAPPER.readTree("[{\"column\": \"user.contact\","
          + " \"entity\": \"EMAIL_ADDRESS\", \"confidence\": 1.0, \"sample_size\": 100,"
          + " \"sample\": \"first records\", \"reason\": \"100/100 values\"}]"));
      LineageEmitter e = emitter();
      startDemo(e);
      e.complete(ManifestReader.read(manifest));

      JsonNode out = events(e).get(1).path("outputs").get(1);
      assertThat(out.path("name").asText()).endsWith("/output/data/support/tickets.jsonl.enc");
      if (format.equals("csv") || format.equals("adt")) {
        assertThat(out.path("facets").has("schema")).as(format).isFalse();
      } else {
        assertThat(out.path("facets").path("schema").path("fields").findValuesAsText("name"))
            .as(format).containsExactly("user.contact");
      }
    }
  }

  @Test
  void aFailedGateEndsTheRunWithFailCarryingTheReasons() throws Exception {
    LineageEmitter e = emitter();
    startDemo(e);
    e.complete(ManifestReader.read(SampleManifests.extended()));

    List<JsonNode> events = events(e);
    assertThat(events).hasSize(2);
    JsonNode end = events.get(1);
    assertThat(end.path("eventType").asText()).isEqualTo("FAIL");
    assertThat(end.path("eventTime").asText()).isEqualTo("2026-11-25T19:50:39.500321113Z");
    assertThat(end.path("run").path("facets").path("errorMessage").path("message").asText())
        .isEqualTo("Gate failed: US_SSN findings left after redaction: 0 allowed;"
            + " outliers 22 above the limit of 20");
    assertThat(end.path("run").path("facets").path("trainguard").path("gate"))
        .isEqualTo(CanonicalJson.MAPPER.readTree("{\"decision\":\"fail\",\"reasons\":["
            + "\"US_SSN findings left after redaction: 0 allowed\","
            + "\"outliers 22 above the limit of 20\"]}"));
    List<String> outputs = new ArrayList<>();
    end.path("outputs").forEach(o -> outputs.add(o.path("name").asText()));
    assertThat(outputs).containsExactly(
        "/tmp/tg/demo/output/data/customers.csv.enc",
        "/tmp/tg/demo/output/data/support/tickets.jsonl.enc",
        "/tmp/tg/demo/output/quarantine/customers.csv.enc");
    e.fail("after the gate");
    assertThat(new String(e.jsonLines(), StandardCharsets.UTF_8).lines()).hasSize(2);
  }

  @Test
  void s3aInputsAndOutputsUseTheSpecsS3Naming() throws Exception {
    LineageEmitter e = emitter();
    e.start(run("s3a://clean-bucket/clean/"),
        List.of(InputFile.of("s3a://raw-bucket/raw/a b.csv")));
    e.complete(ManifestReader.read(CanonicalJson.MAPPER.readTree("""
        {"manifest_version": 1,
         "run": {"input": "s3a://raw-bucket/raw/", "output": "s3a://clean-bucket/clean/",
                 "finished": "2026-11-25T19:51:00Z"},
         "inputs": [{"path": "a b.csv", "uri": "s3a://raw-bucket/raw/a b.csv", "format": "csv",
                     "records": 3}],
         "outputs": [{"path": "data/a b.csv.enc", "source": "a b.csv", "kind": "data"}]}
        """)));

    List<JsonNode> events = events(e);
    assertThat(events.get(0).path("job").path("name").asText())
        .isEqualTo("protect:s3://clean-bucket/clean");
    JsonNode in = events.get(1).path("inputs").get(0);
    assertThat(in.path("namespace").asText()).isEqualTo("s3://raw-bucket");
    assertThat(in.path("name").asText()).isEqualTo("raw/a b.csv");
    JsonNode out = events.get(1).path("outputs").get(0);
    assertThat(out.path("namespace").asText()).isEqualTo("s3://clean-bucket");
    assertThat(out.path("name").asText()).isEqualTo("clean/data/a b.csv.enc");
    assertThat(events.get(1).path("run").path("facets").path("trainguard").path("manifest")
        .asText()).isEqualTo("s3a://clean-bucket/clean/_trainguard/manifest.json");
  }

  @Test
  void aManifestWithoutSectionsStillCompletes() throws Exception {
    LineageEmitter e = emitter();
    e.start(run("/tmp/out"), List.of());
    e.complete(ManifestReader.read(CanonicalJson.MAPPER.readTree("{\"manifest_version\": 1, \"extra\": {\"x\": 1}}")));

    JsonNode done = events(e).get(1);
    assertThat(done.path("eventTime").asText()).isEqualTo(NOW.toString());
    assertThat(done.path("inputs")).isEmpty();
    assertThat(done.path("outputs")).isEmpty();
    JsonNode facet = done.path("run").path("facets").path("trainguard");
    assertThat(facet.path("manifest").asText()).isEqualTo("/tmp/out/_trainguard/manifest.json");
    assertThat(facet.path("findings")).isEmpty();
    assertThat(facet.has("records")).isFalse();
    assertThat(facet.has("gate")).isFalse();
  }

  @Test
  void failCarriesTheMessageAndTheInputsOnly() throws Exception {
    LineageEmitter e = emitter();
    startDemo(e);
    e.fail("Malformed CSV in customers.csv at row 2 (line 2): expected 6 cells, found 7");

    JsonNode fail = events(e).get(1);
    assertThat(fail.path("eventType").asText()).isEqualTo("FAIL");
    assertThat(fail.path("eventTime").asText()).isEqualTo(NOW.toString());
    JsonNode error = fail.path("run").path("facets").path("errorMessage");
    assertThat(error.path("message").asText())
        .isEqualTo("Malformed CSV in customers.csv at row 2 (line 2): expected 6 cells, found 7");
    assertThat(error.path("programmingLanguage").asText()).isEqualTo("Java");
    assertThat(error.has("stackTrace")).isFalse();
    assertThat(fail.path("inputs")).hasSize(2);
    assertThat(fail.path("outputs")).isEmpty();
  }

  @Test
  void oneStartThenOneEnd() {
    LineageEmitter e = emitter();
    assertThatThrownBy(() -> e.complete(ManifestReader.read(SampleManifests.demo())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot emit COMPLETE: the run was not started");
    e.fail("before start");
    assertThat(e.jsonLines()).isEmpty();

    startDemo(e);
    assertThatThrownBy(() -> startDemo(e)).isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot emit START: the run was already started");
    e.complete(ManifestReader.read(SampleManifests.demo()));
    e.fail("after complete");
    assertThatThrownBy(() -> e.complete(ManifestReader.read(SampleManifests.demo())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot emit COMPLETE: the run already ended");
    assertThat(new String(e.jsonLines(), StandardCharsets.UTF_8).lines()).hasSize(2);
  }

  @Test
  void theSpecCheckCatchesBrokenEvents() throws Exception {
    JsonNode broken = CanonicalJson.MAPPER.readTree("""
        {"eventTime": "yesterday", "producer": "trainguard", "eventType": "DONE",
         "run": {"runId": "42", "facets": {"x": {"_producer": "urn:a"}}},
         "job": {"namespace": "trainguard"},
         "outputs": [{"namespace": "file", "name": "/o", "facets": {"columnLineage": {
           "_producer": "urn:a", "_schemaURL": "urn:b",
           "fields": {"c": {"inputFields": [{"namespace": "file", "name": "/i",
             "transformations": [{"type": "MASKED", "masking": "yes"}]}]}}}}}]}
        """);
    assertThat(OpenLineageSpec.violations(broken)).containsExactlyInAnyOrder(
        "/eventTime: not an RFC 3339 date-time",
        "/producer: not an absolute URI",
        "/schemaURL: required string missing",
        "/eventType: not one of " + Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"),
        "/run/runId: not a UUID",
        "/run/facets/x/_schemaURL: required string missing",
        "/job/name: required string missing",
        "/outputs/0/facets/columnLineage/fields/c/inputFields/0/field: required string missing",
        "/outputs/0/facets/columnLineage/fields/c/inputFields/0/transformations/0/type:"
            + " not DIRECT or INDIRECT",
        "/outputs/0/facets/columnLineage/fields/c/inputFields/0/transformations/0/masking:"
            + " not a boolean");
  }

  private static JsonNode transformation(JsonNode columnLineageFields, String field) {
    return columnLineageFields.path(field).path("inputFields").get(0).path("transformations")
        .get(0);
  }
}
