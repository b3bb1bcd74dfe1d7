package io.trainguard.jobs.macie;

/**
 * Where in an object Macie saw one occurrence, normalized from Macie's {@code occurrences}
 * ({@code cells}, {@code records}, {@code lineRanges}, {@code offsetRanges}, {@code pages}).
 */
public sealed interface MacieLocation {

  /**
   * A CSV/TSV/Excel cell: {@code row} counts from 1 and includes the header row, {@code column}
   * counts from 1; {@code columnName} is null when Macie did not report it.
   */
  record Cell(long row, long column, String columnName) implements MacieLocation {}

  /**
   * A JSON, JSON Lines, Avro or Parquet record: {@code recordIndex} counts from 0 (the line for
   * JSON Lines, always 0 for JSON); {@code jsonPath} is Macie's JSONPath (may be null: Macie omits
   * it when an element name held sensitive data, and truncates long names from the front).
   */
  record JsonRecord(long recordIndex, String jsonPath) implements MacieLocation {}

  /**
   * Lines of a text file, 1-based and inclusive; {@code startColumn} (1-based characters into the
   * start line, null if absent) is where the data begins.
   */
  record LineRange(long startLine, long endLine, Long startColumn) implements MacieLocation {}

  /** An offset range as Macie reports it ({@code offsetRanges}: start and end as given). */
  record OffsetRange(long start, long end) implements MacieLocation {}

  /** A page of a PDF or Word document, counting from 1. */
  record Page(long pageNumber) implements MacieLocation {}

  /**
   * Macie counted {@code count} occurrences in the object without listing where (a detection
   * without {@code occurrences}).
   */
  record WholeObject(long count) implements MacieLocation {}

  /**
   * Every row of a CSV column: Macie listed only the first occurrences of the detection
   * ({@code additionalOccurrences}), so the column is flagged whole; {@code column} counts from 1.
   */
  record EveryRow(long column, String columnName) implements MacieLocation {}

  /**
   * Every record's value at {@code jsonPath} (array indices written {@code [*]}): Macie listed
   * only the first occurrences ({@code additionalOccurrences}), so the path is flagged whole.
   */
  record EveryRecord(String jsonPath) implements MacieLocation {}
}
