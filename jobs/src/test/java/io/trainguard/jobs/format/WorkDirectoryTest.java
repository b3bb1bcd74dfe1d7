package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

  @TempDir
  Path tmp;

  @Test
  void createsAnOwnerOnlyDirectoryNamedByThisProcess() throws Exception {
    Path dir = WorkDirectory.create(tmp);
    assertThat(dir.getFileName().toString())
        .startsWith("trainguard-work-" + ProcessHandle.current().pid() + "-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    Files.writeString(dir.resolve("apache-tika-1.tmp"), "spooled");
    WorkDirectory.delete(dir);
    assertThat(dir).doesNotExist();
  }

  @Test
  void nextStartRemovesWhatDeadProcessesLeftAndNothingElse() throws Exception {
    long dead = ProcessHandle.current().pid() + 4_000_000L; // above any pid_max
    Path crashed = Files.createDirectories(tmp.resolve("trainguard-work-" + dead + "-123"));
    Files.writeString(crashed.resolve("apache-tika-99.tmp"), "zz9canary@example.org");
    Path live = Files.createDirectories(tmp.resolve("trainguard-work-"
        + ProcessHandle.current().pid() + "-456"));
    Path other = Files.createDirectories(tmp.resolve("trainguard-work-notapid"));
    Path unrelated = Files.createDirectories(tmp.resolve("someone-else-" + dead));

    WorkDirectory.removeStale(tmp);

    assertThat(crashed).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(other).isDirectory();
    assertThat(unrelated).isDirectory();
  }
}
