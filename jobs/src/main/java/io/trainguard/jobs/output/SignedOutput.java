package io.trainguard.jobs.output;

import io.trainguard.encryption.Signer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A protected output checked against its signed manifest without reading any listed file: the
 * signature, the signed gate decision, {@code _SUCCESS} (present, and empty, exactly when the
 * gate passed), that {@code data/} and {@code quarantine/} hold exactly the listed files, hidden
 * ones included, that nothing else is stored but the files the manifest accounts for, that no
 * symbolic link stands under the root, and that the files of {@code _trainguard/} whose digests
 * the manifest signs (the original names, the dataset secret, the outliers, the report, the
 * OpenLineage events) are present. The caller checks each listed file's size and SHA-256 as it
 * reads the bytes.
 */
final class SignedOutput {

  /**
   * One listed output file: its path relative to the output root, size, digest, format, and
   * the part of a split input's output it is (null: a whole file).
   */
  record Listed(String path, long size, String sha256, String format, Manifest.Part part) {}

  private final ManifestReader.Stored stored;
  private final String signatureProblem;
  private final List<Listed> listed;
  private final List<Listed> signedMetadata;
  private final List<String> problems;

  private SignedOutput(ManifestReader.Stored stored, String signatureProblem,
      List<Listed> listed, List<Listed> signedMetadata, List<String> problems) {
    this.stored = stored;
    this.signatureProblem = signatureProblem;
    this.listed = listed;
    this.signedMetadata = signedMetadata;
    this.problems = problems;
  }

  /**
   * Reads and checks the output whose manifest is {@code manifestPath}; its root is the manifest's
   * grandparent, so a copied output tree checks too.
   *
   * @throws TrainguardException exit 2 if there is no manifest or it is not one
   */
  static SignedOutput check(FileSystem fs, Path manifestPath, Signer signer) throws IOException {
    return check(fs, manifestPath, signer, false);
  }

  /**
   * As {@link #check(FileSystem, Path, Signer)}, for rewrap: a listed file's copy staged under
   * the new key by a rewrap that stopped ({@code NAME.rewrap}) is its own, not a problem, and
   * files outside {@code data/} and {@code quarantine/} are not looked at.
   */
  static SignedOutput checkForRewrap(FileSystem fs, Path manifestPath, Signer signer)
      throws IOException {
    return check(fs, manifestPath, signer, true);
  }

  private static SignedOutput check(FileSystem fs, Path manifestPath, Signer signer,
      boolean rewrapStaging) throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(manifestPath)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        throw TrainguardException.input("Manifest not found: " + manifestPath);
      }
      throw e;
    }
    ManifestReader.Stored read;
    try {
      read = ManifestReader.parse(bytes);
    } catch (IOException e) {
      throw TrainguardException.input("Invalid manifest " + manifestPath
          + ": not a trainguard manifest");
    }
    Path root = manifestPath.getParent().getParent();
    List<String> problems = new ArrayList<>();
    boolean success = fs.exists(new Path(root, OutputLayout.SUCCESS));
    Manifest manifest = read.manifest();
    boolean claimsPass = manifest.gatePassed();
    if (claimsPass && !success) {
      problems.add(OutputLayout.SUCCESS + ": missing (the run did not complete)");
    } else if (!claimsPass && success) {
      problems.add(OutputLayout.SUCCESS + ": present although the signed gate failed");
    }
    Map<String, Listed> byPath = new LinkedHashMap<>();
    for (Manifest.Output out : manifest.outputs()) {
      String path = out.path() == null ? "" : out.path();
      if (!OutputLayout.isRecordPath(path)) {
        problems.add("invalid output path in the manifest: " + path);
      } else if (byPath.put(path, new Listed(path, out.size() == null ? -1 : out.size(),
          out.sha256() == null ? "" : out.sha256(),
          out.encryption() == null || out.encryption().format() == null ? ""
              : out.encryption().format(), out.part())) != null) {
        problems.add(path + ": listed twice in the manifest");
      }
    }
    problems.addAll(partProblems(manifest.outputs(), byPath.keySet()));
    Map<String, String> listing = new TreeMap<>();
    Set<String> links = links(fs, root);
    for (String link : links) {
      listing.put(link, link + ": a symbolic link (trainguard writes none)");
    }
    for (String area : OutputLayout.RECORD_AREAS) {
      for (String stored : stored(fs, root, area)) {
        if (underLink(stored, links)) {
          continue;
        }
        boolean staged = rewrapStaging && stored.endsWith(OutputLayout.REWRAP_STAGED)
            && byPath.containsKey(stored.substring(0,
                stored.length() - OutputLayout.REWRAP_STAGED.length()));
        if (!byPath.containsKey(stored) && !staged) {
          listing.put(stored, stored + ": not listed in the manifest");
        }
      }
    }
    List<Listed> signedMetadata = signedMetadata(manifest);
    for (Manifest.DerivedFile file : manifest.derivedFiles()) {
      if (!OutputLayout.DERIVED.contains(file.path())) {
        problems.add("invalid derived file path in the manifest: " + file.path());
      }
    }
    for (String path : byPath.keySet()) {
      if (!fs.exists(new Path(root, path))) {
        listing.put(path, path + ": missing");
      }
    }
    for (Listed file : signedMetadata) {
      if (!fs.exists(new Path(root, file.path()))) {
        listing.put(file.path(), file.path() + ": missing");
      }
    }
    if (!rewrapStaging) { // a rewrap that stopped left its journal and staged copies here
      Set<String> accounted = accountedFor(manifest, signedMetadata);
      for (String stored : storedOutsideRecordAreas(fs, root)) {
        if (!accounted.contains(stored) && !underLink(stored, links)) {
          listing.put(stored, stored + ": not listed in the manifest");
        }
      }
    }
    if (success && fs.getFileStatus(new Path(root, OutputLayout.SUCCESS)).getLen() != 0) {
      listing.put(OutputLayout.SUCCESS, OutputLayout.SUCCESS + ": not empty (trainguard"
          + " writes it empty)");
    }
    problems.addAll(listing.values());
    return new SignedOutput(read, read.signatureProblem(signer),
        List.copyOf(byPath.values()), signedMetadata, List.copyOf(problems));
  }

  /**
   * The files outside {@code data/} and {@code quarantine/} an output of {@code manifest} may
   * hold: the manifest, {@code _SUCCESS}, the files it signs, those an older trainguard wrote
   * without signing them, and a {@code --dataset-secret} the run was given inside its output.
   */
  private static Set<String> accountedFor(Manifest manifest, List<Listed> signedMetadata) {
    Set<String> files = new HashSet<>(List.of(OutputLayout.MANIFEST, OutputLayout.SUCCESS));
    signedMetadata.forEach(f -> files.add(f.path()));
    Set<String> unsigned = new HashSet<>(OutputLayout.DERIVED);
    manifest.derivedFiles().forEach(f -> unsigned.remove(f.path()));
    if (manifest.poisoning() != null && manifest.poisoning().outliersSha256() == null) {
      unsigned.add(OutputLayout.OUTLIERS);
    }
    Manifest.DatasetSecret secret = manifest.config() == null ? null
        : manifest.config().datasetSecret();
    if (secret != null && secret.sha256() == null) { // an older run's, or a shared one
      unsigned.add(OutputLayout.DATASET_SECRET);
      String root = manifest.run() == null ? null : manifest.run().output();
      if (root != null && secret.uri() != null && secret.uri().startsWith(root + "/")) {
        unsigned.add(secret.uri().substring(root.length() + 1));
      }
    }
    files.addAll(unsigned);
    return files;
  }

  /**
   * The symbolic links under a local {@code root}, relative to it. trainguard writes none, and
   * reading or rewrapping through one reaches files that the output does not hold.
   */
  private static Set<String> links(FileSystem fs, Path root) throws IOException {
    if (!"file".equals(fs.getUri().getScheme())) {
      return Set.of();
    }
    java.nio.file.Path dir = java.nio.file.Path.of(fs.makeQualified(root).toUri()).toRealPath();
    try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isSymbolicLink).map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Whether {@code path} is one of {@code links} or reached through one. */
  private static boolean underLink(String path, Set<String> links) {
    for (String link : links) {
      if (path.equals(link) || path.startsWith(link + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Every file stored under {@code root} outside {@code data/} and {@code quarantine/}. */
  private static List<String> storedOutsideRecordAreas(FileSystem fs, Path root)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (FileStatus entry : fs.listStatus(root)) {
      String name = entry.getPath().getName();
      if (!entry.isDirectory()) {
        files.add(name);
      } else if (!OutputLayout.RECORD_AREAS.contains(name)) {
        files.addAll(stored(fs, root, name));
      }
    }
    return files;
  }

  /**
   * The files under {@code _trainguard/} that the manifest gives a size and SHA-256: the
   * encrypted original names, the output's own dataset secret, the outliers file, the report and
   * the OpenLineage events (manifests that predate their digests give none).
   */
  private static List<Listed> signedMetadata(Manifest manifest) {
    List<Listed> files = new ArrayList<>();
    Manifest.Names names = manifest.names();
    if (names != null) {
      files.add(new Listed(OutputLayout.NAMES, names.size(),
          names.sha256() == null ? "" : names.sha256(), "", null));
    }
    Manifest.DatasetSecret secret = manifest.config() == null ? null
        : manifest.config().datasetSecret();
    if (secret != null && secret.sha256() != null) {
      files.add(new Listed(OutputLayout.DATASET_SECRET,
          secret.size() == null ? -1 : secret.size(), secret.sha256(), "", null));
    }
    Manifest.Poisoning poisoning = manifest.poisoning();
    if (poisoning != null && poisoning.outliersSha256() != null) {
      files.add(new Listed(OutputLayout.OUTLIERS,
          poisoning.outliersSize() == null ? -1 : poisoning.outliersSize(),
          poisoning.outliersSha256(), "", null));
    }
    for (Manifest.DerivedFile file : manifest.derivedFiles()) {
      if (OutputLayout.DERIVED.contains(file.path())) {
        files.add(new Listed(file.path(), file.size() == null ? -1 : file.size(),
            file.sha256() == null ? "" : file.sha256(), "", null));
      }
    }
    return List.copyOf(files);
  }

  /**
   * What is wrong with the parts of split inputs' outputs: each part named for its place, its
   * output's parts listed in order, of one count, kind and source, none listed twice, every
   * data part present, and no part's output also listed whole.
   */
  private static List<String> partProblems(List<Manifest.Output> outputs,
      java.util.Set<String> listed) {
    Map<String, List<Manifest.Output>> byOutput = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Manifest.Output out : outputs) {
      Manifest.Part part = out.part();
      if (part == null) {
        continue;
      }
      String path = out.path() == null ? "" : out.path();
      if (part.of() == null || part.index() == null || part.count() == null
          || !OutputLayout.isRecordPath(part.of()) || part.count() < 2 || part.index() < 0
          || part.index() >= part.count()
          || !path.equals(OutputLayout.part(part.of(), part.index()))) {
        problems.add(path + ": invalid part in the manifest");
        continue;
      }
      byOutput.computeIfAbsent(part.of(), k -> new ArrayList<>()).add(out);
    }
    byOutput.forEach((of, parts) -> {
      Manifest.Output first = parts.get(0);
      int previous = -1;
      java.util.BitSet indices = new java.util.BitSet();
      for (Manifest.Output p : parts) {
        if (!p.part().count().equals(first.part().count()) || p.kind() != first.kind()
            || !java.util.Objects.equals(p.source(), first.source())) {
          problems.add(of + ": its parts disagree on their count, kind or source");
          return;
        }
        if (p.part().index() <= previous) {
          problems.add(of + ": part " + p.part().index() + " listed out of order");
        }
        previous = Math.max(previous, p.part().index());
        indices.set(p.part().index());
      }
      if (listed.contains(of)) {
        problems.add(of + ": listed both whole and in parts");
      }
      if (first.kind() == Manifest.Kind.DATA) {
        for (int i = indices.nextClearBit(0); i < first.part().count();
            i = indices.nextClearBit(i + 1)) {
          problems.add(of + ": part " + i + " of " + first.part().count()
              + " is not listed");
        }
      }
    });
    return problems;
  }

  /** Every file stored under {@code root/area}, relative to {@code root}. */
  private static List<String> stored(FileSystem fs, Path root, String area) throws IOException {
    Path dir = new Path(root, area);
    if (!fs.exists(dir)) {
      return List.of();
    }
    String prefix = fs.getFileStatus(root).getPath().toUri().getPath();
    prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    List<String> files = new ArrayList<>();
    for (FileStatus f : Storage.filesUnder(fs, dir)) {
      String full = f.getPath().toUri().getPath();
      files.add(full.startsWith(prefix) ? full.substring(prefix.length()) : full);
    }
    return files;
  }

  Manifest manifest() {
    return stored.manifest();
  }

  /** The manifest as stored, which its signature covers. */
  com.fasterxml.jackson.databind.node.ObjectNode document() {
    return stored.document();
  }

  /** Why the signature does not hold, or null when it does. */
  String signatureProblem() {
    return signatureProblem;
  }

  /** Whether the signed gate passed; false when the signature does not hold. */
  boolean gatePassed() {
    return signatureProblem == null && stored.manifest().gatePassed();
  }

  /** The signed gate's reasons to fail, joined with "; ". */
  String gateReasons() {
    Manifest.Gate gate = stored.manifest().gate();
    return gate == null ? "" : String.join("; ", gate.reasons());
  }

  /** The listed outputs with a valid path, in manifest order. */
  List<Listed> listed() {
    return listed;
  }

  /** The files of {@code _trainguard/} whose size and SHA-256 the manifest signs. */
  List<Listed> signedMetadata() {
    return signedMetadata;
  }

  /** What does not match the manifest, besides the signature, the gate and digests. */
  List<String> problems() {
    return problems;
  }
}
