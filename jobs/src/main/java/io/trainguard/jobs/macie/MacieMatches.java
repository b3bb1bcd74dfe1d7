package io.trainguard.jobs.macie;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Occurrences matched to input files, with the per-file aggregations fusion needs. Duplicates
 * (the same file, entity and location from a finding and from its discovery result) count once.
 */
public final class MacieMatches {

  private final List<MacieMatch> matches;
  private final List<String> warnings;
  private final int unmatched;

  MacieMatches(List<MacieMatch> matches, List<String> warnings, int unmatched) {
    this.matches = List.copyOf(matches);
    this.warnings = List.copyOf(warnings);
    this.unmatched = unmatched;
  }

  /** Every matched occurrence, stale ones included. */
  public List<MacieMatch> all() {
    return matches;
  }

  /**
   * The occurrences to apply to locations in {@code relativePath}: not stale, one per entity and
   * location.
   */
  public List<MacieMatch> applicable(String relativePath) {
    record Seen(String entity, MacieLocation location) {}
    Set<Seen> seen = new HashSet<>();
    return matches.stream()
        .filter(m -> m.relativePath().equals(relativePath) && !m.stale())
        .filter(m -> seen.add(new Seen(m.occurrence().entity(), m.occurrence().location())))
        .toList();
  }

  /**
   * For a CSV file: column name (or {@code #N} for column N when Macie gave no name) → entity →
   * number of distinct rows Macie flagged, stale occurrences included.
   */
  public Map<String, Map<String, Long>> columnHints(String relativePath) {
    return hints(relativePath, MacieLocation.Cell.class,
        c -> c.columnName() != null ? c.columnName() : "#" + c.column(), MacieLocation.Cell::row);
  }

  /**
   * For a JSON Lines file: Macie's JSONPath → entity → number of distinct records flagged, stale
   * occurrences included (occurrences without a path are left out).
   */
  public Map<String, Map<String, Long>> fieldHints(String relativePath) {
    return hints(relativePath, MacieLocation.JsonRecord.class, MacieLocation.JsonRecord::jsonPath,
        MacieLocation.JsonRecord::recordIndex);
  }

  /** Warnings about stale findings and objects that are not among the inputs. */
  public List<String> warnings() {
    return warnings;
  }

  /** How many occurrences matched no input file. */
  public int unmatched() {
    return unmatched;
  }

  private <L extends MacieLocation> Map<String, Map<String, Long>> hints(String relativePath,
      Class<L> type, Function<L, String> field, Function<L, Long> record) {
    record Hit(String field, String entity, long record) {}
    Set<Hit> hits = new LinkedHashSet<>();
    for (MacieMatch m : matches) {
      if (m.relativePath().equals(relativePath) && type.isInstance(m.occurrence().location())) {
        L location = type.cast(m.occurrence().location());
        String name = field.apply(location);
        if (name != null) {
          hits.add(new Hit(name, m.occurrence().entity(), record.apply(location)));
        }
      }
    }
    return hits.stream().collect(Collectors.groupingBy(Hit::field, TreeMap::new,
        Collectors.groupingBy(Hit::entity, TreeMap::new, Collectors.counting())));
  }
}
