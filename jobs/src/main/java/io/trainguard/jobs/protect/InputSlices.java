package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.RowGroupSplits;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Which inputs {@code protect} reads in slices, so that a large file keeps many cores busy: a
 * line-based, uncompressed input larger than the split size is cut into equal ranges of at most
 * that size ({@link LineSplits#ranges}), one Spark task scans each range
 * ({@link LineSplits#scan}), and the scans place its slices; a Parquet file is cut at row groups,
 * read from its footer. An input in which a record may span lines is
 * read whole, as is every smaller one.
 */
public final class InputSlices {

  /** The Hadoop setting of the split size, in bytes ({@code 64m}, {@code 1g} allowed). */
  static final String SPLIT_SIZE = "trainguard.split.size";

  private InputSlices() {}

  /** The split size: {@code requested} when positive, else {@link #SPLIT_SIZE}, else 128 MiB. */
  public static long splitBytes(long requested, Configuration hadoop) {
    long bytes = requested > 0 ? requested
        : hadoop.getLongBytes(SPLIT_SIZE, LineSplits.DEFAULT_SPLIT_BYTES);
    if (bytes <= 0) {
      throw TrainguardException.usage("Invalid " + SPLIT_SIZE + ": " + hadoop.get(SPLIT_SIZE)
          + " (expected a positive size, e.g. 128m)");
    }
    return bytes;
  }

  /**
   * The ranges {@code file} of {@code format} is cut into on {@code parallelism} cores, at most:
   * 1 when it is read whole. A Parquet file splits only when {@code splitParquet}.
   */
  static int ranges(DataFile file, Format format, long splitBytes, boolean splitParquet,
      int parallelism) {
    return LineSplits.splittable(format, file.relativePath())
        || splitParquet && format == Format.PARQUET
        ? LineSplits.ranges(file.size(), splitBytes, parallelism) : 1;
  }

  /** One range of an input to scan. */
  record Range(DataFile file, Format format, int index, long start, long end)
      implements Serializable {}

  /**
   * The slices of each input read in slices, by its input path; the others are absent. A
   * Parquet file splits by row groups ({@link RowGroupSplits}) when {@code splitParquet}.
   */
  static Map<String, List<LineSlice>> plan(JavaSparkContext jsc,
      Broadcast<SerializableConfiguration> conf, List<DataFile> files, Format forced,
      long splitBytes, boolean splitParquet) {
    List<Range> ranges = new ArrayList<>();
    Map<String, List<LineSlice>> slices = new LinkedHashMap<>();
    for (DataFile f : files) {
      Format format = forced != null ? forced : Format.byFileName(f.relativePath()).orElse(null);
      int n = format == null ? 1
          : ranges(f, format, splitBytes, splitParquet, jsc.defaultParallelism());
      if (n > 1 && format == Format.PARQUET) {
        List<LineSlice> s = rowGroupSlices(conf.value().get(), f, splitBytes);
        if (!s.isEmpty()) {
          slices.put(f.relativePath(), s);
        }
        continue;
      }
      for (int i = 0; n > 1 && i < n; i++) {
        ranges.add(new Range(f, format, i, LineSplits.rangeStart(i, n, f.size()),
            LineSplits.rangeStart(i + 1, n, f.size())));
      }
    }
    if (ranges.isEmpty()) {
      return slices;
    }
    jsc.setJobDescription("trainguard protect: find the slices of large files");
    List<LineSplits.RangeScan> scans = jsc.parallelize(ranges, ranges.size())
        .map(new Scan(conf)).collect();
    Map<String, List<LineSplits.RangeScan>> byFile = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (int i = 0; i < ranges.size(); i++) {
      String path = ranges.get(i).file().relativePath();
      byFile.computeIfAbsent(path, p -> new ArrayList<>()).add(scans.get(i));
      sizes.put(path, ranges.get(i).file().size());
    }
    byFile.forEach((path, fileScans) -> {
      List<LineSlice> s = LineSplits.slices(fileScans, sizes.get(path));
      if (!s.isEmpty()) {
        slices.put(path, s);
      }
    });
    return slices;
  }

  /**
   * The row-group slices of a Parquet file, from its footer; none (read whole) when the footer
   * cannot be read, which the file's task then reports.
   */
  private static List<LineSlice> rowGroupSlices(Configuration hadoop, DataFile file,
      long splitBytes) {
    Path path = new Path(file.uri());
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path,
        hadoop))) {
      return RowGroupSplits.slices(reader.getFooter().getBlocks(), file.size(), splitBytes);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Scans one range on an executor. */
  private static final class Scan implements Function<Range, LineSplits.RangeScan> {
    private final Broadcast<SerializableConfiguration> conf;

    Scan(Broadcast<SerializableConfiguration> conf) {
      this.conf = conf;
    }

    @Override
    public LineSplits.RangeScan call(Range range) throws IOException {
      Path path = new Path(range.file().uri());
      FileSystem fs = Storage.fileSystem(path, conf.value().get());
      try (FSDataInputStream in = fs.open(path)) {
        in.seek(Math.max(0, range.start() - 1));
        return LineSplits.scan(range.format(), range.file().relativePath(), in, range.start(),
            range.end(), range.file().size());
      }
    }
  }
}
