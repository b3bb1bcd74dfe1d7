package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The bytes a manifest signature covers: compact JSON, object keys sorted, decimals exact (parsed
 * as BigDecimal, written without trailing zeros).
 * Signer and verifier both derive them from the parsed document, so whitespace and key order
 * in the stored file do not matter.
 */
public final class CanonicalJson {

  /** Parses decimals exactly, so that canonical bytes do not depend on binary floating point. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private CanonicalJson() {}

  public static byte[] bytes(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      write(node, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonNode node, JsonGenerator g) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      g.writeStartObject();
      for (String name : names) {
        g.writeFieldName(name);
        write(node.get(name), g);
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(element, g);
      }
      g.writeEndArray();
    } else if (node.isFloatingPointNumber()) {
      // 1.0 in memory and 1 after a round trip through the parser must sign alike.
      g.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      g.writeTree(node);
    }
  }
}
