package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Chromium on the PATH, which decides whether the browser tests run or skip. */
class HeadlessChromiumTest {

  @TempDir
  Path dir;

  @Test
  void theFirstExecutableChromiumOnThePathIsUsedAndAPlainFileOrAMissingOneIsNot() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.createFile(plain.resolve("chromium"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createFile(bin.resolve("chromium"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(HeadlessChromium.onPath(String.join(File.pathSeparator, empty.toString(),
        plain.toString(), "", bin.toString()))).contains(bin.resolve("chromium"));
    assertThat(HeadlessChromium.onPath(empty + File.pathSeparator + plain)).isEmpty();
    assertThat(HeadlessChromium.onPath(null)).isEmpty();
  }
}
