package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;

/**
 * What a protect run may do to its output prefix. trainguard owns only the names of its layout
 * ({@code data/}, {@code quarantine/}, {@code _trainguard/}, {@code _SUCCESS}), and only in a
 * prefix that one of its markers ({@code _SUCCESS}, the manifest, the lease) shows to be a
 * trainguard output: an earlier output is replaced only then and never with anything else beside
 * it; one that holds a lease only once its run is dead; a complete one ({@code _SUCCESS}, which
 * readers trust) only with {@code --overwrite}.
 */
final class OutputPrefix {

  private OutputPrefix() {}

  /**
   * Takes the lease on {@code root} for this run, after clearing what an earlier trainguard
   * output left there (except {@code keep}, a dataset secret the run was told to use).
   */
  static RunLease claim(FileSystem fs, Path root, String runId, Instant started,
      boolean overwrite, Path keep, Configuration conf) throws IOException {
    if (!Storage.existsNonEmpty(fs, root)) {
      try {
        fs.mkdirs(root);
      } catch (ParentNotDirectoryException | FileAlreadyExistsException e) {
        throw TrainguardException.usage("Invalid --output " + root
            + ": a directory on its path is a file");
      }
      return RunLease.take(fs, root, runId, started, null, conf);
    }
    if (fs.getFileStatus(root).isFile()) {
      throw TrainguardException.usage("Invalid --output " + root + ": it is a file");
    }
    for (FileStatus entry : fs.listStatus(root)) {
      if (!OutputLayout.TOP_LEVEL.contains(entry.getPath().getName())) {
        throw TrainguardException.usage("Cannot replace output " + root + ": it holds "
            + entry.getPath().getName() + ", which trainguard did not write; remove it or"
            + " choose another --output");
      }
    }
    if (holdsLink(fs, root)) {
      throw TrainguardException.usage("Cannot replace output " + root + ": it holds a symbolic"
          + " link, which trainguard never writes; remove it or choose another --output");
    }
    RunLease.Holder holder = RunLease.read(fs, root);
    RunLease lease;
    if (holder != null) {
      if (!RunLease.isDead(fs, root, holder, conf)) {
        throw TrainguardException.usage("Cannot use output " + root + ": another run is live ("
            + holder.describe() + "); it is replaced only once that run has stopped");
      }
      System.err.println("trainguard: replacing the unfinished output of " + holder.describe()
          + " at " + root);
      lease = RunLease.take(fs, root, runId, started, holder, conf);
    } else {
      boolean complete = fs.exists(new Path(root, OutputLayout.SUCCESS));
      if (!complete && !fs.exists(new Path(root, OutputLayout.MANIFEST))
          && !Storage.filesUnder(fs, root).isEmpty()) { // empty directories are no one's
        throw TrainguardException.usage("Cannot replace output " + root + ": it is not a"
            + " trainguard output (no " + OutputLayout.SUCCESS + ", " + OutputLayout.MANIFEST + " or "
            + OutputLayout.RUN_LEASE + "); choose another --output");
      }
      if (complete && !overwrite) {
        throw TrainguardException.usage("Output " + root
            + " is not empty; choose another --output or pass --overwrite to replace it");
      }
      if (!complete && fs.exists(new Path(root, OutputLayout.MANIFEST))) {
        System.err.println("trainguard: replacing the output without " + OutputLayout.SUCCESS
            + " at " + root);
      }
      lease = RunLease.take(fs, root, runId, started, null, conf);
    }
    try {
      clear(fs, root, keep);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
    return lease;
  }

  /**
   * Whether local directory {@code root} holds a symbolic link at any depth: clearing would
   * follow it to files the run does not own.
   */
  private static boolean holdsLink(FileSystem fs, Path root) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return false;
    }
    java.nio.file.Path dir = java.nio.file.Path.of(fs.makeQualified(root).toUri()).toRealPath();
    try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
      return walk.anyMatch(Files::isSymbolicLink);
    }
  }

  /**
   * Deletes an earlier output's files, {@code _SUCCESS} first (a reader stops trusting it) and
   * the lease last (kept: it is now this run's).
   */
  private static void clear(FileSystem fs, Path root, Path keep) throws IOException {
    fs.delete(new Path(root, OutputLayout.SUCCESS), false);
    for (String dir : List.of(OutputLayout.DATA, OutputLayout.QUARANTINE, OutputLayout.METADATA)) {
      Path path = new Path(root, dir);
      if (!fs.exists(path)) {
        continue;
      }
      String lease = new Path(root, OutputLayout.RUN_LEASE).toUri().getPath();
      String kept = keep == null ? "" : keep.toUri().getPath();
      String prefix = path.toUri().getPath() + "/";
      if (!lease.startsWith(prefix) && !kept.startsWith(prefix)) {
        fs.delete(path, true);
        continue;
      }
      for (FileStatus f : Storage.filesUnder(fs, path)) {
        String p = f.getPath().toUri().getPath();
        if (!p.equals(lease) && !p.equals(kept)) {
          fs.delete(f.getPath(), false);
        }
      }
    }
  }

  /**
   * Deletes the files under {@code data/} and {@code quarantine/} that are not among
   * {@code written} (paths relative to the root): what a failed task attempt or another
   * process left there. Returns their relative paths.
   */
  static List<String> removeStrays(FileSystem fs, Path root, Set<String> written)
      throws IOException {
    List<String> removed = new ArrayList<>();
    String prefix = root.toUri().getPath().replaceAll("/$", "") + "/";
    for (String dir : OutputLayout.RECORD_AREAS) {
      Path path = new Path(root, dir);
      if (!fs.exists(path)) {
        continue;
      }
      for (FileStatus f : Storage.filesUnder(fs, path)) {
        String relative = f.getPath().toUri().getPath().substring(prefix.length());
        if (!written.contains(relative)) {
          fs.delete(f.getPath(), false);
          removed.add(relative);
        }
      }
    }
    return removed;
  }
}
