package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.macie.DiscoveryResults;
import io.trainguard.jobs.macie.MacieApi;
import io.trainguard.jobs.macie.MacieEntities;
import io.trainguard.jobs.macie.MacieFindingsFile;
import io.trainguard.jobs.macie.MacieImport;
import io.trainguard.jobs.macie.MacieLocation;
import io.trainguard.jobs.macie.MacieMatch;
import io.trainguard.jobs.macie.MacieMatcher;
import io.trainguard.jobs.macie.MacieMatches;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the Macie sources of a run on the driver and turns what matched each input file into
 * {@link MacieHints} for its executor, plus what the manifest records about the sources.
 */
public final class MacieFusion {

  /**
   * The hints per input file (relative path), the facts for the manifest, and the entities of
   * Macie's credential identifiers among the occurrences (which the policy handles as
   * credentials).
   */
  public record Result(Map<String, MacieHints> hints, List<String> sources, Set<String> jobIds,
      Set<String> resultLocations, int occurrences, int stale, int unmatched,
      List<String> warnings, Set<String> credentialEntities) {}

  static final int MAX_RANGE_LINES = 10_000;

  private MacieFusion() {}

  /** As {@link #run(List, String, String, List, Configuration, UnaryOperator)}, names as they are. */
  public static Result run(List<String> sources, String keyPrefix, String inputRoot,
      List<DataFile> files, Configuration conf) {
    return run(sources, keyPrefix, inputRoot, files, conf, UnaryOperator.identity());
  }

  /**
   * Reads {@code sources} and matches their occurrences to {@code files} under {@code inputRoot};
   * warnings name input paths and object keys as {@code shownPath} shows them.
   */
  public static Result run(List<String> sources, String keyPrefix, String inputRoot,
      List<DataFile> files, Configuration conf, UnaryOperator<String> shownPath) {
    if (sources.isEmpty()) {
      return new Result(Map.of(), List.of(), Set.of(), Set.of(), 0, 0, 0, List.of(), Set.of());
    }
    MacieImport imported = new MacieImport(List.of(), List.of(), 0, Set.of());
    for (String source : sources) {
      imported = imported.plus(read(source, sources, inputRoot, conf));
    }
    MacieMatches matches = new MacieMatcher(inputRoot, keyPrefix)
        .match(imported.occurrences(), files, shownPath);
    Map<String, MacieHints> hints = new HashMap<>();
    for (DataFile f : files) {
      String rel = f.relativePath();
      Map<Long, Map<Integer, Set<String>>> cells = new HashMap<>();
      Map<Long, Map<String, Set<String>>> fields = new HashMap<>();
      Map<Long, Map<Integer, Set<String>>> lines = new HashMap<>();
      Map<String, Long> unlocated = new HashMap<>();
      Map<String, Set<String>> wholeEntities = new HashMap<>();
      Map<String, Map<String, Long>> listed = new HashMap<>();
      for (MacieMatch m : matches.applicable(rel)) {
        if (m.occurrence().location() instanceof MacieLocation.Cell c) {
          listed.computeIfAbsent(columnKey(c.columnName(), c.column()), k -> new HashMap<>())
              .merge(m.occurrence().entity(), 1L, Long::sum);
          cells.computeIfAbsent(c.row(), r -> new HashMap<>())
              .computeIfAbsent((int) c.column() - 1, i -> new TreeSet<>())
              .add(m.occurrence().entity());
        } else if (m.occurrence().location() instanceof MacieLocation.JsonRecord r
            && r.jsonPath() != null) {
          listed.computeIfAbsent(fieldPath(r.jsonPath()), k -> new HashMap<>())
              .merge(m.occurrence().entity(), 1L, Long::sum);
          fields.computeIfAbsent(r.recordIndex(), i -> new HashMap<>())
              .computeIfAbsent(fieldPath(r.jsonPath()), p -> new TreeSet<>())
              .add(m.occurrence().entity());
        } else if (m.occurrence().location() instanceof MacieLocation.LineRange r) {
          addLines(lines, r, m.occurrence().entity());
        } else if (m.occurrence().location() instanceof MacieLocation.Page
            || m.occurrence().location() instanceof MacieLocation.OffsetRange) {
          unlocated.merge(m.occurrence().entity(), 1L, Long::sum);
        } else if (m.occurrence().location() instanceof MacieLocation.WholeObject w) {
          unlocated.merge(m.occurrence().entity(), w.count(), Long::sum);
        } else if (m.occurrence().location() instanceof MacieLocation.EveryRow c) {
          wholeEntities.computeIfAbsent(columnKey(c.columnName(), c.column()),
              k -> new TreeSet<>()).add(m.occurrence().entity());
        } else if (m.occurrence().location() instanceof MacieLocation.EveryRecord r) {
          wholeEntities.computeIfAbsent(fieldPath(r.jsonPath()), k -> new TreeSet<>())
              .add(m.occurrence().entity());
        }
      }
      // a column flagged whole with several entities takes the one Macie listed most there
      Map<String, String> whole = new HashMap<>();
      wholeEntities.forEach((column, entities) -> whole.put(column, entities.stream()
          .max(Comparator.comparing((String e) -> listed.getOrDefault(column, Map.of())
              .getOrDefault(e, 0L)).thenComparing(Comparator.reverseOrder())).orElseThrow()));
      if (!cells.isEmpty() || !fields.isEmpty() || !lines.isEmpty() || !unlocated.isEmpty()
          || !whole.isEmpty() || !matches.columnHints(rel).isEmpty()) {
        hints.put(rel, new MacieHints(cells, fields, lines, matches.columnHints(rel),
            unlocated, whole));
      }
    }
    Set<String> jobIds = new TreeSet<>();
    imported.occurrences().forEach(o -> {
      if (o.jobId() != null) {
        jobIds.add(o.jobId());
      }
    });
    Set<String> credentials = new TreeSet<>();
    imported.occurrences().stream()
        .filter(o -> !o.custom() && MacieEntities.credential(o.macieType()))
        .forEach(o -> credentials.add(o.entity()));
    int stale = (int) matches.all().stream().filter(MacieMatch::stale).count();
    List<String> warnings = new java.util.ArrayList<>(imported.warnings());
    warnings.addAll(matches.warnings());
    return new Result(hints, sources, jobIds, imported.detailedResultsLocations(),
        imported.occurrences().size(), stale, matches.unmatched(), warnings, credentials);
  }

  /** A CSV column as column plans name it: its header, or {@code #N} when Macie gave none. */
  private static String columnKey(String columnName, long column) {
    return columnName != null ? columnName : "#" + column;
  }

  /**
   * The lines of a range: the first from its start column, the rest whole (at most
   * {@value #MAX_RANGE_LINES}, a bound on what a malformed range can make us hold).
   */
  private static void addLines(Map<Long, Map<Integer, Set<String>>> lines, MacieLocation.LineRange r,
      String entity) {
    long last = Math.min(r.endLine(), r.startLine() + MAX_RANGE_LINES - 1);
    for (long line = Math.max(1, r.startLine()); line <= last; line++) {
      int column = line == r.startLine() && r.startColumn() != null
          ? (int) Math.max(1, Math.min(Integer.MAX_VALUE, r.startColumn())) : 0;
      lines.computeIfAbsent(line, l -> new HashMap<>())
          .computeIfAbsent(column, c -> new TreeSet<>()).add(entity);
    }
  }

  /** One {@code --macie} source; findings are followed to their discovery results. */
  private static MacieImport read(String source, List<String> sources, String inputRoot,
      Configuration conf) {
    try {
      org.apache.hadoop.fs.Path root = Storage.path(inputRoot);
      String scheme = root.toUri().getScheme() == null ? "file" : root.toUri().getScheme();
      MacieImport findings;
      if (source.equals("api")) {
        if (!"s3a".equals(scheme)) {
          throw TrainguardException.usage("--macie api needs an s3a:// input (Macie scans S3)");
        }
        String prefix = root.toUri().getPath().replaceFirst("^/", "");
        findings = new MacieApi(MacieApi.client(null)).findings(root.toUri().getHost(), prefix);
      } else if (source.endsWith(".json")) {
        findings = MacieFindingsFile.read(Path.of(source));
      } else {
        org.apache.hadoop.fs.Path path = Storage.path(source);
        return DiscoveryResults.read(Storage.fileSystem(path, conf), path);
      }
      return findings.plus(DiscoveryResults.follow(findings, conf, scheme, sources));
    } catch (IOException e) {
      throw TrainguardException.input("Cannot read Macie source " + source + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Macie's JSONPath ({@code $.user.emails[0]}) as a manifest field path ({@code user.emails[]}). */
  static String fieldPath(String jsonPath) {
    String path = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    path = path.replaceAll("\\[\\d+\\]|\\[\\*\\]", "[]").replaceAll("\\['([^']*)'\\]", ".$1");
    return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "$" : path;
  }
}
