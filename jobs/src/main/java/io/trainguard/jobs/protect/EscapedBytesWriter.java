package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.LineReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes text as UTF-8, but each byte that {@link LineReader#keepInvalidBytes} kept as an escape
 * as that byte: a malformed record read with invalid UTF-8 is stored as it was read.
 */
final class EscapedBytesWriter extends Writer {

  private final OutputStream out;
  private final Writer utf8;
  /** The last char written, so that a surrogate pair split across writes stays a pair. */
  private char last;

  EscapedBytesWriter(OutputStream out) {
    this.out = out;
    this.utf8 = new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    int run = off;
    for (int i = off; i < off + len; i++) {
      char c = chars[i];
      boolean escape = c >= 0xDC80 && c <= 0xDCFF
          && !Character.isHighSurrogate(i == off ? last : chars[i - 1]);
      if (escape) {
        utf8.write(chars, run, i - run);
        utf8.flush();
        out.write(c - 0xDC00);
        run = i + 1;
      }
    }
    utf8.write(chars, run, off + len - run);
    if (len > 0) {
      last = chars[off + len - 1];
    }
  }

  @Override
  public void flush() throws IOException {
    utf8.flush();
  }

  @Override
  public void close() throws IOException {
    utf8.close();
  }
}
