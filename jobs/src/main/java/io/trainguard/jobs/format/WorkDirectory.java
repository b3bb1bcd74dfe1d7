package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * This JVM's private directory (mode 0700) for files that parsers spool, such as Tika's copy of
 * an OOXML document: {@code trainguard-work-PID-*} under the system temp directory, deleted when
 * the JVM exits. Directories left by JVMs that died without deleting theirs are deleted when the
 * next one creates its own.
 */
public final class WorkDirectory {

  static final String PREFIX = "trainguard-work-";

  private static Path current;

  private WorkDirectory() {}

  /** The directory, created (and left-overs removed) on first use. */
  public static synchronized Path get() {
    if (current == null || !Files.isDirectory(current)) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      removeStale(tmp);
      current = create(tmp);
      Path created = current;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created),
          "trainguard-work-directory-cleanup"));
    }
    return current;
  }

  static Path create(Path parent) {
    try {
      String prefix = PREFIX + ProcessHandle.current().pid() + "-";
      return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempDirectory(parent, prefix,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a work directory under " + parent, e);
    }
  }

  /** Deletes the work directories under {@code parent} of processes that no longer run. */
  static void removeStale(Path parent) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path dir : dirs) {
        String rest = dir.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue;
        }
        if (Files.isDirectory(dir) && ProcessHandle.of(pid).isEmpty()) {
          delete(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: another user's directories may be unreadable
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort: the next start removes what is left
    }
  }
}
