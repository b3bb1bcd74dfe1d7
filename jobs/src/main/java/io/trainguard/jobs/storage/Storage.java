package io.trainguard.jobs.storage;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Local paths, {@code file://} and {@code s3a://} URIs through Hadoop's FileSystem API, so that S3
 * is configured only by the standard {@code fs.s3a.*} settings.
 */
public final class Storage {

  /** A URI scheme (RFC 3986); what follows it may hold any character a file name can. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  private Storage() {}

  /**
   * A run's own configuration: a copy of {@code base} (a Spark context's, shared by every job it
   * runs) with the run's {@code settings} over it, so that they reach the run whether or not the
   * context was made with them, and no later job of the context.
   */
  public static Configuration configuration(Configuration base, Map<String, String> settings) {
    Configuration conf = new Configuration(base);
    settings.forEach(conf::set);
    return conf;
  }

  /** A Hadoop path for a URI or a local path (relative paths resolve against the cwd). */
  public static Path path(String uriOrPath) {
    if (!SCHEME.matcher(uriOrPath).lookingAt()) {
      // The decoded path, so that a name holding '%' or '<' is taken as it is.
      return new Path("file", null, java.nio.file.Path.of(uriOrPath).toAbsolutePath().normalize()
          .toString());
    }
    return new Path(uriOrPath);
  }

  /**
   * The file system of {@code path}. For local files this is the raw file system: Hadoop's
   * default one would add {@code .crc} side files, and trainguard keeps SHA-256 digests itself.
   * An S3 endpoint that refuses connections fails here, at once (see {@link S3Endpoints}).
   */
  public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    if ("s3a".equals(path.toUri().getScheme())) {
      S3Endpoints.check(conf, path.toUri().getHost());
    }
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /**
   * A data file under a root, with its path relative to the root ('/'-separated) and, on S3, its
   * ETag and version id (null elsewhere).
   */
  public record DataFile(String uri, String relativePath, long size, String etag,
      String versionId) implements java.io.Serializable {}

  private static String etagOf(FileStatus status) {
    return status instanceof org.apache.hadoop.fs.EtagSource e ? e.getEtag() : null;
  }

  /** The S3 object version read, when the bucket is versioned (null elsewhere). */
  private static String versionOf(FileStatus status) {
    if (status instanceof org.apache.hadoop.fs.s3a.S3ALocatedFileStatus s) {
      return s.getVersionId();
    }
    return status instanceof org.apache.hadoop.fs.s3a.S3AFileStatus s ? s.getVersionId() : null;
  }

  /**
   * What a listing found under a root: the data files, sorted by relative path, and the entries
   * left out, each as its relative path (control characters escaped) and why, e.g.
   * {@code "a/b (symbolic link)"}.
   */
  public record Listing(List<DataFile> files, List<String> skipped) {}

  /** As {@link #listInput} without following symbolic links; only the files. */
  public static List<DataFile> listDataFiles(FileSystem fs, Path root) throws IOException {
    return listInput(fs, root, false).files();
  }

  /**
   * The data files under {@code root} (or {@code root} itself if it is a file), skipping names that
   * start with {@code _} or {@code .} as Hadoop and Spark do. On local disk only regular files
   * are listed: symbolic links are skipped unless {@code followSymlinks}, and then each directory
   * is entered and each file listed once, by its first path in name order, so links that loop
   * end; FIFOs, sockets and devices are skipped.
   */
  public static Listing listInput(FileSystem fs, Path root, boolean followSymlinks)
      throws IOException {
    if (isPlainLocal(fs)) {
      return new LocalWalk(followSymlinks).list(((RawLocalFileSystem) fs).pathToFile(root)
          .toPath());
    }
    FileStatus status = fs.getFileStatus(root);
    List<DataFile> files = new ArrayList<>();
    if (status.isFile()) {
      files.add(new DataFile(status.getPath().toString(), status.getPath().getName(),
          status.getLen(), etagOf(status), versionOf(status)));
      return new Listing(files, List.of());
    }
    String prefix = status.getPath().toUri().getPath();
    if (!prefix.endsWith("/")) {
      prefix += "/";
    }
    for (FileStatus f : filesUnder(fs, root)) {
      String full = f.getPath().toUri().getPath();
      if (!full.startsWith(prefix)) {
        continue;
      }
      String relative = full.substring(prefix.length());
      if (isHidden(relative)) {
        continue;
      }
      files.add(new DataFile(f.getPath().toString(), relative, f.getLen(), etagOf(f),
          versionOf(f)));
    }
    files.sort(Comparator.comparing(DataFile::relativePath));
    return new Listing(files, List.of());
  }

  /** A depth-first walk of a local directory in name order, with java.nio's file types. */
  private static final class LocalWalk {
    private final boolean followSymlinks;
    /** File keys (device and inode) of the directories entered and, following links, files. */
    private final Set<Object> seen = new HashSet<>();
    private final List<DataFile> files = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    LocalWalk(boolean followSymlinks) {
      this.followSymlinks = followSymlinks;
    }

    Listing list(java.nio.file.Path root) throws IOException {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(root, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("No such file: " + root);
      }
      if (attrs.isDirectory()) {
        seen.add(key(root, attrs));
        walk(root, "");
      } else {
        visit(root, root.getFileName().toString(), attrs);
      }
      files.sort(Comparator.comparing(DataFile::relativePath));
      skipped.sort(null);
      return new Listing(List.copyOf(files), List.copyOf(skipped));
    }

    private void walk(java.nio.file.Path dir, String prefix) throws IOException {
      List<java.nio.file.Path> entries;
      try (Stream<java.nio.file.Path> list = Files.list(dir)) {
        entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      }
      for (java.nio.file.Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        String relative = prefix + name;
        BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
          if (!followSymlinks) {
            skip(relative, "symbolic link");
            continue;
          }
          try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class);
          } catch (FileSystemException e) { // dangling, or a link to itself
            skip(relative, "broken symbolic link");
            continue;
          }
        }
        if (attrs.isDirectory()) {
          if (seen.add(key(entry, attrs))) {
            walk(entry, relative + "/");
          } else {
            skip(relative, "already listed");
          }
        } else {
          visit(entry, relative, attrs);
        }
      }
    }

    private void visit(java.nio.file.Path file, String relative, BasicFileAttributes attrs)
        throws IOException {
      if (!attrs.isRegularFile()) {
        skip(relative, attrs.isSymbolicLink() ? "symbolic link" : "special file");
      } else if (followSymlinks && !seen.add(key(file, attrs))) {
        skip(relative, "already listed");
      } else {
        files.add(new DataFile(new Path(file.toUri()).toString(), relative, attrs.size(), null,
            null));
      }
    }

    private void skip(String relative, String why) {
      skipped.add(escapeControls(relative) + " (" + why + ")");
    }

    private static Object key(java.nio.file.Path path, BasicFileAttributes attrs)
        throws IOException {
      return attrs.fileKey() != null ? attrs.fileKey() : path.toRealPath();
    }
  }

  /** {@code name} on one line: control characters escaped as in a Java string literal. */
  private static String escapeControls(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Every file under {@code dir}. On local disk a walk of plain listings: Hadoop's recursive
   * {@code listFiles} reads each file's permissions, which without Hadoop's native library means
   * one {@code ls -ld} process per file and directory (12 s for 382 files on the driver, before
   * any work starts). Elsewhere (S3) the store's own recursive listing.
   */
  public static List<FileStatus> filesUnder(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    if (isPlainLocal(fs)) {
      ArrayDeque<Path> dirs = new ArrayDeque<>(List.of(dir));
      while (!dirs.isEmpty()) {
        for (FileStatus f : fs.listStatus(dirs.pop())) {
          if (f.isDirectory()) {
            dirs.push(f.getPath());
          } else {
            files.add(f);
          }
        }
      }
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        files.add(it.next());
      }
    }
    return files;
  }

  /** Hadoop's local file system itself, not a subclass that changes how files are written. */
  private static boolean isPlainLocal(FileSystem fs) {
    return fs.getClass() == RawLocalFileSystem.class;
  }

  static boolean isHidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A new file at {@code path} (parent directories made), replacing one that exists only when
   * {@code overwrite}. On local disk through java.nio: Hadoop's local file system sets the mode
   * of the file and of each new directory with a {@code chmod} process when its native library
   * is missing (two per output file), while java.nio creates them with the same mode (0644 and
   * 0755 under the usual umask 022) in the same system calls.
   */
  public static OutputStream create(FileSystem fs, Path path, boolean overwrite)
      throws IOException {
    if (!isPlainLocal(fs)) {
      return fs.create(path, overwrite);
    }
    java.nio.file.Path file = ((RawLocalFileSystem) fs).pathToFile(path).toPath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try {
      return new BufferedOutputStream(overwrite ? Files.newOutputStream(file)
          : Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          1 << 16);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new org.apache.hadoop.fs.FileAlreadyExistsException("File already exists: " + path);
    }
  }

  /**
   * Writes each file under a temporary name beside it ({@code NAME.TAG.tmp}) and, once all of
   * them are complete, moves each to its name, replacing a file there: a reader never finds one
   * of them truncated, and a failure leaves only temporary names.
   */
  public static void publish(FileSystem fs, Map<Path, byte[]> files, String tag)
      throws IOException {
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      try (OutputStream out = create(fs, temporary(file.getKey(), tag), true)) {
        out.write(file.getValue());
      }
    }
    for (Path path : files.keySet()) {
      Path temporary = temporary(path, tag);
      if (!fs.rename(temporary, path)
          && !(fs.exists(path) && fs.delete(path, false) && fs.rename(temporary, path))) {
        throw new IOException("cannot move " + temporary.getName() + " to " + path);
      }
    }
  }

  private static Path temporary(Path path, String tag) {
    return new Path(path.getParent(), path.getName() + "." + tag + ".tmp");
  }

  /**
   * The nearest existing path at or above the local {@code dir} when it is not a directory (a
   * file that keeps {@code dir} from being made), else null.
   */
  public static java.nio.file.Path fileInTheWay(java.nio.file.Path dir) {
    java.nio.file.Path existing = dir;
    while (existing != null && !java.nio.file.Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null || java.nio.file.Files.isDirectory(existing) ? null : existing;
  }

  /**
   * Whether {@code e} says that a path does not exist: s3a reports a missing bucket as its own
   * exception, not as a {@link FileNotFoundException}, and is named, not linked, since
   * hadoop-aws is only on the class path where S3 is used.
   */
  public static boolean notFound(IOException e) {
    return e instanceof FileNotFoundException
        || e.getClass().getName().equals("org.apache.hadoop.fs.s3a.UnknownStoreException");
  }

  /** Whether {@code dir} exists and holds anything. */
  public static boolean existsNonEmpty(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return false;
    }
    FileStatus s = fs.getFileStatus(dir);
    return s.isFile() || fs.listStatus(dir).length > 0;
  }

  /** SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(FileSystem fs, Path file) throws IOException {
    try (HashingInputStream in = new HashingInputStream(fs.open(file))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return in.sha256();
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
