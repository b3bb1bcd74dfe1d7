package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with their terminators ({@code \n}, {@code \r\n} or {@code \r}) so that a file can
 * be rewritten byte for byte. Refuses lines longer than a limit instead of buffering them.
 */
public final class LineReader {

  /** Default bound on one line, in chars. */
  public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

  private final Reader reader;
  private final int maxLineChars;
  private final char[] buffer = new char[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNumber;

  public LineReader(Reader reader, int maxLineChars) {
    this.reader = reader;
    this.maxLineChars = maxLineChars;
  }

  /** The 1-based number of the line last returned by {@link #next}. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The next line including its terminator, or null at the end of input. */
  public String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos == limit) {
        if (!fill()) {
          if (line == null || line.isEmpty()) {
            return null;
          }
          lineNumber++;
          return line.toString();
        }
      }
      int start = pos;
      while (pos < limit) {
        char c = buffer[pos++];
        if (c == '\n') {
          return finish(line, start);
        }
        if (c == '\r') {
          if (pos == limit && !eof) {
            // Decide \r versus \r\n without losing the chars before it.
            line = append(line, start, pos);
            start = pos;
            if (fill() && buffer[pos] == '\n') {
              pos++;
              line.append('\n');
            }
            lineNumber++;
            return line.toString();
          }
          if (pos < limit && buffer[pos] == '\n') {
            pos++;
          }
          return finish(line, start);
        }
      }
      line = append(line, start, pos);
    }
  }

  private String finish(StringBuilder line, int start) throws IOException {
    lineNumber++;
    if (line == null) {
      return new String(buffer, start, pos - start);
    }
    return append(line, start, pos).toString();
  }

  private StringBuilder append(StringBuilder line, int start, int end) throws IOException {
    if (line == null) {
      line = new StringBuilder(Math.max(16, end - start));
    }
    if (line.length() + (end - start) > maxLineChars) {
      throw new LineTooLongException(lineNumber + 1, maxLineChars);
    }
    return line.append(buffer, start, end - start);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = reader.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = true;
      pos = limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** A line exceeded the reader's bound. */
  public static final class LineTooLongException extends IOException {
    private final long line;

    LineTooLongException(long line, int max) {
      super("line " + line + " is longer than " + max + " chars");
      this.line = line;
    }

    public long line() {
      return line;
    }
  }
}
