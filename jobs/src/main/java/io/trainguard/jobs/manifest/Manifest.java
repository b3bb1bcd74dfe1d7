package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.jobs.protect.FileResult;
import io.trainguard.redaction.Redactor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lineage manifest ({@code _trainguard/manifest.json}): what was read, what was written, how
 * it was protected and how many records went where. Located and counted, never quoted: it holds
 * no value read from the data.
 */
public final class Manifest {

  public static final String PATH = "_trainguard/manifest.json";
  public static final int VERSION = 1;

  private Manifest() {}

  /** Facts about the run that are not in the per-file results. */
  public record Run(String id, String toolVersion, Instant started, Instant finished,
      String sparkAppId, String sparkMaster, String sparkVersion, String commandLine,
      String input, String output) {}

  /** The configuration that shaped the output. */
  public record Config(String keyId, double threshold, List<Recognizer> recognizers,
      Redactor redactor) {}

  public static ObjectNode build(Run run, Config config, List<FileResult> files) {
    ObjectNode m = CanonicalJson.MAPPER.createObjectNode();
    m.put("manifest_version", VERSION);
    ObjectNode r = m.putObject("run");
    r.put("id", run.id())
        .put("tool", "trainguard")
        .put("version", run.toolVersion())
        .put("started", run.started().toString())
        .put("finished", run.finished().toString())
        .put("command_line", run.commandLine())
        .put("input", run.input())
        .put("output", run.output());
    r.putObject("spark")
        .put("app_id", run.sparkAppId())
        .put("master", run.sparkMaster())
        .put("version", run.sparkVersion());

    ObjectNode c = m.putObject("config");
    c.put("key_id", config.keyId());
    c.put("threshold", new java.math.BigDecimal(Double.toString(config.threshold())));
    ArrayNode recognizers = c.putArray("recognizers");
    for (Recognizer rec : config.recognizers()) {
      recognizers.addObject().put("name", rec.name()).put("entity", rec.entity());
    }

    ArrayNode inputs = m.putArray("inputs");
    ArrayNode outputs = m.putArray("outputs");
    Map<String, Long> findingCounts = new TreeMap<>();
    Map<String, Set<String>> fields = new TreeMap<>();
    long recordsIn = 0;
    long recordsWritten = 0;
    for (FileResult f : files) {
      ObjectNode input = inputs.addObject()
          .put("path", f.inputPath())
          .put("uri", f.inputUri())
          .put("format", f.format().id())
          .put("size", f.inputSize())
          .put("sha256", f.inputSha256())
          .put("records", f.stats().records());
      ArrayNode plan = input.putArray("column_plan");
      for (var p : f.stats().plans()) {
        plan.addObject().put("column", p.column()).put("entity", p.entity())
            .put("confidence", java.math.BigDecimal.valueOf(p.confidence()))
            .put("sample_size", p.sampleSize()).put("sample", "first records")
            .put("reason", p.reason());
      }
      ObjectNode out = outputs.addObject()
          .put("path", f.outputPath())
          .put("source", f.inputPath())
          .put("kind", "data")
          .put("size", f.outputSize())
          .put("sha256", f.outputSha256())
          .put("records", f.stats().records());
      ObjectNode enc = out.putObject("encryption")
          .put("format", EnvelopeCipher.FORMAT)
          .put("algorithm", EnvelopeCipher.ALGORITHM.name())
          .put("key_id", config.keyId());
      ObjectNode ctx = enc.putObject("context");
      new TreeMap<>(f.encryptionContext()).forEach(ctx::put);
      recordsIn += f.stats().records();
      recordsWritten += f.stats().records();
      f.stats().findingsByEntity().forEach((e, n) -> findingCounts.merge(e, n, Long::sum));
      f.stats().fieldsByEntity().forEach((e, s) ->
          fields.computeIfAbsent(e, k -> new TreeSet<>()).addAll(s));
    }

    ObjectNode findings = m.putObject("findings");
    findingCounts.forEach((entity, count) -> {
      ObjectNode e = findings.putObject(entity);
      e.put("count", count);
      e.putObject("sources").put("local", count);
      ArrayNode fs = e.putArray("fields");
      fields.getOrDefault(entity, Set.of()).forEach(fs::add);
      e.put("operator", config.redactor().operatorFor(entity).name());
    });

    m.putObject("accounting")
        .put("records_in", recordsIn)
        .put("records_written", recordsWritten)
        .put("records_quarantined", 0)
        .put("records_dropped", 0)
        .put("balanced", recordsIn == recordsWritten);
    m.putObject("gate").put("decision", "pass").putArray("reasons");
    return m;
  }

  /** The stored form: pretty-printed for reviewers; the signature does not depend on layout. */
  public static byte[] toBytes(JsonNode manifest) {
    try {
      return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise manifest", e);
    }
  }

  /** Parses a stored manifest. */
  public static ObjectNode parse(byte[] bytes) throws java.io.IOException {
    JsonNode node = CanonicalJson.MAPPER.readTree(bytes);
    if (node == null || !node.isObject() || !node.has("manifest_version")) {
      throw new java.io.IOException("not a trainguard manifest");
    }
    return (ObjectNode) node;
  }

  /** Total findings in a manifest, per entity. */
  public static Map<String, Long> findingCounts(JsonNode manifest) {
    Map<String, Long> counts = new TreeMap<>();
    manifest.path("findings").fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().path("count").asLong()));
    return counts;
  }
}
