package io.trainguard.jobs.format;

import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.jobs.Counts;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Macie found in one input file, shipped to the executor that protects it: the entities of
 * flagged CSV cells (row counting from 1 with the header, column from 0), of flagged JSON Lines
 * and Parquet fields (record from 0, field path as in manifests), flagged text lines (line from 1, then the code point where the data
 * starts, from 1, or 0 when Macie did not say), per column how many rows Macie flagged with which
 * entity, and per entity how many occurrences Macie reported without a usable location (pages of
 * a document, reserved offset ranges, counts only), and the columns or field paths Macie flagged
 * whole, with their entity. Locations and counts only, never a value.
 */
public record MacieHints(Map<Long, Map<Integer, Set<String>>> cells,
    Map<Long, Map<String, Set<String>>> fields, Map<Long, Map<Integer, Set<String>>> lines,
    Map<String, Map<String, Long>> columnRows, Map<String, Long> unlocated,
    Map<String, String> wholeColumns) implements Serializable {

  /** Share of sampled rows Macie must flag before a whole column is planned from its hint. */
  public static final double COLUMN_SHARE = 0.5;
  public static final MacieHints NONE = new MacieHints(Map.of(), Map.of(), Map.of(), Map.of(),
      Map.of(), Map.of());

  public MacieHints {
    cells = Map.copyOf(cells);
    fields = Map.copyOf(fields);
    lines = Map.copyOf(lines);
    columnRows = Map.copyOf(columnRows);
    unlocated = Map.copyOf(unlocated);
    wholeColumns = Map.copyOf(wholeColumns);
  }

  /**
   * The entities Macie reported at {@code field} of record {@code index}, with the field's own
   * when Macie flagged it whole.
   */
  public Set<String> fieldOrWhole(long index, String field) {
    String whole = wholeColumns.get(field);
    Set<String> listed = field(index, field);
    if (whole == null || listed.contains(whole)) {
      return listed;
    }
    Set<String> all = new java.util.TreeSet<>(listed);
    all.add(whole);
    return all;
  }

  /** The entities Macie reported in CSV cell ({@code row}, {@code column}). */
  public Set<String> cell(long row, int column) {
    Map<Integer, Set<String>> r = cells.get(row);
    return r == null ? Set.of() : r.getOrDefault(column, Set.of());
  }

  /** The entities Macie reported at {@code field} of record {@code index}. */
  public Set<String> field(long index, String field) {
    Map<String, Set<String>> r = fields.get(index);
    return r == null ? Set.of() : r.getOrDefault(field, Set.of());
  }

  /** The entities Macie reported on text {@code line}, by starting code point (0: unknown). */
  public Map<Integer, Set<String>> line(long line) {
    return lines.getOrDefault(line, Map.of());
  }

  /**
   * A plan for {@code column} when Macie flagged the whole column (it listed only its first
   * occurrences there), or at least {@value #COLUMN_SHARE} of the
   * {@code sampledRows} with one entity (Macie samples and caps what it lists, so flagging most
   * of a column means the column).
   */
  public Optional<ColumnPlan> plan(String column, int sampledRows) {
    String whole = wholeColumns.get(column);
    if (whole != null) {
      return Optional.of(new ColumnPlan(column, whole, 1.0, sampledRows,
          "Macie flagged the column (additionalOccurrences)"));
    }
    Map<String, Long> byEntity = columnRows.get(column);
    if (byEntity == null || sampledRows == 0) {
      return Optional.empty();
    }
    return byEntity.entrySet().stream()
        .filter(e -> e.getValue() >= COLUMN_SHARE * sampledRows)
        .max(Map.Entry.comparingByValue())
        .map(e -> new ColumnPlan(column, e.getKey(),
            Math.min(1.0, Math.round(100.0 * e.getValue() / sampledRows) / 100.0), sampledRows,
            "Macie flagged " + Counts.of(e.getValue(), "row")));
  }
}
