package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads strict UTF-8 lines with their terminators ({@code \n}, {@code \r\n} or {@code \r}) so a
 * file can be rewritten byte for byte. Invalid UTF-8 fails on the line that holds it (unless
 * {@link #keepInvalidBytes}), and a line longer than the limit fails instead of being buffered.
 */
public final class LineReader {

  /** Default bound on one line, in chars. */
  public static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

  private final InputStream in;
  private final int maxLineChars;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
  private final char[] buffer = new char[64 * 1024];
  private int pos;
  private int limit;
  private boolean inputDone;
  private boolean eof;
  private CharacterCodingException pendingError;
  private long lineNumber;
  /** Whether invalid bytes are kept as {@link #escape}d chars rather than failing. */
  private boolean keepInvalid;
  private long invalidBytes;

  public LineReader(InputStream in, int maxLineChars) {
    this(in, maxLineChars, 0);
  }

  /** Lines of a file read from line {@code linesBefore + 1} on, numbered as in the file. */
  public LineReader(InputStream in, int maxLineChars, long linesBefore) {
    this.in = in;
    this.maxLineChars = maxLineChars;
    this.lineNumber = linesBefore;
  }

  /**
   * Keeps each byte that is not valid UTF-8 in its line as the unpaired surrogate
   * {@code U+DC00 + byte} (as Python's {@code surrogateescape}), which no valid input decodes to,
   * instead of failing: {@link #invalid} tells such a line, and an output that writes it back
   * ({@link #escape}) restores the bytes.
   */
  public LineReader keepInvalidBytes() {
    keepInvalid = true;
    return this;
  }

  /** Whether {@code text} read here holds bytes that are not UTF-8 (kept as escapes). */
  public boolean invalid(String text) {
    if (invalidBytes == 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (escape(text, i) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The byte that char {@code i} of {@code text} stands for when it is an escape, else -1. */
  public static int escape(CharSequence text, int i) {
    char c = text.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))
        ? c - 0xDC00 : -1;
  }

  /** The bound on one line, in chars. */
  public int maxLineChars() {
    return maxLineChars;
  }

  /** The 1-based number of the line last returned by {@link #next}. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The next line including its terminator, or null at the end of input. Throws
   * {@link CharacterCodingException} when line {@code lineNumber() + 1} is not valid UTF-8.
   */
  public String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos == limit && !fill()) {
        if (line == null || line.isEmpty()) {
          return null;
        }
        lineNumber++;
        return line.toString();
      }
      int start = pos;
      while (pos < limit) {
        char c = buffer[pos++];
        if (c == '\n') {
          return finish(line, start);
        }
        if (c == '\r') {
          if (pos == limit) {
            // Decide \r versus \r\n without losing the chars before it.
            line = append(line, start, pos);
            if (fill() && buffer[pos] == '\n') {
              pos++;
              line.append('\n');
            }
            lineNumber++;
            return line.toString();
          }
          if (buffer[pos] == '\n') {
            pos++;
          }
          return finish(line, start);
        }
      }
      line = append(line, start, pos);
    }
  }

  private String finish(StringBuilder line, int start) throws IOException {
    String complete = line == null ? new String(buffer, start, pos - start)
        : append(line, start, pos).toString(); // may throw: the line is not counted yet
    lineNumber++;
    return complete;
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

  /** Decodes more chars into the buffer; false at the end of input. */
  private boolean fill() throws IOException {
    if (pendingError != null) {
      throw pendingError;
    }
    if (eof) {
      return false;
    }
    CharBuffer chars = CharBuffer.wrap(buffer);
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, inputDone);
      if (result.isError() && keepInvalid) {
        if (chars.remaining() < result.length()) {
          break; // the escapes go first in the next fill
        }
        for (int i = 0; i < result.length(); i++) {
          chars.put((char) (0xDC00 + (bytes.get() & 0xff)));
        }
        invalidBytes += result.length();
        continue;
      }
      if (result.isError()) {
        try {
          result.throwException();
        } catch (CharacterCodingException e) {
          if (chars.position() == 0) {
            throw e;
          }
          pendingError = e; // hand out the valid chars before it first
        }
        break;
      }
      if (result.isOverflow()) {
        break;
      }
      if (inputDone) {
        decoder.flush(chars);
        if (chars.position() == 0) {
          eof = true;
          pos = limit = 0;
          return false;
        }
        break;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        inputDone = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    pos = 0;
    limit = chars.position();
    return true;
  }

  /** A line, or a record of several lines, exceeded its bound. */
  public static final class LineTooLongException extends IOException {
    LineTooLongException(long line, int max) {
      super("line " + line + " is longer than " + max + " chars");
    }

    /** A multi-line record ({@code what}) starting at {@code line} exceeded {@code max}. */
    LineTooLongException(String what, long line, int max) {
      super(what + " at line " + line + " is longer than " + max + " chars");
    }
  }
}
