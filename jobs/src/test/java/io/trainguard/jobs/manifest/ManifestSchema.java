package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** Validates manifests against the JSON Schema shipped in the jar (formats asserted). */
public final class ManifestSchema {

  private static final JsonSchema SCHEMA = load();

  private ManifestSchema() {}

  /** The schema violations of {@code manifest}; empty when it validates. */
  public static Set<String> violations(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    for (ValidationMessage m : SCHEMA.validate(manifest)) {
      out.add(m.getMessage());
    }
    return out;
  }

  private static JsonSchema load() {
    try (InputStream in = Manifest.class.getResourceAsStream("manifest.schema.json")) {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
          .build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
