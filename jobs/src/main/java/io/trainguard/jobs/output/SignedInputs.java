package io.trainguard.jobs.output;

import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether a manifest describes an input as it is now: every signed input file is there with its
 * signed size and SHA-256, and the input holds no other file that protect would list. Catches an
 * earlier output replayed over a later one. An input listed under a pseudonym (its name held
 * personal data) is found by its size and digest, a skipped one shown masked only by an
 * unsupported file its masked name fits; problems name inputs as the manifest shows them and
 * count the files it does not list, never naming them.
 */
final class SignedInputs {

  private static final Pattern MASKED_NAME = Pattern.compile("<[^</>]+>");

  private final FileSystem fs;
  private final Map<String, String> digests = new HashMap<>();

  private SignedInputs(FileSystem fs) {
    this.fs = fs;
  }

  /**
   * The first problem with {@code manifest}'s inputs against the input under {@code root} as
   * protect lists it (names starting with {@code _} or {@code .}, and symbolic links, left
   * out) and {@code selected} selects it (protect's {@code --include} and {@code --exclude}),
   * or none.
   */
  static List<String> check(FileSystem fs, Path root, Predicate<String> selected,
      Manifest manifest) throws IOException {
    return new SignedInputs(fs).problems(root, selected, manifest);
  }

  private List<String> problems(Path root, Predicate<String> selected, Manifest manifest)
      throws IOException {
    Map<String, DataFile> unmatched = new LinkedHashMap<>();
    try {
      for (DataFile f : Storage.listInput(fs, root, false).files()) {
        if (selected.test(f.relativePath())) {
          unmatched.put(f.relativePath(), f);
        }
      }
    } catch (IOException e) {
      if (Storage.notFound(e)) {
        return List.of("input: not found");
      }
      throw e;
    }
    Set<String> signedPaths = new HashSet<>();
    manifest.inputs().forEach(in -> signedPaths.add(in.path()));
    for (Manifest.Input in : manifest.inputs()) {
      String shown = "input " + in.path();
      if (in.sha256() == null || in.size() == null) {
        return List.of(shown + ": the manifest gives no size or SHA-256");
      }
      DataFile file = unmatched.remove(in.path());
      if (file == null) {
        file = sameBytes(unmatched, signedPaths, in);
        if (file == null) {
          return List.of(shown + ": missing, or its size or SHA-256 differs from the manifest");
        }
        unmatched.remove(file.relativePath());
      } else if (file.size() != in.size()) {
        return List.of(shown + ": size is " + file.size() + ", manifest says " + in.size());
      } else if (!sha256(file).equals(in.sha256())) {
        return List.of(shown + ": SHA-256 differs from the manifest");
      }
    }
    for (Manifest.SkippedInput s : manifest.skippedInputs()) {
      if (unmatched.remove(s.path()) == null) {
        Pattern shown = masked(s.path());
        unmatched.keySet().stream()
            .filter(p -> shown.matcher(p).matches() && Format.byFileName(p).isEmpty())
            .findFirst().ifPresent(unmatched::remove);
      }
    }
    int unlisted = unmatched.size();
    return unlisted == 0 ? List.of() : List.of("input: " + unlisted + (unlisted == 1
        ? " file the manifest does not list" : " files the manifest does not list"));
  }

  /**
   * The paths a skipped input shown as {@code path} may have: each {@code <ENTITY>} a name masked
   * because it held personal data (unsupported files have no digest to find them by).
   */
  private static Pattern masked(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher entity = MASKED_NAME.matcher(path);
    int from = 0;
    while (entity.find()) {
      regex.append(Pattern.quote(path.substring(from, entity.start()))).append("[^/]+");
      from = entity.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(path.substring(from))).toString());
  }

  /** A file not at any signed input's path with {@code in}'s size and SHA-256, or null. */
  private DataFile sameBytes(Map<String, DataFile> unmatched, Set<String> signedPaths,
      Manifest.Input in) throws IOException {
    for (DataFile f : unmatched.values()) {
      if (!signedPaths.contains(f.relativePath()) && f.size() == in.size()
          && sha256(f).equals(in.sha256())) {
        return f;
      }
    }
    return null;
  }

  private String sha256(DataFile f) throws IOException {
    String digest = digests.get(f.uri());
    if (digest == null) {
      digest = Storage.sha256(fs, new Path(f.uri()));
      digests.put(f.uri(), digest);
    }
    return digest;
  }
}
