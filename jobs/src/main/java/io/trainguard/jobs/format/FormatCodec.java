package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One format, whole: its id and file extensions, how a file of it is opened and split, and the
 * {@link RecordCodec} of one file of it. A format is added by implementing this interface and
 * listing the class in {@code META-INF/services/io.trainguard.jobs.format.FormatCodec}:
 * {@link Format} then finds it by {@code --format} and by extension, and {@code protect},
 * {@code scan}, {@code decrypt}, splitting and the poisoning scan open its files through it.
 * Implementations keep no state (one instance serves every file) and never quote a value in a
 * message.
 */
public interface FormatCodec {

  /** How a file is opened: what {@link FileInput} holds, and the form its outputs take. */
  enum Opening {
    /**
     * A stream of lines ({@link FileInput#lines()}), possibly compressed, written as text
     * ({@link Sinks#text()}).
     */
    LINES,
    /**
     * One byte stream read from its first byte ({@link FileInput#stream()}), as Avro's
     * container blocks, written as byte streams ({@link Sinks#streams()}).
     */
    STREAM,
    /**
     * A seekable file ({@link FileInput#seekable()}) read footer first, by row group or stripe,
     * written as byte streams or Parquet writers ({@link Sinks#parquet()}).
     */
    SEEKABLE,
    /** Extracted to text first ({@link DocumentExtractor}), that text protected as text lines. */
    DOCUMENT
  }

  /** How a large file is cut into slices that tasks protect apart. */
  enum Splitting {
    /** Never: read whole. */
    WHOLE,
    /**
     * At line starts ({@link LineSplits}), an uncompressed file only; {@link #lineRule} tells
     * which lines are records and when a record may span lines.
     */
    LINES,
    /**
     * At the file's own blocks (row groups), which {@link #blockSlices} finds from its footer;
     * each slice writes a file of its own, which {@link #joinBlocks} joins for {@code decrypt}.
     */
    BLOCKS
  }

  /** The name used by {@code --format} and in manifests: lower case. */
  String id();

  /** The file name extensions of the format, lower case, without the dot. */
  List<String> extensions();

  /** The format's name in messages ({@code Malformed CSV in ...}). */
  default String displayName() {
    return id().toUpperCase(Locale.ROOT);
  }

  Opening opening();

  default Splitting splitting() {
    return Splitting.WHOLE;
  }

  /**
   * Whether its files hold records of named fields, protected by {@link RecordProtector} through
   * {@link #codec}; false for text, whose lines are protected as free text.
   */
  default boolean hasFields() {
    return true;
  }

  /**
   * Whether its field paths name nested values ({@code a.b}, {@code a[0]}) under top-level
   * fields, as JSON Lines' and Parquet's do; false for flat columns named by a header (CSV).
   */
  default boolean nestedPaths() {
    return false;
  }

  /**
   * Whether its codec writes Parquet files ({@link Sinks#parquet()}), which
   * {@code --parquet-encryption columnar} encrypts inside the file rather than as a whole.
   */
  default boolean writesParquet() {
    return false;
  }

  /**
   * The codec of {@code in}: one file, or a slice of it, opened as {@link #opening()} says. A
   * format without fields has none.
   */
  default RecordCodec codec(FileInput in) throws IOException {
    throw new UnsupportedOperationException(id() + " holds no records of fields");
  }

  /**
   * A new rule for one scan of {@code file} under {@link Splitting#LINES}; {@code firstRange}:
   * the scan starts at the file's first byte.
   */
  default LineRule lineRule(String file, boolean firstRange) {
    throw new UnsupportedOperationException(id() + " is not split at lines");
  }

  /**
   * Under {@link Splitting#BLOCKS}: the slices of {@code file}, a range of {@code splitBytes}
   * owning the blocks whose middle byte lies in it; empty when it is read whole.
   */
  default List<LineSlice> blockSlices(SeekableFile file, long splitBytes) throws IOException {
    return List.of();
  }

  /**
   * Under {@link Splitting#BLOCKS}: writes to {@code out} the one file that the decrypted
   * {@code parts} of a file read in slices make, in their order, each part the file its slice
   * wrote; {@code name} names the output in messages. Leaves {@code out} open.
   */
  default void joinBlocks(List<Path> parts, OutputStream out, String name) throws IOException {
    throw new UnsupportedOperationException(id() + " is not split at blocks");
  }

  /**
   * How a line-based format's lines make records, as one scan of a range sees them line by line
   * ({@link LineSplits#scan}).
   */
  interface LineRule {

    /** A line starts. */
    void startLine();

    /** Bytes {@code [from, to)} of the line, none of them a line terminator. */
    void feed(byte[] bytes, int from, int to);

    /**
     * The line, which starts at byte {@code lineStart} of the file and is {@code empty} when it
     * held no byte before its terminator, ended: whether it is a record.
     */
    boolean endLine(long lineStart, boolean empty) throws IOException;

    /** Whether a record may span lines in what was scanned: the file must be read whole. */
    boolean whole();
  }
}
