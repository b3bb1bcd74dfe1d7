package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.PersonalNames;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where protect shows its inputs and roots in what it writes in plaintext (object keys, manifest,
 * report, lineage, outliers, stderr and stdout): every file or directory name holding personal
 * data replaced by its pseudonym ({@link PersonalNames#path}), in the relative path of each
 * input and in the URIs of the roots above it. Built once on the driver, shipped to the tasks.
 */
final class ShownPaths implements Serializable {

  private final Map<String, String> relative;
  private final Map<String, String> uris;
  private final java.util.Set<String> replaced;

  private ShownPaths(Map<String, String> relative, Map<String, String> uris,
      java.util.Set<String> replaced) {
    this.relative = Map.copyOf(relative);
    this.uris = Map.copyOf(uris);
    this.replaced = java.util.Set.copyOf(replaced);
  }

  /**
   * The shown forms of {@code files} and of {@code roots} (URIs as given or as Hadoop writes
   * them); two inputs shown under one path are an input error.
   */
  static ShownPaths of(PersonalNames names, List<DataFile> files, List<String> roots) {
    Map<String, String> relative = new TreeMap<>();
    Map<String, String> uris = new HashMap<>();
    java.util.Set<String> taken = new java.util.HashSet<>();
    Map<String, String> bases = new HashMap<>();
    for (DataFile f : files) {
      String path = names.path(f.relativePath());
      if (!taken.add(path)) {
        throw io.trainguard.jobs.TrainguardException.input(
            "Cannot protect two inputs under one shown path: " + path);
      }
      if (!path.equals(f.relativePath())) {
        relative.put(f.relativePath(), path);
      }
      String base = base(f);
      String shownBase = bases.computeIfAbsent(base, names::path);
      String uri = shownBase + path;
      if (!uri.equals(f.uri())) {
        uris.put(f.uri(), uri);
      }
    }
    for (String root : roots) {
      String shown = directory(names, root);
      if (!shown.equals(root)) {
        uris.put(root, shown);
      }
    }
    java.util.Set<String> replaced = new java.util.TreeSet<>();
    relative.forEach((raw, shown) -> addReplaced(raw, shown, replaced));
    uris.forEach((raw, shown) -> addReplaced(raw, shown, replaced));
    return new ShownPaths(relative, uris, replaced);
  }

  private static void addReplaced(String raw, String shown, java.util.Set<String> replaced) {
    String[] rawNames = raw.split("/", -1);
    String[] shownNames = shown.split("/", -1);
    for (int i = 0; i < rawNames.length && i < shownNames.length; i++) {
      if (!rawNames[i].equals(shownNames[i])) {
        replaced.add(rawNames[i]);
      }
    }
  }

  /** The file and directory names (as Hadoop paths hold them) that are shown otherwise. */
  java.util.Set<String> replacedNames() {
    return replaced;
  }

  /** A directory's path as shown, its last name without an extension kept. */
  static String directory(PersonalNames names, String path) {
    if (path.endsWith("/")) {
      return names.path(path);
    }
    String shown = names.path(path + "/");
    return shown.substring(0, shown.length() - 1);
  }

  private static String base(DataFile f) {
    return f.uri().endsWith(f.relativePath())
        ? f.uri().substring(0, f.uri().length() - f.relativePath().length()) : "";
  }

  /** {@code file} as its outputs and results show it. */
  DataFile file(DataFile file) {
    String path = relative.getOrDefault(file.relativePath(), file.relativePath());
    String uri = uris.getOrDefault(file.uri(), file.uri());
    return path.equals(file.relativePath()) && uri.equals(file.uri()) ? file
        : new DataFile(uri, path, file.size(), file.etag(), file.versionId());
  }

  /** A relative input path as shown. */
  String relative(String path) {
    return relative.getOrDefault(path, path);
  }

  /** A root given to {@link #of} (or any input's URI) as shown. */
  String uri(String uri) {
    return uris.getOrDefault(uri, uri);
  }

  /** The inputs whose relative paths are shown otherwise: original by shown path. */
  Map<String, String> originals() {
    Map<String, String> originals = new TreeMap<>();
    relative.forEach((original, shown) -> originals.put(shown, original));
    return originals;
  }

  /** {@code text} with every input URI, relative path and root holding personal data replaced. */
  String text(String text) {
    List<Map.Entry<String, String>> longestFirst = new java.util.ArrayList<>(uris.entrySet());
    longestFirst.addAll(relative.entrySet());
    longestFirst.sort(Map.Entry.<String, String>comparingByKey(
        java.util.Comparator.comparingInt(String::length)).reversed());
    for (Map.Entry<String, String> e : longestFirst) {
      text = text.replace(e.getKey(), e.getValue());
    }
    return text;
  }
}
