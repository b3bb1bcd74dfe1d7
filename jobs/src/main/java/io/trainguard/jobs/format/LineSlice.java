package io.trainguard.jobs.format;

import java.io.Serializable;

/**
 * The part of a line-based file that one task protects: the lines that start in the bytes
 * {@code [start, end)}, which is slice {@code index} of {@code count}, after
 * {@code linesBefore} lines and {@code recordsBefore} records of the file (a CSV file's header
 * is no record; a blank CSV or JSON Lines line is none either). {@link #WHOLE} is a whole file.
 */
public record LineSlice(int index, int count, long start, long end, long linesBefore,
    long recordsBefore) implements Serializable {

  /** A whole file, read as one. */
  public static final LineSlice WHOLE = new LineSlice(0, 1, 0, Long.MAX_VALUE, 0, 0);

  public LineSlice {
    if (index < 0 || index >= count || start < 0 || end < start || linesBefore < 0
        || recordsBefore < 0) {
      throw new IllegalArgumentException("Invalid slice " + index + " of " + count);
    }
  }

  /** Whether this is the first slice, which holds what precedes the records (a CSV header). */
  public boolean first() {
    return index == 0;
  }

  /** Whether the file is read in several slices. */
  public boolean split() {
    return count > 1;
  }

  /** The bytes of the file this slice reads. */
  public long length() {
    return end - start;
  }
}
