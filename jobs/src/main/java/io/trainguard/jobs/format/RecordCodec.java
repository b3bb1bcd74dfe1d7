package io.trainguard.jobs.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A format's records of one file as {@link RecordProtector} sees them: values at field paths,
 * read from the input and written back byte-faithfully, only the values the protector changed
 * re-encoded. A codec owns parsing and encoding; every decision (plans, operators, record
 * actions, routing, counting) is the protector's. A format's {@link FormatCodec} opens its files
 * and makes their codecs.
 */
public interface RecordCodec extends Closeable {

  /** How the values at a path are planned. */
  enum Typing {
    /** Text: planned from its sampled values, or by its name. */
    TEXT,
    /**
     * A fixed type (a Parquet number or date): planned only when its name suggests an entity
     * or Macie flagged it, since a redacted value may not fit the type.
     */
    TYPED,
    /** Never planned (a JSON Lines line that is a bare value, a value without a text form). */
    NONE
  }

  /** What one value is, which decides how the protector treats it. */
  enum Kind {
    /** A string, or a number read as digits: sampled, planned and scanned. */
    TEXT,
    /** A value of a fixed type: sampled; protected only when a plan, Macie or a rule targets it. */
    TYPED,
    /** A boolean: scanned, never protected whole under a plan. */
    BOOLEAN,
    /** An explicit null: nothing to protect, but it leaves with a dropped column. */
    NULL
  }

  /**
   * What one value is as data, for a reader that types columns (the poisoning scan): what the
   * format itself says about it, which may differ from its {@link Kind} (a JSON number is
   * protected as text but is a number).
   */
  enum Data {
    /** No value. */
    NULL,
    BOOLEAN,
    /** A value of a fixed type: a number when its text reads as one, else text (a date). */
    TYPED,
    /** Text, whatever it reads as. */
    STRING,
    /**
     * Text of a format whose values carry no type (a CSV cell): a reader infers one, a number
     * or a boolean when every value of the column reads as one, and takes empty text as null.
     */
    UNTYPED
  }

  /**
   * Reads what precedes the records (a header, a footer's schema) and returns the field paths it
   * declares, in order; empty when paths are only found in records; null for an empty file.
   */
  List<String> open() throws IOException;

  /** How the values at {@code path} are planned. */
  default Typing typing(String path) {
    return Typing.TEXT;
  }

  /** The next record (or text kept in place between records), or null at the end. */
  Record next() throws IOException;

  /**
   * The layout is decided, before anything is written: the values at {@code dropped} paths leave
   * every record; {@code planned} paths hold personal data.
   */
  void layout(Set<String> dropped, Set<String> planned) throws IOException;

  /** Writes {@code record} to the data output, with the values the protector changed. */
  void writeData(Record record) throws IOException;

  /** Writes {@code record} to the quarantine output as it was read. */
  void writeQuarantine(Record record) throws IOException;

  /** After the last record. */
  default void finish() throws IOException {}

  /** Releases the input, whatever happened; the outputs are the caller's. */
  @Override
  default void close() throws IOException {}

  /** One record: its values by index, in the order they were read. */
  interface Record {

    /** False for text kept in place that is no record (a blank line): written as it is. */
    default boolean isRecord() {
      return true;
    }

    /**
     * Why the record cannot be read (bad quoting, invalid JSON, invalid UTF-8), naming where and
     * never quoting it: {@code line 4: invalid JSON}; null for a record that was read. A
     * malformed record has no values and is quarantined as it was read.
     */
    default String malformed() {
      return null;
    }

    int size();

    /** The field path of value {@code field}: {@code email}, {@code user.emails[]}. */
    String path(int field);

    Kind kind(int field);

    /** What value {@code field} is as data: by default as its {@link Kind} says, text a string. */
    default Data data(int field) {
      return switch (kind(field)) {
        case NULL -> Data.NULL;
        case BOOLEAN -> Data.BOOLEAN;
        case TYPED -> Data.TYPED;
        case TEXT -> Data.STRING;
      };
    }

    /** Value {@code field} as text (a number in plain digits); null when it has no text form. */
    String text(int field);

    /** Value {@code field} as planning samples it; null when it must not shape a plan. */
    default String sample(int field) {
      return text(field);
    }

    /** The text of the top-level field {@code idField}, or null. */
    String id(String idField);

    /** Where the record is, for record ids and messages, never quoting it: {@code row 3}. */
    String position();

    /** Where value {@code field} is, for messages: {@code row 3, column email}. */
    String where(int field);

    /** The entities Macie reported at value {@code field}. */
    Set<String> macie(MacieHints hints, int field);

    /** Value {@code field} is written as {@code value}. */
    void replace(int field, String value);

    /**
     * Value {@code field} leaves the record ({@code drop_column} asked for by a finding, or the
     * path's layout): removed where the format allows, emptied where its layout is fixed.
     */
    void remove(int field);

    /**
     * Value {@code field} must be protected but has no text form: written as absent, or the
     * file fails. Never passed through.
     */
    default void withhold(int field) {
      remove(field);
    }

    /** Value {@code field} held personal data. */
    default void held(int field) {}

    /**
     * Whether protecting the record's values made keys of one map equal, or left a key without
     * a value: such a record is quarantined whole, as writing it would lose an entry.
     */
    default boolean keysMerge() {
      return false;
    }
  }
}
