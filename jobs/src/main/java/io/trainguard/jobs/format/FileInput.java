package io.trainguard.jobs.format;

import java.io.InputStream;

/**
 * One file, or a slice of it, as its format's {@link FormatCodec.Opening} hands it to its codec:
 * {@code lines}, {@code stream} or {@code seekable}, the other two null. {@code file} names it in
 * messages; {@code stats} counts what the codec itself counts (values written as null);
 * {@code names} shows field names that hold personal data (null: as they are); {@code out} is
 * where its records go. A later slice of a split file comes with {@code head}, the codec of the
 * same file from its start, read for the file's plans (and a CSV file's header).
 */
public record FileInput(String file, LineSlice slice, FileStats stats, PersonalNames names,
    LineReader lines, InputStream stream, SeekableFile seekable, RecordCodec head, Sinks out) {

  public FileInput {
    java.util.Objects.requireNonNull(slice);
    java.util.Objects.requireNonNull(out);
  }

  /** Lines of {@code slice} of a file; {@code head} for a later slice. */
  public static FileInput lines(String file, LineSlice slice, PersonalNames names,
      LineReader lines, RecordCodec head, Sinks out) {
    return new FileInput(file, slice, new FileStats(), names, lines, null, null, head, out);
  }

  /** A whole file as one byte stream, read from its first byte. */
  public static FileInput stream(String file, FileStats stats, PersonalNames names,
      InputStream stream, Sinks out) {
    return new FileInput(file, LineSlice.WHOLE, stats, names, null, stream, null, null, out);
  }

  /** {@code slice} of a seekable file; {@code head} for a later slice. */
  public static FileInput seekable(String file, LineSlice slice, FileStats stats,
      PersonalNames names, SeekableFile seekable, RecordCodec head, Sinks out) {
    return new FileInput(file, slice, stats, names, null, null, seekable, head, out);
  }
}
