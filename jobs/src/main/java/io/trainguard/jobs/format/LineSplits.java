package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large line-based file (CSV, JSON Lines, text) into slices that tasks protect apart,
 * as Hadoop's line readers do: the file is cut into equal ranges of at most {@code splitBytes}
 * ({@link #plan}), and a range owns the lines that start inside it, so a line straddling a
 * boundary belongs to the range where it starts. Lines end as {@link LineReader} ends them
 * ({@code \n}, {@code \r\n}, {@code \r}); the terminators are ASCII, so a boundary inside a
 * multi-byte character never cuts a line. Each range is {@link #scan scanned} apart for where its
 * first line starts and how many lines and records it holds, as its format's
 * {@link FormatCodec.LineRule} tells records apart; the plan then places every slice in the file.
 * A file in which one record may span lines (a quoted CSV cell holding a line break, a private
 * key block in text, a {@code .json} file holding one document) is read whole.
 */
public final class LineSplits {

  /** The default split size, Hadoop's block size. */
  public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

  private LineSplits() {}

  /**
   * What the scan of one range found: where its first line starts (-1: no line starts in it),
   * how many lines and records start in it, and whether the file must be read whole.
   */
  public record RangeScan(long firstLine, long lines, long records, boolean whole)
      implements Serializable {}

  /**
   * Whether files of {@code format} named {@code file} may be split at lines: a format split so
   * ({@link FormatCodec.Splitting#LINES}), uncompressed (a compressed stream can only be read
   * from its start).
   */
  public static boolean splittable(Format format, String file) {
    return format.codec().splitting() == FormatCodec.Splitting.LINES
        && Compression.byFileName(file).isEmpty();
  }

  /**
   * How many ranges a file of {@code length} bytes is cut into: one per {@code splitBytes} or
   * part of it and, once that is at least {@code parallelism}, a multiple of it, so that the last
   * wave of tasks keeps every core busy; never more ranges than bytes, and at least 1.
   */
  public static int ranges(long length, long splitBytes, int parallelism) {
    if (splitBytes <= 0) {
      throw new IllegalArgumentException("Invalid split size: " + splitBytes);
    }
    long n = (length + splitBytes - 1) / splitBytes;
    if (parallelism > 1 && n >= parallelism) {
      n = (n + parallelism - 1) / parallelism * parallelism;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(n, length)));
  }

  /** Where range {@code index} of {@code count} equal ranges of a file of {@code length} starts. */
  public static long rangeStart(int index, int count, long length) {
    return index * (length / count) + index * (length % count) / count;
  }

  /** The bytes {@code [start, end)} of a file, which one scan reads. */
  public record Range(long start, long end) implements Serializable {}

  /** Opens a file at byte {@code offset}. */
  @FunctionalInterface
  public interface Opener {
    InputStream openAt(long offset) throws IOException;
  }

  /**
   * How one line-based file is split: the {@code ranges} to scan (none when it is read whole),
   * then, from their scans, its slices. Callers scan the ranges where they run their tasks: on
   * Spark executors ({@code protect}, {@code scan}) or on a thread pool ({@code detect}).
   */
  public record Plan(Format format, String file, long length, List<Range> ranges)
      implements Serializable {

    public Plan {
      ranges = List.copyOf(ranges);
    }

    /** Scans range {@code index}, the file opened by {@code open}. */
    public RangeScan scan(int index, Opener open) throws IOException {
      return LineSplits.scan(format, file, length, ranges.get(index), open);
    }

    /** The slices that {@code scans} of every range, in order, place; empty: read whole. */
    public List<LineSlice> slices(List<RangeScan> scans) {
      if (scans.size() != ranges.size()) {
        throw new IllegalArgumentException("Expected " + ranges.size() + " scans, got "
            + scans.size());
      }
      return ranges.isEmpty() ? List.of() : LineSplits.slices(scans, length);
    }
  }

  /**
   * The plan of {@code file} of {@code format}, {@code length} bytes, cut every
   * {@code splitBytes} on {@code parallelism} cores ({@link #ranges}): no range when it is
   * read whole (a format or compression that cannot split, or one range).
   */
  public static Plan plan(Format format, String file, long length, long splitBytes,
      int parallelism) {
    int n = splittable(format, file) ? ranges(length, splitBytes, parallelism) : 1;
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; n > 1 && i < n; i++) {
      ranges.add(new Range(rangeStart(i, n, length), rangeStart(i + 1, n, length)));
    }
    return new Plan(format, file, length, ranges);
  }

  /**
   * Scans {@code range} of {@code file} of {@code format}, {@code length} bytes, opened by
   * {@code open} from the byte before the range.
   */
  public static RangeScan scan(Format format, String file, long length, Range range, Opener open)
      throws IOException {
    try (InputStream in = open.openAt(Math.max(0, range.start() - 1))) {
      return scan(format, file, in, range.start(), range.end(), length);
    }
  }

  /**
   * Scans the range {@code [start, end)} of a file of {@code length} bytes in {@code format};
   * {@code in} reads the file from byte {@code max(0, start - 1)} on (the byte before the range
   * tells whether a line starts at {@code start}). Reads past {@code end} to the end of the
   * range's last line. {@code file} names the file (a {@code .json} file may hold one document).
   */
  public static RangeScan scan(Format format, String file, InputStream in, long start, long end,
      long length) throws IOException {
    Scanner s = new Scanner(format.codec().lineRule(file, start == 0));
    byte[] buffer = new byte[1 << 16];
    long q = Math.max(0, start - 1); // where the next byte read is in the file
    int prev = -1;
    boolean inLine = false;
    scan:
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      int i = 0;
      if (q < start && n > 0) { // the byte before the range
        prev = buffer[i++] & 0xff;
        q++;
      }
      while (i < n) {
        if (q >= length) {
          break scan;
        }
        int c = buffer[i] & 0xff;
        if (q == 0 || prev == '\n' || prev == '\r' && c != '\n') {
          if (inLine) {
            s.endLine();
          }
          if (q >= end) {
            inLine = false;
            break scan;
          }
          s.startLine(q);
          inLine = true;
        }
        if (c == '\n' || c == '\r') {
          if (inLine) {
            s.terminate();
          }
          prev = c;
          q++;
          i++;
          continue;
        }
        // the line's bytes up to its terminator, within this buffer and the file
        int limit = (int) Math.min(n, i + (length - q));
        int j = i + 1;
        while (j < limit && buffer[j] != '\n' && buffer[j] != '\r') {
          j++;
        }
        if (inLine) {
          s.feed(buffer, i, j);
        }
        prev = buffer[j - 1] & 0xff;
        q += j - i;
        i = j;
      }
    }
    if (inLine) {
      s.endLine();
    }
    return s.result();
  }

  /**
   * The slices of a file of {@code length} bytes from the scans of its ranges in order, or an
   * empty list when it is read whole (one range, a record that may span lines, or lines so long
   * that a single range holds every line start).
   */
  static List<LineSlice> slices(List<RangeScan> scans, long length) {
    List<Integer> owning = new ArrayList<>();
    for (int r = 0; r < scans.size(); r++) {
      if (scans.get(r).whole()) {
        return List.of();
      }
      if (scans.get(r).firstLine() >= 0) {
        owning.add(r);
      }
    }
    if (owning.size() < 2) {
      return List.of();
    }
    List<LineSlice> slices = new ArrayList<>();
    long lines = 0;
    long records = 0;
    for (int k = 0; k < owning.size(); k++) {
      RangeScan scan = scans.get(owning.get(k));
      long end = k + 1 < owning.size() ? scans.get(owning.get(k + 1)).firstLine() : length;
      slices.add(new LineSlice(k, owning.size(), scan.firstLine(), end, lines, records));
      lines += scan.lines();
      records += scan.records();
    }
    return List.copyOf(slices);
  }

  /** The line-by-line state of one scan; what makes a line a record is its format's rule. */
  private static final class Scanner {
    private final FormatCodec.LineRule rule;
    private long firstLine = -1;
    private long lines;
    private long records;
    // the current line
    private long lineStart;
    private boolean ended; // its terminator was seen
    private boolean empty;

    Scanner(FormatCodec.LineRule rule) {
      this.rule = rule;
    }

    void startLine(long at) {
      if (firstLine < 0) {
        firstLine = at;
      }
      lines++;
      lineStart = at;
      ended = false;
      empty = true;
      rule.startLine();
    }

    /** The line ended: the bytes up to the next line's start are its terminator. */
    void terminate() {
      ended = true;
    }

    /** Bytes {@code [from, to)} of the line, none of them a line terminator. */
    void feed(byte[] bytes, int from, int to) {
      if (ended || from == to) {
        return;
      }
      empty = false;
      rule.feed(bytes, from, to);
    }

    void endLine() throws IOException {
      records += rule.endLine(lineStart, empty) ? 1 : 0;
    }

    RangeScan result() {
      return new RangeScan(firstLine, lines, records, rule.whole());
    }
  }
}
