package io.trainguard.jobs.lineage;

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
  static TrainguardRunFacet of(URI producer, Manifest manifest, String outputRoot) {
    TrainguardRunFacet facet = new TrainguardRunFacet(producer);
    JsonNodeFactory json = JsonNodeFactory.instance;
    String root = manifest.run() != null && manifest.run().output() != null
        ? manifest.run().output() : outputRoot;
    facet.getAdditionalProperties().put("manifest",
        OutputLayout.under(root, OutputLayout.MANIFEST));
    Manifest.Accounting acc = manifest.accounting();
    if (acc != null) {
      ObjectNode records = json.objectNode();
      putIfKnown(records, "in", acc.recordsIn());
      putIfKnown(records, "written", acc.recordsWritten());
      putIfKnown(records, "quarantined", acc.recordsQuarantined());
      putIfKnown(records, "dropped", acc.recordsDropped());
      if (acc.balanced() != null) {
        records.put("balanced", acc.balanced());
      }
      facet.getAdditionalProperties().put("records", records);
    }
    ObjectNode findings = json.objectNode();
    manifest.findingCounts().forEach(findings::put);
    facet.getAdditionalProperties().put("findings", findings);
    Manifest.Gate gate = manifest.gate();
    if (gate != null) {
      ObjectNode g = json.objectNode();
      if (gate.decision() != null) {
        g.put("decision", gate.decision());
      }
      gate.reasons().forEach(g.putArray("reasons")::add);
      facet.getAdditionalProperties().put("gate", g);
    }
    return facet;
  }

  private static void putIfKnown(ObjectNode to, String name, Long value) {
    if (value != null) {
      to.put(name, value);
    }
  }
}
