package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Manifest} as the JSON the schema describes, members in a fixed order. A member
 * the model holds as null is left out, except an input's {@code etag} and {@code version_id},
 * which are null off S3.
 */
public final class ManifestWriter {

  private ManifestWriter() {}

  /** The manifest as a JSON document, its signature included when it has one. */
  public static ObjectNode json(Manifest m) {
    ObjectNode out = CanonicalJson.MAPPER.createObjectNode();
    if (m.version() != null) {
      out.put("manifest_version", m.version());
    }
    if (m.run() != null) {
      run(out.putObject("run"), m.run());
    }
    if (m.config() != null) {
      config(out.putObject("config"), m.config());
    }
    ArrayNode inputs = out.putArray("inputs");
    m.inputs().forEach(in -> input(inputs.addObject(), in));
    ArrayNode outputs = out.putArray("outputs");
    m.outputs().forEach(o -> output(outputs.addObject(), o));
    ObjectNode findings = out.putObject("findings");
    m.findings().forEach((entity, f) -> entityFindings(findings.putObject(entity), f));
    if (m.accounting() != null) {
      Manifest.Accounting a = m.accounting();
      ObjectNode acc = out.putObject("accounting");
      put(acc, "records_in", a.recordsIn());
      put(acc, "records_written", a.recordsWritten());
      put(acc, "records_quarantined", a.recordsQuarantined());
      put(acc, "records_dropped", a.recordsDropped());
      put(acc, "records_malformed", a.recordsMalformed());
      if (a.balanced() != null) {
        acc.put("balanced", a.balanced());
      }
    }
    if (m.gate() != null) {
      ObjectNode gate = out.putObject("gate");
      put(gate, "decision", m.gate().decision());
      strings(gate.putArray("reasons"), m.gate().reasons());
    }
    if (m.names() != null) {
      Manifest.Names n = m.names();
      ObjectNode names = out.putObject("names").put("path", n.path()).put("size", n.size())
          .put("sha256", n.sha256()).put("renamed_inputs", n.renamedInputs());
      encryption(names, n.encryption());
    }
    if (!m.skippedInputs().isEmpty()) {
      ArrayNode skipped = out.putArray("skipped_inputs");
      m.skippedInputs().forEach(s -> skipped.addObject().put("path", s.path())
          .put("reason", s.reason()));
    }
    if (m.poisoning() != null) {
      poisoning(out.putObject("poisoning"), m.poisoning());
    }
    if (!m.rewraps().isEmpty()) {
      ArrayNode rewraps = out.putArray("rewraps");
      for (Manifest.Rewrap r : m.rewraps()) {
        rewraps.addObject().put("at", r.at().toString()).put("from_key_id", r.fromKeyId())
            .put("to_key_id", r.toKeyId()).put("files", r.files());
      }
    }
    if (m.scan() != null) {
      scan(out.putObject("scan"), m.scan());
    }
    if (!m.derivedFiles().isEmpty()) {
      ArrayNode derived = out.putArray("derived_files");
      for (Manifest.DerivedFile f : m.derivedFiles()) {
        ObjectNode file = derived.addObject();
        put(file, "path", f.path());
        put(file, "size", f.size());
        put(file, "sha256", f.sha256());
      }
    }
    m.otherSections().forEach((name, value) -> out.set(name, value.deepCopy()));
    if (m.signature() != null) {
      out.putObject(ManifestSignature.FIELD).put("algorithm", m.signature().algorithm())
          .put("key_id", m.signature().keyId()).put("value", m.signature().value());
    }
    return out;
  }

  /** {@code manifest} signed by {@code signer} over the canonical bytes of the rest of it. */
  public static Manifest sign(Manifest manifest, Signer signer) {
    Manifest unsigned = manifest.unsigned();
    byte[] value = signer.sign(CanonicalJson.bytes(json(unsigned)));
    return unsigned.withSignature(new Manifest.Signature(signer.algorithm(), signer.keyId(),
        Base64.getEncoder().encodeToString(value)));
  }

  /** A signed manifest and the report rendered from it, whose digest it signs. */
  public record Sealed(Manifest manifest, byte[] report) {}

  /**
   * {@code manifest} signed by {@code signer} with its report's size and SHA-256 among its
   * derived files (its other derived files kept). The report shows neither the derived files
   * nor the signature's value, so it is rendered before signing, and the report rendered again
   * from the stored manifest ({@code trainguard report}) is the same bytes.
   */
  public static Sealed seal(Manifest manifest, Signer signer) {
    Manifest described = manifest.withDerivedFiles(List.of())
        .withSignature(new Manifest.Signature(signer.algorithm(), signer.keyId(), null));
    byte[] report = ReportWriter.render(ManifestReader.read(json(described)))
        .getBytes(StandardCharsets.UTF_8);
    List<Manifest.DerivedFile> files = new ArrayList<>();
    files.add(derived(OutputLayout.REPORT, report));
    manifest.derivedFiles().stream().filter(f -> !OutputLayout.REPORT.equals(f.path()))
        .forEach(files::add);
    return new Sealed(sign(manifest.withDerivedFiles(files), signer), report);
  }

  /** The derived file at {@code path} holding {@code bytes}. */
  public static Manifest.DerivedFile derived(String path, byte[] bytes) {
    try {
      return new Manifest.DerivedFile(path, (long) bytes.length,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stored form: pretty-printed for reviewers; the signature does not depend on layout. */
  public static byte[] bytes(Manifest manifest) {
    return bytes(json(manifest));
  }

  /** A JSON document pretty-printed as manifests are stored. */
  public static byte[] bytes(JsonNode document) {
    try {
      return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise manifest", e);
    }
  }

  private static void run(ObjectNode r, Manifest.Run run) {
    put(r, "id", run.id());
    put(r, "tool", run.tool());
    put(r, "version", run.version());
    put(r, "git_commit", run.gitCommit());
    put(r, "started", run.started() == null ? null : run.started().toString());
    put(r, "finished", run.finished() == null ? null : run.finished().toString());
    put(r, "command_line", run.commandLine());
    put(r, "input", run.input());
    put(r, "output", run.output());
    if (run.caller() != null) {
      ObjectNode caller = r.putObject("caller");
      put(caller, "kind", run.caller().kind());
      put(caller, "id", run.caller().id());
    }
    if (run.spark() != null) {
      ObjectNode spark = r.putObject("spark");
      put(spark, "app_id", run.spark().appId());
      put(spark, "master", run.spark().master());
      put(spark, "version", run.spark().version());
    }
  }

  private static void config(ObjectNode c, Manifest.Config config) {
    put(c, "key_id", config.keyId());
    if (config.threshold() != null) {
      c.put("threshold", config.threshold());
    }
    if (config.recognizers() != null) {
      ArrayNode recognizers = c.putArray("recognizers");
      config.recognizers().forEach(r -> recognizers.addObject().put("name", r.name())
          .put("entity", r.entity()));
    }
    if (config.packs() != null) {
      ArrayNode packs = c.putArray("packs");
      config.packs().forEach(p -> packs.addObject().put("name", p.name())
          .put("sha256", p.sha256()));
    }
    if (config.policy() != null) {
      ObjectNode policy = c.putObject("policy");
      put(policy, "name", config.policy().name());
      put(policy, "sha256", config.policy().sha256());
      put(policy, "content", config.policy().content());
    }
    if (config.macie() != null) {
      Manifest.Macie m = config.macie();
      ObjectNode macie = c.putObject("macie");
      strings(macie.putArray("sources"), m.sources());
      strings(macie.putArray("job_ids"), m.jobIds());
      strings(macie.putArray("result_locations"), m.resultLocations());
      macie.put("occurrences", m.occurrences()).put("stale", m.stale())
          .put("unmatched", m.unmatched()).put("warnings", m.warnings());
    }
    if (config.datasetSecret() != null) { // both members, null when a scan has no secret file
      ObjectNode secret = c.putObject("dataset_secret").put("uri", config.datasetSecret().uri())
          .put("fingerprint", config.datasetSecret().fingerprint());
      put(secret, "size", config.datasetSecret().size());
      put(secret, "sha256", config.datasetSecret().sha256());
    }
    put(c, "parquet_encryption", config.parquetEncryption());
    put(c, "data_encryption", config.dataEncryption());
  }

  private static void input(ObjectNode i, Manifest.Input in) {
    put(i, "path", in.path());
    put(i, "uri", in.uri());
    i.put("etag", in.etag()).put("version_id", in.versionId());
    put(i, "format", in.format());
    put(i, "size", in.size());
    put(i, "sha256", in.sha256());
    put(i, "records", in.records());
    put(i, "records_written", in.recordsWritten());
    put(i, "records_quarantined", in.recordsQuarantined());
    put(i, "records_dropped", in.recordsDropped());
    put(i, "records_malformed", in.recordsMalformed());
    counts(i, "values_nulled", in.valuesNulled());
    if (in.fieldsUntouched() != null) {
      strings(i.putArray("fields_untouched"), in.fieldsUntouched());
    }
    counts(i, "operator_fallbacks", in.operatorFallbacks());
    put(i, "quarantine_reason", in.quarantineReason());
    if (in.findings() != null) {
      ObjectNode findings = i.putObject("findings");
      in.findings().forEach((entity, f) -> {
        if (f.fields() == null) {
          findings.put(entity, f.count());
        } else {
          strings(findings.putObject(entity).put("count", f.count()).putArray("fields"),
              f.fields());
        }
      });
    }
    if (in.columnPlan() != null) {
      ArrayNode plan = i.putArray("column_plan");
      for (Manifest.ColumnPlan p : in.columnPlan()) {
        ObjectNode row = plan.addObject();
        put(row, "column", p.column());
        put(row, "entity", p.entity());
        if (p.confidence() != null) {
          row.put("confidence", p.confidence());
        }
        put(row, "sample_size", p.sampleSize());
        put(row, "sample", p.sample());
        put(row, "reason", p.reason());
      }
    }
  }

  private static void output(ObjectNode o, Manifest.Output out) {
    put(o, "path", out.path());
    put(o, "source", out.source());
    put(o, "kind", out.kind() == null ? null : out.kind().id());
    put(o, "size", out.size());
    put(o, "sha256", out.sha256());
    put(o, "records", out.records());
    encryption(o, out.encryption());
    if (out.part() != null) {
      ObjectNode part = o.putObject("part");
      put(part, "of", out.part().of());
      put(part, "index", out.part().index() == null ? null : out.part().index().longValue());
      put(part, "count", out.part().count() == null ? null : out.part().count().longValue());
    }
  }

  private static void encryption(ObjectNode owner, Manifest.Encryption e) {
    if (e == null) {
      return;
    }
    ObjectNode enc = owner.putObject("encryption");
    put(enc, "format", e.format());
    put(enc, "algorithm", e.algorithm());
    put(enc, "key_id", e.keyId());
    if (e.context() != null) {
      ObjectNode context = enc.putObject("context");
      e.context().forEach(context::put);
    }
    if (e.columnKeyColumns() != null) {
      strings(enc.putArray("column_key_columns"), e.columnKeyColumns());
    }
  }

  private static void entityFindings(ObjectNode e, Manifest.EntityFindings f) {
    e.put("count", f.count());
    counts(e, "sources", f.sources());
    if (f.fields() != null) {
      strings(e.putArray("fields"), f.fields());
    }
    put(e, "operator", f.operator());
  }

  /** The {@code poisoning} section alone, as {@link #json} writes it. */
  static ObjectNode poisoning(Manifest.Poisoning p) {
    ObjectNode section = CanonicalJson.MAPPER.createObjectNode();
    poisoning(section, p);
    return section;
  }

  private static void poisoning(ObjectNode s, Manifest.Poisoning p) {
    put(s, "action", p.action());
    put(s, "label_column", p.labelColumn());
    put(s, "records", p.records());
    put(s, "flagged", p.flagged());
    if (p.contaminationEstimate() != null) {
      s.put("contamination_estimate", p.contaminationEstimate());
    }
    put(s, "outliers", p.outliers());
    put(s, "outliers_size", p.outliersSize());
    put(s, "outliers_sha256", p.outliersSha256());
    put(s, "quarantined", p.quarantined());
    put(s, "dropped", p.dropped());
    if (p.maxFlaggedFraction() != null) {
      s.putObject("gate").put("max_flagged_fraction", p.maxFlaggedFraction());
    }
    if (p.detectors() != null) {
      strings(s.putArray("detectors"), p.detectors());
    }
    counts(s, "counts_by_reason", p.countsByReason());
    if (p.thresholds() != null) {
      s.set("thresholds", p.thresholds().deepCopy());
    }
    if (!p.skippedInputs().isEmpty()) {
      ArrayNode skipped = s.putArray("skipped_inputs");
      p.skippedInputs().forEach(i -> skipped.addObject().put("path", i.path())
          .put("reason", i.reason()));
    }
  }

  private static void scan(ObjectNode s, Manifest.Scan scan) {
    put(s, "sample", scan.sample());
    if (scan.sampleFraction() != null) {
      s.put("sample_fraction", scan.sampleFraction());
    }
    s.put("files_listed", scan.filesListed()).put("files_scanned", scan.filesScanned());
    ArrayNode files = s.putArray("columns");
    for (Manifest.ScannedFile f : scan.files()) {
      ArrayNode columns = files.addObject().put("path", f.path()).putArray("columns");
      for (Manifest.ScannedColumn c : f.columns()) {
        ObjectNode column = columns.addObject().put("column", c.column());
        put(column, "values", c.values());
        put(column, "personal", c.personal());
      }
    }
    s.put("values", scan.values()).put("values_personal", scan.valuesPersonal());
    if (scan.estimatedPersonalShare() != null) {
      s.put("estimated_personal_share", scan.estimatedPersonalShare());
    }
  }

  private static void put(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void put(ObjectNode node, String name, Long value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void counts(ObjectNode node, String name, Map<String, Long> counts) {
    if (counts != null) {
      ObjectNode out = node.putObject(name);
      counts.forEach(out::put);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
