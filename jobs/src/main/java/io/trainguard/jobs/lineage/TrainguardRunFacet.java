package io.trainguard.jobs.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openlineage.client.OpenLineage;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import java.net.URI;

/**
 * The custom run facet {@code trainguard}: the protection summary of a finished run (record
 * accounting, findings per entity, gate decision, where the signed manifest is). Counts and
 * names only, never a value read from the data.
 */
final class TrainguardRunFacet extends OpenLineage.DefaultRunFacet {

  static final String NAME = "trainguard";
  static final URI SCHEMA_URL = URI.create("urn:trainguard:facets:TrainguardRunFacet:1");

  private TrainguardRunFacet(URI producer) {
    super(producer);
  }

  @Override
  public URI get_schemaURL() {
    return SCHEMA_URL;
  }

  /** The summary of {@code manifest}; a section the manifest lacks is left out. */
  static TrainguardRunFacet of(URI producer, JsonNode manifest, String outputRoot) {
    TrainguardRunFacet facet = new TrainguardRunFacet(producer);
    JsonNodeFactory json = JsonNodeFactory.instance;
    String root = manifest.path("run").path("output").asText(outputRoot);
    facet.getAdditionalProperties().put("manifest",
        OutputLayout.under(root, OutputLayout.MANIFEST));
    JsonNode acc = manifest.path("accounting");
    if (acc.isObject()) {
      ObjectNode records = json.objectNode();
      copy(acc, "records_in", records, "in");
      copy(acc, "records_written", records, "written");
      copy(acc, "records_quarantined", records, "quarantined");
      copy(acc, "records_dropped", records, "dropped");
      copy(acc, "balanced", records, "balanced");
      facet.getAdditionalProperties().put("records", records);
    }
    ObjectNode findings = json.objectNode();
    Manifest.findingCounts(manifest).forEach(findings::put);
    facet.getAdditionalProperties().put("findings", findings);
    JsonNode gate = manifest.path("gate");
    if (gate.isObject()) {
      ObjectNode g = json.objectNode();
      copy(gate, "decision", g, "decision");
      copy(gate, "reasons", g, "reasons");
      facet.getAdditionalProperties().put("gate", g);
    }
    return facet;
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String as) {
    if (from.has(name)) {
      to.set(as, from.get(name).deepCopy());
    }
  }
}
