package io.trainguard.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs into one output: the live one is detected through its lease, files that are not the
 * committing run's never survive its commit, and a run whose output was taken over writes
 * nothing more.
 */
class ConcurrentRunsTest {

  @TempDir
  Path dir;
  SparkSession spark;
  Configuration conf;
  LocalKeyring key;
  Path input;
  Path out;

  @BeforeEach
  void setUp() throws Exception {
    spark = SparkTestSession.get();
    conf = spark.sparkContext().hadoopConfiguration();
    conf.set("fs.flaky.impl", FlakyLocalFileSystem.class.getName());
    conf.setBoolean("fs.flaky.impl.disable.cache", true);
    key = LocalKeyring.generate(dir.resolve("keyring.json"));
    input = Datasets.write(dir.resolve("in"));
    out = dir.resolve("out");
    FlakyLocalFileSystem.paused = new CountDownLatch(1);
    FlakyLocalFileSystem.resume = new CountDownLatch(1);
    FlakyLocalFileSystem.pauseOn = "people.csv.enc";
  }

  @AfterEach
  void tearDown() {
    FlakyLocalFileSystem.pauseOn = "";
    FlakyLocalFileSystem.resume.countDown();
  }

  private ProtectRequest request(boolean overwrite) {
    return ProtectRequest.builder(input.toString(), "flaky://" + out, key.spec())
        .overwrite(overwrite).commandLine("test").build();
  }

  /** Starts a run and returns once it is writing people.csv.enc (held there until resumed). */
  private CompletableFuture<ProtectResult> startPausedRun() throws InterruptedException {
    CompletableFuture<ProtectResult> first = CompletableFuture.supplyAsync(
        () -> new ProtectJob(spark, request(false)).execute());
    assertThat(FlakyLocalFileSystem.paused.await(60, TimeUnit.SECONDS))
        .as("the first run reached its data files").isTrue();
    return first;
  }

  private void assertVerifiedAndComplete() throws Exception {
    assertThat(new Verifier(conf).verify(out + "/_trainguard/manifest.json", key.signer())
        .holds()).isTrue();
    Path plain = dir.resolve("plain");
    new Decryptor(conf, key).decrypt(out.toString(), plain.toString());
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
        .isEqualTo(Datasets.NOTES_JSONL_REDACTED);
  }

  @Test
  void aSecondRunIntoALiveOutputIsRefusedAndTheFirstCommitsIntact() throws Exception {
    CompletableFuture<ProtectResult> first = startPausedRun();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    for (boolean overwrite : new boolean[] {false, true}) {
      assertThatThrownBy(() -> new ProtectJob(spark, request(overwrite)).execute())
          .isInstanceOfSatisfying(TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageStartingWith("Cannot use output flaky:" + out + ": another run is live (run ")
          .hasMessageContaining(" on host " + host + ", started ")
          .hasMessageEndingWith("); it is replaced only once that run has stopped");
    }
    assertThat(out.resolve("_trainguard/_RUN")).exists();
    FlakyLocalFileSystem.resume.countDown();
    ProtectResult result = first.get(120, TimeUnit.SECONDS);
    assertThat(result.recordsIn()).isEqualTo(5);
    assertVerifiedAndComplete();
  }

  @Test
  void filesThatAreNotTheCommittingRunsNeverSurviveItsCommit() throws Exception {
    CompletableFuture<ProtectResult> first = startPausedRun();
    Files.createDirectories(out.resolve("data"));
    Files.writeString(out.resolve("data/stray.csv.enc"), "written by another process");
    Files.createDirectories(out.resolve("quarantine"));
    Files.writeString(out.resolve("quarantine/people.csv.enc"), "written by another process");
    FlakyLocalFileSystem.resume.countDown();
    first.get(120, TimeUnit.SECONDS);
    assertThat(out.resolve("data/stray.csv.enc")).doesNotExist();
    assertThat(out.resolve("quarantine/people.csv.enc")).doesNotExist();
    assertVerifiedAndComplete();
  }

  @Test
  void aRunWhoseOutputWasTakenOverWritesNothingMore() throws Exception {
    CompletableFuture<ProtectResult> first = startPausedRun();
    byte[] otherLease = "{\"run_id\":\"another-run\"}".getBytes();
    Files.write(out.resolve("_trainguard/_RUN"), otherLease);
    FlakyLocalFileSystem.resume.countDown();
    assertThatThrownBy(() -> first.get(120, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE))
        .hasMessage("Another run took over output flaky:" + out
            + " while this one was writing; nothing committed");
    assertThat(out.resolve("_trainguard/_RUN")).hasBinaryContent(otherLease);
    assertThat(out.resolve("_trainguard/openlineage.jsonl")).doesNotExist();
    assertThat(out.resolve("_trainguard/manifest.json")).doesNotExist();
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
  }
}
