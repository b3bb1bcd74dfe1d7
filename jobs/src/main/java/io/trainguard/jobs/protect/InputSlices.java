package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.FormatCodec;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.SeekableFile;
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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Which inputs {@code protect} reads in slices, so that a large file keeps many cores busy: a
 * line-based, uncompressed input larger than the split size is planned by
 * {@link LineSplits#plan}, one Spark task scans each of its ranges, and the scans place its
 * slices; a Parquet file is cut at row groups, read from its footer. An input in which a record
 * may span lines is read whole, as is every smaller one.
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
   * 1 when it is read whole. A file split at its blocks (Parquet's row groups) splits only when
   * {@code splitBlocks}.
   */
  static int ranges(DataFile file, Format format, long splitBytes, boolean splitBlocks,
      int parallelism) {
    return splitBlocks && splitsAtBlocks(format)
        ? LineSplits.ranges(file.size(), splitBytes, parallelism)
        : Math.max(1, linePlan(file, format, splitBytes, parallelism).ranges().size());
  }

  private static boolean splitsAtBlocks(Format format) {
    return format.codec().splitting() == FormatCodec.Splitting.BLOCKS;
  }

  private static LineSplits.Plan linePlan(DataFile file, Format format, long splitBytes,
      int parallelism) {
    return LineSplits.plan(format, file.relativePath(), file.size(), splitBytes, parallelism);
  }

  /** One range of the file at {@code uri}, to scan. */
  record Range(String uri, String file, Format format, long length, LineSplits.Range bytes)
      implements Serializable {}

  /**
   * The slices of each input read in slices, by its input path; the others are absent. A file
   * split at its blocks (Parquet's row groups, {@link FormatCodec#blockSlices}) is split only
   * when {@code splitBlocks}.
   */
  public static Map<String, List<LineSlice>> plan(JavaSparkContext jsc,
      Broadcast<SerializableConfiguration> conf, List<DataFile> files, Format forced,
      long splitBytes, boolean splitBlocks) {
    List<Range> ranges = new ArrayList<>();
    Map<String, LineSplits.Plan> plans = new LinkedHashMap<>();
    Map<String, List<LineSlice>> slices = new LinkedHashMap<>();
    for (DataFile f : files) {
      Format format = forced != null ? forced : Format.byFileName(f.relativePath()).orElse(null);
      if (format == null) {
        continue;
      }
      if (splitsAtBlocks(format)) {
        List<LineSlice> s = ranges(f, format, splitBytes, splitBlocks,
            jsc.defaultParallelism()) > 1 ? blockSlices(conf.value().get(), f, format, splitBytes)
            : List.of();
        if (!s.isEmpty()) {
          slices.put(f.relativePath(), s);
        }
        continue;
      }
      LineSplits.Plan plan = linePlan(f, format, splitBytes, jsc.defaultParallelism());
      for (LineSplits.Range bytes : plan.ranges()) {
        ranges.add(new Range(f.uri(), f.relativePath(), format, f.size(), bytes));
      }
      plans.put(f.relativePath(), plan);
    }
    if (ranges.isEmpty()) {
      return slices;
    }
    jsc.setJobDescription("trainguard protect: find the slices of large files");
    List<LineSplits.RangeScan> scans = jsc.parallelize(ranges, ranges.size())
        .map(new Scan(conf)).collect();
    Map<String, List<LineSplits.RangeScan>> byFile = new LinkedHashMap<>();
    for (int i = 0; i < ranges.size(); i++) {
      byFile.computeIfAbsent(ranges.get(i).file(), p -> new ArrayList<>()).add(scans.get(i));
    }
    byFile.forEach((file, fileScans) -> {
      List<LineSlice> s = plans.get(file).slices(fileScans);
      if (!s.isEmpty()) {
        slices.put(file, s);
      }
    });
    return slices;
  }

  /**
   * The slices of a file split at its blocks, from its footer; none (read whole) when the footer
   * cannot be read, which the file's task then reports.
   */
  private static List<LineSlice> blockSlices(Configuration hadoop, DataFile file, Format format,
      long splitBytes) {
    Path path = new Path(file.uri());
    try {
      FileSystem fs = Storage.fileSystem(path, hadoop);
      return format.codec().blockSlices(new SeekableFile(fs, fs.getFileStatus(path), hadoop),
          splitBytes);
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
      Path path = new Path(range.uri());
      FileSystem fs = Storage.fileSystem(path, conf.value().get());
      return LineSplits.scan(range.format(), range.file(), range.length(), range.bytes(),
          offset -> {
            FSDataInputStream in = fs.open(path);
            try {
              in.seek(offset);
            } catch (IOException e) {
              in.close();
              throw e;
            }
            return in;
          });
    }
  }
}
