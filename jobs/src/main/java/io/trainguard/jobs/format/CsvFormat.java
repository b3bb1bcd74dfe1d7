package io.trainguard.jobs.format;

import java.util.List;

/** CSV ({@link CsvCodec}): lines, split at line starts unless a quoted cell spans lines. */
final class CsvFormat implements FormatCodec {

  @Override
  public String id() {
    return "csv";
  }

  @Override
  public List<String> extensions() {
    return List.of("csv");
  }

  @Override
  public Opening opening() {
    return Opening.LINES;
  }

  @Override
  public Splitting splitting() {
    return Splitting.LINES;
  }

  @Override
  public RecordCodec codec(FileInput in) {
    return in.slice().split()
        ? new CsvCodec(in.lines(), in.out().text(), in.names(), in.slice(), (CsvCodec) in.head())
        : new CsvCodec(in.lines(), in.out().text(), in.names());
  }

  @Override
  public LineRule lineRule(String file, boolean firstRange) {
    return new QuoteRule();
  }

  /**
   * A line is a record but the header (the file's first line) and an empty line; a quoted cell
   * still open at a line's end goes on on the next line, so the file is read whole.
   */
  private static final class QuoteRule implements LineRule {
    private static final int CELL_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private int state;
    private boolean whole;

    @Override
    public void startLine() {
      state = CELL_START;
    }

    @Override
    public void feed(byte[] bytes, int from, int to) {
      for (int k = from; k < to; k++) {
        byte c = bytes[k];
        if (state == QUOTED) {
          state = c == '"' ? QUOTE_IN_QUOTED : QUOTED;
        } else if (state == UNQUOTED) {
          state = c == ',' ? CELL_START : UNQUOTED;
        } else { // the start of a cell, or just after a quote inside a quoted one
          state = c == '"' ? QUOTED : c == ',' ? CELL_START : UNQUOTED;
        }
      }
    }

    @Override
    public boolean endLine(long lineStart, boolean empty) {
      whole |= state == QUOTED;
      return lineStart > 0 && !empty;
    }

    @Override
    public boolean whole() {
      return whole;
    }
  }
}
