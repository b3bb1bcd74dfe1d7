package io.trainguard.jobs.format;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * Where a Parquet file is cut into slices, as Hadoop's Parquet input format does: the file is cut
 * into ranges of the split size, and a range owns the row groups whose middle byte lies in it. A
 * slice is a range that owns a row group: {@link ParquetCodec} reads it with Parquet's own range
 * filter, which selects those row groups by the same rule.
 */
public final class RowGroupSplits {

  private RowGroupSplits() {}

  /**
   * The slices of a Parquet file of {@code length} bytes holding {@code rowGroups}, cut every
   * {@code splitBytes}; empty when one slice would hold every row group (the file is read whole).
   */
  public static List<LineSlice> slices(List<BlockMetaData> rowGroups, long length,
      long splitBytes) {
    List<long[]> owned = new ArrayList<>(); // range index, rows before it
    long rows = 0;
    for (BlockMetaData group : rowGroups) {
      long range = (group.getStartingPos() + group.getCompressedSize() / 2) / splitBytes;
      if (owned.isEmpty() || owned.get(owned.size() - 1)[0] != range) {
        owned.add(new long[] {range, rows});
      }
      rows += group.getRowCount();
    }
    List<LineSlice> slices = new ArrayList<>();
    for (int i = 0; owned.size() > 1 && i < owned.size(); i++) {
      long start = owned.get(i)[0] * splitBytes;
      slices.add(new LineSlice(i, owned.size(), start, Math.min(length, start + splitBytes), 0,
          owned.get(i)[1]));
    }
    return slices;
  }
}
