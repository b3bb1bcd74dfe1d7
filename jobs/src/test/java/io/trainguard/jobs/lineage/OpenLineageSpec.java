package io.trainguard.jobs.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The structural rules of an OpenLineage 2-0-2 RunEvent, checked explicitly: no Maven artifact
 * ships the spec's JSON schema (openlineage-java carries generated classes only), and tests run
 * offline. Covers the RunEvent, Run, Job, dataset and base-facet requirements, and the schema
 * and column-lineage facets that trainguard emits.
 */
public final class OpenLineageSpec {

  private static final Set<String> EVENT_TYPES =
      Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
  private static final Set<String> TRANSFORMATION_TYPES = Set.of("DIRECT", "INDIRECT");

  private final List<String> violations = new ArrayList<>();

  private OpenLineageSpec() {}

  /** Every rule {@code event} breaks, as JSON pointer and reason; empty when it conforms. */
  public static List<String> violations(JsonNode event) {
    OpenLineageSpec spec = new OpenLineageSpec();
    spec.runEvent(event);
    return spec.violations;
  }

  private void runEvent(JsonNode e) {
    dateTime(e, "", "eventTime");
    uri(e, "", "producer");
    uri(e, "", "schemaURL");
    if (e.has("eventType") && !EVENT_TYPES.contains(e.path("eventType").asText())) {
      violations.add("/eventType: not one of " + EVENT_TYPES);
    }
    JsonNode run = object(e, "", "run");
    if (run != null) {
      String id = string(run, "/run", "runId");
      if (id != null) {
        try {
          UUID.fromString(id);
        } catch (IllegalArgumentException ex) {
          violations.add("/run/runId: not a UUID");
        }
      }
      facets(run.path("facets"), "/run/facets");
    }
    JsonNode job = object(e, "", "job");
    if (job != null) {
      string(job, "/job", "namespace");
      string(job, "/job", "name");
      facets(job.path("facets"), "/job/facets");
    }
    datasets(e.path("inputs"), "/inputs", "inputFacets");
    datasets(e.path("outputs"), "/outputs", "outputFacets");
  }

  private void datasets(JsonNode list, String at, String ioFacets) {
    if (list.isMissingNode()) {
      return;
    }
    if (!list.isArray()) {
      violations.add(at + ": not an array");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode d = list.get(i);
      String here = at + "/" + i;
      string(d, here, "namespace");
      string(d, here, "name");
      facets(d.path("facets"), here + "/facets");
      facets(d.path(ioFacets), here + "/" + ioFacets);
      schemaFacet(d.path("facets").path("schema"), here + "/facets/schema");
      columnLineage(d.path("facets").path("columnLineage"), here + "/facets/columnLineage");
    }
  }

  private void facets(JsonNode facets, String at) {
    if (facets.isMissingNode()) {
      return;
    }
    if (!facets.isObject()) {
      violations.add(at + ": not an object");
      return;
    }
    facets.fields().forEachRemaining(f -> {
      if (!f.getValue().isObject()) {
        violations.add(at + "/" + f.getKey() + ": facet is not an object");
        return;
      }
      uri(f.getValue(), at + "/" + f.getKey(), "_producer");
      uri(f.getValue(), at + "/" + f.getKey(), "_schemaURL");
    });
  }

  private void schemaFacet(JsonNode facet, String at) {
    if (facet.isMissingNode()) {
      return;
    }
    JsonNode fields = facet.path("fields");
    for (int i = 0; i < fields.size(); i++) {
      string(fields.get(i), at + "/fields/" + i, "name");
    }
  }

  private void columnLineage(JsonNode facet, String at) {
    if (facet.isMissingNode()) {
      return;
    }
    JsonNode fields = object(facet, at, "fields");
    if (fields == null) {
      return;
    }
    fields.fields().forEachRemaining(f -> {
      String here = at + "/fields/" + f.getKey();
      JsonNode inputs = f.getValue().path("inputFields");
      if (!inputs.isArray()) {
        violations.add(here + "/inputFields: required array missing");
        return;
      }
      for (int i = 0; i < inputs.size(); i++) {
        JsonNode in = inputs.get(i);
        String pointer = here + "/inputFields/" + i;
        string(in, pointer, "namespace");
        string(in, pointer, "name");
        string(in, pointer, "field");
        JsonNode transformations = in.path("transformations");
        for (int t = 0; t < transformations.size(); t++) {
          JsonNode tr = transformations.get(t);
          String type = string(tr, pointer + "/transformations/" + t, "type");
          if (type != null && !TRANSFORMATION_TYPES.contains(type)) {
            violations.add(pointer + "/transformations/" + t + "/type: not DIRECT or INDIRECT");
          }
          if (tr.has("masking") && !tr.get("masking").isBoolean()) {
            violations.add(pointer + "/transformations/" + t + "/masking: not a boolean");
          }
        }
      }
    });
  }

  private JsonNode object(JsonNode parent, String at, String name) {
    JsonNode n = parent.path(name);
    if (!n.isObject()) {
      violations.add(at + "/" + name + ": required object missing");
      return null;
    }
    return n;
  }

  private String string(JsonNode parent, String at, String name) {
    JsonNode n = parent.path(name);
    if (!n.isTextual() || n.asText().isEmpty()) {
      violations.add(at + "/" + name + ": required string missing");
      return null;
    }
    return n.asText();
  }

  private void uri(JsonNode parent, String at, String name) {
    String s = string(parent, at, name);
    if (s != null) {
      try {
        if (!new URI(s).isAbsolute()) {
          violations.add(at + "/" + name + ": not an absolute URI");
        }
      } catch (java.net.URISyntaxException e) {
        violations.add(at + "/" + name + ": not a URI");
      }
    }
  }

  private void dateTime(JsonNode parent, String at, String name) {
    String s = string(parent, at, name);
    if (s != null) {
      try {
        OffsetDateTime.parse(s);
      } catch (java.time.format.DateTimeParseException e) {
        violations.add(at + "/" + name + ": not an RFC 3339 date-time");
      }
    }
  }
}
