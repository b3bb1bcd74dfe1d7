package io.trainguard.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Rewrapper;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.DatasetSecret;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * protect and rewrap die (or the disk fills up) at each step that changes the output, one step
 * per attempt; rerunning the same command, with nothing else done, ends in the same verified
 * output as an uninterrupted run.
 */
class CommitCrashTest {

  @TempDir
  Path dir;
  SparkSession spark;
  Configuration conf;
  LocalKeyring key;
  Path input;

  @BeforeEach
  void setUp() throws IOException {
    spark = SparkTestSession.get();
    conf = spark.sparkContext().hadoopConfiguration();
    conf.set("fs.flaky.impl", FlakyLocalFileSystem.class.getName());
    conf.setBoolean("fs.flaky.impl.disable.cache", true);
    conf.set("trainguard.lease.heartbeat", "1h"); // so that each attempt makes the same changes
    key = LocalKeyring.generate(dir.resolve("keyring.json"));
    input = Datasets.write(dir.resolve("in"));
  }

  @AfterEach
  void tearDown() {
    FlakyLocalFileSystem.disarm();
    conf.unset("trainguard.lease.heartbeat");
  }

  /** The built-in policy: its redaction does not depend on the dataset secret. */
  private void protect(Path out) {
    new ProtectJob(spark, ProtectRequest.builder(input.toString(), "flaky://" + out, key.spec())
        .commandLine("test").build()).execute();
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
          .toList();
    }
  }

  private void assertVerified(Path out, LocalKeyring with, List<String> expectedFiles)
      throws Exception {
    assertThat(files(out)).isEqualTo(expectedFiles);
    assertThat(new Verifier(conf).verify(out + "/_trainguard/manifest.json", with.signer())
        .holds()).isTrue();
    Path plain = Files.createTempDirectory(dir, "plain");
    new Decryptor(conf, with).decrypt(out.toString(), plain.toString());
    assertThat(files(plain)).containsExactly("people.csv", "sub/notes.jsonl");
    assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
        .isEqualTo(Files.readString(dir.resolve("reference-plain/sub/notes.jsonl")));
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo(Files.readString(dir.resolve("reference-plain/people.csv")));
  }

  @ParameterizedTest
  @EnumSource(FlakyLocalFileSystem.Fault.class)
  void protectRerunAfterAFaultAtAnyStepGivesTheVerifiedOutput(FlakyLocalFileSystem.Fault fault)
      throws Exception {
    Path reference = dir.resolve("reference");
    FlakyLocalFileSystem.arm(fault, Integer.MAX_VALUE);
    protect(reference);
    int steps = FlakyLocalFileSystem.disarm();
    new Decryptor(conf, key).decrypt(reference.toString(), dir.resolve("reference-plain")
        .toString());
    List<String> expected = files(reference);
    assertThat(steps).isGreaterThanOrEqualTo(expected.size());

    List<Integer> failedAt = new ArrayList<>();
    for (int step = 1; step <= steps; step++) {
      Path out = dir.resolve("out-" + step);
      FlakyLocalFileSystem.arm(fault, step);
      try {
        protect(out);
      } catch (RuntimeException e) {
        failedAt.add(step);
        assertThat(out.resolve("_SUCCESS")).as("step " + step).doesNotExist();
      } finally {
        FlakyLocalFileSystem.disarm();
      }
      if (failedAt.contains(step)) {
        protect(out); // the same command again
      }
      assertVerified(out, key, expected);
    }
    // on a full disk, deleting _RUN and writing the empty _SUCCESS still work
    assertThat(failedAt).as("the fault made runs fail").contains(1)
        .hasSizeGreaterThanOrEqualTo(steps - 2);
  }

  @org.junit.jupiter.api.Test
  void aSharedDatasetSecretLeftHalfWrittenByAFullDiskIsNotKept() throws Exception {
    Path out = dir.resolve("out");
    String secret = "flaky://" + dir.resolve("shared/secret.enc");
    ProtectRequest request = ProtectRequest.builder(input.toString(), "flaky://" + out,
        key.spec()).datasetSecret(secret).commandLine("test").build();
    FlakyLocalFileSystem.arm(FlakyLocalFileSystem.Fault.DISK_FULL, 2); // the lease, the secret
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> new ProtectJob(spark, request).execute())
          .hasMessageStartingWith("Cannot open dataset secret");
    } finally {
      FlakyLocalFileSystem.disarm();
    }
    assertThat(dir.resolve("shared/secret.enc")).doesNotExist();
    new ProtectJob(spark, request).execute();
    assertThat(new Verifier(conf).verify(out + "/_trainguard/manifest.json", key.signer())
        .holds()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(FlakyLocalFileSystem.Fault.class)
  void rewrapRerunAfterAFaultAtAnyStepGivesTheVerifiedOutputUnderTheNewKey(
      FlakyLocalFileSystem.Fault fault) throws Exception {
    Path original = dir.resolve("reference");
    new ProtectJob(spark, ProtectRequest.builder(input.toString(), original.toString(),
        key.spec()).policy("../samples/policies/reversible.yaml").commandLine("test").build())
        .execute();
    new Decryptor(conf, key).decrypt(original.toString(), dir.resolve("reference-plain")
        .toString());
    List<String> expected = files(original);
    String fingerprint = ManifestReader.load(conf, original + "/" + OutputLayout.MANIFEST)
        .manifest().config().datasetSecret().fingerprint();
    LocalKeyring next = LocalKeyring.generate(dir.resolve("next.json"));

    Path clean = copy(original, dir.resolve("clean"));
    FlakyLocalFileSystem.arm(fault, Integer.MAX_VALUE);
    new Rewrapper(conf, key, next).rewrap("flaky://" + clean);
    int steps = FlakyLocalFileSystem.disarm();
    assertVerified(clean, next, expected);
    assertThat(steps).isGreaterThanOrEqualTo(4);

    for (int step = 1; step <= steps; step++) {
      Path out = copy(original, dir.resolve("out-" + step));
      FlakyLocalFileSystem.arm(fault, step);
      try {
        new Rewrapper(conf, key, next).rewrap("flaky://" + out);
      } catch (RuntimeException e) {
        // the rerun below must repair whatever the fault left
      } finally {
        FlakyLocalFileSystem.disarm();
      }
      new Rewrapper(conf, key, next).rewrap("flaky://" + out); // the same command again
      assertVerified(out, next, expected);
      assertThat(DatasetSecret.read(conf, out + "/" + OutputLayout.DATASET_SECRET, next,
          fingerprint).fingerprint()).as("step " + step).isEqualTo(fingerprint);
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
