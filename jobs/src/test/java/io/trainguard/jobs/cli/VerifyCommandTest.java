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
}
