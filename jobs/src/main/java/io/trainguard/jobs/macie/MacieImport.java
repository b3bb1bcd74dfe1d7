package io.trainguard.jobs.macie;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The occurrences read from one or more Macie sources, the warnings (each names a file, finding
 * id or key, never a value), how many findings or results were skipped as malformed, and the
 * distinct {@code detailedResultsLocation}s the findings point to.
 */
public record MacieImport(
    List<MacieOccurrence> occurrences,
    List<String> warnings,
    int skipped,
    Set<String> detailedResultsLocations) {

  public MacieImport {
    occurrences = List.copyOf(occurrences);
    warnings = List.copyOf(warnings);
    detailedResultsLocations = Set.copyOf(detailedResultsLocations);
  }

  /** This import followed by {@code other}. */
  public MacieImport plus(MacieImport other) {
    Collector c = new Collector();
    c.add(this);
    c.add(other);
    return c.result();
  }

  /** Accumulates an import; not thread-safe. */
  static final class Collector {
    private final List<MacieOccurrence> occurrences = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> locations = new LinkedHashSet<>();
    private int skipped;

    void occurrence(MacieOccurrence o) {
      occurrences.add(o);
    }

    void warn(String warning) {
      warnings.add(warning);
    }

    void skip(String warning) {
      skipped++;
      warnings.add(warning);
    }

    void detailedResultsLocation(String uri) {
      locations.add(uri);
    }

    void add(MacieImport other) {
      occurrences.addAll(other.occurrences());
      warnings.addAll(other.warnings());
      locations.addAll(other.detailedResultsLocations());
      skipped += other.skipped();
    }

    MacieImport result() {
      return new MacieImport(occurrences, warnings, skipped, locations);
    }
  }
}
