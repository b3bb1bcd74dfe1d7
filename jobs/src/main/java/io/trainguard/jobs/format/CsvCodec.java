package io.trainguard.jobs.format;

import io.trainguard.jobs.Counts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * RFC 4180 CSV with a header row, a {@link RecordCodec} whose field paths are the column names.
 * Only cells the protector changed are re-encoded; every other byte of the file (quoting, line
 * endings, BOM, untouched cells) is written back unchanged, which is why this tokenizer keeps each
 * cell's raw text instead of using a parsing library that only returns decoded values. A quote
 * opens a quoted cell only at the start of the cell, as in Spark's reader; elsewhere it is a
 * literal character. A dropped column leaves the header and every row; a cell a finding asks
 * to drop is emptied, since the header is already written.
 */
final class CsvCodec implements RecordCodec {

  private static final char DELIMITER = ',';
  private static final char QUOTE = '"';
  private final LineReader in;
  private final RecordSinks out;
  private final PersonalNames names;
  private final LineSlice slice;
  /** The codec of the file's start whose header a later slice takes, or null. */
  private final CsvCodec headerOf;
  private String header;
  private List<Cell> headerCells;
  private List<String> columns;
  private Records records;
  /** Per column, whether it leaves the output; null when none does. */
  private boolean[] dropped;
  private String idField;
  private int idColumn = -1;
  private boolean quarantineStarted;

  CsvCodec(LineReader in, RecordSinks out, PersonalNames names) {
    this(in, out, names, LineSlice.WHOLE, null);
  }

  /**
   * The codec of {@code slice} of a file. The first slice reads the header; a later one takes
   * it from {@code headerOf} (opened first, over the file's start) and writes it nowhere. A
   * split file's first slice opens its quarantine output with the header, so that the
   * quarantined rows of every slice follow one header.
   */
  CsvCodec(LineReader in, RecordSinks out, PersonalNames names, LineSlice slice,
      CsvCodec headerOf) {
    this.in = in;
    this.out = out;
    this.names = names;
    this.slice = slice;
    this.headerOf = slice.first() ? null : java.util.Objects.requireNonNull(headerOf);
    this.quarantineStarted = !slice.first();
  }

  /** One cell: its text as stored, its decoded value, and whether it was quoted. */
  record Cell(String raw, String value, boolean quoted) {}

  /**
   * A record with its text (terminator included) and cells, a blank line (cells null), or a
   * malformed record (no cells, {@code malformed} says why and where).
   */
  record Item(String text, List<Cell> cells, long row, String malformed) {

    Item(String text, List<Cell> cells, long row) {
      this(text, cells, row, null);
    }

    static Item malformed(String text, long row, String why) {
      return new Item(text, List.of(), row, why);
    }
  }

  @Override
  public List<String> open() throws IOException {
    header = headerOf != null ? headerOf.header : in.next();
    if (header == null) {
      return null;
    }
    String headerContent = header.substring(0, TextRedactor.contentEnd(header));
    if (!headerContent.isEmpty() && headerContent.charAt(0) == '\uFEFF') {
      headerContent = headerContent.substring(1);
    }
    if (in.invalid(header)) {
      throw new MalformedRecordException("header (line 1): invalid UTF-8");
    }
    headerCells = parse(headerContent, 1);
    if (headerCells == null) {
      throw new MalformedRecordException("header (line 1): quoted column name spans lines");
    }
    columns = new ArrayList<>();
    for (int i = 0; i < headerCells.size(); i++) {
      String name = headerCells.get(i).value().strip();
      columns.add(name.isEmpty() ? "column " + (i + 1) : name);
    }
    records = new Records(in, columns.size(), 1 + slice.recordsBefore());
    return columns;
  }

  @Override
  public RecordCodec.Record next() throws IOException {
    Item item = records.next();
    return item == null ? null : new Row(item);
  }

  @Override
  public void layout(Set<String> droppedPaths, Set<String> planned) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      if (droppedPaths.contains(columns.get(i))) {
        dropped = dropped == null ? new boolean[columns.size()] : dropped;
        dropped[i] = true;
      }
    }
    List<String> shownNames = new ArrayList<>();
    boolean renamed = false;
    for (int i = 0; i < headerCells.size(); i++) {
      String shown = names.field(columns.get(i));
      renamed |= !shown.equals(columns.get(i));
      shownNames.add(shown.equals(columns.get(i)) ? headerCells.get(i).raw() : shown);
    }
    String bom = header.startsWith("\uFEFF") ? "\uFEFF" : "";
    if (slice.first()) {
      out.data().write(dropped == null && !renamed ? header
          : bom + join(shownNames, dropped) + header.substring(TextRedactor.contentEnd(header)));
    }
    if (slice.first() && slice.split()) {
      startQuarantine();
    }
  }

  @Override
  public void writeData(RecordCodec.Record record) throws IOException {
    Row row = (Row) record;
    String text = row.item.text();
    if (row.raws == null && dropped == null) {
      out.data().write(text);
    } else {
      int end = TextRedactor.contentEnd(text);
      out.data().write(join(row.raws(), dropped));
      out.data().write(text, end, text.length() - end);
    }
  }

  /** The original row, after the original header, unchanged. */
  @Override
  public void writeQuarantine(RecordCodec.Record record) throws IOException {
    if (!quarantineStarted) {
      startQuarantine();
    }
    out.quarantine().write(((Row) record).item.text());
  }

  private void startQuarantine() throws IOException {
    out.quarantine().write(header);
    quarantineStarted = true;
  }

  /** A row of cells, or a blank line kept in place. */
  private final class Row implements RecordCodec.Record {
    private final Item item;
    /** The cells' text to write, once one changed. */
    private List<String> raws;

    Row(Item item) {
      this.item = item;
    }

    @Override
    public boolean isRecord() {
      return item.cells() != null;
    }

    @Override
    public String malformed() {
      return item.malformed();
    }

    @Override
    public int size() {
      return item.cells().size();
    }

    @Override
    public String path(int field) {
      return columns.get(field);
    }

    @Override
    public Kind kind(int field) {
      return Kind.TEXT;
    }

    @Override
    public Data data(int field) {
      return Data.UNTYPED;
    }

    @Override
    public String text(int field) {
      return item.cells().get(field).value();
    }

    @Override
    public String id(String field) {
      if (!field.equals(idField)) {
        idField = field;
        idColumn = columns.indexOf(field);
      }
      return idColumn >= 0 ? text(idColumn) : null;
    }

    @Override
    public String position() {
      return "row " + item.row();
    }

    @Override
    public String where(int field) {
      return "row " + item.row() + ", column " + names.field(columns.get(field));
    }

    @Override
    public Set<String> macie(MacieHints hints, int field) {
      return hints.cell(item.row(), field);
    }

    @Override
    public void replace(int field, String value) {
      raws().set(field, encode(value, item.cells().get(field).quoted()));
    }

    @Override
    public void remove(int field) {
      if (dropped == null || !dropped[field]) {
        replace(field, "");
      }
    }

    List<String> raws() {
      if (raws == null) {
        raws = new ArrayList<>(item.cells().size());
        item.cells().forEach(c -> raws.add(c.raw()));
      }
      return raws;
    }
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
    private long row; // Macie's convention: the header is row 1
    private long charsParsed;

    Records(LineReader in, int width) {
      this(in, width, 1);
    }

    /** The records after row {@code rowBefore}. */
    Records(LineReader in, int width, long rowBefore) {
      this.in = in;
      this.width = width;
      this.row = rowBefore;
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
            return Item.malformed(joined.toString(), row, "row " + row + " (line " + firstLine
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
      if (in.invalid(record)) {
        return Item.malformed(record, row, "row " + row + " (line " + firstLine
            + "): invalid UTF-8");
      }
      int end = TextRedactor.contentEnd(record);
      charsParsed += end;
      List<Cell> cells;
      try {
        cells = parse(record.substring(0, end), row);
      } catch (MalformedRecordException e) {
        return Item.malformed(record, row, e.getMessage());
      }
      if (cells.size() != width) {
        return Item.malformed(record, row, "row " + row + " (line " + firstLine + "): expected "
            + Counts.of(width, "cell") + ", found " + cells.size());
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
