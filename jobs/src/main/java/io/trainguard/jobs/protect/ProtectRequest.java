package io.trainguard.jobs.protect;

import io.trainguard.classifiers.AllowList;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.DocumentLimits;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.parquet.ParquetEncryption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code protect} should do: read {@code input} (a file or prefix: local path, file://,
 * s3a://), write the protected copy under {@code output}, encrypted under {@code key}.
 *
 * @param signingKey the KMS key (ECC_NIST_P256) that signs the manifest when {@code key} is a KMS
 *     key, or null; a local keyring signs with its own key
 * @param policy the policy file, or null for the built-in strict policy
 * @param datasetSecret where the dataset secret of keyed operators lives (created when absent),
 *     or null for {@code OUTPUT/_trainguard/dataset-secret.enc}; share it across runs for
 *     tokens that join across runs
 * @param idColumn the column (CSV) or top-level field (JSON Lines) holding record ids, or null
 * @param sseKmsKey when writing to S3, also request SSE-KMS under this KMS key id on every
 *     object (through s3a's standard encryption settings), or null
 * @param macieSources Macie findings to fuse: {@code api}, a findings JSON file, or discovery
 *     results ({@code .jsonl.gz} file or folder); empty for none
 * @param macieKeyPrefix a prefix stripped from Macie's object keys before matching them to input
 *     paths (for copies of the scanned bucket), or null
 * @param labelColumn the label column: when set, the poisoning detectors flag records (needs
 *     {@code idColumn}); null for no scan
 * @param textColumns text columns for the poisoning detectors (empty: none)
 * @param featureColumns numeric feature columns (empty: detected from the data)
 * @param allowList values never reported even when a recognizer matches them
 * @param packs recognizer pack files added to the built-in pack, in order
 * @param packMode whether the packs extend the built-in pack or replace it, as Presidio does
 * @param format the format of every input file, or null to decide by file extension
 * @param documentLimits bounds on each document read with Tika (size, text, time, embedding)
 * @param encryptData false writes {@code data/} in plaintext ({@code --no-encryption}, recorded
 *     in the manifest); quarantine and the dataset secret are encrypted either way
 * @param commandLine the invocation, recorded in the manifest (must hold no secrets)
 * @param parquetEncryption how Parquet outputs are encrypted: the whole file as an envelope
 *     ({@code data/<path>.enc}, the default) or with Parquet modular encryption
 *     ({@code data/<path>}, readable by Spark with the key)
 * @param followSymlinks read what symbolic links in a local input point to (each file and
 *     directory once); false skips them with a warning
 * @param ner whether the named-entity recognizers run ({@code --ner}; false leaves out
 *     {@link io.trainguard.classifiers.NameRecognizer#NER})
 * @param selection which listed files are read ({@code --include}, {@code --exclude}) and
 *     whether files of no supported type are skipped ({@code --skip-unsupported})
 * @param splitBytes the split size: a CSV, JSON Lines or text input larger than this is read in
 *     slices by several tasks ({@code --split-size}); 0 for the Hadoop setting
 *     {@code trainguard.split.size}, else 128 MiB
 * @param badRecords how many malformed records are quarantined before the run fails
 *     ({@code --max-bad-records})
 * @param hadoopSettings Hadoop settings of this run ({@code --conf}), applied over the Spark
 *     context's to every read and write of the run, and only to them
 */
public record ProtectRequest(String input, String output, String key, String signingKey,
    String policy, String datasetSecret, String idColumn, String sseKmsKey,
    List<String> macieSources, String macieKeyPrefix, String labelColumn,
    List<String> textColumns, List<String> featureColumns, AllowList allowList,
    List<String> packs, RecognizerPack.Mode packMode, double threshold, Format format,
    boolean overwrite, String commandLine,
    ParquetEncryption.Mode parquetEncryption, DocumentLimits documentLimits,
    boolean encryptData, boolean followSymlinks, boolean ner, InputSelection selection,
    long splitBytes, BadRecordLimit badRecords, Map<String, String> hadoopSettings) {

  public ProtectRequest {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(badRecords, "badRecords");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parquetEncryption, "parquetEncryption");
    Objects.requireNonNull(documentLimits, "documentLimits");
    Objects.requireNonNull(packMode, "packMode");
    if (!encryptData && parquetEncryption == ParquetEncryption.Mode.COLUMNAR) {
      throw new IllegalArgumentException(
          "--no-encryption and --parquet-encryption columnar exclude each other");
    }
    packs = List.copyOf(packs);
    macieSources = List.copyOf(macieSources);
    textColumns = List.copyOf(textColumns);
    featureColumns = List.copyOf(featureColumns);
    hadoopSettings = Map.copyOf(hadoopSettings);
    if (splitBytes < 0) {
      throw new IllegalArgumentException("Invalid split size: " + splitBytes);
    }
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold + " (allowed: 0 to 1)");
    }
  }

  /** A request with the defaults of the command line; set the rest on the builder. */
  public static Builder builder(String input, String output, String key) {
    return new Builder(input, output, key);
  }

  /** Builds a {@link ProtectRequest}; every setter is optional. */
  public static final class Builder {
    private final String input;
    private final String output;
    private final String key;
    private String signingKey;
    private String policy;
    private String datasetSecret;
    private String idColumn;
    private String sseKmsKey;
    private List<String> macieSources = List.of();
    private String macieKeyPrefix;
    private String labelColumn;
    private List<String> textColumns = List.of();
    private List<String> featureColumns = List.of();
    private AllowList allowList = AllowList.NONE;
    private List<String> packs = List.of();
    private RecognizerPack.Mode packMode = RecognizerPack.Mode.EXTEND;
    private double threshold = io.trainguard.classifiers.Analyzer.DEFAULT_THRESHOLD;
    private Format format;
    private boolean overwrite;
    private boolean followSymlinks;
    private String commandLine = "api";
    private ParquetEncryption.Mode parquetEncryption = ParquetEncryption.Mode.ENVELOPE;
    private DocumentLimits documentLimits = DocumentLimits.DEFAULTS;
    private boolean encryptData = true;
    private BadRecordLimit badRecords = BadRecordLimit.NONE;
    private boolean ner = true;
    private InputSelection selection = InputSelection.ALL;
    private long splitBytes;
    private Map<String, String> hadoopSettings = Map.of();

    private Builder(String input, String output, String key) {
      this.input = input;
      this.output = output;
      this.key = key;
    }

    public Builder signingKey(String signingKey) {
      this.signingKey = signingKey;
      return this;
    }

    public Builder policy(String policy) {
      this.policy = policy;
      return this;
    }

    public Builder datasetSecret(String datasetSecret) {
      this.datasetSecret = datasetSecret;
      return this;
    }

    public Builder idColumn(String idColumn) {
      this.idColumn = idColumn;
      return this;
    }

    public Builder sseKmsKey(String sseKmsKey) {
      this.sseKmsKey = sseKmsKey;
      return this;
    }

    public Builder macie(List<String> sources, String keyPrefix) {
      this.macieSources = sources;
      this.macieKeyPrefix = keyPrefix;
      return this;
    }

    public Builder poisoning(String labelColumn, List<String> textColumns,
        List<String> featureColumns) {
      this.labelColumn = labelColumn;
      this.textColumns = textColumns;
      this.featureColumns = featureColumns;
      return this;
    }

    public Builder allowList(AllowList allowList) {
      this.allowList = allowList;
      return this;
    }

    public Builder packs(List<String> packs) {
      this.packs = packs;
      return this;
    }

    public Builder packMode(RecognizerPack.Mode packMode) {
      this.packMode = packMode;
      return this;
    }

    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public Builder followSymlinks(boolean followSymlinks) {
      this.followSymlinks = followSymlinks;
      return this;
    }

    public Builder commandLine(String commandLine) {
      this.commandLine = commandLine;
      return this;
    }

    public Builder parquetEncryption(ParquetEncryption.Mode parquetEncryption) {
      this.parquetEncryption = parquetEncryption;
      return this;
    }

    public Builder encryptData(boolean encryptData) {
      this.encryptData = encryptData;
      return this;
    }

    public Builder documentLimits(DocumentLimits documentLimits) {
      this.documentLimits = documentLimits;
      return this;
    }

    public Builder ner(boolean ner) {
      this.ner = ner;
      return this;
    }

    public Builder selection(InputSelection selection) {
      this.selection = selection;
      return this;
    }

    public Builder splitBytes(long splitBytes) {
      this.splitBytes = splitBytes;
      return this;
    }

    public Builder badRecords(BadRecordLimit badRecords) {
      this.badRecords = badRecords;
      return this;
    }

    public Builder hadoopSettings(Map<String, String> hadoopSettings) {
      this.hadoopSettings = hadoopSettings;
      return this;
    }

    /** The request, checked offline: a KMS key needs a KMS signing key for the manifest. */
    public ProtectRequest build() {
      if (signingKey == null && KeyProviders.isKms(key)) {
        throw TrainguardException.usage("protect needs --signing-key with a KMS --key: a"
            + " symmetric KMS key cannot sign the manifest");
      }
      return new ProtectRequest(input, output, key, signingKey, policy, datasetSecret, idColumn,
          sseKmsKey, macieSources, macieKeyPrefix, labelColumn, textColumns, featureColumns,
          allowList, packs, packMode, threshold, format, overwrite, commandLine,
          parquetEncryption, documentLimits, encryptData, followSymlinks, ner, selection,
          splitBytes, badRecords, hadoopSettings);
    }
  }
}
