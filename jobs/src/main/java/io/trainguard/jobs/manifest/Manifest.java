package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.protect.FileResult;
import io.trainguard.jobs.protect.StoredOutput;
import io.trainguard.redaction.Policy;
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

  public static final int VERSION = 1;

  private Manifest() {}

  /** Facts about the run that are not in the per-file results. */
  public record Run(String id, String toolVersion, String gitCommit, Instant started,
      Instant finished, String sparkAppId, String sparkMaster, String sparkVersion,
      String commandLine, String input, String output, String callerKind, String callerId) {}

  /** The configuration that shaped the output. */
  public record Config(String keyId, double threshold, List<Recognizer> recognizers,
      Map<String, String> packSha256, Policy policy, String policyText, String datasetSecretUri,
      String datasetSecretFingerprint, MacieSummary macie) {}

  /** What the Macie sources of a run were and how much of them applied. */
  public interface MacieSummary {
    List<String> sources();

    Set<String> jobIds();

    Set<String> resultLocations();

    int occurrences();

    int stale();

    int unmatched();

    List<String> warnings();
  }

  public static ObjectNode build(Run run, Config config, List<FileResult> files,
      boolean gatePassed, List<String> gateReasons) {
    ObjectNode m = CanonicalJson.MAPPER.createObjectNode();
    m.put("manifest_version", VERSION);
    ObjectNode r = m.putObject("run");
    r.put("id", run.id())
        .put("tool", "trainguard")
        .put("version", run.toolVersion())
        .put("git_commit", run.gitCommit())
        .put("started", run.started().toString())
        .put("finished", run.finished().toString())
        .put("command_line", run.commandLine())
        .put("input", run.input())
        .put("output", run.output());
    r.putObject("caller").put("kind", run.callerKind()).put("id", run.callerId());
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
    ArrayNode packs = c.putArray("packs");
    config.packSha256().forEach((name, sha) -> packs.addObject().put("name", name)
        .put("sha256", sha));
    c.putObject("policy")
        .put("name", config.policy().name())
        .put("sha256", sha256(config.policyText()))
        .put("content", config.policyText());
    ObjectNode macie = c.putObject("macie");
    config.macie().sources().forEach(macie.putArray("sources")::add);
    config.macie().jobIds().forEach(macie.putArray("job_ids")::add);
    config.macie().resultLocations().forEach(macie.putArray("result_locations")::add);
    macie.put("occurrences", config.macie().occurrences())
        .put("stale", config.macie().stale())
        .put("unmatched", config.macie().unmatched())
        .put("warnings", config.macie().warnings().size());
    c.putObject("dataset_secret")
        .put("uri", config.datasetSecretUri())
        .put("fingerprint", config.datasetSecretFingerprint());

    ArrayNode inputs = m.putArray("inputs");
    ArrayNode outputs = m.putArray("outputs");
    Map<String, Long> findingCounts = new TreeMap<>();
    Map<String, Set<String>> fields = new TreeMap<>();
    Map<String, long[]> provenance = new TreeMap<>();
    boolean everyFileBalanced = true;
    long recordsIn = 0;
    long recordsWritten = 0;
    long recordsQuarantined = 0;
    long recordsDropped = 0;
    for (FileResult f : files) {
      ObjectNode input = inputs.addObject()
          .put("path", f.inputPath())
          .put("uri", f.inputUri())
          .put("etag", f.inputEtag())
          .put("version_id", f.inputVersionId())
          .put("format", f.format().id())
          .put("size", f.inputSize())
          .put("sha256", f.inputSha256())
          .put("records", f.stats().records())
          .put("records_written", f.stats().written())
          .put("records_quarantined", f.stats().quarantined())
          .put("records_dropped", f.stats().dropped());
      ObjectNode nulled = input.putObject("values_nulled");
      f.stats().nulledByField().forEach(nulled::put);
      ArrayNode untouched = input.putArray("fields_untouched");
      f.stats().untouchedFields().forEach(untouched::add);
      ObjectNode fellBack = input.putObject("operator_fallbacks");
      f.stats().fallbacksByEntity().forEach(fellBack::put);
      if (f.stats().quarantineReason() != null) {
        input.put("quarantine_reason", f.stats().quarantineReason());
      }
      ObjectNode perFile = input.putObject("findings");
      f.stats().findingsByEntity().forEach(perFile::put);
      ArrayNode plan = input.putArray("column_plan");
      for (var p : f.stats().plans()) {
        plan.addObject().put("column", p.column()).put("entity", p.entity())
            .put("confidence", java.math.BigDecimal.valueOf(p.confidence()))
            .put("sample_size", p.sampleSize()).put("sample", "first records")
            .put("reason", p.reason());
      }
      if (f.data() != null) {
        addOutput(outputs, f.data(), "data", f.inputPath(), f.stats().written(), config.keyId());
      }
      if (f.metadata() != null) {
        addOutput(outputs, f.metadata(), "metadata", f.inputPath(), 0, config.keyId());
      }
      if (f.quarantine() != null) {
        addOutput(outputs, f.quarantine(), "quarantine", f.inputPath(), f.stats().quarantined(),
            config.keyId());
      }
      everyFileBalanced &= f.stats().balanced();
      recordsIn += f.stats().records();
      recordsWritten += f.stats().written();
      recordsQuarantined += f.stats().quarantined();
      recordsDropped += f.stats().dropped();
      f.stats().findingsByEntity().forEach((e, n) -> findingCounts.merge(e, n, Long::sum));
      f.stats().fieldsByEntity().forEach((e, s) ->
          fields.computeIfAbsent(e, k -> new TreeSet<>()).addAll(s));
      f.stats().provenance().forEach((e, p) -> {
        long[] total = provenance.computeIfAbsent(e, k -> new long[3]);
        for (int i = 0; i < 3; i++) {
          total[i] += p[i];
        }
      });
    }

    ObjectNode findings = m.putObject("findings");
    findingCounts.forEach((entity, count) -> {
      ObjectNode e = findings.putObject(entity);
      e.put("count", count);
      long[] p = provenance.getOrDefault(entity, new long[] {count, 0, 0});
      e.putObject("sources").put("local", p[0]).put("macie", p[1]).put("both", p[2]);
      ArrayNode fs = e.putArray("fields");
      fields.getOrDefault(entity, Set.of()).forEach(fs::add);
      e.put("operator", config.policy().actionFor(entity, null).spec());
    });

    m.putObject("accounting")
        .put("records_in", recordsIn)
        .put("records_written", recordsWritten)
        .put("records_quarantined", recordsQuarantined)
        .put("records_dropped", recordsDropped)
        .put("balanced", everyFileBalanced); // balanced files sum to balanced totals
    ObjectNode gate = m.putObject("gate").put("decision", gatePassed ? "pass" : "fail");
    ArrayNode reasons = gate.putArray("reasons");
    gateReasons.forEach(reasons::add);
    return m;
  }

  /**
   * Lists the input files a run skipped as of no supported type ({@code --skip-unsupported}), as
   * shown (names with personal data masked); nothing when none was.
   */
  public static void addSkipped(ObjectNode manifest, List<String> skipped) {
    if (!skipped.isEmpty()) {
      ArrayNode list = manifest.putArray("skipped_inputs");
      skipped.forEach(path -> list.addObject().put("path", path).put("reason", "unsupported"));
    }
  }

  /**
   * Lists the encrypted file of original input names ({@code names}), shaped like an output so
   * that rewrap re-encrypts it too; {@code renamedInputs} inputs were shown under pseudonyms.
   */
  public static void addNames(ObjectNode manifest, StoredOutput names, int renamedInputs,
      String keyId) {
    ObjectNode node = manifest.putObject("names").put("path", names.path())
        .put("size", names.size()).put("sha256", names.sha256())
        .put("renamed_inputs", renamedInputs);
    addEncryption(node, names, keyId);
  }

  private static void addOutput(ArrayNode outputs, StoredOutput stored, String kind,
      String source, long records, String keyId) {
    ObjectNode out = outputs.addObject()
        .put("path", stored.path())
        .put("source", source)
        .put("kind", kind)
        .put("size", stored.size())
        .put("sha256", stored.sha256())
        .put("records", records);
    addEncryption(out, stored, keyId);
  }

  private static void addEncryption(ObjectNode out, StoredOutput stored, String keyId) {
    ObjectNode enc = out.putObject("encryption")
        .put("format", stored.format())
        .put("algorithm", stored.algorithm())
        .put("key_id", StoredOutput.NONE.equals(stored.format()) ? StoredOutput.NONE : keyId);
    ObjectNode ctx = enc.putObject("context");
    new TreeMap<>(stored.context()).forEach(ctx::put);
    if (ParquetEncryption.FORMAT.equals(stored.format())) {
      stored.columnKeyColumns().forEach(enc.putArray("column_key_columns")::add);
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
