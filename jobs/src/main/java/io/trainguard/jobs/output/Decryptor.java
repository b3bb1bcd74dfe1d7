package io.trainguard.jobs.output;

import io.trainguard.encryption.DecryptionException;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KmsServiceException;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.FormatCodec;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.format.StreamOutputFile;
import io.trainguard.jobs.protect.ShownNames;
import io.trainguard.jobs.protect.StoredOutput;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.format.NonClosingOutputStream;
import io.trainguard.jobs.storage.Locations;
import io.trainguard.jobs.storage.Storage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;

/**
 * Restores the plaintext of a protected output into a local directory: {@code data/X.enc}
 * becomes {@code DIR/X}, a Parquet file with modular encryption {@code data/X.parquet} becomes
 * plaintext Parquet {@code DIR/X.parquet}, and a plaintext output ({@code --no-encryption}) is
 * copied. Quarantined records (unredacted by design, for reviewers) are written only when asked
 * for, into a directory of their own outside {@code DIR}; neither directory may lie inside the
 * protected output. Inputs whose names held personal data get their names back from
 * {@link ShownNames}.
 *
 * <p>Nothing is trusted before it is checked: the manifest's signature, the signed gate,
 * {@code _SUCCESS} and the exact signed list of files ({@link SignedOutput}) first, then each
 * file's size, SHA-256 and authenticity as it is decrypted. Files are decrypted into a private
 * staging directory inside each destination (same file system, so moving them into place is a
 * rename) and moved into place only when every file checked out; a failure removes what this
 * call created and leaves the destinations as they were; a staging directory that a decrypt
 * killed on this host left behind is removed by the next decrypt into that destination. Files
 * are created 0600, with no link followed, and directories this call creates 0700, unless
 * {@link #fileMode} says otherwise (set exactly, whatever the umask, once a file is complete).
 */
public final class Decryptor {

  /** How many files went into the output directory and into the quarantine directory. */
  public record Result(int dataFiles, int quarantineFiles) {}

  private static final String HOST = hostName();
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Configuration conf;
  private final KeyProvider key;
  private String quarantineDir;
  private boolean allowFailedGate;
  private FileMode mode = FileMode.PRIVATE;

  /** {@code key} decrypts the files, and its signer must have signed the manifest. */
  public Decryptor(Configuration conf, KeyProvider key) {
    this.conf = conf;
    this.key = key;
  }

  /** Also writes quarantined records, into {@code dir}: a directory outside the output one. */
  public Decryptor quarantineTo(String dir) {
    this.quarantineDir = dir;
    return this;
  }

  /** The permissions of the files and directories created, data and quarantine alike. */
  public Decryptor fileMode(FileMode mode) {
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** Also decrypts an output whose signed gate failed, for an audit (refused by default). */
  public Decryptor allowFailedGate() {
    this.allowFailedGate = true;
    return this;
  }

  /**
   * One output, a listed file or the listed parts of a split input's output in order, and where
   * its plaintext goes: {@code relative}, its original path, stored as {@code shown}; {@code
   * blocks}: the format whose codec joins its parts, null when they are joined end to end.
   */
  private record Planned(List<SignedOutput.Listed> files, Destination to, String relative,
      String shown, FormatCodec blocks) {

    /** The name of the output in messages: its file's, or the parts' logical one. */
    String name() {
      SignedOutput.Listed first = files.get(0);
      return first.part() == null ? first.path() : first.part().of();
    }
  }

  /** Decrypts the output root {@code input} into the local directory {@code outputDir}. */
  public Result decrypt(String input, String outputDir) {
    Destination data = new Destination("--output", outputDir, mode);
    Destination quarantine = quarantineDir == null ? null
        : new Destination("--quarantine-to", quarantineDir, mode);
    if (quarantine != null && (quarantine.dir.startsWith(data.dir)
        || data.dir.startsWith(quarantine.dir))) {
      throw TrainguardException.usage("Invalid --quarantine-to: " + quarantine.dir
          + " (it must be outside --output " + data.dir + ")");
    }
    Path in = Storage.path(input);
    data.checkOutside(in, input);
    if (quarantine != null) {
      quarantine.checkOutside(in, input);
    }
    try {
      FileSystem fs = Storage.fileSystem(in, conf);
      if (!fs.getFileStatus(in).isDirectory()) {
        throw TrainguardException.usage("Invalid --input: " + input
            + " (expected the output root of a protect run)");
      }
      SignedOutput output = check(fs, in, input);
      String runId = output.manifest().run() == null ? "" : output.manifest().run().id();
      Map<String, String> originals = ShownNames.read(fs, in, output.manifest(), key);
      List<Planned> plan = plan(input, output, originals, data, quarantine);
      try {
        for (Planned p : plan) {
          restore(fs, in, p, runId);
        }
        for (Planned p : plan) {
          p.to().moveIntoPlace(p.relative(), p.shown(), p.name());
        }
      } catch (IOException | RuntimeException e) {
        data.rollBack();
        if (quarantine != null) {
          quarantine.rollBack();
        }
        throw e;
      }
      data.cleanUp();
      if (quarantine != null) {
        quarantine.cleanUp();
      }
      long quarantined = plan.stream().filter(p -> p.to() == quarantine).count();
      return new Result(plan.size() - (int) quarantined, (int) quarantined);
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Input not found: " + in);
      }
      throw TrainguardException.service("Cannot decrypt " + input + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** The signed output, when its signature, gate, {@code _SUCCESS} and listing hold. */
  private SignedOutput check(FileSystem fs, Path in, String input) throws IOException {
    SignedOutput output;
    try {
      output = SignedOutput.check(fs, new Path(in, OutputLayout.MANIFEST), key.signer());
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot verify the manifest of " + in + ": "
          + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage(e.getMessage());
    }
    if (output.signatureProblem() != null) {
      throw TrainguardException.input("Cannot decrypt " + input + ": signature: "
          + output.signatureProblem());
    }
    if (!output.gatePassed() && !allowFailedGate) {
      throw new TrainguardException(ExitCode.GATE_FAILED, "Cannot decrypt " + input
          + ": the signed gate failed (" + output.gateReasons() + "); --allow-failed-gate"
          + " decrypts it for an audit");
    }
    if (!output.problems().isEmpty()) {
      throw TrainguardException.input("Cannot decrypt " + input + ": " + output.problems().get(0));
    }
    return output;
  }

  /**
   * Where each output of the signed list goes, the parts of a split input's output joined into
   * one file; fails before any write if a destination is taken.
   */
  private static List<Planned> plan(String input, SignedOutput output,
      Map<String, String> originals, Destination data, Destination quarantine)
      throws IOException {
    Map<String, String> formats = new java.util.HashMap<>();
    output.manifest().inputs().forEach(i -> formats.put(i.path(), i.format()));
    Map<String, String> formatOfParts = new java.util.HashMap<>();
    output.manifest().outputs().stream().filter(o -> o.part() != null)
        .forEach(o -> formatOfParts.put(o.part().of(), formats.get(o.source())));
    Map<String, List<SignedOutput.Listed>> byOutput = new java.util.LinkedHashMap<>();
    for (SignedOutput.Listed f : output.listed()) {
      byOutput.computeIfAbsent(f.part() == null ? f.path() : f.part().of(),
          k -> new ArrayList<>()).add(f);
    }
    List<Planned> plan = new ArrayList<>();
    for (Map.Entry<String, List<SignedOutput.Listed>> e : byOutput.entrySet()) {
      String name = e.getKey();
      SignedOutput.Listed f = e.getValue().get(0);
      boolean quarantined = OutputLayout.inQuarantine(name);
      if (quarantined && quarantine == null) {
        continue;
      }
      String relative = OutputLayout.withinArea(name);
      if (EnvelopeCipher.FORMAT.equals(f.format())) {
        relative = OutputLayout.decryptedName(relative);
        if (relative == null) {
          throw TrainguardException.input("Cannot decrypt " + input + ": " + name
              + ": the name of an encrypted output must be a file name and "
              + OutputLayout.ENCRYPTED);
        }
      } else if (!ParquetEncryption.FORMAT.equals(f.format())
          && !StoredOutput.NONE.equals(f.format())) {
        throw TrainguardException.input("Cannot decrypt " + input + ": " + f.path()
            + ": unknown encryption format " + f.format());
      }
      if (e.getValue().stream().anyMatch(part -> !part.format().equals(f.format())
          || ParquetEncryption.FORMAT.equals(part.format()) && part.part() != null)) {
        throw TrainguardException.input("Cannot decrypt " + input + ": " + name
            + ": its parts are not in one joinable format");
      }
      String shown = relative;
      relative = quarantined ? ShownNames.original(originals, relative)
          : ShownNames.originalData(originals, relative);
      Destination to = quarantined ? quarantine : data;
      to.checkFree(relative, shown, name);
      plan.add(new Planned(List.copyOf(e.getValue()), to, relative, shown,
          f.part() == null ? null : joinedBy(input, name, formatOfParts.get(name))));
    }
    plan.sort(java.util.Comparator.comparing(Planned::name));
    return plan;
  }

  /**
   * The codec that joins the parts of {@code name}, of an input of format {@code id}, when its
   * format splits at blocks; null when parts are joined end to end (at line starts). A format
   * this decrypt does not know is refused: its parts might be files of their own.
   */
  private static FormatCodec joinedBy(String input, String name, String id) {
    FormatCodec codec;
    try {
      codec = Format.parse(id == null ? "" : id).codec();
    } catch (IllegalArgumentException e) {
      throw TrainguardException.input("Cannot decrypt " + input + ": " + name
          + ": its parts are of format " + id + ", which has no codec here to join them");
    }
    return codec.splitting() == FormatCodec.Splitting.BLOCKS ? codec : null;
  }

  /**
   * Decrypts (or copies) one output into its staging directory, the parts of a split input's
   * output one after the other, checking each file's size and SHA-256.
   */
  private void restore(FileSystem fs, Path root, Planned p, String runId) throws IOException {
    java.nio.file.Path staged = p.to().staged(p.relative());
    if (p.blocks() != null) {
      joinBlocks(fs, root, p, runId, staged);
      return;
    }
    try (OutputStream out = p.to().create(staged)) {
      for (SignedOutput.Listed listed : p.files()) {
        restore(fs, new Path(root, listed.path()), listed, out, runId);
      }
    }
  }

  /**
   * The parts of an input read in slices at its format's blocks, each a file of its own,
   * decrypted beside {@code staged} and joined there into one file by the format's codec.
   */
  private void joinBlocks(FileSystem fs, Path root, Planned p, String runId,
      java.nio.file.Path staged) throws IOException {
    List<java.nio.file.Path> parts = new ArrayList<>();
    try {
      for (SignedOutput.Listed listed : p.files()) {
        java.nio.file.Path part = staged.resolveSibling(staged.getFileName() + "."
            + parts.size() + ".part");
        parts.add(part);
        try (OutputStream out = p.to().create(part)) {
          restore(fs, new Path(root, listed.path()), listed, out, runId);
        }
      }
      try (OutputStream out = p.to().create(staged)) {
        p.blocks().joinBlocks(parts, out, p.name());
      }
    } finally {
      for (java.nio.file.Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** Decrypts (or copies) one listed file onto {@code out}, checking size and SHA-256. */
  private void restore(FileSystem fs, Path file, SignedOutput.Listed listed, OutputStream out,
      String runId) throws IOException {
    String name = listed.path();
    try {
      if (ParquetEncryption.FORMAT.equals(listed.format())) {
        // Parquet is read by random access, not as one stream: hash it in a pass of its own
        checkDigest(name, listed, fs.getFileStatus(file).getLen(), Storage.sha256(fs, file));
        ParquetEncryption.decrypt(ParquetEncryption.readerConf(conf, key.spec()), file,
            new StreamOutputFile(new NonClosingOutputStream(out), name));
        return;
      }
      try (HashingInputStream stored = new HashingInputStream(fs.open(file))) {
        if (StoredOutput.NONE.equals(listed.format())) {
          stored.transferTo(out);
        } else {
          try (InputStream plain = EnvelopeCipher.decrypt(key, stored,
              Map.of("trainguard:run", runId, "trainguard:path", name))) {
            plain.transferTo(out);
            stored.transferTo(OutputStream.nullOutputStream()); // bytes after the message count
          }
        }
        checkDigest(name, listed, stored.count(), stored.sha256());
      }
    } catch (DecryptionException e) {
      throw TrainguardException.input("Cannot decrypt " + name + ": " + e.getMessage());
    } catch (KmsServiceException e) {
      throw TrainguardException.service("Cannot decrypt " + name + ": " + e.getMessage(), e);
    } catch (KeyException e) {
      throw TrainguardException.usage("Cannot decrypt " + name + ": " + e.getMessage());
    } catch (ParquetCryptoRuntimeException e) {
      throw TrainguardException.input("Cannot decrypt " + name + ": the key does not open it,"
          + " or it was damaged");
    }
  }

  private static void checkDigest(String name, SignedOutput.Listed listed, long size,
      String sha256) {
    if (size != listed.size()) {
      throw TrainguardException.input("Cannot decrypt " + name + ": size is " + size
          + ", manifest says " + listed.size());
    }
    if (!sha256.equals(listed.sha256())) {
      throw TrainguardException.input("Cannot decrypt " + name
          + ": SHA-256 differs from the manifest");
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static byte[] readAll(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * A local destination directory and this call's private staging directory inside it. Records
   * what this call created, so that a failure removes exactly that.
   */
  private static final class Destination {

    final java.nio.file.Path dir;
    private final String option;
    private final FileMode mode;
    private java.nio.file.Path staging;
    /** Directories and files this call created outside staging, in creation order. */
    private final List<java.nio.file.Path> created = new ArrayList<>();

    Destination(String option, String dir, FileMode mode) {
      this.option = option;
      this.mode = mode;
      Path path = Storage.path(dir);
      if (path.toUri().getScheme() != null && !"file".equals(path.toUri().getScheme())) {
        throw TrainguardException.usage("Invalid " + option + ": " + dir
            + " (decrypt writes plaintext to a local directory)");
      }
      this.dir = java.nio.file.Path.of(path.toUri()).toAbsolutePath().normalize();
    }

    /**
     * Fails unless this directory lies outside the protected output {@code in}: plaintext
     * written inside it would travel with the encrypted copy wherever that is sent.
     */
    void checkOutside(Path in, String input) {
      Locations.Overlap overlap = Locations.overlap(new Path(dir.toUri()), in);
      if (overlap == Locations.Overlap.SAME || overlap == Locations.Overlap.INSIDE) {
        throw TrainguardException.usage("Invalid " + option + ": " + dir
            + " (it must be outside --input " + input + ", the protected output)");
      }
    }

    /**
     * Fails unless {@code relative} is free and every existing directory on the way is one;
     * the message names the path as {@code shown}, since a restored name can hold personal data.
     */
    void checkFree(String relative, String shown, String source) {
      java.nio.file.Path file = Storage.fileInTheWay(dir);
      if (file != null) {
        throw TrainguardException.usage("Cannot decrypt " + source + ": " + file
            + " is not a directory");
      }
      java.nio.file.Path p = dir;
      String[] parts = relative.split("/");
      for (int i = 0; i < parts.length; i++) {
        p = p.resolve(parts[i]);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
        if (i == parts.length - 1) {
          throw TrainguardException.usage("Cannot decrypt " + source + ": "
              + shownPath(parts, shown.split("/"), i) + " exists");
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          throw TrainguardException.usage("Cannot decrypt " + source + ": "
              + shownPath(parts, shown.split("/"), i) + " is not a directory");
        }
      }
    }

    /**
     * {@code dir} and the names {@code parts[0..last]}, each restored name as {@code <original of
     * SHOWN>}: the pseudonym it is stored under, never the name itself.
     */
    private String shownPath(String[] parts, String[] shown, int last) {
      StringBuilder path = new StringBuilder(dir.toString());
      for (int i = 0; i <= last; i++) {
        boolean restored = shown.length != parts.length || !parts[i].equals(shown[i]);
        path.append('/').append(!restored ? parts[i]
            : shown.length == parts.length ? "<original of " + shown[i] + ">" : "<original name>");
      }
      return path.toString();
    }

    /**
     * Where {@code relative} is staged; makes the staging directory on first use, after removing
     * those that decrypt runs killed on this host left behind.
     */
    java.nio.file.Path staged(String relative) throws IOException {
      if (staging == null) {
        makeDirectories(dir);
        removeAbandonedStaging();
        staging = Files.createTempDirectory(dir,
            OutputLayout.decryptStaging(ProcessHandle.current().pid(), HOST), OWNER_ONLY_DIR);
      }
      java.nio.file.Path file = staging.resolve(relative);
      Files.createDirectories(file.getParent(), OWNER_ONLY_DIR);
      return file;
    }

    /**
     * Removes the staging directories in {@code dir} whose decrypt ran on this host in a process
     * that is gone: they hold plaintext nobody will move into place.
     */
    private void removeAbandonedStaging() throws IOException {
      try (java.util.stream.Stream<java.nio.file.Path> entries = Files.list(dir)) {
        for (java.nio.file.Path entry : entries.toList()) {
          OutputLayout.StagingOwner owner =
              OutputLayout.decryptStagingOwner(entry.getFileName().toString());
          if (owner != null && owner.host().equals(HOST)
              && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
              && !ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            deleteTree(entry);
          }
        }
      }
    }

    /** A new file, 0600, never through a link. */
    OutputStream create(java.nio.file.Path file) throws IOException {
      return new BufferedOutputStream(Channels.newOutputStream(Files.newByteChannel(file,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS), OWNER_ONLY_FILE)), 1 << 16);
    }

    /** Renames the staged {@code relative} into place; never replaces anything. */
    void moveIntoPlace(String relative, String shown, String source) throws IOException {
      checkFree(relative, shown, source);
      java.nio.file.Path target = dir.resolve(relative);
      makeDirectories(target.getParent());
      Files.setPosixFilePermissions(staging.resolve(relative), mode.file());
      Files.move(staging.resolve(relative), target);
      created.add(target);
    }

    /** Creates the missing directories of {@code path}, in the directory mode, and records them. */
    private void makeDirectories(java.nio.file.Path path) throws IOException {
      List<java.nio.file.Path> missing = new ArrayList<>();
      for (java.nio.file.Path p = path; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
          p = p.getParent()) {
        missing.add(0, p);
      }
      for (java.nio.file.Path p : missing) {
        Files.createDirectory(p, OWNER_ONLY_DIR);
        created.add(p);
        Files.setPosixFilePermissions(p, mode.directory());
      }
    }

    /** Removes the staging directory. */
    void cleanUp() throws IOException {
      if (staging != null) {
        deleteTree(staging);
        staging = null;
      }
    }

    /** Removes everything this call created, the staging directory first. */
    void rollBack() {
      try {
        cleanUp();
        for (int i = created.size() - 1; i >= 0; i--) {
          try {
            Files.deleteIfExists(created.get(i));
          } catch (DirectoryNotEmptyException e) {
            // something else was put there meanwhile: not ours to delete
          }
        }
      } catch (IOException e) {
        // the failure being reported matters more than what is left in a 0700 directory
      }
    }

    private static void deleteTree(java.nio.file.Path root) throws IOException {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs)
            throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(java.nio.file.Path d, IOException e)
            throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
