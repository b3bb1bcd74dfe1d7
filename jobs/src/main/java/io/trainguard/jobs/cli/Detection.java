package io.trainguard.jobs.cli;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
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
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Runs {@code detect} over one JSON Lines stream, a whole file or one slice of it: the record
 * protocol under the built-in policy, writing nothing protected, its records reported by
 * {@link FindingLines}, what it cannot read an input error naming the line. A large file is read
 * in slices by {@link SlicedDetection}.
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

  static ValueProtector protector(Analyzer analyzer) {
    byte[] secret = new byte[OperatorKeys.SECRET_LENGTH]; // nothing is written: keys unused
    new SecureRandom().nextBytes(secret);
    return new ValueProtector(analyzer, Policy.strict(), OperatorKeys.fromDatasetSecret(secret));
  }

  /**
   * Reports the records of {@code source}, which holds {@code slice} of the file, planned under
   * {@code plans} (null: from its own first records), to {@code out}; its counts.
   */
  static FileStats detect(InputStream source, LineSlice slice,
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

  static TrainguardException malformedPastLimit(String name, String where,
      BadRecordLimit limit) {
    return TrainguardException.input("Malformed JSONL in " + name + " at " + where
        + " (more than --max-bad-records " + limit + ")");
  }

  /** Fails when {@code malformed} of {@code records} are more than {@code limit} allows. */
  static void checkMalformed(long malformed, long records, String first, String name,
      BadRecordLimit limit) {
    if (limit.exceeded(malformed, records)) {
      throw TrainguardException.input("Too many malformed records: " + malformed
          + " of " + io.trainguard.jobs.Counts.of(records, "record")
          + " (--max-bad-records " + limit + "); the first in " + name + " at " + first);
    }
  }
}
