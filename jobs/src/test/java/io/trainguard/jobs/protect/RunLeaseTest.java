package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a lease's run counts as live, and what the lease's holder may do. */
class RunLeaseTest {

  @TempDir
  Path dir;
  Configuration conf;
  FileSystem fs;
  org.apache.hadoop.fs.Path root;

  @BeforeEach
  void setUp() throws Exception {
    conf = new Configuration();
    root = Storage.path(dir.toString());
    fs = Storage.fileSystem(root, conf);
  }

  private Path leaseFile() {
    return dir.resolve(OutputLayout.RUN_LEASE);
  }

  /** The lease a run of this process wrote, with some fields replaced. */
  private ObjectNode leaseOfThisProcess() throws Exception {
    try (RunLease lease = RunLease.take(fs, root, "template", Instant.now(), null, conf)) {
      return (ObjectNode) CanonicalJson.MAPPER.readTree(Files.readAllBytes(leaseFile()));
    }
  }

  private boolean isDead(ObjectNode lease, Duration age) throws Exception {
    Files.write(leaseFile(), CanonicalJson.MAPPER.writeValueAsBytes(lease));
    Files.setLastModifiedTime(leaseFile(),
        java.nio.file.attribute.FileTime.from(Instant.now().minus(age)));
    return RunLease.isDead(fs, root, RunLease.read(fs, root), conf);
  }

  @Test
  void aRunOnAnotherHostIsLiveUntilItsLeaseIsOlderThanTheTimeout() throws Exception {
    ObjectNode lease = leaseOfThisProcess().put("host", "another-host")
        .put("heartbeat", Instant.now().minusSeconds(119).toString());
    assertThat(isDead(lease, Duration.ofSeconds(119))).isFalse();
    lease.put("heartbeat", Instant.now().minusSeconds(121).toString());
    assertThat(isDead(lease, Duration.ofSeconds(121))).isTrue();
    assertThat(isDead(lease, Duration.ofSeconds(30))).as("rewritten since").isFalse();
    conf.set(RunLease.TIMEOUT, "5m");
    assertThat(isDead(lease, Duration.ofSeconds(121))).isFalse();
  }

  @Test
  void aRunOnThisHostIsDeadOnceItsProcessIsGone() throws Exception {
    Process gone = new ProcessBuilder("sleep", "30").start();
    Instant goneStart = gone.info().startInstant().orElseThrow();
    gone.destroy();
    gone.waitFor();
    ObjectNode lease = leaseOfThisProcess().put("run_id", "other")
        .put("pid", gone.pid()).put("process_start", goneStart.toString());
    assertThat(isDead(lease, Duration.ZERO)).isTrue();

    Process live = new ProcessBuilder("sleep", "30").start();
    try {
      lease.put("pid", live.pid())
          .put("process_start", live.info().startInstant().orElseThrow().toString());
      assertThat(isDead(lease, Duration.ZERO)).isFalse();
      lease.put("process_start", Instant.EPOCH.toString()); // its pid, reused
      assertThat(isDead(lease, Duration.ZERO)).isTrue();
    } finally {
      live.destroy();
    }
  }

  @Test
  void aRunOfThisProcessIsLiveUntilItsLeaseIsClosed() throws Exception {
    RunLease lease = RunLease.take(fs, root, "run-1", Instant.now(), null, conf);
    RunLease.Holder holder = RunLease.read(fs, root);
    assertThat(RunLease.isDead(fs, root, holder, conf)).isFalse();
    assertThatThrownBy(() -> RunLease.take(fs, root, "run-2", Instant.now(), null, conf))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("another run took it just now");
    lease.close();
    assertThat(RunLease.isDead(fs, root, holder, conf)).isTrue();
    assertThat(leaseFile()).exists();
  }

  @Test
  void theHeartbeatRewritesTheLeaseUntilReleasedAndStopsWhenTakenOver() throws Exception {
    conf.set(RunLease.HEARTBEAT, "50ms");
    try (RunLease lease = RunLease.take(fs, root, "run-1", Instant.now(), null, conf)) {
      Instant first = RunLease.read(fs, root).heartbeat();
      Thread.sleep(400);
      assertThat(RunLease.read(fs, root).heartbeat()).isAfter(first);
      lease.checkHeld();
      Files.writeString(leaseFile(), "{\"run_id\":\"run-2\"}");
      Thread.sleep(200);
      assertThat(leaseFile()).hasContent("{\"run_id\":\"run-2\"}");
      assertThat(lease.held()).isFalse();
      Files.delete(leaseFile());
    }
    try (RunLease lease = RunLease.take(fs, root, "run-3", Instant.now(), null, conf)) {
      lease.release();
      Thread.sleep(200);
      assertThat(leaseFile()).doesNotExist();
    }
  }
}
