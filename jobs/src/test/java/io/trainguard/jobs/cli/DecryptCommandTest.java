package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.ProtectedOutputs.copy;
import static io.trainguard.jobs.cli.ProtectedOutputs.filesUnder;
import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestWriter;
import io.trainguard.jobs.manifest.OutputLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decrypt} trusts nothing it has not verified: the signed manifest, {@code _SUCCESS}, the
 * signed gate and the exact signed list come first, and a failure writes nothing.
 */
class DecryptCommandTest {

  private static final List<String> DATA = List.of("logs.csv", "people.csv", "sub/notes.jsonl");

  @TempDir
  static Path fixtures;
  static ProtectedOutputs outputs;

  @TempDir
  Path dir;

  @BeforeAll
  static void protect() throws Exception {
    outputs = ProtectedOutputs.create(fixtures);
  }

  private Run decrypt(Path input, Path output, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--key", outputs.key(),
        "--input", input.toString(), "--output", output.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void plainDecryptWritesOnlyDataOwnerOnly() throws Exception {
    Path plain = dir.resolve("plain");
    Run r = decrypt(outputs.passed(), plain);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("decrypted 3 files into " + plain + "\n");
    assertThat(filesUnder(plain)).isEqualTo(DATA);
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
        .isEqualTo(Datasets.NOTES_JSONL_REDACTED);
    assertThat(Files.readString(plain.resolve("logs.csv"))).isEqualTo("id,message\n1,deploy ok\n");
    for (String f : DATA) {
      assertThat(perms(plain.resolve(f))).as(f).isEqualTo("rw-------");
    }
    assertThat(perms(plain)).isEqualTo("rwx------");
    assertThat(perms(plain.resolve("sub"))).isEqualTo("rwx------");
  }

  @Test
  void quarantineGoesOnlyIntoTheDirectoryNamedForIt() throws Exception {
    Path plain = dir.resolve("plain");
    Path review = dir.resolve("review");
    Run r = decrypt(outputs.passed(), plain, "--quarantine-to", review.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("decrypted 3 files into " + plain + ", 1 quarantine file into "
        + review + "\n");
    assertThat(filesUnder(plain)).isEqualTo(DATA);
    assertThat(filesUnder(review)).containsExactly("logs.csv");
    assertThat(Files.readString(review.resolve("logs.csv"))).isEqualTo("id,message\n"
        + "2,Ana Perez ana.perez@example.com key AKIAIOSFODNN7EXAMPLE leaked\n");
    assertThat(perms(review.resolve("logs.csv"))).isEqualTo("rw-------");
    assertThat(perms(review)).isEqualTo("rwx------");

    Path inside = dir.resolve("p2");
    Run nested = decrypt(outputs.passed(), inside, "--quarantine-to",
        inside.resolve("quarantine").toString());
    assertThat(nested.code()).isEqualTo(1);
    assertThat(nested.err()).isEqualTo("trainguard: error: Invalid --quarantine-to: "
        + inside.resolve("quarantine") + " (it must be outside --output " + inside + ")\n");
    assertThat(inside).doesNotExist();
    Run around = decrypt(outputs.passed(), inside.resolve("x"), "--quarantine-to",
        inside.toString());
    assertThat(around.code()).isEqualTo(1);
    assertThat(inside).doesNotExist();

    Path legacy = dir.resolve("legacy");
    Run dataOnly = decrypt(outputs.passed(), legacy, "--data-only");
    assertThat(dataOnly.code()).as(dataOnly.err()).isZero();
    assertThat(filesUnder(legacy)).isEqualTo(DATA);
    Run both = decrypt(outputs.passed(), dir.resolve("both"), "--data-only", "--quarantine-to",
        review.toString());
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err())
        .isEqualTo("trainguard: error: --data-only and --quarantine-to exclude each other\n");
  }

  @Test
  void plaintextIsNeverWrittenInsideTheProtectedOutputEvenThroughALink() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    List<String> protectedFiles = filesUnder(out);
    Path link = Files.createSymbolicLink(dir.resolve("link"), out.resolve("data"));

    Run inside = decrypt(out, out.resolve("plain"));
    Run same = decrypt(out, out);
    Run linked = decrypt(out, link.resolve("plain"));
    Run review = decrypt(out, dir.resolve("plain"), "--quarantine-to",
        out.resolve("review").toString());

    assertThat(inside.code()).isEqualTo(1);
    assertThat(inside.err()).isEqualTo("trainguard: error: Invalid --output: "
        + out.resolve("plain") + " (it must be outside --input " + out
        + ", the protected output)\n");
    assertThat(same.code()).isEqualTo(1);
    assertThat(same.err()).isEqualTo("trainguard: error: Invalid --output: " + out
        + " (it must be outside --input " + out + ", the protected output)\n");
    assertThat(linked.code()).isEqualTo(1);
    assertThat(linked.err()).isEqualTo("trainguard: error: Invalid --output: "
        + link.resolve("plain") + " (it must be outside --input " + out
        + ", the protected output)\n");
    assertThat(review.code()).isEqualTo(1);
    assertThat(review.err()).isEqualTo("trainguard: error: Invalid --quarantine-to: "
        + out.resolve("review") + " (it must be outside --input " + out
        + ", the protected output)\n");
    assertThat(filesUnder(out)).isEqualTo(protectedFiles);
    assertThat(dir.resolve("plain")).doesNotExist();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "0640, rw-r-----, rwxr-x---",
      "660, rw-rw----, rwxrwx---",
      "0644, rw-r--r--, rwxr-xr-x",
      "0600, rw-------, rwx------"})
  void fileModeSetsThePermissionsOfDataAndQuarantineWhateverTheUmask(String mode, String files,
      String directories) throws Exception {
    Path plain = dir.resolve("plain");
    Path review = dir.resolve("review");
    Run r = decrypt(outputs.passed(), plain, "--quarantine-to", review.toString(),
        "--file-mode", mode);

    assertThat(r.code()).as(r.err()).isZero();
    for (String f : DATA) {
      assertThat(perms(plain.resolve(f))).as(f).isEqualTo(files);
    }
    assertThat(perms(review.resolve("logs.csv"))).isEqualTo(files);
    assertThat(perms(plain)).isEqualTo(directories);
    assertThat(perms(plain.resolve("sub"))).isEqualTo(directories);
    assertThat(perms(review)).isEqualTo(directories);
    try (var left = Files.list(plain)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "logs.csv", "people.csv", "sub");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "0400|'0400' (allowed: a mode whose owner reads and writes, 0600 and up)",
      "0700|'0700' (allowed: a mode without execute bits)",
      "0654|'0654' (allowed: a mode without execute bits)",
      "0648|'0648' (allowed: an octal mode such as 0600 or 0640)",
      "u+rw|'u+rw' (allowed: an octal mode such as 0600 or 0640)",
      "04640|'04640' (allowed: an octal mode such as 0600 or 0640)"})
  void aBadFileModeIsAUsageErrorAndWritesNothing(String mode, String why) {
    Path plain = dir.resolve("plain");
    Run r = decrypt(outputs.passed(), plain, "--file-mode", mode);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Invalid value for option '--file-mode': "
        + why + " (see 'trainguard decrypt --help')\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void decryptHelpDescribesFileMode() {
    Run help = run("decrypt", "--help");
    assertThat(help.out().replaceAll("\\s+", " ")).contains("--file-mode=MODE")
        .contains("Files are created 0600, new directories 0700, unless --file-mode says otherwise")
        .contains("(default 0600: the owner only; 0640 shares them with the group)")
        .contains("(0640: 0750). Applies to --quarantine-to too.");
  }

  @Test
  void aKmsKeyNeedsTheKeyThatSignedTheManifest() {
    Run r = run("decrypt", "--key", "alias/training-data", "--input",
        outputs.passed().toString(), "--output", dir.resolve("plain").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: decrypt needs --signing-key with a KMS"
        + " --key: the manifest's signature is checked first\n");
  }

  @Test
  void oneFileAloneIsNotDecryptedSinceNoManifestVouchesForIt() {
    Path file = outputs.passed().resolve("data/people.csv.enc");
    Run r = decrypt(file, dir.resolve("plain"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Invalid --input: " + file
        + " (expected the output root of a protect run)\n");
    assertThat(dir.resolve("plain")).doesNotExist();
  }

  @Test
  void anInjectedPlaintextFileWithItsOwnManifestEntryIsRefused() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    byte[] injected = "id,message\n9,poison\n".getBytes(StandardCharsets.UTF_8);
    Files.write(out.resolve("data/injected.csv"), injected);
    String digest = sha256(injected);
    editManifest(out, m -> m.withArray("outputs").addObject()
        .put("path", "data/injected.csv").put("kind", "data").put("size", injected.length)
        .put("sha256", digest).putObject("encryption").put("format", "none"));
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": signature: signature does not match the manifest's content\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void anEditedGateDecisionWithAForgedSuccessIsRefused() throws Exception {
    Path out = copy(outputs.gateFailed(), dir.resolve("out"));
    editManifest(out, m -> m.putObject("gate").put("decision", "pass").putArray("reasons"));
    Files.write(out.resolve("_SUCCESS"), new byte[0]);
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": signature: signature does not match the manifest's content\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void aDeletedOutputIsRefused() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.delete(out.resolve("data/sub/notes.jsonl.enc"));
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": data/sub/notes.jsonl.enc: missing\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void anExtraFileIsRefusedEvenAHiddenOne() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.copy(out.resolve("data/people.csv.enc"), out.resolve("data/zz.csv.enc"));
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": data/zz.csv.enc: not listed in the manifest\n");
    assertThat(plain).doesNotExist();

    Files.delete(out.resolve("data/zz.csv.enc"));
    Files.writeString(out.resolve("quarantine/.extra.csv"), "id\n1\n");
    Run hidden = decrypt(out, plain);
    assertThat(hidden.code()).isEqualTo(2);
    assertThat(hidden.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": quarantine/.extra.csv: not listed in the manifest\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void aGateFailedOutputIsRefusedEvenWithAForgedSuccess() throws Exception {
    Path out = copy(outputs.gateFailed(), dir.resolve("out"));
    Path plain = dir.resolve("plain");
    String refused = "trainguard: error: Cannot decrypt " + out + ": the signed gate failed"
        + " (US_SSN found 1 time (policy fails on US_SSN)); --allow-failed-gate decrypts it"
        + " for an audit\n";

    Files.write(out.resolve("_SUCCESS"), new byte[0]);
    Run forged = decrypt(out, plain);
    assertThat(forged.code()).isEqualTo(3);
    assertThat(forged.err()).isEqualTo(refused);
    assertThat(plain).doesNotExist();

    Files.delete(out.resolve("_SUCCESS"));
    Run r = decrypt(out, plain);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo(refused);
    Run audit = decrypt(out, plain, "--allow-failed-gate");
    assertThat(audit.code()).as(audit.err()).isZero();
    assertThat(filesUnder(plain)).isEqualTo(DATA);
  }

  @Test
  void aPassedOutputWithoutSuccessIsRefused() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Files.delete(out.resolve("_SUCCESS"));
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt " + out
        + ": _SUCCESS: missing (the run did not complete)\n");
    assertThat(plain).doesNotExist();
  }

  @Test
  void aSymlinkPlantedAtTheTemporaryNameIsNotFollowed() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "victim\n");
    Path plain = Files.createDirectory(dir.resolve("plain"));
    Path planted = Files.createSymbolicLink(plain.resolve(".people.csv._trainguard_partial"),
        victim);

    Run r = decrypt(outputs.passed(), plain);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(victim)).isEqualTo("victim\n");
    assertThat(Files.isSymbolicLink(plain.resolve("people.csv"))).isFalse();
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(Files.isSymbolicLink(planted)).as("not ours to delete").isTrue();
  }

  @Test
  void aSymlinkPlantedAtADirectoryOrFileNameIsRefused() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path plain = Files.createDirectory(dir.resolve("plain"));
    Files.createSymbolicLink(plain.resolve("sub"), elsewhere);

    Run r = decrypt(outputs.passed(), plain);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt data/sub/notes.jsonl.enc: "
        + plain.resolve("sub") + " is not a directory\n");
    assertThat(filesUnder(elsewhere)).isEmpty();
    assertThat(filesUnder(plain)).containsExactly("sub");

    Files.delete(plain.resolve("sub"));
    Path victim = Files.writeString(dir.resolve("victim"), "victim\n");
    Files.createSymbolicLink(plain.resolve("people.csv"), victim);
    Run exists = decrypt(outputs.passed(), plain);
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err()).isEqualTo("trainguard: error: Cannot decrypt data/people.csv.enc: "
        + plain.resolve("people.csv") + " exists\n");
    assertThat(Files.readString(victim)).isEqualTo("victim\n");
    assertThat(filesUnder(plain)).containsExactly("people.csv");
  }

  @Test
  void anOutputUnderAFileIsAUsageErrorNamingTheFile() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "someone's notes");

    Run r = decrypt(outputs.passed(), notes.resolve("plain"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt data/logs.csv.enc: "
        + notes + " is not a directory\n");
    assertThat(notes).hasContent("someone's notes");
  }

  @Test
  void aBadFileMidwayLeavesNothingBehind() throws Exception {
    Path out = copy(outputs.passed(), dir.resolve("out"));
    Path victim = out.resolve("data/sub/notes.jsonl.enc");
    byte[] bytes = Files.readAllBytes(victim);
    bytes[bytes.length / 2] ^= 1;
    Files.write(victim, bytes);
    Path fresh = dir.resolve("fresh");

    Run r = decrypt(out, fresh);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt data/sub/notes.jsonl.enc:"
        + " damaged or tampered ciphertext\n");
    assertThat(fresh).doesNotExist();

    Path existing = Files.createDirectory(dir.resolve("existing"));
    Files.writeString(existing.resolve("mine.txt"), "mine\n");
    Path review = dir.resolve("review");
    assertThat(decrypt(out, existing, "--quarantine-to", review.toString()).code()).isEqualTo(2);
    assertThat(filesUnder(existing)).containsExactly("mine.txt");
    assertThat(review).doesNotExist();
  }

  @Test
  void aChangedPlaintextOutputIsRefused() throws Exception {
    Path in = Datasets.write(dir.resolve("in"));
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        outputs.key(), "--no-encryption");
    assertThat(protect.code()).as(protect.err()).isZero();
    Files.writeString(out.resolve("data/people.csv"),
        Datasets.PEOPLE_CSV_REDACTED.replace(",1,0.25", ",0,0.25")); // a flipped label
    Path plain = dir.resolve("plain");

    Run r = decrypt(out, plain);

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot decrypt data/people.csv:"
        + " SHA-256 differs from the manifest\n");
    assertThat(plain).doesNotExist();
  }

  private static void editManifest(Path out, java.util.function.Consumer<ObjectNode> edit)
      throws Exception {
    Path file = out.resolve(OutputLayout.MANIFEST);
    ObjectNode m = ManifestReader.parse(Files.readAllBytes(file)).document();
    edit.accept(m);
    Files.write(file, ManifestWriter.bytes(m));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
