package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.LineSplits;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.RecordCodec;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.Sinks;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.BadRecordLimit;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code detect} over one JSON Lines file: the record protocol under the built-in policy,
 * writing nothing protected, its records reported by {@link FindingLines}; a large file in
 * slices on a pool of threads ({@link DetectSlices}), joined in the file's order.
 */
final class Detection {

  private Detection() {}

  /**
   * Writes to {@code out} the findings protect makes at {@code $.text} of each record of
   * {@code input} under the built-in policy (same plans, Macie fusion and per-value step), in
   * input order; {@code name} names the input in errors; {@code macie} is what Macie found in it.
   * The input is read once, by two line readers in step: the record protocol's, and the one that
   * checks each line and copies its id.
   */
  static void detect(Path input, Writer out, Analyzer analyzer, String name, MacieHints macie)
      throws IOException {
    detect(() -> Files.newInputStream(input), out, analyzer, name, macie);
  }

  /** Told where each skipped malformed record is (its line), never what it holds. */
  @FunctionalInterface
  interface Skipped {
    void at(String where);
  }

  /** Opens the input. */
  @FunctionalInterface
  interface Input {
    InputStream open() throws IOException;
  }

  /** As {@link #detect(Path, Writer, Analyzer, String, MacieHints)}, the input opened by {@code input}. */
  static void detect(Input input, Writer out, Analyzer analyzer, String name, MacieHints macie)
      throws IOException {
    detect(input, out, analyzer, name, macie, BadRecordLimit.NONE, where -> {});
  }

  /**
   * As above, skipping malformed records (no output line) up to {@code limit}, each told to
   * {@code skipped}; one more fails naming its line.
   */
  static void detect(Input input, Writer out, Analyzer analyzer, String name, MacieHints macie,
      BadRecordLimit limit, Skipped skipped) throws IOException {
    try (InputStream source = input.open()) {
      FileStats stats = detect(source, LineSlice.WHOLE, null, out, protector(analyzer), name,
          macie, limit, skipped);
      checkMalformed(stats.malformed(), stats.records(), stats.firstMalformed(), name, limit);
    }
  }

  /**
   * As above, reading {@code input} in slices of about {@code splitBytes} on as many threads as
   * there are cores when it is larger ({@link DetectSlices}), with the same output, warnings and
   * errors as reading it whole; each slice's lines wait in a file in {@code work} until the
   * slices before it are written.
   */
  static void detect(Path input, Writer out, Analyzer analyzer, String name, MacieHints macie,
      BadRecordLimit limit, Skipped skipped, long splitBytes, Path work) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    LineSplits.Plan plan = DetectSlices.plan(input, splitBytes, cores);
    if (plan.ranges().isEmpty()) {
      detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit, skipped);
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
      ValueProtector protector = protector(analyzer);
      RecordProtector.Plans plans = slices.isEmpty() ? null
          : DetectSlices.plans(input, protector, name, macie, limit);
      if (plans == null) {
        detect(() -> Files.newInputStream(input), out, analyzer, name, macie, limit, skipped);
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
            throw malformedPastLimit(name, where, limit);
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
      checkMalformed(malformed, records, first, name, limit);
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
      FileStats stats = detect(source, slice, plans, out, protector, name, macie, limit,
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

  private static ValueProtector protector(Analyzer analyzer) {
    byte[] secret = new byte[OperatorKeys.SECRET_LENGTH]; // nothing is written: keys unused
    new SecureRandom().nextBytes(secret);
    return new ValueProtector(analyzer, Policy.strict(), OperatorKeys.fromDatasetSecret(secret));
  }

  /**
   * Reports the records of {@code source}, which holds {@code slice} of the file, planned under
   * {@code plans} (null: from its own first records), to {@code out}; its counts.
   */
  private static FileStats detect(InputStream source, LineSlice slice,
      RecordProtector.Plans plans, Writer out, ValueProtector protector, String name,
      MacieHints macie, BadRecordLimit limit, Skipped skipped) throws IOException {
    SharedInput shared = new SharedInput(source);
    LineReader in = new LineReader(shared.reader(0), LineReader.DEFAULT_MAX_LINE_CHARS,
        slice.linesBefore());
    LineReader lines = new LineReader(shared.reader(1), LineReader.DEFAULT_MAX_LINE_CHARS,
        slice.linesBefore());
    if (!limit.equals(BadRecordLimit.NONE)) {
      in.keepInvalidBytes(); // a line that is not UTF-8 is a malformed record
      lines.keepInvalidBytes();
    }
    FindingLines report = new FindingLines(lines, out, name, skipped);
    FileStats stats = new FileStats();
    RecordProtector records = new RecordProtector(protector, name, null, macie,
        FlaggedRecords.NONE, report).allowMalformed(limit.perFile());
    RecordCodec codec = Format.jsonLines(in, Sinks.DISCARDED.text(), protector.names(), false, slice);
    try {
      if (plans == null) {
        records.protect(codec, stats);
      } else {
        records.protect(codec, stats, plans);
      }
    } catch (MalformedRecordException e) {
      // every record before it was reported: the next line of the report's reader is it
      throw limit.equals(BadRecordLimit.NONE)
          ? TrainguardException.input("Invalid JSON in " + name + " at line "
              + report.nextLineNumber())
          : malformedPastLimit(name, e.getMessage(), limit);
    } catch (CharacterCodingException e) {
      report.checkUpTo(in.lineNumber());
      throw TrainguardException.input("Invalid UTF-8 in " + name + " at line "
          + (in.lineNumber() + 1));
    } catch (LineReader.LineTooLongException e) {
      report.checkUpTo(in.lineNumber());
      throw TrainguardException.input("Cannot read " + name + ": " + e.getMessage());
    } catch (UnscannableValueException e) {
      throw TrainguardException.input("Cannot scan " + name + " at " + e.getMessage());
    }
    return stats;
  }

  private static TrainguardException malformedPastLimit(String name, String where,
      BadRecordLimit limit) {
    return TrainguardException.input("Malformed JSONL in " + name + " at " + where
        + " (more than --max-bad-records " + limit + ")");
  }

  /** Fails when {@code malformed} of {@code records} are more than {@code limit} allows. */
  private static void checkMalformed(long malformed, long records, String first, String name,
      BadRecordLimit limit) {
    if (limit.exceeded(malformed, records)) {
      throw TrainguardException.input("Too many malformed records: " + malformed
          + " of " + io.trainguard.jobs.Counts.of(records, "record")
          + " (--max-bad-records " + limit + "); the first in " + name + " at " + first);
    }
  }
}
