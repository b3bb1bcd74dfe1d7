package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trainguard protect}: the main job. */
@Command(name = "protect", mixinStandardHelpOptions = true,
    description = {
        "Detect personal data in a dataset, redact it, encrypt every output file and write "
            + "a signed manifest.",
        "Runs in Spark local mode, or on a cluster under spark-submit.",
        "",
        "Output layout under --output:",
        "  data/<path>.enc               redacted, encrypted copy of each input file",
        "  data/<path>.parquet           the same, with --parquet-encryption columnar",
        "  quarantine/<path>.enc         records the policy quarantines, encrypted",
        "  _trainguard/manifest.json     signed lineage manifest",
        "  _trainguard/report.html       compliance report",
        "  _SUCCESS                      written last; ignore an output without it"},
    footer = {"", "Example:",
        "  trainguard protect --input s3a://bucket/raw/ --output s3a://bucket/clean/ \\",
        "      --key local:$HOME/.trainguard/keyring.json"})
final class ProtectCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "URI",
      description = "File or prefix to read: a local path, file://... or s3a://...")
  String input;

  @Option(names = "--output", required = true, paramLabel = "URI",
      description = "Where to write the protected copy (local path, file://... or s3a://...).")
  String output;

  @Option(names = "--key", required = true, paramLabel = "KEY",
      description = "Master key: an AWS KMS key (arn:aws:kms:..., alias/NAME) or local:PATH (a"
          + " keyring from 'trainguard keygen').")
  String key;

  @Option(names = "--signing-key", paramLabel = "KMS_KEY",
      description = "With a KMS --key: the ECC_NIST_P256 KMS key (ARN or alias/NAME) that signs"
          + " the manifest. A local keyring signs with its own Ed25519 key.")
  String signingKey;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Redaction policy (YAML): operator per entity and column, min scores, gate."
          + " Default: the built-in strict policy (samples/policies/strict.yaml).")
  String policy;

  @Option(names = "--dataset-secret", paramLabel = "URI",
      description = "Encrypted secret of the keyed operators (hash, tokenize, fpe, date_shift),"
          + " created when absent. Share it across runs so tokens join. Default:"
          + " OUTPUT/_trainguard/dataset-secret.enc.")
  String datasetSecret;

  @Option(names = "--id-column", paramLabel = "NAME",
      description = "Column (CSV) or top-level field (JSON Lines, Parquet) with record ids, for"
          + " date_shift. Default: file and row number.")
  String idColumn;

  @Option(names = "--sse-kms", paramLabel = "KMS_KEY_ID",
      description = "On S3, also request SSE-KMS under this key for every object written"
          + " (s3a's fs.s3a.encryption.* settings; the bucket's S3 Bucket Key setting applies).")
  String sseKms;

  @Option(names = "--macie", paramLabel = "SOURCE",
      description = "Macie findings to fuse with local detection; repeatable: 'api' (ListFindings"
          + " for the s3a:// input's bucket, then its detailed results), a findings JSON file"
          + " (console/CLI export), or sensitive data discovery results (.jsonl.gz file or folder,"
          + " local or s3a://).")
  List<String> macie = new ArrayList<>();

  @Option(names = "--macie-key-prefix", paramLabel = "PREFIX",
      description = "Strip this prefix from Macie's object keys before matching them to input"
          + " paths (when the input is a copy of the bucket Macie scanned).")
  String macieKeyPrefix;

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "Flag possibly poisoned records (feature outliers, label flips, backdoor"
          + " triggers, duplicates with conflicting labels) in CSV, JSON Lines and Parquet"
          + " inputs, into _trainguard/outliers.jsonl. Needs --id-column.")
  String labelColumn;

  @Option(names = "--text-columns", paramLabel = "A,B", split = ",",
      description = "Text columns for the poisoning detectors.")
  List<String> textColumns = new ArrayList<>();

  @Option(names = "--feature-columns", paramLabel = "A,B", split = ",",
      description = "Numeric feature columns for the poisoning detectors (default: detected).")
  List<String> featureColumns = new ArrayList<>();

  @picocli.CommandLine.Mixin
  AllowOptions allow = new AllowOptions();

  @picocli.CommandLine.Mixin
  DocumentOptions documents = new DocumentOptions();

  @picocli.CommandLine.Mixin
  NerOption ner = new NerOption();

  @picocli.CommandLine.Mixin
  InputOptions inputs = new InputOptions();

  @Option(names = "--pack", paramLabel = "FILE",
      description = "Recognizer pack (Presidio YAML/JSON) added to the built-in one; repeatable."
          + " A recognizer with a built-in name replaces it; 'enabled: false' removes it.")
  List<String> packs = new ArrayList<>();

  @Option(names = "--pack-mode", paramLabel = "MODE", defaultValue = "extend",
      converter = OptionValues.PackMode.class, description = "extend (default: built-in recognizers stay on unless a pack disables them)"
          + " or replace (as Presidio: only what the packs list or define is on).")
  RecognizerPack.Mode packMode;

  @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "" + Analyzer.DEFAULT_THRESHOLD,
      converter = OptionValues.Score.class, description = "Minimum score of a finding, 0-1 (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--format", paramLabel = "FORMAT", converter = OptionValues.FormatId.class,
      description = "Format of every input file: csv, jsonl, text, parquet, avro, orc or document"
          + " (default: by extension: .csv; .jsonl/.ndjson/.json; .txt/.log/.md; .parquet; .avro;"
          + " .orc; .pdf/.docx/"
          + ".xlsx/.pptx/.doc/.xls/.ppt/.odt/.rtf/.html/.htm/.eml).")
  Format format;

  @Option(names = "--parquet-encryption", paramLabel = "MODE", defaultValue = "envelope",
      converter = OptionValues.ParquetMode.class, description = "Parquet outputs: envelope (default; data/<path>.enc like every format) or"
          + " columnar (data/<path> with Parquet modular encryption: encrypted footer, columns"
          + " with personal data under their own keys; Spark reads it with the key).")
  ParquetEncryption.Mode parquetEncryption;

  @Option(names = "--split-size", paramLabel = "SIZE", converter = OptionValues.Size.class,
      description = "Read each CSV, JSON Lines or text file larger than SIZE (bytes, or with k,"
          + " m, g) in slices of about SIZE, one task each, into ordered parts of one output,"
          + " and each such Parquet file in slices of row groups (default: the Hadoop setting"
          + " trainguard.split.size, else 128m). Compressed files, files whose records may span"
          + " lines and columnar-encrypted Parquet are read whole.")
  Long splitSize;

  @Option(names = "--no-encryption",
      description = "Write data/ in plaintext (redacted, no .enc suffix), e.g. for a training"
          + " cluster that encrypts at rest itself. The manifest records it; quarantine and the"
          + " dataset secret stay encrypted under --key.")
  boolean noEncryption;

  @picocli.CommandLine.Mixin
  BadRecordsOption badRecords = new BadRecordsOption();

  @Option(names = "--overwrite",
      description = "Replace an earlier, complete trainguard output at --output (only"
          + " trainguard's own names are deleted; a prefix holding anything else is refused).")
  boolean overwrite;

  @Option(names = "--follow-symlinks",
      description = "Read what symbolic links in a local --input point to, even outside it (each"
          + " file and directory once, so loops end). Default: skip them with a warning.")
  boolean followSymlinks;

  @Option(names = "--progress", negatable = true,
      description = "Show progress (files, MB and records read, MB/s, time left) on stderr."
          + " Default: only on a terminal.")
  Boolean progress;

  @Option(names = "--openlineage-url", paramLabel = "URL",
      description = "Also POST OpenLineage run events to this Marquez-compatible endpoint"
          + " ({URL}/api/v1/lineage); failures are warnings. Events are always written to"
          + " _trainguard/openlineage.jsonl.")
  String openLineageUrl;

  @picocli.CommandLine.Mixin
  ConfOptions conf = new ConfOptions();

  @Override
  public Integer call() {
    if (noEncryption && parquetEncryption == ParquetEncryption.Mode.COLUMNAR) {
      throw TrainguardException.usage(
          "--no-encryption and --parquet-encryption columnar exclude each other");
    }
    ProtectRequest request = ProtectRequest.builder(input, output, key)
        .signingKey(signingKey).policy(policy).datasetSecret(datasetSecret).idColumn(idColumn)
        .sseKmsKey(sseKms).macie(macie, macieKeyPrefix)
        .poisoning(labelColumn, textColumns, featureColumns).allowList(allowList())
        .packs(packs).packMode(packMode).threshold(threshold).ner(ner.on())
        .format(format).overwrite(overwrite).followSymlinks(followSymlinks)
        .parquetEncryption(parquetEncryption).documentLimits(documents.limits())
        .encryptData(!noEncryption).selection(inputs.selection()).badRecords(badRecords.limit)
        .splitBytes(splitSize == null ? 0 : splitSize).commandLine(describe())
        .hadoopSettings(conf.hadoopSettings()).build();
    long start = System.nanoTime();
    ProtectJob.Progress mode = System.console() != null
        ? (Boolean.FALSE.equals(progress) ? ProtectJob.Progress.QUIET : ProtectJob.Progress.INTERACTIVE)
        : (Boolean.TRUE.equals(progress) ? ProtectJob.Progress.LINES : ProtectJob.Progress.QUIET);
    ProtectResult result = new ProtectJob(SparkContexts.context("trainguard protect", conf.spark()),
        request).announce(System.err).progress(mode).openLineage(openLineageUrl).execute();
    Summary.print(spec.commandLine().getOut(), result, key, conf.hadoopRecorded(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private io.trainguard.classifiers.AllowList allowList() {
    try {
      return allow.toAllowList();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private String describe() {
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output,
        "--key", key, "--threshold", Double.toString(threshold)));
    if (signingKey != null) {
      args.addAll(List.of("--signing-key", signingKey));
    }
    if (policy != null) {
      args.addAll(List.of("--policy", policy));
    }
    if (datasetSecret != null) {
      args.addAll(List.of("--dataset-secret", datasetSecret));
    }
    if (idColumn != null) {
      args.addAll(List.of("--id-column", idColumn));
    }
    if (sseKms != null) {
      args.addAll(List.of("--sse-kms", sseKms));
    }
    macie.forEach(m -> args.addAll(List.of("--macie", m)));
    allow.values.forEach(v -> args.addAll(List.of("--allow", v)));
    allow.regexes.forEach(r -> args.addAll(List.of("--allow-regex", r)));
    if (labelColumn != null) {
      args.addAll(List.of("--label-column", labelColumn));
    }
    if (!textColumns.isEmpty()) {
      args.addAll(List.of("--text-columns", String.join(",", textColumns)));
    }
    if (!featureColumns.isEmpty()) {
      args.addAll(List.of("--feature-columns", String.join(",", featureColumns)));
    }
    if (macieKeyPrefix != null) {
      args.addAll(List.of("--macie-key-prefix", macieKeyPrefix));
    }
    packs.forEach(p -> args.addAll(List.of("--pack", p)));
    if (!ner.on()) {
      args.addAll(List.of("--ner", "off"));
    }
    if (packMode != RecognizerPack.Mode.EXTEND) {
      args.addAll(List.of("--pack-mode", packMode.id()));
    }
    if (format != null) {
      args.addAll(List.of("--format", format.id()));
    }
    if (parquetEncryption != ParquetEncryption.Mode.ENVELOPE) {
      args.addAll(List.of("--parquet-encryption", parquetEncryption.id()));
    }
    if (splitSize != null) {
      args.addAll(List.of("--split-size", Long.toString(splitSize)));
    }
    if (noEncryption) {
      args.add("--no-encryption");
    }
    args.addAll(badRecords.describe());
    if (overwrite) {
      args.add("--overwrite");
    }
    if (followSymlinks) {
      args.add("--follow-symlinks");
    }
    args.addAll(documents.describe());
    args.addAll(inputs.describe());
    args.addAll(conf.recorded());
    return CommandLines.describe("protect", args.toArray(String[]::new));
  }
}
