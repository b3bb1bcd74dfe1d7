package io.trainguard.jobs.format;

import io.trainguard.classifiers.NameMemory;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.util.Locale;

/**
 * Plain text: each line is a record; its terminator is kept. A PEM/OpenSSH/PGP private key block
 * is one record from its BEGIN line to its END line, so no line of the key body is scanned on
 * its own (a lone base64 line does not look like a key). A person named on one line is
 * remembered for the lines after it in the same file part ({@link NameMemory}): a surname alone
 * on a later line ("Player said") is the person's.
 */
final class TextRedactor implements RecordRedactor {

  /**
   * Bound on a buffered key block, in chars; real keys are a few KB. A longer block is an input
   * error ({@link LineReader.LineTooLongException}), never split into lines scanned alone.
   */
  static final int MAX_BLOCK_CHARS = 1 << 20;

  private final ValueProtector protector;
  private final String file;
  private final MacieHints macie;
  private long keyBlockCharsScanned;
  /** The people named in this file part's lines so far: a line is one text of its document. */
  private final NameMemory names = new NameMemory();

  TextRedactor(ValueProtector protector, String file, MacieHints macie) {
    this.protector = protector;
    this.file = file;
    this.macie = macie;
  }

  @Override
  public void redact(LineReader in, RecordSinks out, FileStats stats) throws IOException {
    ValueProtector.CountingSink lines = new ValueProtector.CountingSink(stats);
    String line;
    while ((line = in.next()) != null) {
      long first = in.lineNumber();
      String record = line;
      if (opensKeyBlock(line)) {
        StringBuilder block = new StringBuilder(line);
        boolean closed = closesKeyBlock(line);
        while (!closed && (line = in.next()) != null) {
          if (block.length() + line.length() > MAX_BLOCK_CHARS) {
            // Too long for a key, and split its body lines would be scanned alone: fail
            throw new LineReader.LineTooLongException("private key block", first,
                MAX_BLOCK_CHARS);
          }
          block.append(line);
          closed = closesKeyBlock(line);
        }
        record = block.toString();
      }
      int end = contentEnd(record);
      stats.countRecord();
      ValueProtector.Outcome outcome;
      try {
        outcome = protector.protectText(record.substring(0, end), names,
            macieStarts(first, in.lineNumber()),
            RecordRedactor.recordId(file, null, "line " + first),
            lines.value("text"), stats::countAlsoMacie);
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException("line " + first, e);
      }
      if (outcome.action() == RecordAction.DROP_RECORD) {
        stats.countDropped();
      } else if (outcome.action() == RecordAction.QUARANTINE_RECORD) {
        stats.countQuarantined();
        out.quarantine().write(record);
      } else {
        stats.countWritten();
        // drop_column has no column to drop in text: the line is emptied, its terminator kept
        out.data().write(outcome.action() == RecordAction.DROP_COLUMN ? "" : outcome.value());
        out.data().write(record, end, record.length() - end);
      }
    }
  }

  /** Macie's hints for lines {@code first..last}; a hint inside a key block covers all of it. */
  private java.util.Map<Integer, java.util.Set<String>> macieStarts(long first, long last) {
    if (first == last) {
      return macie.line(first);
    }
    java.util.Set<String> entities = new java.util.TreeSet<>();
    for (long line = first; line <= last; line++) {
      macie.line(line).values().forEach(entities::addAll);
    }
    return entities.isEmpty() ? java.util.Map.of() : java.util.Map.of(0, entities);
  }

  private static boolean opensKeyBlock(String line) {
    return line.contains("-----BEGIN ") && line.toUpperCase(Locale.ROOT).contains("PRIVATE KEY");
  }

  /** The chars examined for the end of key blocks: the work done, linear in the input. */
  long keyBlockCharsScanned() {
    return keyBlockCharsScanned;
  }

  /** Whether {@code line} holds a block's END line; each line of a block is looked at once. */
  private boolean closesKeyBlock(String line) {
    keyBlockCharsScanned += line.length();
    int end = line.lastIndexOf("-----END ");
    return end >= 0 && line.indexOf("-----", end + 9) >= 0;
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
