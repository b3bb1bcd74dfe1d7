package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.ProtectedOutputs.copy;
import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} passes only a complete, gate-passed output that holds exactly what was signed. */
class VerifyCommandTest {

  private static final String GATE_FAILED = "trainguard: verify: gate: failed (US_SSN found 1"
      + " time (policy fails on US_SSN))\n";

  @TempDir
  static Path fixtures;
  static ProtectedOutputs outputs;
  /** A gate-passed output with signed {@code _trainguard/} files: original names and outliers. */
  static Path signedMetadata;

  @TempDir
  Path dir;

  @BeforeAll
  static void protect() throws Exception {
    outputs = ProtectedOutputs.create(fixtures);
    Path in = Files.createDirectories(fixtures.resolve("in-named"));
    StringBuilder csv = new StringBuilder("id,label,amount,text\n");
    for (int i = 0; i < 40; i++) {
      csv.append("r").append(i).append(i % 2 == 0 ? ",ham," : ",spam,").append(10 + i % 7)
          .append(i % 2 == 0 ? ",meeting at noon\n" : ",buy now cheap\n");
    }
    Files.writeString(in.resolve("jane.roe@example.org.csv"), csv.append("r40,ham,99999,x\n"));
    signedMetadata = fixtures.resolve("named");
    Run r = run("protect", "--input", in.toString(), "--output", signedMetadata.toString(),
        "--key", outputs.key(), "--label-column", "label", "--id-column", "id");
    assertThat(r.code()).as(r.err()).isZero();
  }

  private Run verify(Path output) {
    return run("verify", "--manifest", output.resolve(OutputLayout.MANIFEST).toString(), "--key",
        outputs.key());
  }

  @Test
  void anIntactOutputWhoseGatePassedVerifies() {
    Run r = verify(outputs.passed());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("verified: signature holds, 4 outputs match the manifest\n");
  }

  @Test
  void anIntactOutputWhoseGateFailedExitsThree() {
    Run r = verify(outputs.gateFailed());

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(GATE_FAILED
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aForgedSuccessOnAGateFailedOutputExitsThreeAndIsNamed() throws Exception {
    Path out = copy(outputs.gateFailed(), dir.resolve("out"));
    Files.write(out.resolve("_SUCCESS"), new byte[0]);

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo(GATE_FAILED
        + "trainguard: verify: _SUCCESS: present although the signed gate failed\n"
        + "trainguard: error: verification failed (2 problems)\n");
  }

  @Test
  void aMissingSuccessFails() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.delete(out.resolve("_SUCCESS"));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: _SUCCESS: missing (the run did not complete)\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void filesTheManifestDoesNotListAreErrors() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.writeString(out.resolve("data/extra.csv"), "id\n1\n");
    Files.createDirectories(out.resolve("quarantine/sub"));
    Files.copy(out.resolve("quarantine/logs.csv.enc"), out.resolve("quarantine/sub/.x.enc"));
    Files.delete(out.resolve("data/people.csv.enc"));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: data/extra.csv: not listed in the manifest\n"
        + "trainguard: verify: data/people.csv.enc: missing\n"
        + "trainguard: verify: quarantine/sub/.x.enc: not listed in the manifest\n"
        + "trainguard: error: verification failed (3 problems)\n");
  }

  @Test
  void aSymbolicLinkAnywhereInTheOutputFailsThoughItNamesTheSignedBytes() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path people = Files.move(out.resolve("data/people.csv.enc"), dir.resolve("people.csv.enc"));
    Files.createSymbolicLink(out.resolve("data/people.csv.enc"), people);
    Path trainguard = Files.move(out.resolve("_trainguard"), dir.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("_trainguard"), trainguard);
    Files.createSymbolicLink(out.resolve("quarantine/loop"), out.resolve("quarantine"));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: _trainguard: a symbolic link (trainguard writes none)\n"
        + "trainguard: verify: data/people.csv.enc: a symbolic link (trainguard writes none)\n"
        + "trainguard: verify: quarantine/loop: a symbolic link (trainguard writes none)\n"
        + "trainguard: error: verification failed (3 problems)\n");
  }

  @Test
  void anEditedGateIsASignatureFailureNotAPass() throws Exception {
    Path out = copy(outputs.gateFailed(), dir.resolve("out"));
    Path file = out.resolve(OutputLayout.MANIFEST);
    var m = ManifestReader.parse(Files.readAllBytes(file)).document();
    m.putObject("gate").put("decision", "pass").putArray("reasons");
    Files.write(file, ManifestWriter.bytes(m));
    Files.write(out.resolve("_SUCCESS"), new byte[0]);

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: signature: signature does not match the manifest's content\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void theSignedNamesAndOutliersFilesOfAnIntactOutputVerify() throws Exception {
    assertThat(signedMetadata.resolve(OutputLayout.NAMES)).isNotEmptyFile();
    assertThat(Files.readAllLines(signedMetadata.resolve(OutputLayout.OUTLIERS))).isNotEmpty();

    Run r = verify(signedMetadata);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("verified: signature holds, 1 output matches the manifest\n");
  }

  @Test
  void anEditedByteOfTheOriginalNamesFileFails() throws Exception {
    Path out = copy(signedMetadata, dir.resolve("out"));
    Path names = out.resolve(OutputLayout.NAMES);
    byte[] bytes = Files.readAllBytes(names);
    bytes[bytes.length - 5] ^= 1;
    Files.write(names, bytes);

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: _trainguard/names.enc: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aMissingOriginalNamesFileFails() throws Exception {
    Path out = copy(signedMetadata, dir.resolve("out"));
    Files.delete(out.resolve(OutputLayout.NAMES));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: verify: _trainguard/names.enc: missing\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aFlaggedRecordRemovedFromTheOutliersFileFails() throws Exception {
    Path out = copy(signedMetadata, dir.resolve("out"));
    Path outliers = out.resolve(OutputLayout.OUTLIERS);
    long size = Files.size(outliers);
    List<String> lines = Files.readAllLines(outliers);
    Files.write(outliers, lines.subList(1, lines.size()));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: verify: _trainguard/outliers.jsonl: size is "
        + Files.size(outliers) + ", manifest says " + size + "\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void anOutliersFileWithAnotherRecordIdOfTheSameSizeOrDeletedFails() throws Exception {
    Path edited = copy(signedMetadata, dir.resolve("edited"));
    Path outliers = edited.resolve(OutputLayout.OUTLIERS);
    StringBuilder text = new StringBuilder(Files.readString(outliers));
    int digit = text.indexOf("\"record_id\":\"r") + 14;
    text.setCharAt(digit, (char) ('0' + (text.charAt(digit) - '0' + 1) % 10));
    long size = Files.size(outliers);
    Files.writeString(outliers, text);
    assertThat(Files.size(outliers)).isEqualTo(size);
    Path deleted = copy(signedMetadata, dir.resolve("deleted"));
    Files.delete(deleted.resolve(OutputLayout.OUTLIERS));

    Run e = verify(edited);
    Run d = verify(deleted);

    assertThat(e.code()).isEqualTo(2);
    assertThat(e.err()).isEqualTo(
        "trainguard: verify: _trainguard/outliers.jsonl: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).isEqualTo("trainguard: verify: _trainguard/outliers.jsonl: missing\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aDatasetSecretSwappedForAnotherRunsUnderTheSameKeyFails() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path secret = out.resolve(OutputLayout.DATASET_SECRET);
    Files.copy(outputs.gateFailed().resolve(OutputLayout.DATASET_SECRET), secret,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path deleted = copy(outputs.passed(), dir.resolve("deleted"));
    Files.delete(deleted.resolve(OutputLayout.DATASET_SECRET));

    Run r = verify(out);
    Run d = verify(deleted);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: _trainguard/dataset-secret.enc: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).isEqualTo("trainguard: verify: _trainguard/dataset-secret.enc: missing\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void anEditedByteOfTheReportOrOfTheLineageEventsFails() throws Exception {
    Path report = copy(outputs.passed(), dir.resolve("report"));
    flipLastByte(report.resolve(OutputLayout.REPORT));
    Path lineage = copy(outputs.passed(), dir.resolve("lineage"));
    flipLastByte(lineage.resolve(OutputLayout.LINEAGE));

    Run r = verify(report);
    Run l = verify(lineage);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: _trainguard/report.html: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(l.code()).isEqualTo(2);
    assertThat(l.err()).isEqualTo(
        "trainguard: verify: _trainguard/openlineage.jsonl: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aDeletedReportOrLineageEventsFileFails() throws Exception {
    Path report = copy(outputs.passed(), dir.resolve("report"));
    Files.delete(report.resolve(OutputLayout.REPORT));
    Path lineage = copy(outputs.passed(), dir.resolve("lineage"));
    Files.delete(lineage.resolve(OutputLayout.LINEAGE));

    Run r = verify(report);
    Run l = verify(lineage);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: verify: _trainguard/report.html: missing\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(l.code()).isEqualTo(2);
    assertThat(l.err()).isEqualTo("trainguard: verify: _trainguard/openlineage.jsonl: missing\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void theReportAndLineageEventsOfAnotherRunFail() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    long reportSize = Files.size(out.resolve(OutputLayout.REPORT));
    long lineageSize = Files.size(out.resolve(OutputLayout.LINEAGE));
    for (String file : List.of(OutputLayout.REPORT, OutputLayout.LINEAGE)) {
      Files.copy(outputs.gateFailed().resolve(file), out.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: verify: _trainguard/report.html: size is "
        + Files.size(out.resolve(OutputLayout.REPORT)) + ", manifest says " + reportSize + "\n"
        + "trainguard: verify: _trainguard/openlineage.jsonl: size is "
        + Files.size(out.resolve(OutputLayout.LINEAGE)) + ", manifest says " + lineageSize
        + "\n"
        + "trainguard: error: verification failed (2 problems)\n");
  }

  @Test
  void theManifestSignsTheDigestsOfTheReportAndTheLineageEventsAsWritten() throws Exception {
    var m = ManifestReader.parse(Files.readAllBytes(
        outputs.passed().resolve(OutputLayout.MANIFEST))).manifest();

    assertThat(m.derivedFiles()).containsExactly(
        derived(outputs.passed(), OutputLayout.REPORT),
        derived(outputs.passed(), OutputLayout.LINEAGE));
  }

  private static void flipLastByte(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 1;
    Files.write(file, bytes);
  }

  private static io.trainguard.jobs.manifest.Manifest.DerivedFile derived(Path out, String path)
      throws Exception {
    byte[] bytes = Files.readAllBytes(out.resolve(path));
    return new io.trainguard.jobs.manifest.Manifest.DerivedFile(path, (long) bytes.length,
        java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  private Run verify(Path output, Path input) {
    return run("verify", "--manifest", output.resolve(OutputLayout.MANIFEST).toString(), "--key",
        outputs.key(), "--input", input.toString());
  }

  @Test
  void anOutputVerifiesAgainstTheInputItWasMadeOfWhateverProtectDoesNotList() throws Exception {
    Path in = copy(fixtures.resolve("in"), dir.resolve("in"));
    Files.writeString(in.resolve("_SUCCESS"), "");
    Files.writeString(in.resolve("sub/.notes.jsonl.swp"), "x");

    Run r = verify(outputs.passed(), in);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("verified: signature holds, 4 outputs match the manifest,"
        + " 3 inputs match the input\n");
  }

  @Test
  void anEarlierOutputReplayedOverTheCurrentOneFailsAgainstTheInputAsItIsNow() throws Exception {
    Path in = copy(fixtures.resolve("in"), dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), ProtectedOutputs.LOGS_CSV + "3,deploy ok\n");
    Path current = dir.resolve("current");
    Run protect = run("protect", "--input", in.toString(), "--output", current.toString(),
        "--key", outputs.key());
    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(verify(current, in).code()).isZero();
    try (var files = Files.walk(current)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    copy(outputs.passed(), current);

    Run replayed = verify(current, in);

    assertThat(replayed.code()).isEqualTo(2);
    assertThat(replayed.out()).isEmpty();
    assertThat(replayed.err()).isEqualTo("trainguard: verify: input logs.csv: size is "
        + Files.size(in.resolve("logs.csv")) + ", manifest says "
        + ProtectedOutputs.LOGS_CSV.length() + "\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(verify(current).code()).as("without --input a replay is a signed output").isZero();
  }

  @Test
  void onlyTheFirstInputThatDiffersIsNamedAndNeverItsContent() throws Exception {
    Path in = copy(fixtures.resolve("in"), dir.resolve("in"));
    String people = Files.readString(in.resolve("people.csv"));
    int digit = people.indexOf("212-555-0187");
    assertThat(digit).isPositive();
    Files.writeString(in.resolve("people.csv"),
        people.substring(0, digit) + "313" + people.substring(digit + 3));
    Files.delete(in.resolve("sub/notes.jsonl"));

    Run r = verify(outputs.passed(), in);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: input people.csv: SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aMissingInputAndFilesAddedToTheInputFail() throws Exception {
    Path missing = copy(fixtures.resolve("in"), dir.resolve("missing"));
    Files.delete(missing.resolve("sub/notes.jsonl"));
    Path added = copy(fixtures.resolve("in"), dir.resolve("added"));
    Files.writeString(added.resolve("sub/2026-12-07.csv"), "id,message\n3,deploy ok\n");

    Run m = verify(outputs.passed(), missing);
    Run a = verify(outputs.passed(), added);

    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).isEqualTo("trainguard: verify: input sub/notes.jsonl: missing, or its"
        + " size or SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(a.code()).isEqualTo(2);
    assertThat(a.err()).isEqualTo(
        "trainguard: verify: input: 1 file the manifest does not list\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void aSkippedInputNoLongerThereExcusesNoOtherFileAddedToTheInput() throws Exception {
    Path in = copy(fixtures.resolve("in"), dir.resolve("in"));
    Files.writeString(in.resolve("blob.bin"), "x");
    Files.writeString(in.resolve("jane.roe@example.org.bin"), "y");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        outputs.key(), "--skip-unsupported");
    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(verify(out, in).code()).isZero();
    Files.delete(in.resolve("blob.bin"));
    Files.writeString(in.resolve("added.csv"), "id,message\n3,deploy ok\n");
    Path renamed = copy(in, dir.resolve("renamed"));
    Files.delete(renamed.resolve("added.csv"));
    Files.move(renamed.resolve("jane.roe@example.org.bin"), renamed.resolve("jane.roe.csv"));

    Run added = verify(out, in);
    Run supported = verify(out, renamed);

    assertThat(added.code()).isEqualTo(2);
    assertThat(added.err()).isEqualTo(
        "trainguard: verify: input: 1 file the manifest does not list\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(supported.code()).isEqualTo(2);
    assertThat(supported.err()).isEqualTo(
        "trainguard: verify: input: 1 file the manifest does not list\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void anOutputOfPartOfItsInputVerifiesGivenTheSameIncludeAndExclude() throws Exception {
    Path in = fixtures.resolve("in");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        outputs.key(), "--include", "*.csv", "--exclude", "logs.*");
    assertThat(protect.code()).as(protect.err()).isZero();
    String manifest = out.resolve(OutputLayout.MANIFEST).toString();

    Run all = verify(out, in);
    Run same = run("verify", "--manifest", manifest, "--key", outputs.key(), "--input",
        in.toString(), "--include", "*.csv", "--exclude", "logs.*");
    Run withoutInput = run("verify", "--manifest", manifest, "--key", outputs.key(),
        "--include", "*.csv");

    assertThat(all.code()).isEqualTo(2);
    assertThat(all.err()).isEqualTo(
        "trainguard: verify: input: 2 files the manifest does not list\n"
        + "trainguard: error: verification failed (1 problem)\n");
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).isEqualTo("verified: signature holds, 1 output matches the manifest,"
        + " 1 input matches the input\n");
    assertThat(withoutInput.code()).isEqualTo(1);
    assertThat(withoutInput.err()).isEqualTo("trainguard: error: --include and --exclude select"
        + " files of --input: give --input too\n");
  }

  @Test
  void anInputListedUnderAPseudonymIsFoundByItsDigestAndNamedByItsPseudonym() throws Exception {
    Path in = fixtures.resolve("in-named");
    String shown = ManifestReader.parse(Files.readAllBytes(
        signedMetadata.resolve(OutputLayout.MANIFEST))).manifest().inputs().get(0).path();
    assertThat(shown).startsWith("name_EMAIL_ADDRESS_").endsWith(".csv");
    Path edited = copy(in, dir.resolve("in"));
    Path file = edited.resolve("jane.roe@example.org.csv");
    Files.writeString(file, Files.readString(file).replace("99999", "99998"));

    Run intact = verify(signedMetadata, in);
    Run r = verify(signedMetadata, edited);

    assertThat(intact.code()).as(intact.err()).isZero();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: verify: input " + shown + ": missing, or its"
        + " size or SHA-256 differs from the manifest\n"
        + "trainguard: error: verification failed (1 problem)\n");
  }

  @Test
  void filesOutsideTheRecordAreasThatTheManifestDoesNotAccountForAreErrors() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.writeString(out.resolve("README.txt"), "approved");
    Files.writeString(out.resolve("_SUCCESS"), "{}");
    Files.writeString(out.resolve("_trainguard/_RUN"), "{}");
    Files.copy(out.resolve(OutputLayout.REPORT), out.resolve("_trainguard/report-final.html"));

    Run r = verify(out);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(
        "trainguard: verify: README.txt: not listed in the manifest\n"
        + "trainguard: verify: _SUCCESS: not empty (trainguard writes it empty)\n"
        + "trainguard: verify: _trainguard/_RUN: not listed in the manifest\n"
        + "trainguard: verify: _trainguard/report-final.html: not listed in the manifest\n"
        + "trainguard: error: verification failed (4 problems)\n");
  }

  @Test
  void aManifestWrittenBeforeTheReportWasSignedVerifiesWithItsUnsignedReport() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path file = out.resolve(OutputLayout.MANIFEST);
    var older = ManifestReader.parse(Files.readAllBytes(file)).manifest()
        .withDerivedFiles(List.of());
    Files.write(file, ManifestWriter.bytes(ManifestWriter.sign(older,
        io.trainguard.encryption.KeyProviders.open(outputs.key(), null).signer())));
    Files.writeString(out.resolve(OutputLayout.REPORT), "<html>edited</html>");

    Run r = verify(out);

    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void aDatasetSecretTheRunWasGivenInsideItsOutputIsAccountedFor() throws Exception {
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", fixtures.resolve("in").toString(), "--output",
        out.toString(), "--key", outputs.key(), "--dataset-secret",
        out.resolve("_trainguard/shared.enc").toString());
    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(out.resolve("_trainguard/shared.enc")).isNotEmptyFile();

    Run r = verify(out);

    assertThat(r.code()).as(r.err()).isZero();
  }
}
