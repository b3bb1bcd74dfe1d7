package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.NameMemory;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.RecordAction;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plain text: each line is a record; its terminator is kept. A PEM/OpenSSH/PGP private key block
 * is one record from its BEGIN line to its END line, so no line of the key body is scanned on
 * its own (a lone base64 line does not look like a key). A person named on one line is
 * remembered for the lines after it in the same file part ({@link NameMemory}): a surname alone
 * on a later line ("Player said") is the person's. A value wrapped over a line break
 * ({@code 536-22-}, line break, {@code 8045}) is found in the two lines read as one, and each
 * line redacts its part of it, keeping its own terminator. A slice of a file reads the few lines
 * before it and after it for the values wrapped over its edges, and writes only its own.
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
  /**
   * Lines read on after a line break that may wrap a value: a value wrapped a few times, or
   * parted by the blank lines a break may skip ({@link Analyzer#wrapLength}).
   */
  static final int WRAP_LINES = 6;
  /** Lines of a page break read past at most: a footer, a header and the blank lines around. */
  static final int MAX_PAGE_BREAK = 12;
  /**
   * Bytes read before a slice for the lines whose values may wrap into it: {@link #WRAP_LINES}
   * lines of {@link #WRAP_REACH} chars of up to 4 bytes, twice over, so that a line cut at the
   * start of these bytes is either too far to reach the slice or long enough to read as whole.
   */
  static final int EDGE_BYTES = 2 * WRAP_LINES * WRAP_REACH * 4;

  private final ValueProtector protector;
  private final String file;
  private final MacieHints macie;
  private final LineSlice slice;
  private final Format.FileStart fileStart;
  private final Set<String> authors;
  private final Set<String> runningLines;
  private long keyBlockCharsScanned;
  /** The people named in this file part's lines so far: a line is one text of its document. */
  private final NameMemory names = new NameMemory();

  TextRedactor(ValueProtector protector, String file, MacieHints macie) {
    this(protector, file, macie, LineSlice.WHOLE, null);
  }

  /** The redactor of {@code slice} of a file, which {@code fileStart} opens for its edges. */
  TextRedactor(ValueProtector protector, String file, MacieHints macie, LineSlice slice,
      Format.FileStart fileStart) {
    this(protector, file, macie, slice, fileStart, Set.of(), Set.of());
  }

  /**
   * The redactor of a document's extracted text, in which each of {@code authors} is a person
   * wherever it stands as a whole word, and a value cut by a page break is read joined over the
   * {@code runningLines} ({@link RunningLines#form}) and blank lines between its halves; both
   * sets are filled before the text's first line is read.
   */
  TextRedactor(ValueProtector protector, String file, Set<String> authors,
      Set<String> runningLines) {
    this(protector, file, MacieHints.NONE, LineSlice.WHOLE, null, authors, runningLines);
  }

  private TextRedactor(ValueProtector protector, String file, MacieHints macie, LineSlice slice,
      Format.FileStart fileStart, Set<String> authors, Set<String> runningLines) {
    this.protector = protector;
    this.file = file;
    this.macie = macie;
    this.slice = slice;
    this.fileStart = fileStart;
    this.authors = authors;
    this.runningLines = runningLines;
  }

  @Override
  public void redact(LineReader in, RecordSinks out, FileStats stats) throws IOException {
    ValueProtector.CountingSink lines = new ValueProtector.CountingSink(stats);
    Records records = new Records(in);
    List<Line> ahead = new ArrayList<>();
    try {
      redact(records, ahead, out, lines, stats);
    } finally {
      records.close();
    }
  }

  private void redact(Records records, List<Line> ahead, RecordSinks out,
      ValueProtector.CountingSink lines, FileStats stats) throws IOException {
    for (Line line = records.next(); line != null && line.part() != Part.AFTER;
        line = ahead.isEmpty() ? records.next() : ahead.remove(0)) {
      ValueProtector.Outcome outcome;
      try {
        wrap(line, ahead, records);
        if (line.part() == Part.BEFORE) {
          continue; // read for the values it wraps into this slice; the slice before writes it
        }
        commentAuthors(line);
        stats.countRecord();
        outcome = protector.protectText(line.content(), names, line.wrapped(),
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
    }
  }

  /** Where a record is: before this slice of its file, in it, or after it. */
  private enum Part { BEFORE, OWN, AFTER }

  /**
   * The records of a file part: those of its slice, after the last {@link #WRAP_LINES} of the
   * {@link #EDGE_BYTES} before it and followed by those after it, read only when asked for.
   */
  private final class Records {
    private final LineReader own;
    private final ArrayDeque<Line> before = new ArrayDeque<>();
    private boolean ownRead;
    private InputStream afterStream;
    private LineReader after;

    Records(LineReader own) throws IOException {
      this.own = own;
      if (slice.split() && slice.start() > 0) {
        long from = Math.max(0, slice.start() - EDGE_BYTES);
        byte[] bytes;
        try (InputStream in = fileStart.open(from)) {
          bytes = in.readNBytes((int) (slice.start() - from));
        }
        int at = 0;
        while (from > 0 && at < bytes.length && (bytes[at] & 0xC0) == 0x80) {
          at++; // a character cut at the start of these bytes
        }
        LineReader lines = new LineReader(
            new ByteArrayInputStream(bytes, at, bytes.length - at), own.maxLineChars());
        for (Line line = read(lines, Part.BEFORE); line != null; line = read(lines, Part.BEFORE)) {
          before.add(line);
          if (before.size() > WRAP_LINES) {
            before.removeFirst();
          }
        }
      }
    }

    /** The next record, or null at the end of the file. */
    Line next() throws IOException {
      if (!before.isEmpty()) {
        return before.removeFirst();
      }
      if (!ownRead) {
        Line line = read(own, Part.OWN);
        if (line != null) {
          return line;
        }
        ownRead = true;
      }
      if (after == null) {
        if (!slice.split() || slice.index() + 1 == slice.count()) {
          return null;
        }
        afterStream = fileStart.open(slice.end());
        after = new LineReader(new BufferedInputStream(afterStream, 1 << 16),
            own.maxLineChars(), own.lineNumber());
      }
      return read(after, Part.AFTER);
    }

    void close() throws IOException {
      if (afterStream != null) {
        afterStream.close();
      }
    }
  }

  /**
   * A record: a line, or a key block's lines, terminator included; its first and last line; the
   * parts of values wrapped over its breaks found so far, offsets into its content.
   */
  private record Line(String text, long first, long last, boolean keyBlock,
      List<Finding> wrapped, Part part) {
    int end() {
      return contentEnd(text);
    }

    String content() {
      return text.substring(0, end());
    }

    String terminator() {
      return text.substring(end());
    }
  }

  /**
   * Each author of a comment or annotation the extractor found in the document, a person
   * wherever it stands as a whole word (in a script written without spaces, wherever it stands)
   * in any case, whatever the name model says, as the metadata's author fields are.
   */
  private void commentAuthors(Line line) {
    if (line.keyBlock()) {
      return;
    }
    String content = line.content();
    for (String name : authors) {
      for (int at = 0, end = name.length(); end <= content.length(); at++, end++) {
        if (content.regionMatches(true, at, name, 0, name.length())
            && (!wordChar(content, at - 1) || spaceless(name.codePointAt(0)))
            && (!wordChar(content, end) || spaceless(name.codePointBefore(name.length())))) {
          addAuthor(line, content, at, end);
        }
      }
    }
  }

  /**
   * Whether an author's name or initials can be looked for in a text: two letters or more, or
   * one of a script written without spaces, where one letter is a family name ("王" of 王伟);
   * another single letter would take every such word of the text.
   */
  static boolean isSearchableName(String name) {
    return name.codePointCount(0, name.length()) > 1
        || !name.isEmpty() && spaceless(name.codePointAt(0));
  }

  /**
   * Whether a name's letter {@code c} is of a script whose words stand without spaces or take
   * their particles joined ({@code 王伟说}, {@code 김민수는}): a name there is no whole word.
   */
  private static boolean spaceless(int c) {
    return switch (Character.UnicodeScript.of(c)) {
      case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }

  private static boolean wordChar(String s, int i) {
    return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
  }

  private static void addAuthor(Line line, String content, int start, int end) {
    line.wrapped().add(new Finding("PERSON", content.codePointCount(0, start),
        content.codePointCount(0, end), 1.0, "comment-author",
        "the author of a comment in a document"));
  }

  /** The next record of {@code in}, which is {@code part} of the file, or null at its end. */
  private Line read(LineReader in, Part part) throws IOException {
    String line = in.next();
    if (line == null) {
      return null;
    }
    long first = in.lineNumber();
    if (!opensKeyBlock(line)) {
      return new Line(line, first, first, false, new ArrayList<>(), part);
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
    return new Line(block.toString(), first, in.lineNumber(), true, new ArrayList<>(), part);
  }

  /** The {@code k}th record after the current one, read into {@code ahead}; null past the end. */
  private Line ahead(List<Line> ahead, int k, Records in) throws IOException {
    while (ahead.size() <= k) {
      Line next = in.next();
      if (next == null) {
        return null;
      }
      ahead.add(next);
    }
    return ahead.get(k);
  }

  /**
   * The values that {@code line}'s break wraps, found in the end of {@code line} read on over
   * the breaks that may fall inside a value (up to {@link #WRAP_REACH} chars and
   * {@link #WRAP_LINES} lines, a blank line such a break skips included) as one text; each value
   * is cut at the breaks, so that every line redacts its part and keeps its own terminator. A
   * value that starts on an earlier line was found from there.
   */
  private void wrap(Line line, List<Line> ahead, Records in) throws IOException {
    String content = line.content();
    if (line.keyBlock() || content.isEmpty()
        || !runningLines.isEmpty() && runningLines.contains(RunningLines.form(content))) {
      return; // a running header or footer is no half of a value
    }
    int from = reachBack(content);
    StringBuilder read = new StringBuilder(content.substring(from));
    List<Line> lines = new ArrayList<>(List.of(line));
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int k = 0, i = 0, reach = 0; k < WRAP_LINES && reach < WRAP_REACH; k++, i++) {
      i += pageBreak(ahead, i, in);
      Line next = ahead(ahead, i, in);
      if (next == null || next.keyBlock()) {
        break;
      }
      read.append(lines.get(k).terminator());
      starts.add(read.length());
      int to = reachOn(next.content(), WRAP_REACH - reach);
      read.append(next.content(), 0, to);
      lines.add(next);
      reach += to;
      if (to < next.content().length()) {
        break;
      }
    }
    Window window = Window.of(read.toString(), lines, starts);
    if (window == null) {
      return;
    }
    String text = window.text();
    int breakStart = text.codePointCount(0, window.contentEnd(0));
    int breakEnd = text.codePointCount(0, window.start(1));
    List<Finding> found = new ArrayList<>(protector.findingsAcross(text, breakStart, breakEnd));
    String joined = window.joinedDigits();
    if (joined != null) {
      found.addAll(protector.findingsAcross(joined, breakStart, breakEnd));
    }
    int offset = content.codePointCount(0, from);
    for (Finding f : found) {
      if (!window.coversNumbersAtItsBreaks(f)) {
        continue; // a number that ends a line and one that starts the next: two cells of a table
      }
      for (int k = 0; k < window.lines().size(); k++) {
        int indent = window.start(k);
        while (k > 0 && indent < window.contentEnd(k)
            && (text.charAt(indent) == ' ' || text.charAt(indent) == '\t')) {
          indent++; // the indent the analyzer read past stays
        }
        int s = Math.max(f.start(), text.codePointCount(0, indent));
        int e = Math.min(f.end(), text.codePointCount(0, window.contentEnd(k)));
        if (s < e) {
          int shift = k == 0 ? offset : -text.codePointCount(0, window.start(k));
          window.lines().get(k).wrapped().add(new Finding(f.entity(), s + shift, e + shift,
              f.score(), f.recognizer(), f.explanation()));
        }
      }
    }
  }

  /**
   * The number of lines from the {@code i}th ahead that are a page break: blank and running
   * lines, at least one running, up to {@link #MAX_PAGE_BREAK} in all, and a line after them; 0
   * when they are not.
   */
  private int pageBreak(List<Line> ahead, int i, Records in) throws IOException {
    if (runningLines.isEmpty()) {
      return 0;
    }
    boolean running = false;
    for (int n = 0; n < MAX_PAGE_BREAK; n++) {
      Line line = ahead(ahead, i + n, in);
      if (line == null || line.keyBlock()) {
        return 0;
      }
      String form = RunningLines.form(line.content());
      if (!form.isEmpty() && !runningLines.contains(form)) {
        return running ? n : 0;
      }
      running |= !form.isEmpty();
    }
    return 0;
  }

  /**
   * Lines read as one text over the breaks between them, each of which may fall inside a value
   * or is skipped with a blank line by one that may; {@code starts} are where each line's
   * content starts in {@code text}, chars.
   */
  private record Window(String text, List<Line> lines, List<Integer> starts) {

    /**
     * The first of {@code lines} and those after it over breaks that may wrap a value, read in
     * {@code text}; null when the first line's break may not.
     */
    static Window of(String text, List<Line> lines, List<Integer> starts) {
      int count = 1;
      int skipped = 0;
      while (count < lines.size()) {
        int breakAt = starts.get(count) - lines.get(count - 1).terminator().length();
        int wrap = breakAt < skipped ? skipped - breakAt : Analyzer.wrapLength(text, breakAt);
        if (wrap == 0) {
          break;
        }
        skipped = Math.max(skipped, breakAt + wrap);
        count++;
      }
      if (count == 1) {
        return null;
      }
      if (count > 2 && lines.subList(0, count).stream().allMatch(l -> onlyNumber(l.content()))) {
        count = 2; // a column of numbers: read on over one break only, as two cells of a table
      }
      int end = count == lines.size() ? text.length()
          : starts.get(count) - lines.get(count - 1).terminator().length();
      return new Window(text.substring(0, end), lines.subList(0, count),
          starts.subList(0, count));
    }

    int start(int k) {
      return starts.get(k);
    }

    /** Where line {@code k}'s content ends in {@link #text}. */
    int contentEnd(int k) {
      return k + 1 < starts.size() ? starts.get(k + 1) - lines.get(k).terminator().length()
          : text.length();
    }

    /**
     * {@link #text} with each break between a digit ending one line and a digit starting the
     * next (no space or tab beside it) as NUL chars, which the analyzer reads past: a number cut
     * with no separator ({@code 4111111111}, line break, {@code 111111}). Null when there is
     * none but between two lines holding nothing but digits and separators (a column of
     * numbers: joined, two read as one number of twice the length).
     */
    String joinedDigits() {
      char[] joined = null;
      for (int k = 1; k < lines.size(); k++) {
        int breakAt = contentEnd(k - 1);
        int after = start(k);
        if (breakAt == 0 || after >= text.length() || !isDigit(text.charAt(breakAt - 1))
            || !isDigit(text.charAt(after))
            || onlyNumber(lines.get(k - 1).content()) && onlyNumber(lines.get(k).content())) {
          continue;
        }
        if (joined == null) {
          joined = text.toCharArray();
        }
        java.util.Arrays.fill(joined, breakAt, after, '\0');
      }
      return joined == null ? null : new String(joined);
    }

    /**
     * Whether {@code f}, at each break it crosses between a number ending a line and one
     * starting the next line that is not blank, covers both numbers whole: two cells of a table
     * are not one value.
     */
    boolean coversNumbersAtItsBreaks(Finding f) {
      int start = text.offsetByCodePoints(0, f.start());
      int end = text.offsetByCodePoints(start, f.length());
      int before = 0;
      for (int k = 1; k < lines.size(); k++) {
        if (lines.get(k).content().isEmpty()) {
          continue;
        }
        int breakAt = contentEnd(before);
        int afterBreak = start(k);
        before = k;
        if (start >= breakAt || end <= afterBreak) {
          continue;
        }
        int numberStart = numberStart(text, breakAt);
        int numberEnd = numberEnd(text, afterBreak);
        if (numberStart < breakAt && numberEnd > afterBreak
            && (start > numberStart || end < numberEnd)) {
          return false;
        }
      }
      return true;
    }
  }

  private static boolean onlyNumber(String content) {
    for (int i = 0; i < content.length(); i++) {
      if (!isNumberChar(content.charAt(i))) {
        return false;
      }
    }
    return true;
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

  /**
   * Where the start of {@code content} read with the lines before it ends: a word end, after
   * {@code reach} chars.
   */
  private static int reachOn(String content, int reach) {
    if (content.length() <= reach) {
      return content.length();
    }
    int space = content.indexOf(' ', reach);
    int to = space >= 0 ? space : reach;
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
