package io.trainguard.jobs.protect;

import io.trainguard.classifiers.Recognizer;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.poisoning.PoisoningPolicy;
import io.trainguard.redaction.Policy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Assembles the manifest of a protect run from its configuration and per-file results. */
final class ManifestAssembly {

  /**
   * The configuration that shaped the output, as the driver holds it; {@code parquetEncryption}
   * and {@code encryptData} are null for a scan, which writes no output.
   */
  record Settings(String keyId, double threshold, List<Recognizer> recognizers,
      Map<String, String> packSha256, Policy policy, String policyText,
      Manifest.DatasetSecret datasetSecret, MacieFusion.Result macie,
      ParquetEncryption.Mode parquetEncryption, Boolean encryptData) {}

  /**
   * The poisoning scan of a run, with the policy it ran under, the label column shown and the
   * outliers file's bytes, whose size and SHA-256 the manifest signs.
   */
  record Scan(PoisoningScan.Result result, PoisoningPolicy policy, String labelColumn,
      long acted, byte[] outliers) {}

  private ManifestAssembly() {}

  /**
   * The unsigned manifest; {@code names} (the encrypted file of original names) and
   * {@code scan} may be null; {@code skipped} are inputs not read, as shown.
   */
  static Manifest assemble(Manifest.Run run, Settings settings, List<FileResult> files,
      GateCheck.Decision gate, StoredOutput names, int renamedInputs, List<String> skipped,
      Scan scan) {
    List<Manifest.Input> inputs = new ArrayList<>();
    List<Manifest.Output> outputs = new ArrayList<>();
    Map<String, Long> findingCounts = new TreeMap<>();
    Map<String, Set<String>> fields = new TreeMap<>();
    Map<String, long[]> provenance = new TreeMap<>();
    boolean everyFileBalanced = true;
    long recordsIn = 0;
    long recordsWritten = 0;
    long recordsQuarantined = 0;
    long recordsDropped = 0;
    long recordsMalformed = 0;
    for (FileResult f : files) {
      inputs.add(input(f));
      if (f.data() != null) {
        outputs.add(output(f.data(), Manifest.Kind.DATA, f.inputPath(), f.stats().written(),
            settings.keyId()));
      }
      if (f.metadata() != null) {
        outputs.add(output(f.metadata(), Manifest.Kind.METADATA, f.inputPath(), 0,
            settings.keyId()));
      }
      if (f.quarantine() != null) {
        outputs.add(output(f.quarantine(), Manifest.Kind.QUARANTINE, f.inputPath(),
            f.stats().quarantined(), settings.keyId()));
      }
      for (FileResult.Part part : f.parts()) {
        outputs.add(new Manifest.Output(part.stored().path(), f.inputPath(), part.kind(),
            part.stored().size(), part.stored().sha256(), part.records(),
            encryption(part.stored(), settings.keyId()),
            new Manifest.Part(part.of(), part.index(), part.count())));
      }
      everyFileBalanced &= f.stats().balanced();
      recordsIn += f.stats().records();
      recordsWritten += f.stats().written();
      recordsQuarantined += f.stats().quarantined();
      recordsDropped += f.stats().dropped();
      recordsMalformed += f.stats().malformed();
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
    Map<String, Manifest.EntityFindings> findings = new LinkedHashMap<>();
    findingCounts.forEach((entity, count) -> {
      long[] p = provenance.getOrDefault(entity, new long[] {count, 0, 0});
      Map<String, Long> sources = new LinkedHashMap<>();
      sources.put("local", p[0]);
      sources.put("macie", p[1]);
      sources.put("both", p[2]);
      findings.put(entity, new Manifest.EntityFindings(count, sources,
          List.copyOf(fields.getOrDefault(entity, Set.of())),
          settings.policy().actionFor(entity, null).spec()));
    });
    return new Manifest(Manifest.VERSION, run, config(settings), inputs, outputs, findings,
        // balanced files sum to balanced totals
        new Manifest.Accounting(recordsIn, recordsWritten, recordsQuarantined, recordsDropped,
            recordsMalformed == 0 ? null : recordsMalformed, everyFileBalanced),
        new Manifest.Gate(gate.passed() ? Manifest.Gate.PASS : Manifest.Gate.FAIL,
            gate.reasons()),
        names == null ? null : new Manifest.Names(names.path(), names.size(), names.sha256(),
            renamedInputs, encryption(names, settings.keyId())),
        skipped.stream().map(path -> new Manifest.SkippedInput(path, "unsupported")).toList(),
        scan == null ? null : poisoning(scan), List.of(), null, List.of(), null, Map.of());
  }

  private static Manifest.Config config(Settings s) {
    MacieFusion.Result m = s.macie();
    return new Manifest.Config(s.keyId(), new BigDecimal(Double.toString(s.threshold())),
        s.recognizers().stream().map(r -> new Manifest.RecognizerRef(r.name(), r.entity()))
            .toList(),
        s.packSha256().entrySet().stream().map(e -> new Manifest.Pack(e.getKey(), e.getValue()))
            .toList(),
        new Manifest.PolicyRef(s.policy().name(), sha256(s.policyText()), s.policyText()),
        new Manifest.Macie(m.sources(), List.copyOf(m.jobIds()), List.copyOf(m.resultLocations()),
            m.occurrences(), m.stale(), m.unmatched(), m.warnings().size()),
        s.datasetSecret(),
        s.parquetEncryption() == null ? null : s.parquetEncryption().id(),
        s.encryptData() == null ? null : s.encryptData() ? "encrypted" : StoredOutput.NONE);
  }

  private static Manifest.Input input(FileResult f) {
    List<Manifest.ColumnPlan> plan = f.stats().plans().stream()
        .map(p -> new Manifest.ColumnPlan(p.column(), p.entity(),
            BigDecimal.valueOf(p.confidence()), (long) p.sampleSize(), "first records",
            p.reason()))
        .toList();
    Map<String, Manifest.FileFindings> fileFindings = new LinkedHashMap<>();
    f.stats().findingsByEntity().forEach((entity, n) ->
        fileFindings.put(entity, new Manifest.FileFindings(n, null)));
    return new Manifest.Input(f.inputPath(), f.inputUri(), f.inputEtag(), f.inputVersionId(),
        f.format().id(), f.inputSize(), f.inputSha256(), f.stats().records(),
        f.stats().written(), f.stats().quarantined(), f.stats().dropped(),
        f.stats().malformed() == 0 ? null : f.stats().malformed(), f.stats().nulledByField(), List.copyOf(f.stats().untouchedFields()),
        f.stats().fallbacksByEntity(), f.stats().quarantineReason(),
        fileFindings, plan);
  }

  private static Manifest.Output output(StoredOutput stored, Manifest.Kind kind, String source,
      long records, String keyId) {
    return new Manifest.Output(stored.path(), source, kind, stored.size(), stored.sha256(),
        records, encryption(stored, keyId));
  }

  private static Manifest.Encryption encryption(StoredOutput stored, String keyId) {
    return new Manifest.Encryption(stored.format(), stored.algorithm(),
        StoredOutput.NONE.equals(stored.format()) ? StoredOutput.NONE : keyId,
        new TreeMap<>(stored.context()),
        ParquetEncryption.FORMAT.equals(stored.format()) ? stored.columnKeyColumns() : null);
  }

  private static Manifest.Poisoning poisoning(Scan scan) {
    PoisoningScan.Result r = scan.result();
    PoisoningPolicy.Action action = scan.policy().action();
    return new Manifest.Poisoning(action.id(), scan.labelColumn(), r.records(), r.flagged(),
        BigDecimal.valueOf(r.records() == 0 ? 0
            : Math.round(10_000.0 * r.flagged() / r.records()) / 10_000.0),
        OutputLayout.OUTLIERS, (long) scan.outliers().length, sha256(scan.outliers()),
        action == PoisoningPolicy.Action.QUARANTINE ? scan.acted() : 0,
        action == PoisoningPolicy.Action.DROP ? scan.acted() : 0,
        scan.policy().maxFlaggedFraction().isPresent()
            ? BigDecimal.valueOf(scan.policy().maxFlaggedFraction().getAsDouble()) : null,
        List.copyOf(scan.policy().enabled()), r.byReason(),
        CanonicalJson.MAPPER.valueToTree(scan.policy().settings()), r.skipped());
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
