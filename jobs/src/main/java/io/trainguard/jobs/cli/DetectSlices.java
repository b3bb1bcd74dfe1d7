package io.trainguard.jobs.cli;

import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.Sinks;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.BadRecordLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * How {@code detect} plans a large JSON Lines input: its slices, as {@code protect} finds them
 * ({@link LineSplits#plan}, each range scanned on a thread of a pool), and the plans of the
 * file's first records, which every slice shares.
 */
final class DetectSlices {

  private DetectSlices() {}

  /** The line-split plan of {@code input}, cut every {@code splitBytes} on {@code cores}. */
  static LineSplits.Plan plan(Path input, long splitBytes, int cores) throws IOException {
    return LineSplits.plan(Format.JSONL, input.toString(), Files.size(input), splitBytes, cores);
  }

  /**
   * The slices of {@code input} when it is read in ranges of at most {@code splitBytes} on
   * {@code parallelism} cores, scanned on {@code pool}; none when it is read whole.
   */
  static List<LineSlice> find(Path input, long splitBytes, int parallelism, Executor pool)
      throws IOException {
    return find(input, plan(input, splitBytes, parallelism), pool);
  }

  /** The slices {@code plan} places once its ranges of {@code input} are scanned on {@code pool}. */
  static List<LineSlice> find(Path input, LineSplits.Plan plan, Executor pool)
      throws IOException {
    List<CompletableFuture<LineSplits.RangeScan>> scans = new ArrayList<>();
    for (int i = 0; i < plan.ranges().size(); i++) {
      int range = i;
      scans.add(CompletableFuture.supplyAsync(() -> {
        try {
          return plan.scan(range, offset -> open(input, offset, plan.length()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, pool));
    }
    List<LineSplits.RangeScan> scanned = new ArrayList<>();
    for (CompletableFuture<LineSplits.RangeScan> scan : scans) {
      scanned.add(SlicedDetection.joined(scan));
    }
    return plan.slices(scanned);
  }

  /**
   * The plans of the file's first records, which every slice shares as the whole file would
   * have them; null when they cannot be read (reading the file whole then reports why).
   */
  static RecordProtector.Plans plans(Path input, ValueProtector protector, String name,
      MacieHints macie, BadRecordLimit limit) {
    try (InputStream start = Files.newInputStream(input)) {
      LineReader head = new LineReader(start, LineReader.DEFAULT_MAX_LINE_CHARS);
      if (!limit.equals(BadRecordLimit.NONE)) {
        head.keepInvalidBytes();
      }
      return new RecordProtector(protector, name, null, macie, FlaggedRecords.NONE)
          .plan(Format.jsonLines(head, Sinks.DISCARDED.text(), protector.names(), false,
              LineSlice.WHOLE), new FileStats());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The bytes {@code [start, end)} of {@code input}. */
  static InputStream open(Path input, long start, long end) throws IOException {
    java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(input);
    try {
      channel.position(start);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new java.io.BufferedInputStream(org.apache.commons.io.input.BoundedInputStream
        .builder().setInputStream(java.nio.channels.Channels.newInputStream(channel))
        .setMaxCount(end - start).get(), 1 << 16);
  }
}
