package io.trainguard.jobs.macie;

import io.trainguard.jobs.Counts;
import io.trainguard.jobs.storage.Storage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Maps Macie's (bucket, key) onto the input files of a run. Reading the bucket Macie scanned
 * ({@code s3a://bucket/prefix/}), a key matches the input at the same key. Otherwise (a copy in
 * another bucket, or a local folder) the key, after stripping {@code keyPrefix}
 * ({@code --macie-key-prefix}) when given, is taken relative to the input prefix.
 */
public final class MacieMatcher {

  private final String bucket;
  private final String prefix;
  private final String keyPrefix;

  /**
   * @param inputRoot {@code s3a://bucket/prefix}, {@code s3://...} or a local path/URI
   * @param keyPrefix stripped from Macie's keys before matching to a copy; null for none
   */
  public MacieMatcher(String inputRoot, String keyPrefix) {
    URI uri = inputRoot.contains("://") ? Storage.path(inputRoot).toUri() : null;
    boolean s3 = uri != null && ("s3a".equals(uri.getScheme()) || "s3".equals(uri.getScheme()));
    this.bucket = s3 ? uri.getHost() : null;
    this.prefix = s3 ? folder(uri.getPath().replaceFirst("^/", "")) : "";
    this.keyPrefix = keyPrefix == null ? "" : folder(keyPrefix.replaceFirst("^/", ""));
  }

  /** As {@link #match(Collection, Collection, UnaryOperator)}, names as they are. */
  public MacieMatches match(Collection<MacieOccurrence> occurrences,
      Collection<Storage.DataFile> inputs) {
    return match(occurrences, inputs, UnaryOperator.identity());
  }

  /**
   * Matches {@code occurrences} to {@code inputs} (with their current ETag and size); warnings
   * name input paths and objects ({@code bucket/key}) as {@code shownPath} shows them.
   */
  public MacieMatches match(Collection<MacieOccurrence> occurrences,
      Collection<Storage.DataFile> inputs, UnaryOperator<String> shownPath) {
    Map<String, Storage.DataFile> byPath = new LinkedHashMap<>();
    inputs.forEach(f -> byPath.put(f.relativePath(), f));
    List<MacieMatch> matches = new ArrayList<>();
    Map<String, Integer> unmatched = new LinkedHashMap<>();
    Map<String, String> staleReasons = new LinkedHashMap<>();
    Map<String, Integer> staleCounts = new LinkedHashMap<>();
    for (MacieOccurrence o : occurrences) {
      String relative = relativePath(o);
      Storage.DataFile file = relative == null ? null : byPath.get(relative);
      if (file == null) {
        unmatched.merge(o.bucket() + "/" + o.key(), 1, Integer::sum);
        continue;
      }
      String reason = staleReason(o, file);
      if (reason != null) {
        staleReasons.putIfAbsent(relative, reason);
        staleCounts.merge(relative, 1, Integer::sum);
      }
      matches.add(new MacieMatch(relative, o, reason != null));
    }
    List<String> warnings = new ArrayList<>();
    staleCounts.forEach((path, n) -> warnings.add("Macie findings for " + shownPath.apply(path)
        + " are stale (" + staleReasons.get(path) + "): " + Counts.of(n, "occurrence")
        + " used as column hints only"));
    unmatched.forEach((object, n) -> warnings.add("Macie reported " + Counts.of(n, "occurrence")
        + " in s3://" + shownPath.apply(object) + ", which is not among the inputs"));
    return new MacieMatches(matches, warnings,
        unmatched.values().stream().mapToInt(Integer::intValue).sum());
  }

  /** The input-relative path for an occurrence's object, or null if it lies outside the input. */
  String relativePath(MacieOccurrence o) {
    String key = o.key();
    if (bucket != null && bucket.equals(o.bucket())) {
      return key.startsWith(prefix) ? key.substring(prefix.length()) : null;
    }
    if (!keyPrefix.isEmpty()) {
      if (!key.startsWith(keyPrefix)) {
        return null;
      }
      key = key.substring(keyPrefix.length());
    }
    if (key.startsWith(prefix)) {
      return key.substring(prefix.length());
    }
    return bucket == null ? key : null;
  }

  private static String staleReason(MacieOccurrence o, Storage.DataFile file) {
    if (o.etag() != null && file.etag() != null
        && !Objects.equals(normalizeEtag(o.etag()), normalizeEtag(file.etag()))) {
      return "ETag differs";
    }
    if (o.size() != null && o.size() != file.size()) {
      return "size differs";
    }
    return null;
  }

  private static String normalizeEtag(String etag) {
    return etag.replace("\"", "").toLowerCase(Locale.ROOT);
  }

  private static String folder(String path) {
    return path.isEmpty() || path.endsWith("/") ? path : path + "/";
  }
}
