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

  @TempDir
  Path dir;

  @BeforeAll
  static void protect() throws Exception {
    outputs = ProtectedOutputs.create(fixtures);
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
}
