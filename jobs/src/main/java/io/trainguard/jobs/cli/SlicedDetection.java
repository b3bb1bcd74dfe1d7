package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.BadRecordLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code detect} over a large JSON Lines file in slices, each a {@link Detection} on a pool
 * of one thread per core, every slice under the plans of the file's first records, and writes
 * the slices' lines in the file's order.
 */
final class SlicedDetection {

  private SlicedDetection() {}

  /**
   * As {@link Detection#detect(Detection.Input, Writer, Analyzer, String, MacieHints,
   * BadRecordLimit, Detection.Skipped)}, reading {@code input} in slices of about
   * {@code splitBytes} on as many threads as there are cores when it is larger
   * ({@link DetectSlices}), with the same output, warnings and errors as reading it whole;
   * each slice's lines wait in a file in {@code work} until the slices before it are written.
   */
  static void detect(Path input, Writer out, Analyzer analyzer, String name, MacieHints macie,
      BadRecordLimit limit, Detection.Skipped skipped, long splitBytes, Path work)
      throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    LineSplits.Plan plan = DetectSlices.plan(input, splitBytes, cores);
    if (plan.ranges().isEmpty()) {
      Detection.detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit,
          skipped);
      return;
    }
    int threads = Math.min(cores, plan.ranges().size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "trainguard-detect");
      t.setDaemon(true);
      return t;
    });
    List<Path> parts = new ArrayList<>();
    try {
      List<LineSlice> slices = DetectSlices.find(input, plan, pool);
      ValueProtector protector = Detection.protector(analyzer);
      RecordProtector.Plans plans = slices.isEmpty() ? null
          : DetectSlices.plans(input, protector, name, macie, limit);
      if (plans == null) {
        Detection.detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit,
          skipped);
        return;
      }
      List<Future<SliceResult>> results = new ArrayList<>();
      for (LineSlice slice : slices) {
        Path part = Files.createTempFile(work, ".detect-", ".slice");
        parts.add(part);
        results.add(pool.submit(() -> detectSlice(input, slice, part, plans,
            protector.forTask(), name, macie, limit)));
      }
      long malformed = 0;
      long records = 0;
      String first = null;
      for (int k = 0; k < slices.size(); k++) {
        SliceResult result = joined(results.get(k));
        for (String where : result.skipped()) {
          if (++malformed > limit.perFile()) {
            throw Detection.malformedPastLimit(name, where, limit);
          }
          skipped.at(where);
        }
        if (result.failure() != null) {
          throw result.failure();
        }
        records += result.records();
        first = first == null ? result.firstMalformed() : first;
        try (java.io.Reader lines = Files.newBufferedReader(parts.get(k),
            StandardCharsets.UTF_8)) {
          lines.transferTo(out);
        }
        Files.delete(parts.get(k));
      }
      Detection.checkMalformed(malformed, records, first, name, limit);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** What one slice gave: its malformed records skipped, counts, or the error it ended with. */
  private record SliceResult(List<String> skipped, long records, String firstMalformed,
      TrainguardException failure) {}

  /** Detects in {@code slice} of {@code input}, writing its lines to {@code part}. */
  private static SliceResult detectSlice(Path input, LineSlice slice, Path part,
      RecordProtector.Plans plans, ValueProtector protector, String name, MacieHints macie,
      BadRecordLimit limit) throws IOException {
    List<String> skipped = new ArrayList<>();
    try (InputStream source = DetectSlices.open(input, slice.start(), slice.end());
        Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      FileStats stats = Detection.detect(source, slice, plans, out, protector, name, macie, limit,
          skipped::add);
      return new SliceResult(skipped, stats.records(), stats.firstMalformed(), null);
    } catch (TrainguardException e) {
      return new SliceResult(skipped, 0, null, e);
    }
  }


  /** The value of {@code future}, rethrowing what its task threw. */
  static <T> T joined(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause()
          : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }
}
