package io.trainguard.jobs.format;

import io.trainguard.redaction.TextProtector;
import java.io.IOException;
import java.io.Writer;

/** Plain text: each line is a record; its terminator is kept. */
final class TextRedactor implements RecordRedactor {

  private final TextProtector protector;

  TextRedactor(TextProtector protector) {
    this.protector = protector;
  }

  @Override
  public void redact(LineReader in, Writer out, FileStats stats) throws IOException {
    String line;
    while ((line = in.next()) != null) {
      int end = contentEnd(line);
      String content = line.substring(0, end);
      stats.countRecord();
      String redacted = protector.protect(content, f -> stats.countFindings("text", f));
      out.write(redacted);
      out.write(line, end, line.length() - end);
    }
  }

  /** The index where {@code line}'s terminator starts. */
  static int contentEnd(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }
}
