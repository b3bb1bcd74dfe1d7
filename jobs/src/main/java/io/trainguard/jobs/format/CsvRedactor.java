package io.trainguard.jobs.format;

import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * RFC 4180 CSV with a header row. Columns are planned from the first
 * {@value ValueProtector#PLAN_SAMPLE_RECORDS} records: a planned column is redacted whole in
 * every row, other columns get span detection. Only cells that held personal data are rewritten;
 * every other
 * byte of the file (quoting, line endings, BOM, untouched cells) is written back unchanged, which
 * is why this tokenizer keeps each cell's raw text instead of using a parsing library that only
 * returns decoded values. A quote opens a quoted cell only at the start of the cell, as in
 * Spark's reader; elsewhere it is a literal character.
 */
final class CsvRedactor implements RecordRedactor {

  private static final char DELIMITER = ',';
  private static final char QUOTE = '"';

  private final ValueProtector protector;
  private final String file;
  private final String idField;
  private final MacieHints macie;
  private final FlaggedRecords flagged;
  /** The sink of the file being redacted, reused value after value. */
  private ValueProtector.CountingSink cells;
  private boolean quarantineStarted;

  CsvRedactor(ValueProtector protector, String file, String idField, MacieHints macie,
      FlaggedRecords flagged) {
    this.protector = protector;
    this.file = file;
    this.idField = idField;
    this.macie = macie;
    this.flagged = flagged;
  }

  /** One cell: its text as stored, its decoded value, and whether it was quoted. */
  record Cell(String raw, String value, boolean quoted) {}

  /** A record with its text (terminator included) and cells, or a blank line (cells null). */
  record Item(String text, List<Cell> cells, long row) {}

  /** The per-file decisions made from the header and the sampled head of the file. */
  private record Layout(String header, List<String> columns, ColumnPlan[] plans,
      boolean[] dropped, int idColumn) {}

  @Override
  public void redact(LineReader in, RecordSinks out, FileStats stats) throws IOException {
    cells = new ValueProtector.CountingSink(stats);
    String header = in.next();
    if (header == null) {
      return;
    }
    String headerContent = header.substring(0, TextRedactor.contentEnd(header));
    String bom = "";
    if (!headerContent.isEmpty() && headerContent.charAt(0) == '\uFEFF') {
      bom = "\uFEFF";
      headerContent = headerContent.substring(1);
    }
    List<Cell> headerCells = parse(headerContent, 1);
    if (headerCells == null) {
      throw new MalformedRecordException("header (line 1): quoted column name spans lines");
    }
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < headerCells.size(); i++) {
      String name = headerCells.get(i).value().strip();
      columns.add(name.isEmpty() ? "column " + (i + 1) : name);
    }

    Records records = new Records(in, columns.size());
    List<Item> head = new ArrayList<>();
    Item item;
    int sampled = 0;
    while (sampled < ValueProtector.PLAN_SAMPLE_RECORDS && (item = records.next()) != null) {
      head.add(item);
      sampled += item.cells() == null ? 0 : 1;
    }
    Layout layout = layout(header, columns, head, stats);
    List<String> shownNames = new ArrayList<>();
    boolean renamed = false;
    for (int i = 0; i < headerCells.size(); i++) {
      String shown = protector.names().field(columns.get(i));
      renamed |= !shown.equals(columns.get(i));
      shownNames.add(shown.equals(columns.get(i)) ? headerCells.get(i).raw() : shown);
    }
    out.data().write(layout.dropped() == null && !renamed ? header
        : bom + join(shownNames, layout.dropped())
            + header.substring(TextRedactor.contentEnd(header)));
    for (Item buffered : head) {
      write(buffered, layout, out, stats);
    }
    head.clear();
    while ((item = records.next()) != null) {
      write(item, layout, out, stats);
    }
  }

  private Layout layout(String header, List<String> columns, List<Item> head, FileStats stats) {
    ColumnPlan[] plans = new ColumnPlan[columns.size()];
    boolean[] dropped = null;
    for (int column = 0; column < plans.length; column++) {
      final int i = column;
      List<String> sample = new ArrayList<>();
      for (Item item : head) {
        if (item.cells() != null) {
          sample.add(item.cells().get(i).value());
        }
      }
      plans[i] = protector.plan(columns.get(i), sample)
          .or(() -> macie.plan(columns.get(i), sample.size())).orElse(null);
      if (plans[i] != null) {
        stats.addPlan(plans[i]);
      }
      if (protector.columnAction(columns.get(i), plans[i]).orElse(null)
          == RecordAction.DROP_COLUMN) {
        dropped = dropped == null ? new boolean[columns.size()] : dropped;
        dropped[i] = true;
      }
    }
    return new Layout(header, columns, plans, dropped,
        idField == null ? -1 : columns.indexOf(idField));
  }

  private void write(Item item, Layout layout, RecordSinks out, FileStats stats)
      throws IOException {
    if (item.cells() == null) {
      out.data().write(item.text()); // a blank line is not a record
      return;
    }
    stats.countRecord();
    String idValue = layout.idColumn() >= 0 ? item.cells().get(layout.idColumn()).value() : null;
    String recordId = RecordRedactor.recordId(file, idValue, "row " + item.row());
    RecordAction recordAction = flagged.actionFor(idValue);
    if (recordAction != null) {
      stats.countPoisoningAction();
    }
    boolean changed = false;
    List<String> raws = new ArrayList<>(item.cells().size());
    for (int i = 0; i < item.cells().size(); i++) {
      Cell cell = item.cells().get(i);
      String column = layout.columns().get(i);
      if (layout.dropped() != null && layout.dropped()[i]) {
        raws.add(cell.raw());
        continue;
      }
      ValueProtector.Outcome outcome;
      try {
        outcome = protector.protectValue(cell.value(), column, layout.plans()[i],
            macie.cell(item.row(), i), recordId, cells);
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException("row " + item.row() + ", column " + column, e);
      }
      String value = outcome.value();
      if (outcome.action() == RecordAction.DROP_COLUMN) {
        value = ""; // a finding asked for its column to go, too late to drop it from the header
      } else if (outcome.action() != null) {
        recordAction = recordAction == null || outcome.action().compareTo(recordAction) > 0
            ? outcome.action() : recordAction;
      }
      if (value != cell.value()) {
        changed = true;
        raws.add(encode(value, cell.quoted()));
      } else {
        raws.add(cell.raw());
      }
    }
    String text = item.text();
    if (recordAction == RecordAction.DROP_RECORD) {
      stats.countDropped();
      return;
    }
    if (recordAction == RecordAction.QUARANTINE_RECORD) {
      stats.countQuarantined();
      quarantine(out, layout.header()).write(text);
      return;
    }
    stats.countWritten();
    if (!changed && layout.dropped() == null) {
      out.data().write(text);
    } else {
      int end = TextRedactor.contentEnd(text);
      out.data().write(join(raws, layout.dropped()));
      out.data().write(text, end, text.length() - end);
    }
  }

  /** The quarantine writer, its header written first (the original header, unchanged). */
  private Writer quarantine(RecordSinks out, String header) throws IOException {
    if (!quarantineStarted) {
      out.quarantine().write(header);
      quarantineStarted = true;
    }
    return out.quarantine();
  }

  /** The cells of a record without the dropped columns, comma-separated. */
  private static String join(List<String> raws, boolean[] dropped) {
    StringJoiner line = new StringJoiner(String.valueOf(DELIMITER));
    for (int i = 0; i < raws.size(); i++) {
      if (dropped == null || !dropped[i]) {
        line.add(raws.get(i));
      }
    }
    return line.toString();
  }

  /**
   * Reads records (multi-line quoted cells joined) and blank lines, checking cell counts. Each
   * line is scanned once for where its record ends, and each record split into cells once.
   */
  static final class Records {
    private static final int CELL_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final LineReader in;
    private final int width;
    private long row = 1; // Macie's convention: the header is row 1
    private long charsParsed;

    Records(LineReader in, int width) {
      this.in = in;
      this.width = width;
    }

    Item next() throws IOException {
      String line = in.next();
      if (line == null) {
        return null;
      }
      long firstLine = in.lineNumber();
      if (TextRedactor.contentEnd(line) == 0) {
        return new Item(line, null, row);
      }
      row++;
      String record = line;
      if (scan(line, CELL_START) == QUOTED) {
        StringBuilder joined = new StringBuilder(line);
        int state = QUOTED;
        while (state == QUOTED) {
          String more = in.next();
          if (more == null) {
            throw new MalformedRecordException("row " + row + " (line " + firstLine
                + "): unterminated quoted cell");
          }
          if (joined.length() + more.length() > LineReader.DEFAULT_MAX_LINE_CHARS) {
            throw new MalformedRecordException("row " + row + " (line " + firstLine
                + "): record longer than " + LineReader.DEFAULT_MAX_LINE_CHARS + " chars");
          }
          // The terminator before this line is inside the quoted cell: still QUOTED.
          state = scan(more, QUOTED);
          joined.append(more);
        }
        record = joined.toString();
      }
      int end = TextRedactor.contentEnd(record);
      charsParsed += end;
      List<Cell> cells = parse(record.substring(0, end), row);
      if (cells.size() != width) {
        throw new MalformedRecordException("row " + row + " (line " + firstLine + "): expected "
            + width + " cells, found " + cells.size());
      }
      return new Item(record, cells, row);
    }

    /**
     * The quoting state at the end of {@code line}'s content, from {@code state} at its start:
     * {@code QUOTED} when a quoted cell is still open and the record goes on.
     */
    private int scan(String line, int state) {
      int end = TextRedactor.contentEnd(line);
      charsParsed += end;
      for (int i = 0; i < end; i++) {
        char c = line.charAt(i);
        state = switch (state) {
          case QUOTED -> c == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
          case QUOTE_IN_QUOTED -> c == QUOTE ? QUOTED : c == DELIMITER ? CELL_START : UNQUOTED;
          case CELL_START -> c == QUOTE ? QUOTED : c == DELIMITER ? CELL_START : UNQUOTED;
          default -> c == DELIMITER ? CELL_START : UNQUOTED;
        };
      }
      return state;
    }

    /** The chars examined so far: the work done, linear in the input. */
    long charsParsed() {
      return charsParsed;
    }
  }

  /**
   * The cells of one record (without its final line terminator), or null when a quoted cell is
   * still open at the end and the record continues on the next line.
   */
  static List<Cell> parse(String record, long row) throws MalformedRecordException {
    List<Cell> cells = new ArrayList<>();
    int i = 0;
    int n = record.length();
    while (true) {
      int start = i;
      if (i < n && record.charAt(i) == QUOTE) {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char c = record.charAt(i);
          if (c == QUOTE) {
            if (i + 1 < n && record.charAt(i + 1) == QUOTE) {
              value.append(QUOTE);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value.append(c);
          i++;
        }
        if (i < n && record.charAt(i) != DELIMITER) {
          throw new MalformedRecordException("row " + row + ", column " + (cells.size() + 1)
              + ": characters after a closing quote");
        }
        cells.add(new Cell(record.substring(start, i), value.toString(), true));
      } else {
        while (i < n && record.charAt(i) != DELIMITER) {
          i++;
        }
        String raw = record.substring(start, i);
        cells.add(new Cell(raw, raw, false));
      }
      if (i >= n) {
        return cells;
      }
      i++; // the delimiter
    }
  }

  /** A cell's text for {@code value}, quoted when it must be or when the original was. */
  static String encode(String value, boolean wasQuoted) {
    boolean quote = wasQuoted || value.indexOf(DELIMITER) >= 0 || value.indexOf(QUOTE) >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? QUOTE + value.replace("\"", "\"\"") + QUOTE : value;
  }
}
