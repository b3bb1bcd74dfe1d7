package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.NameMemory;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain text: each line is a record; its terminator is kept. A PEM/OpenSSH/PGP private key block
 * is one record from its BEGIN line to its END line, so no line of the key body is scanned on
 * its own (a lone base64 line does not look like a key). A person named on one line is
 * remembered for the lines after it in the same file part ({@link NameMemory}): a surname alone
 * on a later line ("Player said") is the person's. A value wrapped over a line break
 * ({@code 536-22-}, line break, {@code 8045}) is found in the two lines read as one, and each
 * line redacts its part of it, keeping its own terminator.
 */
final class TextRedactor implements RecordRedactor {

  /**
   * Bound on a buffered key block, in chars; real keys are a few KB. A longer block is an input
   * error ({@link LineReader.LineTooLongException}), never split into lines scanned alone.
   */
  static final int MAX_BLOCK_CHARS = 1 << 20;
  /**
   * Chars of each line, up to the next word boundary, read on either side of a line break that
   * may wrap a value: longer than any value wrapped, with the context words before it.
   */
  static final int WRAP_REACH = 256;

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
    Line line = read(in);
    List<Finding> carried = List.of();
    while (line != null) {
      Line next = read(in);
      ValueProtector.Outcome outcome;
      List<Finding> wrapped = carried;
      try {
        Wrap wrap = wrap(line, next);
        carried = wrap.next();
        if (!wrap.line().isEmpty()) {
          wrapped = new ArrayList<>(wrapped);
          wrapped.addAll(wrap.line());
        }
        stats.countRecord();
        outcome = protector.protectText(line.content(), names, wrapped,
            macieStarts(line.first(), line.last()),
            RecordRedactor.recordId(file, null, "line " + line.first()),
            lines.value("text"), stats::countAlsoMacie);
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException("line " + line.first(), e);
      }
      String record = line.text();
      if (outcome.action() == RecordAction.DROP_RECORD) {
        stats.countDropped();
      } else if (outcome.action() == RecordAction.QUARANTINE_RECORD) {
        stats.countQuarantined();
        out.quarantine().write(record);
      } else {
        stats.countWritten();
        // drop_column has no column to drop in text: the line is emptied, its terminator kept
        out.data().write(outcome.action() == RecordAction.DROP_COLUMN ? "" : outcome.value());
        out.data().write(record, line.end(), record.length() - line.end());
      }
      line = next;
    }
  }

  /** A record: a line, or a key block's lines, terminator included; its first and last line. */
  private record Line(String text, long first, long last, boolean keyBlock) {
    int end() {
      return contentEnd(text);
    }

    String content() {
      return text.substring(0, end());
    }
  }

  /** The next record of {@code in}, or null at its end. */
  private Line read(LineReader in) throws IOException {
    String line = in.next();
    if (line == null) {
      return null;
    }
    long first = in.lineNumber();
    if (!opensKeyBlock(line)) {
      return new Line(line, first, first, false);
    }
    StringBuilder block = new StringBuilder(line);
    boolean closed = closesKeyBlock(line);
    while (!closed && (line = in.next()) != null) {
      if (block.length() + line.length() > MAX_BLOCK_CHARS) {
        // Too long for a key, and split its body lines would be scanned alone: fail
        throw new LineReader.LineTooLongException("private key block", first, MAX_BLOCK_CHARS);
      }
      block.append(line);
      closed = closesKeyBlock(line);
    }
    return new Line(block.toString(), first, in.lineNumber(), true);
  }

  /**
   * The findings of values wrapped over the break between {@code line} and {@code next}: the
   * part of each on {@code line} and the part on {@code next}, offsets into each one's content.
   */
  private record Wrap(List<Finding> line, List<Finding> next) {
    static final Wrap NONE = new Wrap(List.of(), List.of());
  }

  /**
   * The values that {@code line}'s break wraps, found in the end of {@code line}, its terminator
   * and the start of {@code next} read as one text, each cut at the break so that both lines
   * redact their part and keep their own terminators.
   */
  private Wrap wrap(Line line, Line next) {
    if (next == null || line.keyBlock() || next.keyBlock()) {
      return Wrap.NONE;
    }
    String content = line.content();
    String following = next.content();
    if (content.isEmpty() || following.isEmpty()) {
      return Wrap.NONE;
    }
    int from = reachBack(content);
    String window = content.substring(from) + line.text().substring(line.end())
        + following.substring(0, reachOn(following));
    int breakAt = content.length() - from;
    if (!Analyzer.wrapsValue(window, breakAt)) {
      return Wrap.NONE;
    }
    int breakStart = content.codePointCount(from, content.length());
    int breakEnd = breakStart + line.text().length() - line.end();
    int offset = content.codePointCount(0, from);
    int length = offset + breakStart;
    List<Finding> head = new ArrayList<>();
    List<Finding> tail = new ArrayList<>();
    int afterBreak = breakAt + line.text().length() - line.end();
    int numberStart = numberStart(window, breakAt);
    int numberEnd = numberEnd(window, afterBreak);
    int indent = 0;
    while (indent < following.length()
        && (following.charAt(indent) == ' ' || following.charAt(indent) == '\t')) {
      indent++;
    }
    for (Finding f : protector.findingsAcross(window, breakStart, breakEnd)) {
      if (numberStart < breakAt && numberEnd > afterBreak
          && (window.offsetByCodePoints(0, f.start()) > numberStart
          || window.offsetByCodePoints(0, f.end()) < numberEnd)) {
        continue; // a number that ends a line and one that starts the next: two cells of a table
      }
      head.add(new Finding(f.entity(), offset + f.start(), length, f.score(), f.recognizer(),
          f.explanation()));
      if (f.end() - breakEnd > indent) { // the indent the analyzer read past stays
        tail.add(new Finding(f.entity(), indent, f.end() - breakEnd, f.score(), f.recognizer(),
            f.explanation()));
      }
    }
    return new Wrap(head, tail);
  }

  /**
   * Where the digits and separators that end {@code text} before {@code end} start, at a digit;
   * {@code end} when there are none.
   */
  private static int numberStart(String text, int end) {
    int start = end;
    for (int i = end - 1; i >= 0 && isNumberChar(text.charAt(i)); i--) {
      start = isDigit(text.charAt(i)) ? i : start;
    }
    return start;
  }

  /**
   * Where the digits and separators that start {@code text} at {@code start} end, after a digit;
   * {@code start} when there are none.
   */
  private static int numberEnd(String text, int start) {
    int end = start;
    for (int i = start; i < text.length() && isNumberChar(text.charAt(i)); i++) {
      end = isDigit(text.charAt(i)) ? i + 1 : end;
    }
    return end;
  }

  private static boolean isNumberChar(char c) {
    return isDigit(c) || c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Where the end of {@code content} read with the next line starts: a word start. */
  private static int reachBack(String content) {
    if (content.length() <= WRAP_REACH) {
      return 0;
    }
    int space = content.lastIndexOf(' ', content.length() - WRAP_REACH);
    int from = space >= 0 ? space + 1 : content.length() - WRAP_REACH;
    return Character.isLowSurrogate(content.charAt(from)) ? from - 1 : from;
  }

  /** Where the start of {@code content} read with the line before it ends: a word end. */
  private static int reachOn(String content) {
    if (content.length() <= WRAP_REACH) {
      return content.length();
    }
    int space = content.indexOf(' ', WRAP_REACH);
    int to = space >= 0 ? space : WRAP_REACH;
    return Character.isLowSurrogate(content.charAt(to)) ? to + 1 : to;
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
