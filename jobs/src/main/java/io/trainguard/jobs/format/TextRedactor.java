package io.trainguard.jobs.format;

import io.trainguard.classifiers.RegexBudgetException;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Plain text: each line is a record; its terminator is kept. A PEM/OpenSSH/PGP private key block
 * is one record from its BEGIN line to its END line, so no line of the key body is scanned on
 * its own (a lone base64 line does not look like a key).
 */
final class TextRedactor implements RecordRedactor {

  /** Bound on a buffered key block, in chars; real keys are a few KB. */
  static final int MAX_BLOCK_CHARS = 1 << 20;

  private final ValueProtector protector;

  TextRedactor(ValueProtector protector) {
    this.protector = protector;
  }

  @Override
  public void redact(LineReader in, Writer out, FileStats stats) throws IOException {
    String line;
    while ((line = in.next()) != null) {
      long first = in.lineNumber();
      String record = line;
      if (opensKeyBlock(line)) {
        StringBuilder block = new StringBuilder(line);
        while (!closesKeyBlock(block) && block.length() < MAX_BLOCK_CHARS
            && (line = in.next()) != null) {
          block.append(line);
        }
        record = block.toString();
      }
      int end = contentEnd(record);
      stats.countRecord();
      String redacted;
      try {
        redacted = protector.protect(record.substring(0, end), f -> stats.countFindings("text", f));
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException("line " + first, e);
      }
      out.write(redacted);
      out.write(record, end, record.length() - end);
    }
  }

  private static boolean opensKeyBlock(String line) {
    return line.contains("-----BEGIN ") && line.toUpperCase(Locale.ROOT).contains("PRIVATE KEY");
  }

  private static boolean closesKeyBlock(CharSequence block) {
    String text = block.toString();
    int end = text.lastIndexOf("-----END ");
    return end >= 0 && text.indexOf("-----", end + 9) >= 0;
  }

  /** The index where {@code line}'s terminator starts. */
  static int contentEnd(CharSequence line) {
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
