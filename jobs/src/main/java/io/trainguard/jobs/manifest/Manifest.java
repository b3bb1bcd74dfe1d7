package io.trainguard.jobs.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lineage manifest ({@value OutputLayout#MANIFEST}) as a typed value: what was read, what
 * was written, how it was protected and how many records went where. Located and counted, never
 * quoted: it holds no value read from the data. {@link ManifestWriter} writes it and
 * {@link ManifestReader} reads it; the JSON Schema {@code manifest.schema.json} is the contract.
 *
 * <p>A section or member that a manifest lacks (an older writer, a hand-made file) is null, or
 * empty for lists and maps; {@code protect} always writes every section but {@code names},
 * {@code poisoning} and {@code rewraps}.
 */
public record Manifest(Integer version, Run run, Config config, List<Input> inputs,
    List<Output> outputs, Map<String, EntityFindings> findings, Accounting accounting, Gate gate,
    Names names, List<SkippedInput> skippedInputs, Poisoning poisoning, List<Rewrap> rewraps,
    Scan scan, List<DerivedFile> derivedFiles, Signature signature,
    Map<String, JsonNode> otherSections) {

  public static final int VERSION = 1;
  /** The top-level members this model reads; others are kept in {@code otherSections}. */
  public static final java.util.Set<String> SECTIONS = java.util.Set.of("manifest_version", "run",
      "config", "inputs", "outputs", "findings", "accounting", "gate", "names", "skipped_inputs",
      "poisoning", "rewraps", "scan", "derived_files", "signature");

  public Manifest {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    findings = ordered(findings);
    skippedInputs = List.copyOf(skippedInputs);
    rewraps = List.copyOf(rewraps);
    derivedFiles = List.copyOf(derivedFiles);
    otherSections = ordered(otherSections);
  }

  /** Who ran what, when, where. */
  public record Run(String id, String tool, String version, String gitCommit, Instant started,
      Instant finished, String commandLine, String input, String output, Caller caller,
      Spark spark) {}

  /** The identity that ran protect: {@code aws} (an STS principal ARN) or {@code local}. */
  public record Caller(String kind, String id) {}

  /** The Spark application the run used. */
  public record Spark(String appId, String master, String version) {}

  /**
   * The configuration that shaped the output. Decimals ({@code threshold}, a plan's
   * {@code confidence}) are kept as written, so that a manifest read and written again keeps them.
   */
  public record Config(String keyId, BigDecimal threshold, List<RecognizerRef> recognizers,
      List<Pack> packs, PolicyRef policy, Macie macie, DatasetSecret datasetSecret,
      String parquetEncryption, String dataEncryption) {

    public Config {
      recognizers = recognizers == null ? null : List.copyOf(recognizers);
      packs = packs == null ? null : List.copyOf(packs);
    }

    /** This configuration with {@code keyId} as the data key. */
    public Config withKeyId(String keyId) {
      return new Config(keyId, threshold, recognizers, packs, policy, macie, datasetSecret,
          parquetEncryption, dataEncryption);
    }

    /** This configuration with {@code secret} as the dataset secret. */
    public Config withDatasetSecret(DatasetSecret secret) {
      return new Config(keyId, threshold, recognizers, packs, policy, macie, secret,
          parquetEncryption, dataEncryption);
    }
  }

  /** A recognizer that ran and the entity it finds. */
  public record RecognizerRef(String name, String entity) {}

  /** A recognizer pack by name and SHA-256 of its file. */
  public record Pack(String name, String sha256) {}

  /** The policy applied: its name, the SHA-256 and the content of its file exactly as loaded. */
  public record PolicyRef(String name, String sha256, String content) {}

  /** The Macie sources fused into the run and how much of them applied. */
  public record Macie(List<String> sources, List<String> jobIds, List<String> resultLocations,
      long occurrences, long stale, long unmatched, long warnings) {

    public Macie {
      sources = List.copyOf(sources);
      jobIds = List.copyOf(jobIds);
      resultLocations = List.copyOf(resultLocations);
    }
  }

  /**
   * Where the dataset secret is and the fingerprint of its keys; the size and SHA-256 of
   * {@code _trainguard/dataset-secret.enc} when the secret is the output's own (null for a
   * shared {@code --dataset-secret}, a scan, and manifests written before they were recorded).
   */
  public record DatasetSecret(String uri, String fingerprint, Long size, String sha256) {

    /** This secret stored again as {@code size} bytes with digest {@code sha256}. */
    public DatasetSecret stored(long size, String sha256) {
      return new DatasetSecret(uri, fingerprint, size, sha256);
    }
  }

  /**
   * One input file: where it was read, its digest, what happened to its records and what was
   * found in it, per entity. Counts a manifest lacks are null; {@code recordsMalformed} (records
   * that could not be read, quarantined as {@code malformed-record}) is null when there were none.
   */
  public record Input(String path, String uri, String etag, String versionId, String format,
      Long size, String sha256, Long records, Long recordsWritten, Long recordsQuarantined,
      Long recordsDropped, Long recordsMalformed, Map<String, Long> valuesNulled, List<String> fieldsUntouched,
      Map<String, Long> operatorFallbacks, String quarantineReason,
      Map<String, FileFindings> findings, List<ColumnPlan> columnPlan) {

    public Input {
      valuesNulled = orderedOrNull(valuesNulled);
      fieldsUntouched = fieldsUntouched == null ? null : List.copyOf(fieldsUntouched);
      operatorFallbacks = orderedOrNull(operatorFallbacks);
      findings = orderedOrNull(findings);
      columnPlan = columnPlan == null ? null : List.copyOf(columnPlan);
    }
  }

  /**
   * The findings of one entity in one input: how many and, when the manifest records them, in
   * which fields ({@code protect} writes the count alone, so {@code fields} is null).
   */
  public record FileFindings(long count, List<String> fields) {

    public FileFindings {
      fields = fields == null ? null : List.copyOf(fields);
    }
  }

  /** A column redacted whole, planned from a sample of its values. */
  public record ColumnPlan(String column, String entity, BigDecimal confidence, Long sampleSize,
      String sample, String reason) {}

  /** What an output holds: redacted records, quarantined records, or a document's metadata. */
  public enum Kind {
    DATA("data"), QUARANTINE("quarantine"), METADATA("metadata");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** The kind named {@code id}, or null. */
    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * One output file as stored: its size and SHA-256 are of the stored (encrypted) bytes;
   * {@code part} is null unless the file is one part of a split input's output.
   */
  public record Output(String path, String source, Kind kind, Long size, String sha256,
      Long records, Encryption encryption, Part part) {

    /** An output that is a whole file. */
    public Output(String path, String source, Kind kind, Long size, String sha256, Long records,
        Encryption encryption) {
      this(path, source, kind, size, sha256, records, encryption, null);
    }

    /** This output as stored again with another size, digest and key. */
    public Output rewrapped(long size, String sha256, String keyId) {
      return new Output(path, source, kind, size, sha256, records, encryption.withKeyId(keyId),
          part);
    }
  }

  /**
   * Where an output file belongs when its input was split: it is part {@code index} (from 0) of
   * the {@code count} slices the input was read in, and the parts' plaintexts in index order are
   * the logical output {@code of} (the name the output has when its input is not split). Every
   * slice has a data part; a quarantine part exists for a slice only when it holds quarantined
   * records (and, for CSV, part 0, which holds the header).
   */
  public record Part(String of, Integer index, Integer count) {}

  /**
   * How a file is encrypted: the format ({@code none} when not), algorithm, key, the encryption
   * context bound into it, and, for Parquet modular encryption, the columns under their own keys
   * (null otherwise).
   */
  public record Encryption(String format, String algorithm, String keyId,
      Map<String, String> context, List<String> columnKeyColumns) {

    public Encryption {
      context = orderedOrNull(context);
      columnKeyColumns = columnKeyColumns == null ? null : List.copyOf(columnKeyColumns);
    }

    public Encryption withKeyId(String keyId) {
      return new Encryption(format, algorithm, keyId, context, columnKeyColumns);
    }
  }

  /**
   * The findings of one entity over the run: how many, found by whom ({@code local},
   * {@code macie}, {@code both}), in which fields, and the operator the policy applied.
   */
  public record EntityFindings(long count, Map<String, Long> sources, List<String> fields,
      String operator) {

    public EntityFindings {
      sources = orderedOrNull(sources);
      fields = fields == null ? null : List.copyOf(fields);
    }
  }

  /**
   * Where every input record went; {@code balanced} when in = written + quarantined + dropped.
   * {@code recordsMalformed}: of the quarantined, those that could not be read (null: none).
   */
  public record Accounting(Long recordsIn, Long recordsWritten, Long recordsQuarantined,
      Long recordsDropped, Long recordsMalformed, Boolean balanced) {}

  /** The gate's decision ({@code pass} or {@code fail}) and its reasons to fail. */
  public record Gate(String decision, List<String> reasons) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";

    public Gate {
      reasons = List.copyOf(reasons);
    }

    public boolean passed() {
      return PASS.equals(decision);
    }
  }

  /** The encrypted file of original input names, stored like an output. */
  public record Names(String path, long size, String sha256, long renamedInputs,
      Encryption encryption) {

    public Names rewrapped(long size, String sha256, String keyId) {
      return new Names(path, size, sha256, renamedInputs, encryption.withKeyId(keyId));
    }
  }

  /**
   * The poisoning scan: what flagged records underwent, how many were scanned and flagged, the
   * flagged fraction the gate allows (null when none), the detectors that ran, the counts per
   * reason, each detector's settings as used, and the inputs the scan could not scan
   * ({@code no-columns}: text or a document; {@code no-label-column}), paths as shown. The
   * outliers file's size and SHA-256 are null in manifests written before they were recorded.
   */
  public record Poisoning(String action, String labelColumn, Long records, Long flagged,
      BigDecimal contaminationEstimate, String outliers, Long outliersSize,
      String outliersSha256, Long quarantined, Long dropped,
      BigDecimal maxFlaggedFraction, List<String> detectors, Map<String, Long> countsByReason,
      JsonNode thresholds, List<SkippedInput> skippedInputs) {

    public Poisoning {
      detectors = detectors == null ? null : List.copyOf(detectors);
      countsByReason = orderedOrNull(countsByReason);
      skippedInputs = skippedInputs == null ? List.of() : List.copyOf(skippedInputs);
    }
  }

  /**
   * An input file not read: its path as shown, and why ({@code unsupported}; in the poisoning
   * section, why the scan skipped it).
   */
  public record SkippedInput(String path, String reason) {}

  /**
   * What {@code trainguard scan} adds to its report (which has the shape of a manifest without
   * outputs): the sample, the files listed and scanned, values and values with personal data per
   * file and column, and the estimated share of values with personal data.
   */
  public record Scan(String sample, BigDecimal sampleFraction, long filesListed,
      long filesScanned, List<ScannedFile> files, long values, long valuesPersonal,
      BigDecimal estimatedPersonalShare) {

    public Scan {
      files = List.copyOf(files);
    }
  }

  /** The columns of one scanned file. */
  public record ScannedFile(String path, List<ScannedColumn> columns) {

    public ScannedFile {
      columns = List.copyOf(columns);
    }
  }

  /** How many non-empty values a column had, and how many held personal data. */
  public record ScannedColumn(String column, Long values, Long personal) {}

  /** One rewrap of the output under another key. */
  public record Rewrap(Instant at, String fromKeyId, String toKeyId, long files) {}

  /**
   * A file of {@code _trainguard/} made from this manifest (the report, the OpenLineage events):
   * its path under the output root, size and SHA-256 as written.
   */
  public record DerivedFile(String path, Long size, String sha256) {}

  /** The signature over the canonical bytes of the rest of the manifest. */
  public record Signature(String algorithm, String keyId, String value) {}

  /** Whether the signed gate passed. */
  public boolean gatePassed() {
    return gate != null && gate.passed();
  }

  /** Total findings per entity. */
  public Map<String, Long> findingCounts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    findings.forEach((entity, f) -> counts.put(entity, f.count()));
    return counts;
  }

  /** This manifest without its signature, as a signer sees it. */
  public Manifest unsigned() {
    return withSignature(null);
  }

  public Manifest withSignature(Signature signature) {
    return new Manifest(version, run, config, inputs, outputs, findings, accounting, gate, names,
        skippedInputs, poisoning, rewraps, scan, derivedFiles, signature, otherSections);
  }

  /** This manifest with a scan's section. */
  public Manifest withScan(Scan scan) {
    return new Manifest(version, run, config, inputs, outputs, findings, accounting, gate, names,
        skippedInputs, poisoning, rewraps, scan, derivedFiles, signature, otherSections);
  }

  /** This manifest, unsigned, with {@code files} as its derived files. */
  public Manifest withDerivedFiles(List<DerivedFile> files) {
    return new Manifest(version, run, config, inputs, outputs, findings, accounting, gate, names,
        skippedInputs, poisoning, rewraps, scan, files, null, otherSections);
  }

  /** This manifest as rewrapped: new outputs, names and data key, one more rewrap recorded. */
  public Manifest rewrapped(List<Output> outputs, Names names, String keyId, Rewrap rewrap) {
    List<Rewrap> history = new java.util.ArrayList<>(rewraps);
    history.add(rewrap);
    return new Manifest(version, run, config.withKeyId(keyId), inputs, outputs, findings,
        accounting, gate, names, skippedInputs, poisoning, history, scan, derivedFiles, null,
        otherSections);
  }

  /** This manifest, unsigned, with {@code secret} as its dataset secret. */
  public Manifest withDatasetSecret(DatasetSecret secret) {
    return new Manifest(version, run, config.withDatasetSecret(secret), inputs, outputs,
        findings, accounting, gate, names, skippedInputs, poisoning, rewraps, scan, derivedFiles,
        null, otherSections);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }

  private static <V> Map<String, V> orderedOrNull(Map<String, V> map) {
    return map == null ? null : ordered(map);
  }
}
