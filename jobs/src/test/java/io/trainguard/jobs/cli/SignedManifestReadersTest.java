package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.ProtectedOutputs.copy;
import static io.trainguard.jobs.cli.ProtectedOutputs.filesUnder;
import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rewrap, report and decrypt trust an output only as far as its signed manifest vouches for it:
 * the signature, the exact list of files and each file's digest.
 */
class SignedManifestReadersTest {

  @TempDir
  static Path fixtures;
  static ProtectedOutputs outputs;
  static String otherKey;

  @TempDir
  Path dir;

  @BeforeAll
  static void protect() throws Exception {
    outputs = ProtectedOutputs.create(fixtures);
    Path other = fixtures.resolve("other-key.json");
    assertThat(run("keygen", "--out", other.toString()).code()).isZero();
    otherKey = "local:" + other;
  }

  private static Run rewrap(Path out) {
    return run("rewrap", "--input", out.toString(), "--key", outputs.key(), "--to", otherKey);
  }

  @Test
  void rewrapRefusesAFileTheManifestDoesNotList() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.copy(out.resolve("data/people.csv.enc"), out.resolve("data/zz.csv.enc"));
    byte[] manifest = Files.readAllBytes(out.resolve("_trainguard/manifest.json"));
    List<String> before = filesUnder(out);

    Run r = rewrap(out);

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot rewrap file:" + out
        + ": data/zz.csv.enc: not listed in the manifest\n");
    assertThat(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).isEqualTo(manifest);
    assertThat(filesUnder(out)).isEqualTo(before);
  }

  @Test
  void rewrapRefusesAnOutputWhoseDataIsASymbolicLinkAndLeavesWhatItNamesAlone()
      throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path elsewhere = Files.move(out.resolve("data"), dir.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("data"), elsewhere);
    byte[] people = Files.readAllBytes(elsewhere.resolve("people.csv.enc"));
    byte[] manifest = Files.readAllBytes(out.resolve("_trainguard/manifest.json"));

    Run r = rewrap(out);

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot rewrap file:" + out
        + ": data: a symbolic link (trainguard writes none)\n");
    assertThat(Files.readAllBytes(elsewhere.resolve("people.csv.enc"))).isEqualTo(people);
    assertThat(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).isEqualTo(manifest);
  }

  @Test
  void rewrapRefusesTheDatasetSecretOfAnotherRunUnderTheSameKey() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.copy(outputs.gateFailed().resolve("_trainguard/dataset-secret.enc"),
        out.resolve("_trainguard/dataset-secret.enc"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    byte[] manifest = Files.readAllBytes(out.resolve("_trainguard/manifest.json"));
    List<String> before = filesUnder(out);

    Run r = rewrap(out);

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Dataset secret file:" + out
        + "/_trainguard/dataset-secret.enc is not the one the signed manifest records (another"
        + " run's secret, or replaced)\n");
    assertThat(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).isEqualTo(manifest);
    assertThat(filesUnder(out)).isEqualTo(before);
  }

  @Test
  void rewrapRefusesAListedFileWhoseBytesChanged() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path victim = out.resolve("data/people.csv.enc");
    long size = Files.size(victim);
    Files.write(victim, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    byte[] manifest = Files.readAllBytes(out.resolve("_trainguard/manifest.json"));
    List<String> before = filesUnder(out);

    Run r = rewrap(out);

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot rewrap file:" + out
        + ": data/people.csv.enc: size is " + (size + 1) + ", manifest says " + size + "\n");
    assertThat(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).isEqualTo(manifest);
    assertThat(filesUnder(out)).isEqualTo(before);
  }

  @Test
  void rewrapOfAMissingInputIsOneLineNamingIt() {
    Path missing = dir.resolve("nothing");

    Run r = run("rewrap", "--input", missing.toString(), "--key", outputs.key(), "--to",
        otherKey);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Input not found: file:" + missing + "\n");
    assertThat(missing).doesNotExist();
  }

  @Test
  void reportOutUnderAFileOrOnADirectoryIsAUsageErrorNamingIt() throws Exception {
    String manifest = outputs.passed().resolve("_trainguard/manifest.json").toString();
    Path notes = Files.writeString(dir.resolve("notes.txt"), "someone's notes");
    Path under = notes.resolve("sub/report.html");

    Run r = run("report", "--manifest", manifest, "--out", under.toString(), "--key",
        outputs.key());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot write report " + under + ": "
        + notes + " is not a directory\n");
    assertThat(notes).hasContent("someone's notes");

    Path folder = Files.createDirectories(dir.resolve("folder"));
    Run onDirectory = run("report", "--manifest", manifest, "--out", folder.toString(), "--key",
        outputs.key());
    assertThat(onDirectory.code()).isEqualTo(1);
    assertThat(onDirectory.err()).isEqualTo("trainguard: error: Cannot write report " + folder
        + ": it is a directory\n");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void reportRefusesAManifestWhoseSignatureDoesNotHold() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path manifest = out.resolve("_trainguard/manifest.json");
    Files.writeString(manifest, Files.readString(manifest)
        .replace("\"decision\" : \"pass\"", "\"decision\" : \"fail\""));
    Path report = dir.resolve("report.html");

    Run forged = run("report", "--manifest", manifest.toString(), "--out", report.toString(),
        "--key", outputs.key());

    assertThat(forged.code()).isEqualTo(2);
    assertThat(forged.err()).isEqualTo("trainguard: error: Cannot render the report of "
        + manifest + ": signature does not match the manifest's content\n");
    assertThat(report).doesNotExist();

    Run unchecked = run("report", "--manifest", manifest.toString(), "--out",
        report.toString());
    assertThat(unchecked.code()).isEqualTo(1);
    assertThat(unchecked.err()).isEqualTo("trainguard: error: report needs --key (local:PATH or"
        + " the KMS signing key) to check the signature, or --unverified to render a manifest"
        + " whose signature is not checked\n");
    assertThat(report).doesNotExist();

    Path intact = outputs.passed().resolve("_trainguard/manifest.json");
    Run ok = run("report", "--manifest", intact.toString(), "--out", report.toString(),
        "--key", outputs.key());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(Files.readString(report))
        .isEqualTo(Files.readString(outputs.passed().resolve("_trainguard/report.html")));
    Files.delete(report);
    assertThat(run("report", "--manifest", manifest.toString(), "--out", report.toString(),
        "--unverified").code()).isZero();
    assertThat(Files.readString(report)).contains("data-decision=\"fail\"");
  }

  @Test
  void decryptRemovesTheStagingDirectoryADecryptKilledMidRunLeft() throws Exception {
    Path plain = dir.resolve("plain");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path staging = plain.resolve(".trainguard-decrypt-" + gone.pid() + "@"
        + java.net.InetAddress.getLocalHost().getHostName() + "-4242");
    Files.createDirectories(staging.resolve("sub"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(staging.resolve("people.csv"), "plaintext a killed decrypt left\n");
    Path live = plain.resolve(".trainguard-decrypt-" + ProcessHandle.current().pid() + "@"
        + java.net.InetAddress.getLocalHost().getHostName() + "-4343");
    Files.createDirectories(live);

    Run r = run("decrypt", "--key", outputs.key(), "--input", outputs.passed().toString(),
        "--output", plain.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(staging).doesNotExist();
    assertThat(live).as("a live decrypt's staging directory is not ours").isDirectory();
    assertThat(filesUnder(plain)).containsExactly("logs.csv", "people.csv", "sub/notes.jsonl");
  }
}
