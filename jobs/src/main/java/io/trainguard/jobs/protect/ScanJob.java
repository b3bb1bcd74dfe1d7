package io.trainguard.jobs.protect;

import io.trainguard.classifiers.AllowList;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.Version;
import io.trainguard.jobs.format.DocumentLimits;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.PersonalNames;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.redaction.OperatorKeys;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@code trainguard scan}: reads and classifies the input as {@code protect} would, one task per
 * file or per slice of a large one, and writes nothing but its report: findings per file, column and entity, the column
 * plans, and the estimated share of values holding personal data. With a sample fraction below
 * 1 it reads that share of the files (at least one), picked by a hash of their paths, as Macie's
 * sampling depth picks objects. No key is needed: outputs are counted and dropped, and keyed
 * pseudonyms of names use a secret made for the run.
 */
public final class ScanJob {

  /**
   * What to scan and how to classify it; {@code splitBytes}, {@code badRecords} and
   * {@code hadoopSettings} as protect's ({@link ProtectRequest}).
   */
  public record Request(String input, double sample, String policy, List<String> packs,
      double threshold, boolean ner, AllowList allowList, Format format,
      InputSelection selection, boolean followSymlinks, long splitBytes,
      BadRecordLimit badRecords, String commandLine, Map<String, String> hadoopSettings) {

    public Request {
      if (!(sample > 0 && sample <= 1)) {
        throw TrainguardException.usage("Invalid --sample " + sample + " (allowed: more than 0,"
            + " up to 1)");
      }
      packs = List.copyOf(packs);
      hadoopSettings = Map.copyOf(hadoopSettings);
    }
  }

  private final SparkContext context;
  private final Request request;
  private java.io.PrintStream announce;

  public ScanJob(SparkContext context, Request request) {
    this.context = context;
    this.request = request;
  }

  /** Prints {@code trainguard: scanning N files under --input} on {@code out} once listed. */
  public ScanJob announce(java.io.PrintStream out) {
    this.announce = out;
    return this;
  }

  /** The scan report, shaped as a manifest (unsigned, no outputs) plus its {@code scan} part. */
  public Manifest execute() {
    Instant started = Instant.now();
    List<Recognizer> recognizers = ProtectJob.loadRecognizers(request.packs(),
        io.trainguard.classifiers.RecognizerPack.Mode.EXTEND, request.ner());
    LoadedPolicy policy = LoadedPolicy.load(request.policy(),
        ProtectJob.knownEntities(request.packs()));
    Configuration hadoop = Storage.configuration(context.hadoopConfiguration(),
        request.hadoopSettings());
    Path inRoot = Storage.path(request.input());
    Analyzer analyzer = new Analyzer(recognizers, request.threshold(), request.allowList());
    InputSelection.Selected selected = request.selection().select(list(hadoop, inRoot),
        request.format(), path -> PersonalNames.masked(analyzer, path));
    List<DataFile> scanned = sample(selected.files(), request.sample());
    if (announce != null) {
      // the input as given may name personal data: the manifest shows its pseudonym
      announce.println("trainguard: scanning " + io.trainguard.jobs.Counts.of(scanned.size(),
          "file") + " under --input");
      announce.flush();
    }
    byte[] secret = new byte[OperatorKeys.SECRET_LENGTH];
    new SecureRandom().nextBytes(secret);
    OperatorKeys keys = OperatorKeys.fromDatasetSecret(secret);
    ValueProtector protector = new ValueProtector(analyzer, policy.policy(), keys);
    ShownPaths shown = ShownPaths.of(protector.names(), scanned,
        List.of(inRoot.toString(), request.input()));
    String runId = UUID.randomUUID().toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context);
    Broadcast<SerializableConfiguration> sharedConf =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    Broadcast<SharedProtector> sharedProtector =
        jsc.broadcast(new SharedProtector(protector));
    FileProtector task = new FileProtector(sharedConf, sharedProtector, null, runId,
        inRoot.toString(), request.format(), null, Map.of(), ParquetEncryption.Mode.ENVELOPE,
        DocumentLimits.DEFAULTS, false, Map.of(), shown, InFileCounters.NONE, true)
        .allowingMalformed(request.badRecords().perFile());
    List<FileResult> results;
    try {
      Map<String, List<LineSlice>> slices = InputSlices.plan(jsc, sharedConf, scanned,
          request.format(), InputSlices.splitBytes(request.splitBytes(), hadoop), true);
      List<FileTask> tasks = new ArrayList<>();
      for (DataFile f : scanned) {
        List<LineSlice> fileSlices = slices.get(f.relativePath());
        if (fileSlices == null) {
          tasks.add(FileTask.whole(f));
        } else {
          tasks.add(FileTask.digest(f));
          fileSlices.forEach(sl -> tasks.add(FileTask.slice(f, sl)));
        }
      }
      tasks.sort(Comparator.comparingLong((FileTask t) -> t.digest() ? t.file().size()
          : t.bytes()).reversed());
      jsc.setJobDescription("trainguard scan: " + io.trainguard.jobs.Counts.of(scanned.size(),
          "file") + (tasks.size() > scanned.size() ? " in " + io.trainguard.jobs.Counts.of(
              tasks.size(), "task") : ""));
      results = joined(jsc.parallelize(tasks, tasks.size()).map(task).collect());
    } catch (TrainguardException e) {
      throw e;
    } catch (Exception e) { // Scala code throws SparkException without declaring it
      throw failure(e);
    } finally {
      sharedProtector.destroy();
      sharedConf.destroy();
    }
    results.sort(Comparator.comparing(FileResult::inputPath));
    ProtectJob.checkMalformed(results, request.badRecords());
    return report(runId, started, inRoot, shown, policy, recognizers, keys, selected, results);
  }

  /**
   * One result per input, without outputs: the counts of a file read in slices summed over its
   * slices, its size and digest from its digest task.
   */
  private static List<FileResult> joined(List<FileResult> taskResults) {
    Map<String, List<FileResult>> byInput = new java.util.TreeMap<>();
    taskResults.forEach(r -> byInput.computeIfAbsent(r.inputPath(), k -> new ArrayList<>())
        .add(r));
    List<FileResult> results = new ArrayList<>();
    byInput.forEach((path, rs) -> {
      FileResult whole = rs.stream().filter(r -> r.slice() == null).findFirst().orElseThrow();
      FileStats stats = whole.stats();
      if (rs.size() > 1) {
        stats = new FileStats();
        List<FileResult> slices = new ArrayList<>(rs.stream().filter(r -> r.slice() != null)
            .toList());
        slices.sort(Comparator.comparingInt(r -> r.slice().index()));
        for (FileResult r : slices) {
          stats.addSlice(r.stats());
        }
      }
      results.add(new FileResult(whole.inputPath(), whole.inputUri(), whole.inputEtag(),
          whole.inputVersionId(), whole.format(), whole.inputSize(),
          whole.inputSha256(), null, null, stats));
    });
    return results;
  }

  private Manifest report(String runId, Instant started, Path inRoot, ShownPaths shown,
      LoadedPolicy policy, List<Recognizer> recognizers, OperatorKeys keys,
      InputSelection.Selected selected, List<FileResult> results) {
    CallerIdentity caller = CallerIdentity.of(false);
    Manifest.Run run = new Manifest.Run(runId, "trainguard", Version.get(), Version.commit(),
        started, Instant.now(), shown.text(request.commandLine()), shown.uri(inRoot.toString()),
        "none (scan)", new Manifest.Caller(caller.kind(), caller.id()),
        new Manifest.Spark(context.applicationId(), context.master(), context.version()));
    GateCheck.Decision gate = GateCheck.evaluate(policy.policy().gate(), results);
    Manifest report = ManifestAssembly.assemble(run, new ManifestAssembly.Settings("none",
            request.threshold(), recognizers, Map.of(), policy.policy(), policy.text(),
            new Manifest.DatasetSecret(null, keys.fingerprint(), null, null),
            MacieFusion.run(List.of(), null, inRoot.toString(), List.of(), null), null, null),
        results, gate, null, 0, selected.skipped(), null);
    long values = 0;
    long personal = 0;
    List<Manifest.ScannedFile> files = new ArrayList<>();
    for (FileResult r : results) {
      List<Manifest.ScannedColumn> columns = new ArrayList<>();
      for (Map.Entry<String, long[]> c : r.stats().cellsByField().entrySet()) {
        columns.add(new Manifest.ScannedColumn(c.getKey(), c.getValue()[0], c.getValue()[1]));
        values += c.getValue()[0];
        personal += c.getValue()[1];
      }
      files.add(new Manifest.ScannedFile(r.inputPath(), columns));
    }
    Manifest.Scan scan = new Manifest.Scan(request.sample() == 1 ? "every file"
        : "fraction " + request.sample() + " of the files, by a hash of their paths",
        BigDecimal.valueOf(request.sample()), selected.files().size(), results.size(), files,
        values, personal, values == 0 ? BigDecimal.ZERO
            : BigDecimal.valueOf(personal).divide(BigDecimal.valueOf(values), 4,
                RoundingMode.HALF_UP));
    return report.withScan(scan);
  }

  /** {@code ceil(fraction * n)} files (at least one), those whose path hashes lowest. */
  static List<DataFile> sample(List<DataFile> files, double fraction) {
    if (fraction >= 1) {
      return files;
    }
    int n = Math.max(1, (int) Math.ceil(fraction * files.size()));
    return files.stream().sorted(Comparator.comparing(f -> sha256(f.relativePath())))
        .limit(n).sorted(Comparator.comparing(DataFile::relativePath)).toList();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<DataFile> list(Configuration hadoop, Path root) {
    try {
      List<DataFile> files = Storage.listInput(Storage.fileSystem(root, hadoop), root,
          request.followSymlinks()).files();
      if (files.isEmpty()) {
        throw TrainguardException.input("No data files under " + root
            + " (names starting with _ or . are skipped)");
      }
      return files;
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Input not found: " + root);
      }
      throw TrainguardException.service("Cannot list input " + root + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static RuntimeException failure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainguardException te) {
        return te;
      }
      if (t instanceof IOException io) {
        return TrainguardException.service("Storage failed while scanning files: "
            + io.getClass().getSimpleName(), e);
      }
    }
    return new IllegalStateException("Spark job failed", e);
  }
}
