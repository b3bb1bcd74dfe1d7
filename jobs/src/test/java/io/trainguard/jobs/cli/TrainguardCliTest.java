package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as pipelines use it: exit codes, one-line errors, no data in messages.
 * {@link #run} is how other tests call the CLI in this JVM.
 */
public class TrainguardCliTest {

  /** Exit code, stdout and stderr of one CLI call. */
  public record Run(int code, String out, String err) {}

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get(); // the CLI reuses the JVM's session
  }

  public static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = TrainguardCli.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  String keyring() {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    return "local:" + key;
  }

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("protect", "decrypt", "detect", "verify", "keygen", "demo",
        "Exit codes: 0 done; 1 usage");
    for (String command : new String[] {"protect", "decrypt", "detect", "verify", "keygen", "demo"}) {
      Run r = run(command, "--help");
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: trainguard " + command);
    }
    assertThat(run("--version").out()).startsWith("trainguard 0.1.0");
  }

  @Test
  void usageErrorsExitOne() {
    Run unknown = run("protect", "--input", "a", "--output", "b", "--key", "local:c", "--bogus");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("trainguard: error: Unknown option: '--bogus'");
    assertThat(run().code()).isEqualTo(1);
    assertThat(run("protect", "--input", "x").err()).contains("Missing required options");
  }

  @Test
  void theDemoNamesItsKeyringByAnAbsolutePathSoItsDecryptHintWorksFromAnywhere()
      throws Exception {
    Path relative = Path.of("target", "demo-relative-" + System.nanoTime());
    try {
      Run demo = run("demo", "--dir", relative.toString(), "--rows", "5");
      assertThat(demo.code()).as(demo.err()).isZero();
      assertThat(demo.out()).contains("  decrypt    trainguard decrypt --key local:"
          + relative.toAbsolutePath().resolve("keyring.json") + " --input ");
    } finally {
      try (var paths = Files.walk(relative)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void keygenWritesOwnerOnlyKeyringAndNeverOverwrites() throws Exception {
    Path key = dir.resolve("k.json");
    Run r = run("keygen", "--out", key.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("use it as --key local:" + key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    Run again = run("keygen", "--out", key.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("trainguard: error: Cannot create keyring " + key
        + ": file exists\n");
  }

  @Test
  void keyProblemsExitOne() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    Run missing = run("protect", "--input", input.toString(), "--output",
        dir.resolve("o1").toString(), "--key", "local:" + dir.resolve("nokey.json"));
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("trainguard: error: Cannot read keyring "
        + dir.resolve("nokey.json") + ": no such file\n");

    String key = keyring();
    Path keyFile = Path.of(key.substring("local:".length()));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    Run open = run("protect", "--input", input.toString(), "--output",
        dir.resolve("o2").toString(), "--key", key);
    assertThat(open.code()).isEqualTo(1);
    assertThat(open.err()).contains("group or others can access it");
    assertThat(dir.resolve("o1")).doesNotExist();
    assertThat(dir.resolve("o2")).doesNotExist();
  }

  @Test
  void inputErrorsExitTwoWithOneLineNamingFileAndRowButNoContent() throws Exception {
    String key = keyring();
    Run missing = run("protect", "--input", dir.resolve("nothing").toString(), "--output",
        dir.resolve("o1").toString(), "--key", key);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("trainguard: error: Input not found: file:"
        + dir.resolve("nothing") + "\n");

    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("people.csv"), "name,ssn\nana,536-22-8049,extra\n");
    Run malformed = run("protect", "--input", bad.toString(), "--output",
        dir.resolve("o2").toString(), "--key", key);
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).endsWith("\ntrainguard: error: Malformed CSV in people.csv at"
        + " row 2 (line 2): expected 2 cells, found 3\n");
    assertThat(dir.resolve("o2/_SUCCESS")).doesNotExist();

    Path latin = Files.createDirectories(dir.resolve("latin"));
    Files.write(latin.resolve("a.csv"), "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Run encoding = run("protect", "--input", latin.toString(), "--output",
        dir.resolve("o3").toString(), "--key", key);
    assertThat(encoding.code()).isEqualTo(2);
    assertThat(encoding.err()).endsWith("\ntrainguard: error: Invalid UTF-8 in a.csv at line 2\n");
    assertThat(dir.resolve("o3/_SUCCESS")).doesNotExist();
  }

  @Test
  void protectVerifyDecryptAndTampering() throws Exception {
    String key = keyring();
    Path input = Datasets.write(dir.resolve("in"));
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", input.toString(), "--output", out.toString(),
        "--key", key, "--progress");
    assertThat(protect.code()).as(protect.err()).isZero();
    long size = (Datasets.PEOPLE_CSV + Datasets.NOTES_JSONL).getBytes(StandardCharsets.UTF_8)
        .length;
    assertThat(size).isLessThan(1000);
    assertThat(protect.err()).containsPattern("trainguard: 2/2 files, " + size + "/" + size
        + " bytes, 5 records, [0-9,]+ bytes/s\n");
    assertThat(protect.out()).contains("records    in 5, written 5, quarantined 0, dropped 0",
        "EMAIL_ADDRESS        2", "_trainguard/manifest.json", "trainguard decrypt --key " + key);
    assertThat(protect.out() + protect.err()).doesNotContain("ana.perez").doesNotContain("536-22");
    Run again = run("protect", "--input", input.toString(), "--output", out.toString(),
        "--key", key);
    assertThat(again.code()).isEqualTo(1);
    Path allowedOut = dir.resolve("allowed");
    assertThat(run("protect", "--input", input.toString(), "--output", allowedOut.toString(),
        "--key", key, "--allow", "10.1.2.3").code()).isZero();
    assertThat(run("decrypt", "--key", key, "--input", allowedOut.toString(), "--output",
        dir.resolve("allowed-plain").toString()).code()).isZero();
    assertThat(Files.readString(dir.resolve("allowed-plain/sub/notes.jsonl")))
        .contains("ip 10.1.2.3").doesNotContain("536-22-8049");

    List<String> events = Files.readAllLines(out.resolve("_trainguard/openlineage.jsonl"));
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).contains("\"eventType\":\"START\"");
    assertThat(events.get(1)).contains("\"eventType\":\"COMPLETE\"", "people.csv")
        .doesNotContain("ana.perez").doesNotContain("536-22");

    String manifest = out.resolve("_trainguard/manifest.json").toString();
    Path report = dir.resolve("again.html");
    Run rerender = run("report", "--manifest", manifest, "--out", report.toString(),
        "--key", key);
    assertThat(rerender.code()).as(rerender.err()).isZero();
    assertThat(Files.readString(report)).contains("id=\"records-in\"")
        .isEqualTo(Files.readString(out.resolve("_trainguard/report.html")));
    Run verify = run("verify", "--manifest", manifest, "--key", key);
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).isEqualTo("verified: signature holds, 2 outputs match the manifest\n");
    assertThat(run("verify", "--manifest", manifest).code()).isEqualTo(1);

    Path victim = out.resolve("data/people.csv.enc");
    byte[] bytes = Files.readAllBytes(victim);
    bytes[bytes.length / 2] ^= 1;
    Files.write(victim, bytes);
    Run tampered = run("verify", "--manifest", manifest, "--key", key);
    assertThat(tampered.code()).isEqualTo(2);
    assertThat(tampered.err()).contains(
        "trainguard: verify: data/people.csv.enc: SHA-256 differs from the manifest");

    Path plain = dir.resolve("plain");
    Run decrypt = run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString());
    assertThat(decrypt.code()).isEqualTo(2);
    assertThat(decrypt.err()).isEqualTo("trainguard: error: Cannot decrypt data/people.csv.enc:"
        + " damaged or tampered ciphertext\n");
    assertThat(plain).as("no plaintext, not even of the intact file").doesNotExist();

    Path manifestFile = Path.of(manifest);
    Files.writeString(manifestFile, Files.readString(manifestFile).replace("\"records_in\" : 5",
        "\"records_in\" : 6"));
    Run forged = run("verify", "--manifest", manifest, "--key", key);
    assertThat(forged.err()).contains(
        "trainguard: verify: signature: signature does not match the manifest's content");
  }

  @Test
  void rewrapMovesAnOutputToAnotherKey() throws Exception {
    String oldKey = keyring();
    Path newKeyFile = dir.resolve("new-key.json");
    assertThat(run("keygen", "--out", newKeyFile.toString()).code()).isZero();
    String newKey = "local:" + newKeyFile;
    Path out = dir.resolve("out");
    assertThat(run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        out.toString(), "--key", oldKey).code()).isZero();

    Run rewrap = run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey);
    assertThat(rewrap.code()).as(rewrap.err()).isZero();
    assertThat(rewrap.out()).isEqualTo("rewrapped 2 files of " + out + "; manifest signed again\n");

    String manifest = out.resolve("_trainguard/manifest.json").toString();
    assertThat(run("verify", "--manifest", manifest, "--key", newKey).code()).isZero();
    assertThat(run("verify", "--manifest", manifest, "--key", oldKey).code()).isEqualTo(2);
    Run wrongKey = run("decrypt", "--key", oldKey, "--input", out.toString(), "--output",
        dir.resolve("p1").toString());
    assertThat(wrongKey.code()).isEqualTo(2);
    assertThat(wrongKey.err()).contains("signature: manifest was signed by key");
    assertThat(run("decrypt", "--key", newKey, "--input", out.toString(), "--output",
        dir.resolve("p2").toString()).code()).isZero();
    assertThat(Files.readString(dir.resolve("p2/people.csv"))).isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".rewrap"));
    }
  }

  @Test
  void strictPolicyQuarantinesCredentialRecordsAndCountsThem() throws Exception {
    String key = keyring();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), "id,message\n"
        + "1,deploy ok\n"
        + "2,key AKIAIOSFODNN7EXAMPLE leaked\n"
        + "3,mail bo@example.org\n");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(),
        "--key", key);
    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(protect.out()).contains("records    in 3, written 2, quarantined 1, dropped 0");
    assertThat(out.resolve("quarantine/logs.csv.enc")).exists();
    Path plain = dir.resolve("plain");
    Path review = dir.resolve("review");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString(), "--quarantine-to", review.toString()).code()).isZero();
    assertThat(Files.readString(plain.resolve("logs.csv")))
        .isEqualTo("id,message\n1,deploy ok\n3,mail <EMAIL_ADDRESS>\n");
    assertThat(Files.readString(review.resolve("logs.csv")))
        .isEqualTo("id,message\n2,key AKIAIOSFODNN7EXAMPLE leaked\n");
    Path training = dir.resolve("training");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        training.toString(), "--data-only").out()).startsWith("decrypted 1 file into");
    assertThat(training.resolve("quarantine")).doesNotExist();
    String manifest = Files.readString(out.resolve("_trainguard/manifest.json"));
    assertThat(manifest).contains("\"kind\" : \"quarantine\"", "\"records_quarantined\" : 1",
        "\"name\" : \"strict\"").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    assertThat(run("verify", "--manifest", out.resolve("_trainguard/manifest.json").toString(),
        "--key", key).out()).contains("2 outputs match");
  }

  @Test
  void gateFailureExitsThreeAfterWritingTheManifestButNoSuccess() throws Exception {
    String key = keyring();
    Path policy = dir.resolve("gate.yaml");
    Files.writeString(policy, "version: 1\ndefault: replace\n"
        + "gate:\n  fail_on_entities: [US_SSN]\n  max_pii_fraction_per_column: 0.5\n");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(),
        "--output", out.toString(), "--key", key, "--policy", policy.toString());
    assertThat(protect.code()).isEqualTo(3);
    assertThat(protect.err()).contains("trainguard: error: Gate failed (policy gate.yaml): "
        + "US_SSN found 1 time (policy fails on US_SSN)",
        "people.csv: email: 100.0% of 2 values hold personal data (limit 50.0%)",
        "Manifest and report written; no _SUCCESS.");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
    String manifest = Files.readString(out.resolve("_trainguard/manifest.json"));
    assertThat(manifest).contains("\"decision\" : \"fail\"", "US_SSN found 1 time");
    assertThat(io.trainguard.jobs.manifest.ManifestSchema.violations(
        io.trainguard.jobs.manifest.ManifestReader.parse(manifest.getBytes(StandardCharsets.UTF_8)).document()))
        .isEmpty();
    assertThat(Files.readString(out.resolve("_trainguard/report.html"))).contains("fail");
    List<String> events = Files.readAllLines(out.resolve("_trainguard/openlineage.jsonl"));
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).contains("\"eventType\":\"FAIL\"",
        "\"message\":\"Gate failed: US_SSN found 1 time (policy fails on US_SSN)");
  }

  @Test
  void afterRewrapTheNewKeyAloneDecryptsVerifiesAndDetokenizes() throws Exception {
    String oldKey = keyring();
    Path newKeyFile = dir.resolve("new-key.json");
    assertThat(run("keygen", "--out", newKeyFile.toString()).code()).isZero();
    String newKey = "local:" + newKeyFile;
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("c.jsonl"), "{\"email\": \"ana.perez@example.com\"}\n");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        oldKey, "--policy", Path.of("../samples/policies/reversible.yaml").toString());
    assertThat(protect.code()).as(protect.err()).isZero();

    Run rewrap = run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey);
    assertThat(rewrap.code()).as(rewrap.err()).isZero();
    Run again = run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(out + " is already under the new key; nothing to do\n");
    Files.delete(dir.resolve("key.json")); // the old key is retired

    String manifest = out.resolve("_trainguard/manifest.json").toString();
    Run verify = run("verify", "--manifest", manifest, "--key", newKey);
    assertThat(verify.code()).as(verify.err()).isZero();
    Path plain = dir.resolve("plain");
    Run decrypt = run("decrypt", "--key", newKey, "--input", out.toString(), "--output",
        plain.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    String line = Files.readString(plain.resolve("c.jsonl"));
    String token = line.substring("{\"email\": \"".length(), line.lastIndexOf('"'));
    Run detokenize = run("detokenize", "--key", newKey, "--dataset-secret",
        out.resolve("_trainguard/dataset-secret.enc").toString(), token);
    assertThat(detokenize.code()).as(detokenize.err()).isZero();
    assertThat(detokenize.out()).isEqualTo("ana.perez@example.com\n");
  }

  @Test
  void rewrapMovesADatasetSecretThatAnOlderRewrapLeftUnderTheOldKey() throws Exception {
    String oldKey = keyring();
    Path newKeyFile = dir.resolve("new-key.json");
    assertThat(run("keygen", "--out", newKeyFile.toString()).code()).isZero();
    String newKey = "local:" + newKeyFile;
    Path out = dir.resolve("out");
    assertThat(run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        out.toString(), "--key", oldKey).code()).isZero();
    Path secret = out.resolve("_trainguard/dataset-secret.enc");
    byte[] underOldKey = Files.readAllBytes(secret);
    assertThat(run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey).code())
        .isZero();
    Files.write(secret, underOldKey); // the files under the new key, the secret under the old

    Run repair = run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey);
    assertThat(repair.code()).as(repair.err()).isZero();
    assertThat(repair.out()).isEqualTo("rewrapped the dataset secret of " + out
        + "; its files were already under the new key\n");
    assertThat(Files.readAllBytes(secret)).isNotEqualTo(underOldKey);
    assertThat(run("rewrap", "--input", out.toString(), "--key", oldKey, "--to", newKey).out())
        .isEqualTo(out + " is already under the new key; nothing to do\n");
    Files.delete(dir.resolve("key.json"));
    Run detokenize = run("detokenize", "--key", newKey, "--dataset-secret", secret.toString(),
        "tok_EMAIL_ADDRESS_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertThat(detokenize.err()).doesNotContain("dataset secret")
        .contains("Cannot detokenize token 1");
    Run verify = run("verify", "--manifest", out.resolve("_trainguard/manifest.json").toString(),
        "--key", newKey);
    assertThat(verify.code()).as(verify.err()).isZero();
  }

  @Test
  void aTokenOfAnotherRunIsNamedAsNotBelongingToThisDatasetSecret() throws Exception {
    String key = keyring();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("c.jsonl"), "{\"email\": \"ana.perez@example.com\"}\n");
    for (String out : List.of("out-a", "out-b")) {
      assertThat(run("protect", "--input", in.toString(), "--output",
          dir.resolve(out).toString(), "--key", key, "--policy",
          Path.of("../samples/policies/reversible.yaml").toString()).code()).isZero();
    }
    Path plain = dir.resolve("plain");
    assertThat(run("decrypt", "--key", key, "--input", dir.resolve("out-a").toString(),
        "--output", plain.toString()).code()).isZero();
    String line = Files.readString(plain.resolve("c.jsonl"));
    String token = line.substring("{\"email\": \"".length(), line.lastIndexOf('"'));

    Run other = run("detokenize", "--key", key, "--dataset-secret",
        dir.resolve("out-b/_trainguard/dataset-secret.enc").toString(), token);
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.out()).isEmpty();
    assertThat(other.err()).isEqualTo("trainguard: error: Cannot detokenize token 1: it does not"
        + " belong to this dataset secret and key (a token of another run, or altered)\n");
  }

  @Test
  void aSharedDatasetSecretIsCheckedAgainstTheManifestNamedByManifest() throws Exception {
    String key = keyring();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("c.jsonl"), "{\"email\": \"ana.perez@example.com\"}\n");
    Path out = dir.resolve("out");
    String secret = dir.resolve("shared.enc").toString();
    assertThat(run("protect", "--input", in.toString(), "--output", out.toString(), "--key", key,
        "--policy", Path.of("../samples/policies/reversible.yaml").toString(),
        "--dataset-secret", secret).code()).isZero();
    Path plain = dir.resolve("plain");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString()).code()).isZero();
    String line = Files.readString(plain.resolve("c.jsonl"));
    String token = line.substring("{\"email\": \"".length(), line.lastIndexOf('"'));

    Run unnamed = run("detokenize", "--key", key, "--dataset-secret", secret, token);
    Run named = run("detokenize", "--key", key, "--dataset-secret", secret, "--manifest",
        out.resolve("_trainguard/manifest.json").toString(), token);
    Run unchecked = run("detokenize", "--key", key, "--dataset-secret", secret, "--no-manifest",
        token);

    assertThat(unnamed.code()).isEqualTo(1);
    assertThat(unnamed.out()).isEmpty();
    assertThat(unnamed.err()).isEqualTo("trainguard: error: detokenize needs --manifest: the"
        + " dataset secret is checked against the run's signed manifest (--no-manifest for one"
        + " that no manifest records)\n");
    assertThat(named.code()).as(named.err()).isZero();
    assertThat(named.out()).isEqualTo("ana.perez@example.com\n");
    assertThat(unchecked.code()).as(unchecked.err()).isZero();
    assertThat(unchecked.out()).isEqualTo("ana.perez@example.com\n");
  }

  @Test
  void aKmsKeyWithoutASigningKeyIsRefusedBeforeAnyKeyServiceIsCalled() throws Exception {
    Path in = Datasets.write(dir.resolve("in"));
    Path out = dir.resolve("out");
    for (String kms : List.of("alias/training-data",
        "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")) {
      Run r = run("protect", "--input", in.toString(), "--output", out.toString(), "--key", kms);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("trainguard: error: protect needs --signing-key with a KMS"
          + " --key: a symmetric KMS key cannot sign the manifest\n");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void reversiblePolicyTokensRoundTripThroughDetokenize() throws Exception {
    String key = keyring();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("c.jsonl"), "{\"email\": \"ana.perez@example.com\"}\n");
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        key, "--policy", Path.of("../samples/policies/reversible.yaml").toString());
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString()).code()).isZero();
    String line = Files.readString(plain.resolve("c.jsonl"));
    assertThat(line).startsWith("{\"email\": \"tok_EMAIL_ADDRESS_").doesNotContain("ana.perez");
    String token = line.substring("{\"email\": \"".length(), line.lastIndexOf('"'));
    String secret = out.resolve("_trainguard/dataset-secret.enc").toString();
    Run detokenize = run("detokenize", "--key", key, "--dataset-secret", secret, token);
    assertThat(detokenize.code()).as(detokenize.err()).isZero();
    assertThat(detokenize.out()).isEqualTo("ana.perez@example.com\n");
    int middle = token.length() - 10; // inside the payload, away from the padding bits
    char flipped = token.charAt(middle) == 'a' ? 'b' : 'a';
    Run tampered = run("detokenize", "--key", key, "--dataset-secret", secret,
        token.substring(0, middle) + flipped + token.substring(middle + 1));
    assertThat(tampered.code()).isEqualTo(2);
    assertThat(tampered.err()).contains("Cannot detokenize token 1").doesNotContain("ana");
  }

  @Test
  void invalidPolicyIsAUsageErrorNamingTheKey() throws Exception {
    Path policy = dir.resolve("bad.yaml");
    Files.writeString(policy, "version: 1\nentities:\n  EMAIL_ADDRESS: maskk[*]\n");
    Run r = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        dir.resolve("out").toString(), "--key", keyring(), "--policy", policy.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("entities.EMAIL_ADDRESS").contains("maskk");
  }

  @Test
  void macieOnlyOccurrencesAreRedactedWholeAndCountedAsMacie() throws Exception {
    String key = keyring();
    Path in = Files.createDirectories(dir.resolve("in"));
    String csv = "id,who,note\n1,Qx Vz,ok\n2,Yy Ww,ok\n3,Zz Tt,mail bo@example.org\n";
    Files.writeString(in.resolve("people.csv"), csv);
    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(csv.getBytes(StandardCharsets.UTF_8)));
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw-bucket"},
            "s3Object": {"key": "copy/people.csv", "eTag": "%s", "size": %d}},
          "classificationDetails": {"jobId": "job-7", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [{"type": "NAME", "count": 1,
              "occurrences": {"cells": [{"row": 3, "column": 2, "columnName": "who"}]}}]}]}}}]}
        """.formatted(md5, csv.length()));
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(),
        "--key", key, "--macie", findings.toString(), "--macie-key-prefix", "copy/");
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString()).code()).isZero();
    assertThat(Files.readString(plain.resolve("people.csv"))).isEqualTo(
        "id,who,note\n1,Qx Vz,ok\n2,<PERSON>,ok\n3,Zz Tt,mail <EMAIL_ADDRESS>\n");
    var manifest = io.trainguard.jobs.manifest.ManifestReader.parse(
        Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).document();
    assertThat(manifest.path("findings").path("PERSON").path("sources").toString())
        .isEqualTo("{\"local\":0,\"macie\":1,\"both\":0}");
    assertThat(manifest.path("findings").path("EMAIL_ADDRESS").path("sources").toString())
        .isEqualTo("{\"local\":1,\"macie\":0,\"both\":0}");
    assertThat(manifest.path("config").path("macie").path("job_ids").toString())
        .isEqualTo("[\"job-7\"]");
    assertThat(io.trainguard.jobs.manifest.ManifestSchema.violations(manifest)).isEmpty();
  }

  @Test
  void labelColumnFlagsPoisonedRecordsIntoOutliersFile() throws Exception {
    String key = keyring();
    var poisoned = io.trainguard.samples.poison.TabularPoisonGenerator.generate(600, 0.02, 11L);
    Path in = Files.createDirectories(dir.resolve("in"));
    io.trainguard.samples.poison.PoisonWriters.writeCsv(poisoned, in.resolve("t.csv"));
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        key, "--id-column", "id", "--label-column", "label");
    assertThat(protect.code()).as(protect.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("_trainguard/outliers.jsonl"));
    java.util.Set<String> flagged = new java.util.HashSet<>();
    for (String line : lines) {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      assertThat(node.path("file").asText()).isEqualTo("t.csv");
      assertThat(node.path("score").asDouble()).isBetween(0.0, 1.0);
      assertThat(node.path("reasons").size()).isPositive();
      flagged.add(node.path("record_id").asText());
    }
    long found = poisoned.poisonedIds().stream().filter(flagged::contains).count();
    assertThat((double) found / poisoned.poisonedIds().size()).as("recall").isGreaterThanOrEqualTo(0.9);
    var manifest = io.trainguard.jobs.manifest.ManifestReader.parse(
        Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).document();
    assertThat(manifest.path("poisoning").path("flagged").asLong()).isEqualTo(lines.size());
    assertThat(manifest.path("poisoning").path("records").asLong()).isEqualTo(600);
    assertThat(manifest.path("poisoning").path("thresholds").path("feature_outliers")
        .path("trees").asInt()).isEqualTo(100);
    assertThat(io.trainguard.jobs.manifest.ManifestSchema.violations(manifest)).isEmpty();
    assertThat(manifest.path("accounting").path("records_in").asLong()).isEqualTo(600);
    assertThat(run("protect", "--input", in.toString(), "--output", dir.resolve("o2").toString(),
        "--key", key, "--label-column", "label").err()).contains("--label-column needs --id-column");
  }

  @Test
  void detectPrintsPackWarningsAndHonoursPackMode() throws Exception {
    Path in = dir.resolve("pm.jsonl");
    Files.writeString(in, "{\"id\": 1, \"text\": \"ana@example.com 536-22-8049\"}\n");
    Path pack = dir.resolve("registry.yaml");
    Files.writeString(pack, "recognizers: [EmailRecognizer, ItPassportRecognizer]\n");
    Path outFile = dir.resolve("pm.out");
    String warning = "trainguard: warning: Predefined recognizer ItPassportRecognizer in pack"
        + " registry.yaml is not available in trainguard; ignored\n";

    Run extend = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--pack", pack.toString());
    assertThat(extend.code()).as(extend.err()).isZero();
    assertThat(extend.err()).isEqualTo(warning);
    assertThat(Files.readString(outFile)).contains("EMAIL_ADDRESS", "US_SSN");

    Run replace = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--pack", pack.toString(), "--pack-mode", "replace");
    assertThat(replace.code()).as(replace.err()).isZero();
    assertThat(replace.err()).isEqualTo(warning);
    assertThat(Files.readString(outFile)).contains("EMAIL_ADDRESS").doesNotContain("US_SSN");

    Run bad = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--pack-mode", "merge");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("trainguard: error: Invalid value for option"
        + " '--pack-mode': 'merge' (allowed: extend, replace) (see 'trainguard detect --help')\n");
  }

  @Test
  void protectPrintsPackWarningsAndRecordsPackMode() throws Exception {
    Path input = Files.createDirectories(dir.resolve("pw"));
    Files.writeString(input.resolve("a.csv"), "note\nmail ana@example.com\n");
    Path pack = dir.resolve("nlp.yaml");
    Files.writeString(pack, "recognizers: [EmailRecognizer, EsPassportRecognizer]\n");
    Run r = run("protect", "--input", input.toString(), "--output",
        dir.resolve("pw-out").toString(), "--key", keyring(), "--pack", pack.toString(),
        "--pack-mode", "replace");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("trainguard: warning:")))
        .containsExactly("trainguard: warning: Predefined recognizer EsPassportRecognizer in"
            + " pack nlp.yaml is not available in trainguard; ignored");
    assertThat(Files.readString(dir.resolve("pw-out/_trainguard/manifest.json")))
        .contains("--pack-mode replace");
  }

  @Test
  void detectFollowsTheContract() throws Exception {
    Path in = dir.resolve("d.jsonl");
    Files.writeString(in, """
        {"id": "x1", "text": "mail ana.perez@example.com now"}
        {"id": 2, "text": "nothing"}

        {"id": {"k": 1}, "text": "\\ud83d\\ude00 SSN 536-22-8049"}
        """);
    Path outFile = dir.resolve("d.out");
    Run r = run("detect", "--input", in.toString(), "--output", outFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(outFile)).isEqualTo("""
        {"id":"x1","findings":[{"entity":"EMAIL_ADDRESS","start":5,"end":26,"score":1,\
        "source":"local","recognizer":"EmailRecognizer"}]}
        {"id":2,"findings":[]}
        {"id":{"k":1},"findings":[{"entity":"US_SSN","start":6,"end":17,"score":0.85,\
        "source":"local","recognizer":"UsSsnRecognizer"}]}
        """);
    Run only = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--entities", "US_SSN");
    assertThat(only.code()).isZero();
    assertThat(Files.readString(outFile)).doesNotContain("EMAIL_ADDRESS").contains("US_SSN");
    Files.delete(outFile);
    Run misspelt = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--entities", "US_SSN,EMAIL,CREDITCARD");
    assertThat(misspelt.code()).isEqualTo(1);
    assertThat(misspelt.err()).startsWith("trainguard: error: Invalid --entities: EMAIL,"
        + " CREDITCARD (no recognizer reports them; entities: ")
        .contains(" CREDIT_CARD, ", " EMAIL_ADDRESS, ", " US_SSN").endsWith(")\n")
        .hasLineCount(1);
    assertThat(outFile).doesNotExist();

    Run allowed = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--allow", "ana.perez@example.com", "--allow-regex", "[0-9]{3}-22-[0-9]{4}");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(Files.readString(outFile)).doesNotContain("EMAIL_ADDRESS").doesNotContain("US_SSN");
    Run badRegex = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--allow-regex", "(unclosed");
    assertThat(badRegex.code()).isEqualTo(1);
    assertThat(badRegex.err()).contains("Invalid --allow-regex: Unclosed group");

    Path findings = dir.resolve("macie.json");
    Files.writeString(findings, """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "in/d.jsonl"}},
          "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [
              {"type": "EMAIL_ADDRESS", "count": 1, "occurrences": {"records": [
                 {"recordIndex": 0, "jsonPath": "$.text"}]}},
              {"type": "NAME", "count": 1, "occurrences": {"records": [
                 {"recordIndex": 1, "jsonPath": "$.text"}]}}]}]}}}]}
        """);
    Run fused = run("detect", "--input", in.toString(), "--output", outFile.toString(),
        "--macie", findings.toString(), "--macie-key-prefix", "in");
    assertThat(fused.code()).as(fused.err()).isZero();
    assertThat(Files.readString(outFile)).isEqualTo("""
        {"id":"x1","findings":[{"entity":"EMAIL_ADDRESS","start":5,"end":26,"score":1,\
        "source":"both","recognizer":"EmailRecognizer"}]}
        {"id":2,"findings":[{"entity":"PERSON","start":0,"end":7,"score":1,\
        "source":"macie","recognizer":"macie"}]}
        {"id":{"k":1},"findings":[{"entity":"US_SSN","start":6,"end":17,"score":0.85,\
        "source":"local","recognizer":"UsSsnRecognizer"}]}
        """);

    Files.writeString(in, "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"text\": 536-22-8049}\n");
    Run bad = run("detect", "--input", in.toString(), "--output", outFile.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("trainguard: error: Invalid JSON in " + in + " at line 2\n");

    Files.write(in, "{\"id\": 1, \"text\": \"ok\"}\n\n{\"id\": 2, \"text\": \"caf\u00e9\"}\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    Run latin1 = run("detect", "--input", in.toString(), "--output", outFile.toString());
    assertThat(latin1.code()).isEqualTo(2);
    assertThat(latin1.err()).isEqualTo("trainguard: error: Invalid UTF-8 in " + in + " at line 3\n");
  }

  @Test
  void noEncryptionWritesRedactedDataInPlaintextAndKeepsQuarantineEncrypted() throws Exception {
    String key = keyring();
    Path input = Files.createDirectories(dir.resolve("plain-in"));
    Files.writeString(input.resolve("a.csv"), "id,email,note\n1,ana@example.com,hi\n"
        + "2,bo@example.org,key AKIAQZXCANARY7B3XYZW\n");
    Path out = dir.resolve("plain-out");
    Run protect = run("protect", "--input", input.toString(), "--output", out.toString(),
        "--key", key, "--no-encryption");
    assertThat(protect.code()).as(protect.err()).isZero();

    assertThat(Files.readString(out.resolve("data/a.csv")))
        .isEqualTo("id,email,note\n1,<EMAIL_ADDRESS>,hi\n");
    assertThat(out.resolve("data/a.csv.enc")).doesNotExist();
    assertThat(new String(Files.readAllBytes(out.resolve("quarantine/a.csv.enc")),
        StandardCharsets.ISO_8859_1)).doesNotContain("AKIAQZXCANARY7B3XYZW", "bo@example.org");
    com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("_trainguard/manifest.json").toFile());
    assertThat(manifest.path("config").path("data_encryption").asText()).isEqualTo("none");
    assertThat(manifest.path("run").path("command_line").asText()).contains("--no-encryption");
    assertThat(manifest.path("outputs").findValuesAsText("path"))
        .containsExactly("data/a.csv", "quarantine/a.csv.enc");
    assertThat(manifest.path("outputs").get(0).path("encryption").toString())
        .isEqualTo("{\"format\":\"none\",\"algorithm\":\"none\",\"key_id\":\"none\","
            + "\"context\":{}}");
    assertThat(io.trainguard.jobs.manifest.ManifestSchema.violations(manifest)).isEmpty();
    assertThat(run("verify", "--manifest", out.resolve("_trainguard/manifest.json").toString(),
        "--key", key).code()).isZero();
    Path plain = dir.resolve("plain-copy");
    Path review = dir.resolve("review");
    assertThat(run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString(), "--quarantine-to", review.toString()).code()).isZero();
    assertThat(Files.readString(plain.resolve("a.csv")))
        .isEqualTo("id,email,note\n1,<EMAIL_ADDRESS>,hi\n");
    assertThat(Files.readString(review.resolve("a.csv")))
        .isEqualTo("id,email,note\n2,bo@example.org,key AKIAQZXCANARY7B3XYZW\n");

    Run both = run("protect", "--input", input.toString(), "--output",
        dir.resolve("x").toString(), "--key", key, "--no-encryption",
        "--parquet-encryption", "columnar");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).isEqualTo("trainguard: error: --no-encryption and --parquet-encryption"
        + " columnar exclude each other\n");
  }
}
