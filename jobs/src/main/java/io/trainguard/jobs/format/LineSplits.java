package io.trainguard.jobs.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large line-based file (CSV, JSON Lines, text) into slices that tasks protect apart,
 * as Hadoop's line readers do: the file is cut into equal ranges of at most {@code splitBytes}
 * ({@link #ranges}), and a range owns the lines that start inside it, so a line straddling a
 * boundary belongs to the range where it starts. Lines end as {@link LineReader} ends them ({@code \n}, {@code \r\n},
 * {@code \r}); the terminators are ASCII, so a boundary inside a multi-byte character never
 * cuts a line. Each range is {@link #scan scanned} apart for where its first line starts and how
 * many lines and records it holds; {@link #slices} then places every slice in the file. A file
 * in which one record may span lines (a quoted CSV cell holding a line break, a private key
 * block in text, a {@code .json} file holding one document) is read whole.
 */
public final class LineSplits {

  /** The default split size, Hadoop's block size. */
  public static final long DEFAULT_SPLIT_BYTES = 128L << 20;
  /** Bytes of a {@code .json} file's first record buffered to see whether it opens a document. */
  private static final int MAX_FIRST_RECORD_BYTES = 1 << 20;

  private LineSplits() {}

  /**
   * What the scan of one range found: where its first line starts (-1: no line starts in it),
   * how many lines and records start in it, and whether the file must be read whole.
   */
  public record RangeScan(long firstLine, long lines, long records, boolean whole)
      implements Serializable {}

  /**
   * Whether files of {@code format} named {@code file} may be split: CSV, JSON Lines and text,
   * uncompressed (a compressed stream can only be read from its start).
   */
  public static boolean splittable(Format format, String file) {
    return (format == Format.CSV || format == Format.JSONL || format == Format.TEXT)
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

  /**
   * Scans the range {@code [start, end)} of a file of {@code length} bytes in {@code format};
   * {@code in} reads the file from byte {@code max(0, start - 1)} on (the byte before the range
   * tells whether a line starts at {@code start}). Reads past {@code end} to the end of the
   * range's last line. {@code file} names the file (a {@code .json} file may hold one document).
   */
  public static RangeScan scan(Format format, String file, InputStream in, long start, long end,
      long length) throws IOException {
    boolean mayHoldDocument = format == Format.JSONL && JsonLinesCodec.mayHoldDocument(file);
    Scanner s = new Scanner(format, mayHoldDocument && start == 0);
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
    return s.result(start == 0 && mayHoldDocument);
  }

  /**
   * The slices of a file of {@code length} bytes from the scans of its ranges in order, or an
   * empty list when it is read whole (one range, a record that may span lines, or lines so long
   * that a single range holds every line start).
   */
  public static List<LineSlice> slices(List<RangeScan> scans, long length) {
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

  /** The line-by-line state of one scan. */
  private static final class Scanner {
    private static final byte[] KEY_BLOCK = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    /** Per matched length, the longest proper prefix of {@link #KEY_BLOCK} that is its suffix. */
    private static final int[] KEY_BLOCK_FALLBACK = fallback(KEY_BLOCK);
    private static final int CELL_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final Format format;
    /** Whether the first record's text must be checked for an opened JSON document. */
    private final boolean checkDocument;
    private ByteArrayOutputStream firstRecord;
    private boolean documentChecked;
    private long firstLine = -1;
    private long lines;
    private long records;
    private boolean whole;
    // the current line
    private long lineStart;
    private boolean ended; // its terminator was seen
    private boolean empty;
    private boolean asciiBlank;
    private boolean nonAscii;
    private int quote;
    private int keyBlock;

    Scanner(Format format, boolean checkDocument) {
      this.format = format;
      this.checkDocument = checkDocument;
    }

    void startLine(long at) {
      if (firstLine < 0) {
        firstLine = at;
      }
      lines++;
      lineStart = at;
      ended = false;
      empty = true;
      asciiBlank = true;
      nonAscii = false;
      quote = CELL_START;
      keyBlock = 0;
      if (checkDocument && !documentChecked) {
        firstRecord = new ByteArrayOutputStream();
      }
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
      switch (format) {
        case CSV -> quote = quoteState(bytes, from, to, quote);
        case TEXT -> {
          for (int k = from; k < to && keyBlock < KEY_BLOCK.length; k++) {
            byte c = bytes[k];
            if (keyBlock == 0 && c != KEY_BLOCK[0]) {
              continue;
            }
            while (keyBlock > 0 && c != KEY_BLOCK[keyBlock]) {
              keyBlock = KEY_BLOCK_FALLBACK[keyBlock];
            }
            if (c == KEY_BLOCK[keyBlock]) {
              keyBlock++;
            }
          }
        }
        default -> {
          for (int k = from; k < to && asciiBlank; k++) {
            int c = bytes[k] & 0xff;
            if (c >= 0x80) {
              nonAscii = true;
            } else if (!(c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c && c <= 0x1f)) {
              asciiBlank = false;
            }
          }
          if (firstRecord != null) {
            int room = MAX_FIRST_RECORD_BYTES - firstRecord.size();
            firstRecord.write(bytes, from, Math.min(room, to - from));
            whole |= to - from > room; // too long to tell: read the file as one
          }
        }
      }
    }

    /** The CSV quote state after {@code bytes[from, to)} from {@code state}. */
    private static int quoteState(byte[] bytes, int from, int to, int state) {
      for (int k = from; k < to; k++) {
        byte c = bytes[k];
        if (state == QUOTED) {
          state = c == '"' ? QUOTE_IN_QUOTED : QUOTED;
        } else if (state == UNQUOTED) {
          state = c == ',' ? CELL_START : UNQUOTED;
        } else { // the start of a cell, or just after a quote inside a quoted one
          state = c == '"' ? QUOTED : c == ',' ? CELL_START : UNQUOTED;
        }
      }
      return state;
    }

    /** Knuth-Morris-Pratt's failure function of {@code pattern}. */
    private static int[] fallback(byte[] pattern) {
      int[] f = new int[pattern.length + 1];
      for (int i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] != pattern[k]) {
          k = f[k];
        }
        k += pattern[i] == pattern[k] ? 1 : 0;
        f[i + 1] = k;
      }
      return f;
    }

    void endLine() throws IOException {
      switch (format) {
        case CSV -> {
          whole |= quote == QUOTED; // a quoted cell goes on on the next line
          records += lineStart > 0 && !empty ? 1 : 0; // the header is no record
        }
        case TEXT -> {
          whole |= keyBlock == KEY_BLOCK.length;
          records++;
        }
        default -> {
          boolean blank = asciiBlank && !nonAscii;
          whole |= asciiBlank && nonAscii; // blank unless a character is not Unicode space
          if (!blank) {
            records++;
            if (firstRecord != null) {
              whole |= JsonLinesCodec.opensDocument(
                  firstRecord.toString(StandardCharsets.UTF_8));
              documentChecked = true;
            }
          }
          firstRecord = null;
        }
      }
    }

    RangeScan result(boolean documentUnchecked) {
      return new RangeScan(firstLine, lines, records,
          whole || documentUnchecked && !documentChecked);
    }
  }
}
