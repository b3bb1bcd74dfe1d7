package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Input formats: the built-in ones and those a {@link FormatCodec} on the class path adds
 * ({@code META-INF/services/io.trainguard.jobs.format.FormatCodec}), each found by its id and
 * extensions, its files opened, split and read through its codec.
 */
public final class Format implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final Format CSV = new Format(new CsvFormat());
  public static final Format JSONL = new Format(new JsonLinesFormat());
  public static final Format TEXT = new Format(new TextFormat());
  public static final Format PARQUET = new Format(new ParquetFormat());
  public static final Format AVRO = new Format(new AvroFormat());
  public static final Format ORC = new Format(new OrcFormat());
  /** Documents read with Apache Tika; their extracted text is redacted as {@link #TEXT}. */
  public static final Format DOCUMENT = new Format(new DocumentFormat());

  private static final List<Format> BUILT_IN = List.of(CSV, JSONL, TEXT, PARQUET, AVRO, ORC,
      DOCUMENT);
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static volatile List<Format> all;

  private final String id;
  private final transient FormatCodec codec;

  private Format(FormatCodec codec) {
    this.id = codec.id();
    this.codec = codec;
  }

  /** Every format: the built-in ones, then those listed as services, in class path order. */
  public static Format[] values() {
    List<Format> formats = all;
    if (formats == null) {
      formats = new ArrayList<>(BUILT_IN);
      for (FormatCodec codec : ServiceLoader.load(FormatCodec.class)) {
        Format added = new Format(codec);
        if (!ID.matcher(added.id).matches()
            || formats.stream().anyMatch(f -> f.id.equals(added.id))) {
          throw new IllegalStateException("Invalid format codec " + codec.getClass().getName()
              + ": its id " + added.id + " is taken or not of [a-z0-9_-]");
        }
        formats.add(added);
      }
      all = formats = List.copyOf(formats);
    }
    return formats.toArray(Format[]::new);
  }

  /** The one instance of a format after deserialization, found by its id. */
  private Object readResolve() throws ObjectStreamException {
    return parse(id);
  }

  /** What this format is and how its files are read. */
  public FormatCodec codec() {
    return codec;
  }

  /** How files of this format are opened, which decides how a file of it is protected. */
  public FormatCodec.Opening opening() {
    return codec.opening();
  }

  /** The name used by {@code --format} and in manifests. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }

  /**
   * The redactor of this format for one file; {@code idField} names the column or top-level field
   * holding record ids (null: ids are the file and row or line number); {@code macie} is what
   * Macie found in the file ({@link MacieHints#NONE} for nothing); {@code flagged} are the
   * records, by {@code idField} value, that poisoning detection quarantines or drops.
   */
  public RecordRedactor redactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged) {
    return redactor(protector, file, idField, macie, flagged, 0);
  }

  /**
   * The redactor of a document's text as {@link DocumentExtractor#text()} gives it, each of
   * {@link DocumentExtractor#authors()} a person, values read joined over its
   * {@link DocumentExtractor#runningLines()}.
   */
  public static RecordRedactor documentRedactor(ValueProtector protector, String file,
      DocumentExtractor extractor) {
    return new TextRedactor(protector, file, extractor.authors(), extractor.runningLines());
  }

  /**
   * As {@link #redactor(ValueProtector, String, String, MacieHints, FlaggedRecords)}, quarantining
   * up to {@code malformedAllowed} malformed records of a record format rather than failing.
   */
  public RecordRedactor redactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged, long malformedAllowed) {
    return redactor(protector, file, idField, macie, flagged, LineSlice.WHOLE, null,
        malformedAllowed);
  }

  /** Opens a file again from byte {@code from}. */
  @FunctionalInterface
  public interface FileStart {
    InputStream open(long from) throws IOException;
  }

  /**
   * The redactor of {@code slice} of a line-based file ({@link LineSlice#WHOLE}: all of it),
   * reading lines numbered as in the file; as {@link #redactor(ValueProtector, String, String,
   * MacieHints, FlaggedRecords, long)} otherwise. A slice of a record format is planned from the
   * file's first records, which {@code fileStart} reads again, as is a CSV slice's header. A
   * format without fields is redacted line by line as free text, a slice reading the lines
   * around it for the values wrapped over its edges.
   */
  public RecordRedactor redactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged, LineSlice slice, FileStart fileStart,
      long malformedAllowed) {
    if (!codec.hasFields()) {
      return new TextRedactor(protector, file, macie, slice, fileStart);
    }
    if (!isLineBased()) {
      throw new IllegalStateException(id + " is not read line by line: its codec opens its files");
    }
    return (in, out, stats) -> {
      RecordProtector records = new RecordProtector(protector, file, idField, macie, flagged)
          .allowMalformed(malformedAllowed);
      if (!slice.split()) {
        RecordCodec whole = codec.codec(FileInput.lines(file, slice, protector.names(), in, null,
            Sinks.text(out)));
        records.protect(whole, stats);
        return;
      }
      try (InputStream start = fileStart.open(0)) {
        LineReader headLines = new LineReader(start, in.maxLineChars());
        if (malformedAllowed > 0) {
          headLines.keepInvalidBytes();
        }
        RecordCodec head = codec.codec(FileInput.lines(file, LineSlice.WHOLE, protector.names(),
            headLines, null, Sinks.DISCARDED));
        records.protect(codec.codec(FileInput.lines(file, slice, protector.names(), in, head,
            Sinks.text(out))), head, stats);
      }
    };
  }

  /**
   * The JSON Lines codec of {@code slice} of a file reading {@code in} and writing to
   * {@code out}, counting records from the file's first as Macie does; {@code names} shows keys
   * that hold personal data; a file may hold one JSON document when {@code mayHoldDocument}.
   */
  public static RecordCodec jsonLines(LineReader in, RecordSinks out, PersonalNames names,
      boolean mayHoldDocument, LineSlice slice) {
    return new JsonLinesCodec(in, out, names, mayHoldDocument, slice);
  }

  /**
   * The format of a file by its extension; under a compression extension
   * ({@link Compression}), only a line-based format.
   */
  public static Optional<Format> byFileName(String name) {
    Optional<Compression> compression = Compression.byFileName(name);
    if (compression.isPresent()) {
      return byFileName(compression.get().strip(name)).filter(Format::isLineBased);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      for (String ext : f.codec.extensions()) {
        if (lower.endsWith("." + ext)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether files of this format are read line by line (and so may be compressed). */
  public boolean isLineBased() {
    return codec.opening() == FormatCodec.Opening.LINES;
  }

  /** Whether files of this format hold records of named fields (text and documents do not). */
  public boolean hasFields() {
    return codec.hasFields();
  }

  /** Parses {@code --format}. */
  public static Format parse(String id) {
    for (Format f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Invalid format: " + id + " (allowed: "
        + String.join(", ", Arrays.stream(values()).map(Format::id).toList()) + ")");
  }
}
