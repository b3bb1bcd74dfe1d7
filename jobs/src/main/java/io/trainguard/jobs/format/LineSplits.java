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
 * as Hadoop's line readers do: the file is cut into ranges of {@code splitBytes}, and a range
 * owns the lines that start inside it, so a line straddling a boundary belongs to the range
 * where it starts. Lines end as {@link LineReader} ends them ({@code \n}, {@code \r\n},
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

  /** How many ranges of {@code splitBytes} a file of {@code length} bytes is cut into (1 or more). */
  public static int ranges(long length, long splitBytes) {
    if (splitBytes <= 0) {
      throw new IllegalArgumentException("Invalid split size: " + splitBytes);
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (length + splitBytes - 1) / splitBytes));
  }

  /** Where range {@code index} of a file split in ranges of {@code splitBytes} starts. */
  public static long rangeStart(int index, long splitBytes) {
    return index * splitBytes;
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
    long q = Math.max(0, start - 1);
    int prev = -1;
    int n = 0;
    int i = 0;
    boolean inLine = false;
    while (true) {
      if (i == n) {
        n = in.read(buffer);
        i = 0;
        if (n < 0) {
          break;
        }
        continue;
      }
      int c = buffer[i++] & 0xff;
      if (q < start) { // the byte before the range
        prev = c;
        q++;
        continue;
      }
      if (q >= length) {
        break;
      }
      if (q == 0 || prev == '\n' || prev == '\r' && c != '\n') {
        if (inLine) {
          s.endLine();
        }
        if (q >= end) {
          inLine = false;
          break;
        }
        s.startLine(q);
        inLine = true;
      }
      if (inLine) {
        s.feed(c);
      }
      prev = c;
      q++;
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

    void feed(int c) {
      if (ended) {
        return;
      }
      if (c == '\n' || c == '\r') {
        ended = true;
        return;
      }
      empty = false;
      if (c >= 0x80) {
        nonAscii = true;
      } else if (!(c == ' ' || c >= 0x09 && c <= 0x0d || c >= 0x1c && c <= 0x1f)) {
        asciiBlank = false;
      }
      switch (format) {
        case CSV -> quote = switch (quote) {
          case QUOTED -> c == '"' ? QUOTE_IN_QUOTED : QUOTED;
          case QUOTE_IN_QUOTED -> c == '"' ? QUOTED : c == ',' ? CELL_START : UNQUOTED;
          case CELL_START -> c == '"' ? QUOTED : c == ',' ? CELL_START : UNQUOTED;
          default -> c == ',' ? CELL_START : UNQUOTED;
        };
        case TEXT -> {
          while (keyBlock > 0 && keyBlock < KEY_BLOCK.length && c != KEY_BLOCK[keyBlock]) {
            keyBlock = KEY_BLOCK_FALLBACK[keyBlock];
          }
          if (keyBlock < KEY_BLOCK.length && c == KEY_BLOCK[keyBlock]) {
            keyBlock++;
          }
        }
        default -> {
          if (firstRecord != null) {
            if (firstRecord.size() < MAX_FIRST_RECORD_BYTES) {
              firstRecord.write(c);
            } else {
              whole = true; // too long to tell: read the file as one
            }
          }
        }
      }
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
