package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.Signer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a stored manifest into a {@link Manifest}. Tolerant, as a report of any version must be:
 * a member that is absent or not of its type reads as null (empty for the lists and maps of the
 * top level), and a top-level section this version does not know is kept as it is.
 */
public final class ManifestReader {

  /** A stored manifest: the typed model and the parsed document its signature covers. */
  public record Stored(Manifest manifest, ObjectNode document) {

    /** Why the signature does not hold under {@code signer}, or null when it does. */
    public String signatureProblem(Signer signer) {
      return ManifestSignature.check(document, signer);
    }
  }

  /** The bytes are JSON but not a trainguard manifest. */
  public static final class NotAManifestException extends IOException {
    NotAManifestException() {
      super("not a trainguard manifest");
    }
  }

  private ManifestReader() {}

  /**
   * Parses a stored manifest.
   *
   * @throws IOException when the bytes are not JSON ({@link
   *     com.fasterxml.jackson.core.JacksonException}) or not a trainguard manifest ({@link
   *     NotAManifestException})
   */
  public static Stored parse(byte[] bytes) throws IOException {
    JsonNode node = CanonicalJson.MAPPER.readTree(bytes);
    if (node == null || !node.isObject() || !node.has("manifest_version")) {
      throw new NotAManifestException();
    }
    return new Stored(read(node), (ObjectNode) node);
  }

  /**
   * Reads and parses the manifest at {@code uri}, its signature not checked.
   *
   * @throws io.trainguard.jobs.TrainguardException exit 2 when it is missing or not a manifest
   */
  public static Stored load(Configuration conf, String uri) {
    ObjectNode document = document(conf, uri);
    if (!document.has("manifest_version")) {
      throw TrainguardException.input("Invalid manifest " + Storage.path(uri)
          + ": not a trainguard manifest");
    }
    return new Stored(read(document), document);
  }

  /**
   * The signed JSON document at {@code uri}, its signature not checked: a protect or scan
   * manifest, or the manifest of a DataFrame protected with the Spark API.
   *
   * @throws io.trainguard.jobs.TrainguardException exit 2 when it is missing or not an object
   */
  public static ObjectNode document(Configuration conf, String uri) {
    Path path = Storage.path(uri);
    try {
      FileSystem fs = Storage.fileSystem(path, conf);
      JsonNode node;
      try (InputStream in = fs.open(path)) {
        node = CanonicalJson.MAPPER.readTree(in.readAllBytes());
      }
      if (node == null || !node.isObject()) {
        throw TrainguardException.input("Invalid manifest " + path
            + ": not a trainguard manifest");
      }
      return (ObjectNode) node;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw TrainguardException.input("Invalid manifest " + path + ": not valid JSON");
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Manifest not found: " + path);
      }
      throw TrainguardException.service("Cannot read manifest " + path + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** The model of a parsed document, whatever it holds. */
  public static Manifest read(JsonNode m) {
    Map<String, JsonNode> other = new LinkedHashMap<>();
    m.fields().forEachRemaining(e -> {
      if (!Manifest.SECTIONS.contains(e.getKey())) {
        other.put(e.getKey(), e.getValue());
      }
    });
    List<Manifest.Input> inputs = new ArrayList<>();
    forEachObject(m.path("inputs"), n -> inputs.add(input(n)));
    List<Manifest.Output> outputs = new ArrayList<>();
    forEachObject(m.path("outputs"), n -> outputs.add(output(n)));
    Map<String, Manifest.EntityFindings> findings = new LinkedHashMap<>();
    m.path("findings").fields().forEachRemaining(e -> {
      Manifest.EntityFindings f = entityFindings(e.getValue());
      if (f != null) {
        findings.put(e.getKey(), f);
      }
    });
    List<Manifest.Rewrap> rewraps = new ArrayList<>();
    forEachObject(m.path("rewraps"), r -> rewraps.add(new Manifest.Rewrap(instant(r.path("at")),
        text(r.path("from_key_id")), text(r.path("to_key_id")), longOrZero(r.path("files")))));
    List<Manifest.SkippedInput> skipped = skippedInputs(m.path("skipped_inputs"));
    List<Manifest.DerivedFile> derived = new ArrayList<>();
    forEachObject(m.path("derived_files"), d -> derived.add(new Manifest.DerivedFile(
        text(d.path("path")), integer(d.path("size")), text(d.path("sha256")))));
    JsonNode version = m.path("manifest_version");
    return new Manifest(version.isIntegralNumber() ? version.asInt() : null,
        m.path("run").isObject() ? run(m.path("run")) : null,
        m.path("config").isObject() ? config(m.path("config")) : null,
        inputs, outputs, findings,
        m.path("accounting").isObject() ? accounting(m.path("accounting")) : null,
        m.path("gate").isObject() ? gate(m.path("gate")) : null,
        m.path("names").isObject() ? names(m.path("names")) : null,
        skipped,
        m.path("poisoning").isObject() ? poisoning(m.path("poisoning")) : null,
        rewraps,
        m.path("scan").isObject() ? scan(m.path("scan")) : null,
        derived,
        m.path(ManifestSignature.FIELD).isObject() ? signature(m.path(ManifestSignature.FIELD))
            : null,
        other);
  }

  private static Manifest.Run run(JsonNode r) {
    JsonNode caller = r.path("caller");
    JsonNode spark = r.path("spark");
    return new Manifest.Run(text(r.path("id")), text(r.path("tool")), text(r.path("version")),
        text(r.path("git_commit")), instant(r.path("started")), instant(r.path("finished")),
        text(r.path("command_line")), text(r.path("input")), text(r.path("output")),
        caller.isObject() ? new Manifest.Caller(text(caller.path("kind")),
            text(caller.path("id"))) : null,
        spark.isObject() ? new Manifest.Spark(text(spark.path("app_id")),
            text(spark.path("master")), text(spark.path("version"))) : null);
  }

  private static Manifest.Config config(JsonNode c) {
    List<Manifest.RecognizerRef> recognizers = null;
    if (c.path("recognizers").isArray()) {
      recognizers = new ArrayList<>();
      for (JsonNode r : c.path("recognizers")) {
        recognizers.add(new Manifest.RecognizerRef(text(r.path("name")),
            text(r.path("entity"))));
      }
    }
    List<Manifest.Pack> packs = null;
    if (c.path("packs").isArray()) {
      packs = new ArrayList<>();
      for (JsonNode p : c.path("packs")) {
        packs.add(new Manifest.Pack(text(p.path("name")), text(p.path("sha256"))));
      }
    }
    JsonNode policy = c.path("policy");
    JsonNode macie = c.path("macie");
    JsonNode secret = c.path("dataset_secret");
    JsonNode threshold = c.path("threshold");
    return new Manifest.Config(text(c.path("key_id")),
        threshold.isNumber() ? threshold.decimalValue() : null, recognizers, packs,
        policy.isObject() ? new Manifest.PolicyRef(text(policy.path("name")),
            text(policy.path("sha256")), text(policy.path("content"))) : null,
        macie.isObject() ? new Manifest.Macie(texts(macie.path("sources")),
            texts(macie.path("job_ids")), texts(macie.path("result_locations")),
            longOrZero(macie.path("occurrences")), longOrZero(macie.path("stale")),
            longOrZero(macie.path("unmatched")), longOrZero(macie.path("warnings"))) : null,
        secret.isObject() ? new Manifest.DatasetSecret(text(secret.path("uri")),
            text(secret.path("fingerprint")), integer(secret.path("size")),
            text(secret.path("sha256"))) : null,
        text(c.path("parquet_encryption")), text(c.path("data_encryption")));
  }

  private static Manifest.Input input(JsonNode i) {
    List<Manifest.ColumnPlan> plan = null;
    if (i.path("column_plan").isArray()) {
      plan = new ArrayList<>();
      for (JsonNode p : i.path("column_plan")) {
        JsonNode confidence = p.path("confidence");
        plan.add(new Manifest.ColumnPlan(text(p.path("column")), text(p.path("entity")),
            confidence.isNumber() ? confidence.decimalValue() : null,
            integer(p.path("sample_size")),
            text(p.path("sample")), text(p.path("reason"))));
      }
    }
    return new Manifest.Input(text(i.path("path")), text(i.path("uri")), text(i.path("etag")),
        text(i.path("version_id")), text(i.path("format")), integer(i.path("size")),
        text(i.path("sha256")), integer(i.path("records")), integer(i.path("records_written")),
        integer(i.path("records_quarantined")), integer(i.path("records_dropped")),
        integer(i.path("records_malformed")), counts(i.path("values_nulled")),
        i.path("fields_untouched").isArray() ? texts(i.path("fields_untouched")) : null,
        counts(i.path("operator_fallbacks")),
        text(i.path("quarantine_reason")), fileFindings(i.path("findings")), plan);
  }

  /** Per entity: a count, or (older manifests) an object with a count and its fields. */
  private static Map<String, Manifest.FileFindings> fileFindings(JsonNode object) {
    if (!object.isObject()) {
      return null;
    }
    Map<String, Manifest.FileFindings> findings = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        findings.put(e.getKey(), new Manifest.FileFindings(v.asLong(), null));
      } else if (v.path("count").isNumber()) {
        findings.put(e.getKey(), new Manifest.FileFindings(v.path("count").asLong(),
            v.path("fields").isArray() ? texts(v.path("fields")) : List.of()));
      }
    });
    return findings;
  }

  private static Manifest.Output output(JsonNode o) {
    return new Manifest.Output(text(o.path("path")), text(o.path("source")),
        Manifest.Kind.of(text(o.path("kind"))), integer(o.path("size")), text(o.path("sha256")),
        integer(o.path("records")), encryption(o.path("encryption")), part(o.path("part")));
  }

  private static Manifest.Part part(JsonNode p) {
    if (!p.isObject()) {
      return null;
    }
    Long index = integer(p.path("index"));
    Long count = integer(p.path("count"));
    return new Manifest.Part(text(p.path("of")), smallInteger(index), smallInteger(count));
  }

  /** {@code n} when it fits an int, else null (as a member not of its type). */
  private static Integer smallInteger(Long n) {
    return n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE ? null : n.intValue();
  }

  private static Manifest.Encryption encryption(JsonNode e) {
    if (!e.isObject()) {
      return null;
    }
    Map<String, String> context = null;
    if (e.path("context").isObject()) {
      Map<String, String> c = new LinkedHashMap<>();
      e.path("context").fields().forEachRemaining(x -> c.put(x.getKey(), text(x.getValue())));
      context = c;
    }
    return new Manifest.Encryption(text(e.path("format")), text(e.path("algorithm")),
        text(e.path("key_id")), context,
        e.path("column_key_columns").isArray() ? texts(e.path("column_key_columns")) : null);
  }

  /** An entity's findings: an object with a numeric count, or (older manifests) a number. */
  private static Manifest.EntityFindings entityFindings(JsonNode f) {
    if (f.isNumber()) {
      return new Manifest.EntityFindings(f.asLong(), null, null, null);
    }
    if (!f.path("count").isNumber()) {
      return null;
    }
    return new Manifest.EntityFindings(f.path("count").asLong(), counts(f.path("sources")),
        f.path("fields").isArray() ? texts(f.path("fields")) : null,
        f.path("operator").isValueNode() ? text(f.path("operator")) : null);
  }

  private static Manifest.Accounting accounting(JsonNode a) {
    return new Manifest.Accounting(integer(a.path("records_in")),
        integer(a.path("records_written")), integer(a.path("records_quarantined")),
        integer(a.path("records_dropped")), integer(a.path("records_malformed")),
        a.path("balanced").isBoolean() ? a.path("balanced").asBoolean() : null);
  }

  private static Manifest.Gate gate(JsonNode g) {
    return new Manifest.Gate(text(g.path("decision")), texts(g.path("reasons")));
  }

  private static Manifest.Names names(JsonNode n) {
    return new Manifest.Names(text(n.path("path")), longOrZero(n.path("size")),
        text(n.path("sha256")), longOrZero(n.path("renamed_inputs")),
        encryption(n.path("encryption")));
  }

  private static List<Manifest.SkippedInput> skippedInputs(JsonNode array) {
    List<Manifest.SkippedInput> skipped = new ArrayList<>();
    forEachObject(array, s -> skipped.add(
        new Manifest.SkippedInput(text(s.path("path")), text(s.path("reason")))));
    return skipped;
  }

  private static Manifest.Poisoning poisoning(JsonNode p) {
    JsonNode estimate = p.path("contamination_estimate");
    JsonNode max = p.path("gate").path("max_flagged_fraction");
    return new Manifest.Poisoning(text(p.path("action")), text(p.path("label_column")),
        integer(p.path("records")), integer(p.path("flagged")),
        estimate.isNumber() ? estimate.decimalValue() : null, text(p.path("outliers")),
        integer(p.path("outliers_size")), text(p.path("outliers_sha256")),
        integer(p.path("quarantined")), integer(p.path("dropped")),
        max.isNumber() ? max.decimalValue() : null,
        p.path("detectors").isArray() ? texts(p.path("detectors")) : null,
        counts(p.path("counts_by_reason")),
        p.path("thresholds").isMissingNode() ? null : p.path("thresholds").deepCopy(),
        skippedInputs(p.path("skipped_inputs")));
  }

  private static Manifest.Scan scan(JsonNode s) {
    List<Manifest.ScannedFile> files = new ArrayList<>();
    forEachObject(s.path("columns"), f -> {
      List<Manifest.ScannedColumn> columns = new ArrayList<>();
      forEachObject(f.path("columns"), c -> columns.add(new Manifest.ScannedColumn(
          text(c.path("column")), integer(c.path("values")), integer(c.path("personal")))));
      files.add(new Manifest.ScannedFile(text(f.path("path")), columns));
    });
    JsonNode fraction = s.path("sample_fraction");
    JsonNode share = s.path("estimated_personal_share");
    return new Manifest.Scan(text(s.path("sample")),
        fraction.isNumber() ? fraction.decimalValue() : null, longOrZero(s.path("files_listed")),
        longOrZero(s.path("files_scanned")), files, longOrZero(s.path("values")),
        longOrZero(s.path("values_personal")), share.isNumber() ? share.decimalValue() : null);
  }

  private static Manifest.Signature signature(JsonNode s) {
    return new Manifest.Signature(text(s.path("algorithm")), text(s.path("key_id")),
        text(s.path("value")));
  }

  /** Numbers per name of an object, or of {count: n} objects; null when not an object. */
  private static Map<String, Long> counts(JsonNode object) {
    if (!object.isObject()) {
      return null;
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      JsonNode n = v.isNumber() ? v : v.path("count");
      if (n.isNumber()) {
        counts.put(e.getKey(), n.asLong());
      }
    });
    return counts;
  }

  /** A scalar's text, or a container's compact JSON; null for a missing or null member. */
  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(x -> out.add(text(x) == null ? "" : text(x)));
    }
    return out;
  }

  private static Long integer(JsonNode n) {
    return n.isIntegralNumber() ? n.asLong() : null;
  }

  private static long longOrZero(JsonNode n) {
    return n.isIntegralNumber() ? n.asLong() : 0;
  }

  private static Instant instant(JsonNode n) {
    if (!n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void forEachObject(JsonNode array, java.util.function.Consumer<JsonNode> each) {
    if (array.isArray()) {
      for (JsonNode n : array) {
        if (n.isObject()) {
          each.accept(n);
        }
      }
    }
  }
}
