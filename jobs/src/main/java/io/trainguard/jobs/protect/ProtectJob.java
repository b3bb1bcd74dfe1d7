package io.trainguard.jobs.protect;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.NameRecognizer;
import io.trainguard.classifiers.PackException;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.Version;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.PersonalNames;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.lineage.InputFile;
import io.trainguard.jobs.lineage.LineageEmitter;
import io.trainguard.jobs.lineage.RunInfo;
import io.trainguard.jobs.macie.MacieEntities;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.manifest.ReportWriter;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.poisoning.PoisoningPolicy;
import io.trainguard.jobs.storage.Locations;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code protect} job on Spark: with {@code --label-column}, the poisoning scan first flags
 * records (whose ids reach the tasks when the policy quarantines or drops them); then one task
 * per input file reads, detects, redacts and encrypts it; the driver then writes the signed
 * manifest, the report and, last, {@code _SUCCESS}.
 */
public final class ProtectJob {

  /** How progress is shown: a redrawn line, a line per tenth of the work, or nothing. */
  public enum Progress { INTERACTIVE, LINES, QUIET }

  private final SparkContext context;
  /** Spark SQL, needed only by the poisoning scan: made on first use when not given. */
  private final Supplier<SparkSession> session;
  private final ProtectRequest request;
  private Progress progressMode = Progress.QUIET;
  private String openLineageUrl;
  private java.io.PrintStream announce;
  /** How this run's messages show the paths they name: set once the names can be scanned. */
  private java.util.function.UnaryOperator<String> shownMessage =
      java.util.function.UnaryOperator.identity();

  public ProtectJob(SparkSession spark, ProtectRequest request) {
    this(spark.sparkContext(), () -> spark, request);
  }

  /**
   * A job on a bare Spark context, as the CLI runs it: a Spark SQL session takes about 1.5 s
   * more to start (3 s without the launcher's class-data archive), and only
   * {@code --label-column} needs one.
   */
  public ProtectJob(SparkContext context, ProtectRequest request) {
    // On the given context: builder().getOrCreate() alone would warn that it reuses one.
    this(context, () -> SparkSession.builder().sparkContext(context).getOrCreate(), request);
  }

  private ProtectJob(SparkContext context, Supplier<SparkSession> session,
      ProtectRequest request) {
    this.context = context;
    this.session = session;
    this.request = request;
  }

  /** Also posts OpenLineage events to this Marquez-compatible endpoint (warnings on failure). */
  public ProtectJob openLineage(String url) {
    this.openLineageUrl = url;
    return this;
  }

  /**
   * Prints {@code trainguard: protecting INPUT -> OUTPUT} on {@code out} once the names in them
   * can be shown as the manifest shows them.
   */
  public ProtectJob announce(java.io.PrintStream out) {
    this.announce = out;
    return this;
  }

  /** Shows progress on stderr while files are processed (quiet by default). */
  public ProtectJob progress(Progress mode) {
    this.progressMode = mode;
    return this;
  }

  /**
   * Runs the job. Every failure is a {@link TrainguardException} with the CLI's exit code, also
   * when the key service fails on the driver.
   */
  public ProtectResult execute() {
    try {
      return executeOnce();
    } catch (KmsServiceException e) {
      throw shown(TrainguardException.service(e.getMessage(), e));
    } catch (KeyException e) {
      throw shown(TrainguardException.usage(e.getMessage()));
    } catch (TrainguardException e) {
      throw shown(e);
    }
  }

  /** {@code e} with the input and output paths in its message as this run shows them. */
  private TrainguardException shown(TrainguardException e) {
    String message = e.getMessage() == null ? null : shownMessage.apply(e.getMessage());
    return java.util.Objects.equals(message, e.getMessage()) ? e
        : new TrainguardException(e.exitCode(), message, e.getCause());
  }

  private ProtectResult executeOnce() {
    Instant started = Instant.now();
    KeyProvider key = openKey(request.key(), request.signingKey());
    List<Recognizer> recognizers = loadRecognizers(request.packs(), request.packMode(),
        request.ner());
    LoadedPolicy loaded = LoadedPolicy.load(request.policy(), knownEntities(request.packs()));
    Analyzer analyzer = new Analyzer(recognizers, request.threshold(), request.allowList());

    Configuration hadoop = Storage.configuration(context.hadoopConfiguration(),
        request.hadoopSettings());
    if (request.sseKmsKey() != null) {
      hadoop.set("fs.s3a.encryption.algorithm", "SSE-KMS");
      hadoop.set("fs.s3a.encryption.key", request.sseKmsKey());
    }
    org.apache.hadoop.fs.Path inRoot = Storage.path(request.input());
    org.apache.hadoop.fs.Path outRoot = Storage.path(request.output());
    java.util.function.UnaryOperator<String> masked = path -> PersonalNames.masked(analyzer, path);
    shownMessage = maskingRoots(masked, List.of(inRoot.toString(), outRoot.toString(),
        request.input(), request.output()));
    checkApart(inRoot, outRoot);
    InputSelection.Selected selected = request.selection().select(
        listInput(hadoop, inRoot, masked), request.format(), masked);
    List<DataFile> files = selected.files();
    if (!selected.skipped().isEmpty()) {
      System.err.println("trainguard: warning: skipped "
          + Counts.of(selected.skipped().size(), "unsupported file") + " (listed in the manifest)");
    }
    long splitBytes = InputSlices.splitBytes(request.splitBytes(), hadoop);
    checkDistinctOutputs(files, masked, splitBytes);
    PoisoningScan.Inputs scanInputs = checkPoisoningOptions(loaded, hadoop, files, masked,
        name -> PersonalNames.maskedField(analyzer, name));
    MacieFusion.Result macie = MacieFusion.run(request.macieSources(), request.macieKeyPrefix(),
        inRoot.toString(), files, hadoop, masked);
    macie.warnings().forEach(w -> System.err.println("trainguard: warning: Macie: " + w));
    LoadedPolicy policy = new LoadedPolicy(
        loaded.policy().withCredentials(macie.credentialEntities()), loaded.text(),
        loaded.poisoning());
    String runId = UUID.randomUUID().toString();
    String secretUri = request.datasetSecret() != null ? request.datasetSecret()
        : new org.apache.hadoop.fs.Path(outRoot, OutputLayout.DATASET_SECRET).toString();
    FileSystem outFs = outputFileSystem(hadoop, outRoot);
    try (RunLease lease = claimOutput(hadoop, outFs, outRoot, runId, started,
        request.datasetSecret() == null ? null : Storage.path(secretUri))) {
      DatasetSecret.Opened secret = DatasetSecret.openOrCreate(hadoop, secretUri, key);
      ValueProtector protector = new ValueProtector(analyzer, policy.policy(), secret.keys());

      ShownPaths shownPaths = ShownPaths.of(protector.names(), files, List.of(inRoot.toString(),
          outRoot.toString(), request.input(), request.output()));
      shownMessage = shownPaths::text;
      if (announce != null) {
        announce.println("trainguard: protecting " + shownPaths.uri(request.input()) + " -> "
            + shownPaths.uri(request.output()));
        announce.flush();
      }

      LineageEmitter lineage = LineageEmitter.create(openLineageUrl,
          w -> System.err.println("trainguard: warning: " + w));
      lineage.start(new RunInfo(UUID.fromString(runId), started,
          shownPaths.uri(outRoot.toString())),
          files.stream().map(f -> InputFile.of(shownPaths.file(f).uri())).toList());
      try {
        return run(new Prepared(key, recognizers, policy, hadoop, inRoot, outRoot, files, outFs,
            secret, protector, runId, started, shownPaths, lease, selected.skipped(), macie,
            splitBytes, scanInputs), lineage);
      } catch (RuntimeException e) {
        lineage.fail(e.getMessage() == null ? null : shownMessage.apply(e.getMessage()));
        try {
          if (lease.held()) { // never into an output another run has taken over
            Storage.publish(outFs, Map.of(new org.apache.hadoop.fs.Path(outRoot,
                OutputLayout.LINEAGE), lineage.jsonLines()), runId);
          }
        } catch (IOException | RuntimeException ignored) {
          // the run already failed; its own error is the one to report
        }
        throw e;
      }
    }
  }

  /** Replaces each of {@code roots} (longest first) in a message by its masked form. */
  private static java.util.function.UnaryOperator<String> maskingRoots(
      java.util.function.UnaryOperator<String> masked, List<String> roots) {
    Map<String, String> shown = new java.util.TreeMap<>(
        Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    for (String root : roots) {
      String m = masked.apply(root);
      if (!m.equals(root)) {
        shown.put(root, m);
      }
    }
    return text -> {
      for (Map.Entry<String, String> e : shown.entrySet()) {
        text = text.replace(e.getKey(), e.getValue());
      }
      return text;
    };
  }

  /** Refuses an output that is, holds or lies inside the input: nothing of it may be touched. */
  private static void checkApart(org.apache.hadoop.fs.Path inRoot,
      org.apache.hadoop.fs.Path outRoot) {
    String relation = switch (Locations.overlap(outRoot, inRoot)) {
      case NONE -> null;
      case SAME -> "it is";
      case CONTAINS -> "it contains";
      case INSIDE -> "it lies inside";
    };
    if (relation != null) {
      throw TrainguardException.usage("Invalid --output " + outRoot + ": " + relation
          + " --input " + inRoot + "; choose an output outside the input");
    }
  }

  /**
   * Whether a large Parquet input is read in slices of row groups: its parts are joined again
   * by {@code decrypt}, which a columnar-encrypted part cannot be.
   */
  private boolean splitsParquet() {
    return request.parquetEncryption() != ParquetEncryption.Mode.COLUMNAR;
  }

  /** Refuses inputs that would write the same output path, naming both. */
  private void checkDistinctOutputs(List<DataFile> files,
      java.util.function.UnaryOperator<String> masked, long splitBytes) {
    Map<String, String> writers = new java.util.HashMap<>();
    for (DataFile f : files) {
      Format format = request.format() != null ? request.format()
          : Format.byFileName(f.relativePath()).orElseThrow();
      for (String out : FileProtector.outputPaths(f.relativePath(), format,
          request.parquetEncryption(), request.encryptData(),
          InputSlices.ranges(f, format, splitBytes, splitsParquet(),
              context.defaultParallelism()))) {
        String other = writers.putIfAbsent(out, f.relativePath());
        if (other != null && !other.equals(f.relativePath())) {
          throw TrainguardException.usage("Invalid input: " + masked.apply(other) + " and "
              + masked.apply(f.relativePath()) + " would both be written to "
              + masked.apply(out) + "; rename one of them");
        }
      }
    }
  }

  /** Everything checked and opened before any file is processed. */
  private record Prepared(KeyProvider key, List<Recognizer> recognizers, LoadedPolicy policy,
      Configuration hadoop, org.apache.hadoop.fs.Path inRoot, org.apache.hadoop.fs.Path outRoot,
      List<DataFile> files, FileSystem outFs, DatasetSecret.Opened secret,
      ValueProtector protector, String runId, Instant started, ShownPaths shownPaths,
      RunLease lease, List<String> skipped, MacieFusion.Result macie, long splitBytes,
      PoisoningScan.Inputs scanInputs) {}

  /**
   * The run after everything is checked and opened: plan the inputs, run one task per file,
   * assemble and sign the manifest, then commit.
   */
  private ProtectResult run(Prepared p, LineageEmitter lineage) {
    Plan plan = planInputs(p);
    List<FileResult> results = runTasks(p, plan);
    checkMalformed(results, request.badRecords());
    Assembled assembled = assembleManifest(p, plan, results);
    Manifest signed = commit(p, results, assembled, lineage);
    if (!assembled.gate().passed()) {
      throw new TrainguardException(ExitCode.GATE_FAILED, "Gate failed (policy "
          + p.policy().policy().name() + "): " + String.join("; ", assembled.gate().reasons())
          + ". Manifest and report written; no " + OutputLayout.SUCCESS + ".");
    }
    return new ProtectResult(signed, p.shownPaths().uri(p.outRoot().toString()));
  }

  /**
   * Fails the run when its files held more malformed records than {@code limit} allows, naming
   * where the first is (each file checked a count limit on its own already).
   */
  static void checkMalformed(List<FileResult> results, BadRecordLimit limit) {
    long malformed = 0;
    long records = 0;
    FileResult first = null;
    for (FileResult r : results) {
      malformed += r.stats().malformed();
      records += r.stats().records();
      if (first == null && r.stats().malformed() > 0) {
        first = r;
      }
    }
    if (limit.exceeded(malformed, records)) {
      throw TrainguardException.input("Too many malformed records: " + malformed + " of "
          + Counts.of(records, "record") + " (--max-bad-records " + limit + "); the first in "
          + first.inputPath() + " at " + first.stats().firstMalformed());
    }
  }

  /** What the driver learned about the inputs before the tasks run, beyond Macie's hints. */
  private record Plan(PoisoningScan.Result poisoning) {}

  /**
   * Checks the poisoning options before the output is touched: the policy's poisoning gate
   * needs {@code --label-column}, and with one, every input's columns are read and checked
   * against the column options (null without {@code --label-column}).
   */
  private PoisoningScan.Inputs checkPoisoningOptions(LoadedPolicy policy, Configuration hadoop,
      List<DataFile> files, java.util.function.UnaryOperator<String> maskedPath,
      java.util.function.UnaryOperator<String> maskedColumn) {
    if (request.labelColumn() == null && policy.poisoning().maxFlaggedFraction().isPresent()) {
      throw TrainguardException.usage("Invalid poisoning.gate in " + policy.policy().name()
          + ": the poisoning gate needs --label-column (without it nothing is scanned)");
    }
    if (request.labelColumn() == null) {
      if (policy.policy().poisoning().isPresent()) {
        System.err.println("trainguard: warning: the policy's poisoning section applies only"
            + " with --label-column; no poisoning scan");
      }
      return null;
    }
    return PoisoningScan.check(context, session, hadoop, files, request.format(),
        request.idColumn(), request.labelColumn(), request.textColumns(),
        request.featureColumns(), maskedPath, maskedColumn);
  }

  /** With {@code --label-column}, runs the poisoning scan. */
  private Plan planInputs(Prepared p) {
    PoisoningScan.Result poisoning = p.scanInputs() == null ? null
        : PoisoningScan.run(p.scanInputs(), p.policy().poisoning(), p.shownPaths(),
            p.protector().names()::field, progressMode);
    return new Plan(poisoning);
  }

  /**
   * One Spark task per input file, or per slice of a large one (plus one that hashes it whole),
   * largest first; one result per input, sorted by input path.
   */
  private List<FileResult> runTasks(Prepared p, Plan plan) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context);
    Broadcast<SerializableConfiguration> sharedConf =
        jsc.broadcast(new SerializableConfiguration(p.hadoop()));
    Broadcast<SharedProtector> sharedProtector =
        jsc.broadcast(new SharedProtector(p.protector()));
    InFileCounters counters = progressMode == Progress.QUIET ? InFileCounters.NONE
        : InFileCounters.register(context);
    FileProtector task = new FileProtector(sharedConf, sharedProtector, p.key().spec(),
        p.runId(), p.outRoot().toString(), request.format(), request.idColumn(),
        p.macie().hints(), request.parquetEncryption(), request.documentLimits(),
        request.encryptData(), plan.poisoning() == null ? Map.of() : plan.poisoning().actions(),
        p.shownPaths(), counters).allowingMalformed(request.badRecords().perFile());
    ProgressReporter progress = null;
    List<FileResult> results = null;
    try {
      Map<String, List<LineSlice>> slices = InputSlices.plan(jsc, sharedConf, p.files(),
          request.format(), p.splitBytes(), splitsParquet());
      List<FileTask> tasks = new ArrayList<>();
      for (DataFile f : p.files()) {
        List<LineSlice> fileSlices = slices.get(f.relativePath());
        if (fileSlices == null) {
          tasks.add(FileTask.whole(f));
        } else {
          tasks.add(FileTask.digest(f));
          fileSlices.forEach(s -> tasks.add(FileTask.slice(f, s)));
        }
      }
      // largest first; a digest (a sequential read) ahead of the slices of its file
      tasks.sort(Comparator.comparingLong((FileTask t) -> t.digest() ? t.file().size()
          : t.bytes()).reversed());
      List<DataFile> files = p.files();
      progress = new ProgressReporter(tasks.stream().map(FileTask::bytes).toList(),
          tasks.stream().map(t -> files.indexOf(t.file())).toList(), System.err,
          progressMode == Progress.INTERACTIVE, counters);
      if (progressMode != Progress.QUIET) {
        context.addSparkListener(progress);
      }
      jsc.setJobDescription("trainguard protect: " + Counts.of(p.files().size(), "file")
          + (tasks.size() > p.files().size() ? " in " + Counts.of(tasks.size(), "task") : ""));
      java.util.Set<String> split = new java.util.HashSet<>();
      p.files().stream().filter(f -> slices.containsKey(f.relativePath()))
          .forEach(f -> split.add(p.shownPaths().file(f).relativePath()));
      results = joinSlices(p, jsc.parallelize(tasks, tasks.size()).map(task).collect(), split);
    } catch (TrainguardException e) {
      throw e;
    } catch (Exception e) { // Scala code throws SparkException without declaring it
      throw taskFailure(e);
    } finally {
      sharedProtector.destroy();
      sharedConf.destroy();
      if (progress != null) {
        context.removeSparkListener(progress);
        if (progressMode != Progress.QUIET) {
          progress.finish(results != null, results == null ? 0
              : results.stream().mapToLong(r -> r.stats().records()).sum());
        }
      }
    }
    results.sort(Comparator.comparing(FileResult::inputPath));
    return results;
  }

  /**
   * One result per input: the results of an input's slices joined, in order, with its digest.
   * A split CSV's quarantine part 0 holds the header whether or not a row follows; when no
   * record of the file was quarantined, it is removed, as a whole file has no quarantine then.
   */
  private List<FileResult> joinSlices(Prepared p, List<FileResult> taskResults,
      java.util.Set<String> split) throws IOException {
    Map<String, FileResult> digests = new java.util.HashMap<>();
    Map<String, List<FileResult>> sliced = new java.util.LinkedHashMap<>();
    List<FileResult> results = new ArrayList<>();
    for (FileResult r : taskResults) {
      if (!split.contains(r.inputPath())) {
        results.add(r);
      } else if (r.slice() == null) {
        digests.put(r.inputPath(), r);
      } else {
        sliced.computeIfAbsent(r.inputPath(), k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<String, List<FileResult>> e : sliced.entrySet()) {
      List<FileResult> parts = new ArrayList<>(e.getValue());
      parts.sort(Comparator.comparingInt(r -> r.slice().index()));
      FileResult digest = digests.get(e.getKey());
      FileStats stats = new FileStats();
      parts.forEach(r -> stats.addSlice(r.stats()));
      String data = OutputLayout.data(e.getKey());
      data = request.encryptData() ? data : OutputLayout.plaintext(data);
      String quarantine = OutputLayout.quarantine(e.getKey());
      List<FileResult.Part> stored = new ArrayList<>();
      for (FileResult r : parts) {
        stored.add(new FileResult.Part(r.data(), Manifest.Kind.DATA, data, r.slice().index(),
            r.slice().count(), r.stats().written()));
      }
      for (FileResult r : parts) {
        if (r.quarantine() == null) {
          continue;
        }
        if (stats.quarantined() == 0) {
          p.outFs().delete(new org.apache.hadoop.fs.Path(p.outRoot(), r.quarantine().path()),
              false);
          continue;
        }
        stored.add(new FileResult.Part(r.quarantine(), Manifest.Kind.QUARANTINE, quarantine,
            r.slice().index(), r.slice().count(), r.stats().quarantined()));
      }
      FileResult first = parts.get(0);
      results.add(new FileResult(first.inputPath(), first.inputUri(), first.inputEtag(),
          first.inputVersionId(), first.format(), digest.inputSize(), digest.inputSha256(),
          null, null, null, stats, null, stored));
    }
    return results;
  }
  /** The manifest to sign, the gate decision it records and the outliers file it signs (or null). */
  private record Assembled(Manifest manifest, GateCheck.Decision gate, byte[] outliers) {}

  /**
   * Writes the encrypted file of original names (when inputs were shown under pseudonyms),
   * decides the gate, assembles the manifest and checks that its accounting adds up.
   */
  private Assembled assembleManifest(Prepared p, Plan plan, List<FileResult> results) {
    StoredOutput names = null;
    Map<String, String> originals = p.shownPaths().originals();
    String shownOutRoot = p.shownPaths().uri(p.outRoot().toString());
    if (!originals.isEmpty()) {
      try {
        names = ShownNames.write(p.outFs(), p.outRoot(), p.runId(), p.key(), originals);
      } catch (IOException e) {
        throw TrainguardException.service("Cannot write " + OutputLayout.NAMES + " under "
            + p.outRoot() + ": " + e.getClass().getSimpleName(), e);
      }
    }
    CallerIdentity caller = CallerIdentity.of(!request.key().startsWith(KeyProviders.LOCAL_PREFIX));
    Manifest.Run run = new Manifest.Run(p.runId(), "trainguard", Version.get(), Version.commit(),
        p.started(), Instant.now(), p.shownPaths().text(request.commandLine()),
        p.shownPaths().uri(p.inRoot().toString()), shownOutRoot,
        new Manifest.Caller(caller.kind(), caller.id()),
        new Manifest.Spark(context.applicationId(), context.master(), context.version()));
    PoisoningPolicy poisoningPolicy = p.policy().poisoning();
    GateCheck.Decision gate = GateCheck.evaluate(p.policy().policy().gate(), results);
    if (plan.poisoning() != null && poisoningPolicy.maxFlaggedFraction().isPresent()) {
      gate = GateCheck.poisoning(gate, poisoningPolicy.maxFlaggedFraction().getAsDouble(),
          plan.poisoning().flagged(), plan.poisoning().records());
      gate = GateCheck.unscanned(gate, plan.poisoning().skipped(), plan.poisoning().inputs());
    }
    List<String> unbalanced = results.stream().filter(r -> !r.stats().balanced())
        .map(FileResult::inputPath).toList();
    if (!unbalanced.isEmpty()) {
      throw new IllegalStateException("Record accounting does not add up for "
          + String.join(", ", unbalanced)
          + ": records read differ from written + quarantined + dropped; output not committed");
    }
    ManifestAssembly.Scan scan = plan.poisoning() == null ? null
        : new ManifestAssembly.Scan(plan.poisoning(), poisoningPolicy,
            p.protector().names().field(request.labelColumn()),
            results.stream().mapToLong(r -> r.stats().poisoningActions()).sum(),
            outliers(p, plan, results));
    Manifest manifest = ManifestAssembly.assemble(run,
        new ManifestAssembly.Settings(p.key().keyId(), request.threshold(), p.recognizers(),
            packDigests(request.packs()), p.policy().policy(), p.policy().text(),
            datasetSecret(p), p.macie(),
            request.parquetEncryption(), request.encryptData()),
        results, gate, names, originals.size(), p.skipped(), scan);
    return new Assembled(manifest, gate, scan == null ? null : scan.outliers());
  }

  /**
   * The commit protocol: while this run still holds its lease, remove what it did not write
   * under {@code data/} and {@code quarantine/}, end the lineage events, sign the manifest with
   * the digests of the events and the report, publish the outliers, the manifest, the report
   * and the events together, release the lease, and write {@code _SUCCESS} last, only when the
   * gate passed. Returns the signed manifest.
   */
  private Manifest commit(Prepared p, List<FileResult> results, Assembled assembled,
      LineageEmitter lineage) {
    FileSystem outFs = p.outFs();
    org.apache.hadoop.fs.Path outRoot = p.outRoot();
    try {
      p.lease().checkHeld();
      java.util.Set<String> written = new java.util.HashSet<>();
      for (FileResult r : results) {
        r.stored().forEach(o -> written.add(o.path()));
      }
      List<String> strays = OutputPrefix.removeStrays(outFs, outRoot, written);
      if (!strays.isEmpty()) {
        System.err.println("trainguard: warning: removed " + Counts.of(strays.size(), "file")
            + " that this"
            + " run did not write: " + String.join(", ", strays.subList(0,
                Math.min(5, strays.size())).stream().map(p.protector().names()::path).toList())
            + (strays.size() > 5 ? ", ..." : ""));
      }
      lineage.complete(assembled.manifest());
      byte[] events = lineage.jsonLines();
      ManifestWriter.Sealed sealed;
      try {
        sealed = ManifestWriter.seal(assembled.manifest().withDerivedFiles(
            List.of(ManifestWriter.derived(OutputLayout.LINEAGE, events))), p.key().signer());
      } catch (KmsServiceException e) {
        throw TrainguardException.service("Cannot sign the manifest: " + e.getMessage(), e);
      }
      Map<org.apache.hadoop.fs.Path, byte[]> metadata = new java.util.LinkedHashMap<>();
      if (assembled.outliers() != null) {
        metadata.put(new org.apache.hadoop.fs.Path(outRoot, OutputLayout.OUTLIERS),
            assembled.outliers());
      }
      metadata.put(new org.apache.hadoop.fs.Path(outRoot, OutputLayout.MANIFEST),
          ManifestWriter.bytes(sealed.manifest()));
      metadata.put(new org.apache.hadoop.fs.Path(outRoot, OutputLayout.REPORT), sealed.report());
      metadata.put(new org.apache.hadoop.fs.Path(outRoot, OutputLayout.LINEAGE), events);
      Storage.publish(outFs, metadata, p.runId());
      p.lease().release();
      if (assembled.gate().passed()) {
        write(outFs, new org.apache.hadoop.fs.Path(outRoot, OutputLayout.SUCCESS), new byte[0]);
      }
      return sealed.manifest();
    } catch (IOException e) {
      throw TrainguardException.service("Cannot write manifest under " + outRoot + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The dataset secret as the manifest signs it: where it is (as shown), its fingerprint and,
   * when it is the output's own file, that file's size and SHA-256.
   */
  private Manifest.DatasetSecret datasetSecret(Prepared p) {
    Manifest.DatasetSecret secret = new Manifest.DatasetSecret(
        p.protector().names().path(p.secret().uri()), p.secret().keys().fingerprint(), null,
        null);
    if (request.datasetSecret() != null) {
      return secret;
    }
    org.apache.hadoop.fs.Path own = new org.apache.hadoop.fs.Path(p.outRoot(),
        OutputLayout.DATASET_SECRET);
    try {
      return secret.stored(p.outFs().getFileStatus(own).getLen(), Storage.sha256(p.outFs(), own));
    } catch (IOException e) {
      throw TrainguardException.service("Cannot read " + OutputLayout.DATASET_SECRET + " under "
          + p.outRoot() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** The outliers file: one line per flagged record, ids as keyed pseudonyms when they hold data. */
  private byte[] outliers(Prepared p, Plan plan, List<FileResult> results) {
    java.util.function.UnaryOperator<String> shownId =
        idsHoldPersonalData(results, p.protector().names().field(request.idColumn()))
            ? p.secret().keys()::recordIdPseudonym
            : java.util.function.UnaryOperator.identity();
    return String.join("", plan.poisoning().lines(shownId).stream().map(l -> l + "\n")
        .toList()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether the id column (as shown) held a finding or was planned in any file: then the ids in
   * the outliers file, which is not encrypted, are keyed pseudonyms.
   */
  private static boolean idsHoldPersonalData(List<FileResult> results, String idColumn) {
    for (FileResult r : results) {
      if (r.stats().plans().stream().anyMatch(plan -> plan.column().equals(idColumn))
          || r.stats().fieldsByEntity().values().stream().anyMatch(f -> f.contains(idColumn))) {
        return true;
      }
    }
    return false;
  }

  /** The cause a task failed with, as thrown on the executor, so exit codes survive Spark. */
  private static RuntimeException taskFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainguardException te) {
        return te;
      }
      if (t instanceof KmsServiceException kms) {
        return TrainguardException.service(kms.getMessage(), kms);
      }
      if (t instanceof KeyException ke) {
        return TrainguardException.usage(ke.getMessage());
      }
      if (t instanceof IOException io) {
        return TrainguardException.service("Storage failed while protecting files: "
            + io.getClass().getSimpleName(), e);
      }
    }
    return new IllegalStateException("Spark job failed", e);
  }

  private static KeyProvider openKey(String spec, String signingKeySpec) {
    try {
      KeyProvider key = KeyProviders.open(spec, signingKeySpec);
      key.keyring(); // fail before any work if the key material is unusable
      key.signer(); // and before any work if the manifest could not be signed
      return key;
    } catch (KmsServiceException e) {
      throw TrainguardException.service(e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
  }

  /** SHA-256 of the built-in pack and of each user pack, by name, for the manifest. */
  private static Map<String, String> packDigests(List<String> packFiles) {
    Map<String, String> digests = new java.util.LinkedHashMap<>();
    try (java.io.InputStream in = RecognizerPack.class.getResourceAsStream("default-pack.yaml")) {
      digests.put("built-in", hex(in.readAllBytes()));
      for (String file : packFiles) {
        digests.put(file, hex(java.nio.file.Files.readAllBytes(Path.of(file))));
      }
    } catch (IOException e) {
      throw TrainguardException.usage("Cannot read pack: " + e.getMessage());
    }
    return digests;
  }

  private static String hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Recognizer> loadRecognizers(List<String> packFiles) {
    return loadRecognizers(packFiles, RecognizerPack.Mode.EXTEND, true);
  }

  /** As {@link #loadRecognizers(List, RecognizerPack.Mode, boolean)}, extending. */
  public static List<Recognizer> loadRecognizers(List<String> packFiles, boolean ner) {
    return loadRecognizers(packFiles, RecognizerPack.Mode.EXTEND, ner);
  }

  /**
   * The built-in pack combined with {@code packFiles} in {@code mode}, without the
   * named-entity recognizers unless {@code ner}; a bad pack is a usage error, and each pack's
   * warnings are printed on stderr, one line each.
   */
  public static List<Recognizer> loadRecognizers(List<String> packFiles,
      RecognizerPack.Mode mode, boolean ner) {
    List<RecognizerPack> packs = packs(packFiles);
    packs.forEach(p -> p.warnings().forEach(w -> System.err.println("trainguard: warning: " + w)));
    List<Recognizer> recognizers = RecognizerPack.combine(packs, mode);
    if (recognizers.isEmpty()) {
      throw TrainguardException.usage("Invalid packs: every recognizer is disabled");
    }
    return ner ? recognizers : NameRecognizer.withoutNer(recognizers);
  }

  /**
   * The entities a policy may name: those of the built-in pack and of {@code packFiles} (disabled
   * recognizers included) and those Macie findings carry.
   */
  static java.util.Set<String> knownEntities(List<String> packFiles) {
    java.util.Set<String> known = new java.util.HashSet<>(MacieEntities.entities());
    for (RecognizerPack pack : packs(packFiles)) {
      pack.recognizers().forEach(r -> known.add(r.entity()));
    }
    return known;
  }

  private static List<RecognizerPack> packs(List<String> packFiles) {
    List<RecognizerPack> packs = new ArrayList<>();
    packs.add(RecognizerPack.builtIn());
    try {
      for (String file : packFiles) {
        packs.add(RecognizerPack.load(Path.of(file)));
      }
    } catch (PackException e) {
      throw TrainguardException.usage(e.getMessage());
    }
    return packs;
  }

  private List<DataFile> listInput(Configuration hadoop, org.apache.hadoop.fs.Path root,
      java.util.function.UnaryOperator<String> masked) {
    List<DataFile> files;
    try {
      Storage.Listing listing = Storage.listInput(Storage.fileSystem(root, hadoop), root,
          request.followSymlinks());
      if (!listing.skipped().isEmpty()) {
        System.err.println("trainguard: warning: " + skippedInputs(
            listing.skipped().stream().map(s -> maskedSkip(s, masked)).toList()));
      }
      files = listing.files();
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Input not found: " + root);
      }
      throw TrainguardException.service("Cannot list input " + root + ": "
          + e.getClass().getSimpleName(), e);
    }
    if (files.isEmpty()) {
      throw TrainguardException.input("No data files under " + root
          + " (names starting with _ or . are skipped)");
    }
    return files;
  }

  /** A skipped input ({@code path (reason)}) with the names in its path masked. */
  private static String maskedSkip(String skipped, java.util.function.UnaryOperator<String> masked) {
    int reason = skipped.lastIndexOf(" (");
    return reason < 0 ? masked.apply(skipped)
        : masked.apply(skipped.substring(0, reason)) + skipped.substring(reason);
  }

  /** One line: how many inputs were skipped, the first of them and why. */
  private String skippedInputs(List<String> skipped) {
    int shown = Math.min(skipped.size(), 20);
    boolean links = !request.followSymlinks()
        && skipped.stream().anyMatch(s -> s.endsWith(" (symbolic link)"));
    return "skipped " + skipped.size() + (skipped.size() == 1 ? " input" : " inputs")
        + (links ? " (use --follow-symlinks to read symbolic links)" : "") + ": "
        + String.join(", ", skipped.subList(0, shown))
        + (shown < skipped.size() ? ", and " + (skipped.size() - shown) + " more" : "");
  }

  private static FileSystem outputFileSystem(Configuration hadoop,
      org.apache.hadoop.fs.Path outRoot) {
    try {
      return Storage.fileSystem(outRoot, hadoop);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot prepare output " + outRoot + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** This run's lease on its output, see {@link OutputPrefix}. */
  private RunLease claimOutput(Configuration hadoop, FileSystem fs,
      org.apache.hadoop.fs.Path outRoot, String runId, Instant started,
      org.apache.hadoop.fs.Path keep) {
    try {
      return OutputPrefix.claim(fs, outRoot, runId, started, request.overwrite(), keep, hadoop);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot prepare output " + outRoot + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static void write(FileSystem fs, org.apache.hadoop.fs.Path path, byte[] bytes)
      throws IOException {
    try (OutputStream out = Storage.create(fs, path, true)) {
      out.write(bytes);
    }
  }
}
