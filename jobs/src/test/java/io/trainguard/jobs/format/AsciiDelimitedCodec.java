package io.trainguard.jobs.format;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ASCII-delimited text ({@code .adt}), a format the tests add by writing this one class and
 * listing it in {@code META-INF/services/io.trainguard.jobs.format.FormatCodec}: fields end at
 * US (0x1F), records at RS (0x1E), and the first record names the fields. A file is one byte
 * stream read from its first byte; every byte the protocol does not change is written back.
 */
public final class AsciiDelimitedCodec implements FormatCodec {

  static final int RECORD_END = 0x1E;
  static final int FIELD_END = 0x1F;

  @Override
  public String id() {
    return "adt";
  }

  @Override
  public List<String> extensions() {
    return List.of("adt");
  }

  @Override
  public Opening opening() {
    return Opening.STREAM;
  }

  @Override
  public RecordCodec codec(FileInput in) {
    return new Records(new BufferedInputStream(in.stream()), in.out().streams(), 0);
  }

  /** The records of one stream: its first record names the fields. */
  static final class Records implements RecordCodec {
    private final InputStream in;
    private final StreamSinks out;
    private List<String> header;
    private boolean[] dropped;
    private boolean quarantineStarted;
    private long row;

    /** {@code recordsBefore}: the records of the file before the first that {@code in} holds. */
    Records(InputStream in, StreamSinks out, long recordsBefore) {
      this.in = in;
      this.out = out;
      this.row = recordsBefore;
    }

    @Override
    public List<String> open() throws IOException {
      header = read();
      return header;
    }

    @Override
    public Record next() throws IOException {
      List<String> fields = read();
      return fields == null ? null : new Row(++row, fields);
    }

    @Override
    public void layout(Set<String> droppedPaths, Set<String> planned) throws IOException {
      dropped = new boolean[header.size()];
      for (int i = 0; i < header.size(); i++) {
        dropped[i] = droppedPaths.contains(header.get(i));
      }
      write(out.data(), header, dropped);
    }

    @Override
    public void writeData(Record record) throws IOException {
      write(out.data(), ((Row) record).written, dropped);
    }

    @Override
    public void writeQuarantine(Record record) throws IOException {
      if (!quarantineStarted) {
        write(out.quarantine(), header, null);
        quarantineStarted = true;
      }
      write(out.quarantine(), ((Row) record).read, null);
    }

    /** The fields of the next record, or null at the end. */
    private List<String> read() throws IOException {
      List<String> fields = new ArrayList<>();
      ByteArrayOutputStream field = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1 && c != RECORD_END) {
        if (c == FIELD_END) {
          fields.add(field.toString(StandardCharsets.UTF_8));
          field.reset();
        } else {
          field.write(c);
        }
      }
      if (c == -1 && fields.isEmpty() && field.size() == 0) {
        return null;
      }
      fields.add(field.toString(StandardCharsets.UTF_8));
      return fields;
    }

    private static void write(OutputStream to, List<String> fields, boolean[] dropped)
        throws IOException {
      boolean first = true;
      for (int i = 0; i < fields.size(); i++) {
        if (dropped != null && i < dropped.length && dropped[i]) {
          continue;
        }
        if (!first) {
          to.write(FIELD_END);
        }
        to.write(fields.get(i).getBytes(StandardCharsets.UTF_8));
        first = false;
      }
      to.write(RECORD_END);
    }

    /** One record: its fields as read, and as they are written. */
    private final class Row implements Record {
      private final long number;
      private final List<String> read;
      private final List<String> written;

      Row(long number, List<String> read) {
        this.number = number;
        this.read = read;
        this.written = new ArrayList<>(read);
      }

      @Override
      public int size() {
        return read.size();
      }

      @Override
      public String path(int field) {
        return field < header.size() ? header.get(field) : "field" + (field + 1);
      }

      @Override
      public Kind kind(int field) {
        return Kind.TEXT;
      }

      @Override
      public Data data(int field) {
        return Data.UNTYPED; // delimited text, as CSV: a reader infers its columns' types
      }

      @Override
      public String text(int field) {
        return read.get(field);
      }

      @Override
      public String id(String idField) {
        int field = header.indexOf(idField);
        return field >= 0 && field < read.size() ? read.get(field) : null;
      }

      @Override
      public String position() {
        return "record " + number;
      }

      @Override
      public String where(int field) {
        return "record " + number + ", field " + path(field);
      }

      @Override
      public Set<String> macie(MacieHints hints, int field) {
        return hints.cell(number, field);
      }

      @Override
      public void replace(int field, String value) {
        written.set(field, value);
      }

      @Override
      public void remove(int field) {
        written.set(field, "");
      }
    }
  }
}
