package io.trainguard.jobs.format;

import java.util.Locale;
import java.util.Optional;

/** Input formats and how their files are recognised and redacted. */
public enum Format {
  CSV(Reading.LINES, "csv"),
  JSONL(Reading.LINES, "jsonl", "ndjson", "json"),
  TEXT(Reading.LINES, "txt", "text", "log", "md"),
  PARQUET(Reading.PARQUET, "parquet"),
  AVRO(Reading.AVRO, "avro"),
  ORC(Reading.ORC, "orc"),
  /** Documents read with Apache Tika; their extracted text is redacted as {@link #TEXT}. */
  DOCUMENT(Reading.DOCUMENT, "pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "rtf",
      "html", "htm", "eml");

  /** How the files of a format are read. */
  public enum Reading {
    /** As a stream of lines through {@link Format#redactor}, possibly compressed. */
    LINES,
    /** Footer first, by row group ({@link ParquetCodec} over a seekable file). */
    PARQUET,
    /** As one stream of container blocks, header first ({@link AvroCodec}). */
    AVRO,
    /** Footer first, by stripe ({@link OrcCodec} over a seekable file). */
    ORC,
    /** Extracted to text first ({@link DocumentExtractor}), that text then redacted as lines. */
    DOCUMENT
  }

  private final Reading reading;
  private final String[] extensions;

  Format(Reading reading, String... extensions) {
    this.reading = reading;
    this.extensions = extensions;
  }

  /** How files of this format are read, which decides how a file of it is protected. */
  public Reading reading() {
    return reading;
  }

  /** The name used by {@code --format} and in manifests. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
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
   * As {@link #redactor(ValueProtector, String, String, MacieHints, FlaggedRecords)}, quarantining
   * up to {@code malformedAllowed} malformed records of a record format rather than failing.
   */
  public RecordRedactor redactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged, long malformedAllowed) {
    return switch (this) {
      case CSV, JSONL -> (in, out, stats) -> new RecordProtector(protector, file, idField, macie,
          flagged).allowMalformed(malformedAllowed).protect(codec(in, out, protector.names(),
          JsonLinesCodec.mayHoldDocument(file)), stats);
      case TEXT -> new TextRedactor(protector, file, macie);
      case DOCUMENT -> new TextRedactor(protector, file, MacieHints.NONE);
      case PARQUET, AVRO, ORC -> throw new IllegalStateException(id() + " is read by its codec: see"
          + " Reading." + reading);
    };
  }

  /** Opens a file again from its first byte. */
  @FunctionalInterface
  public interface FileStart {
    java.io.InputStream open() throws java.io.IOException;
  }

  /**
   * The redactor of {@code slice} of a file ({@link LineSlice#WHOLE}: all of it), reading lines
   * numbered as in the file; as {@link #redactor(ValueProtector, String, String, MacieHints,
   * FlaggedRecords, long)} otherwise. A slice of a record format is planned from the file's first
   * records, which {@code fileStart} reads again, as is a CSV slice's header.
   */
  public RecordRedactor redactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged, LineSlice slice, FileStart fileStart,
      long malformedAllowed) {
    if (!slice.split() || this == TEXT) {
      return redactor(protector, file, idField, macie, flagged, malformedAllowed);
    }
    boolean mayHoldDocument = JsonLinesCodec.mayHoldDocument(file);
    return (in, out, stats) -> {
      try (java.io.InputStream start = fileStart.open()) {
        LineReader headLines = new LineReader(start, in.maxLineChars());
        if (malformedAllowed > 0) {
          headLines.keepInvalidBytes();
        }
        RecordCodec head = codec(headLines, DISCARDED, protector.names(), mayHoldDocument);
        RecordCodec codec = switch (this) {
          case CSV -> new CsvCodec(in, out, protector.names(), slice, (CsvCodec) head);
          case JSONL -> new JsonLinesCodec(in, out, protector.names(), mayHoldDocument, slice);
          default -> throw new IllegalStateException(id() + " has no line-based record codec");
        };
        new RecordProtector(protector, file, idField, macie, flagged)
            .allowMalformed(malformedAllowed).protect(codec, head, stats);
      }
    };
  }

  /** Outputs that keep nothing: the sampled head of a file is read for its plans alone. */
  private static final RecordSinks DISCARDED = new RecordSinks() {
    @Override
    public java.io.Writer data() {
      return java.io.Writer.nullWriter();
    }

    @Override
    public java.io.Writer quarantine() {
      return java.io.Writer.nullWriter();
    }
  };

  /**
   * The codec of one file of a line-based record format (CSV, JSON Lines) reading {@code in} and
   * writing to {@code out}; {@code names} shows keys that hold personal data; a JSON Lines file
   * may hold one JSON document when {@code mayHoldDocument}.
   */
  public RecordCodec codec(LineReader in, RecordSinks out, PersonalNames names,
      boolean mayHoldDocument) {
    return switch (this) {
      case CSV -> new CsvCodec(in, out, names);
      case JSONL -> new JsonLinesCodec(in, out, names, mayHoldDocument);
      default -> throw new IllegalStateException(id() + " has no line-based record codec");
    };
  }

  /**
   * The JSON Lines codec of {@code slice} of a file, as {@link #codec(LineReader, RecordSinks,
   * PersonalNames, boolean)}, counting records from the file's first as Macie does.
   */
  public static RecordCodec jsonLines(LineReader in, RecordSinks out, PersonalNames names,
      boolean mayHoldDocument, LineSlice slice) {
    return new JsonLinesCodec(in, out, names, mayHoldDocument, slice);
  }

  /**
   * The format of a file by its extension; under a compression extension
   * ({@link Compression}), only the line-based formats CSV, JSON Lines and text.
   */
  public static Optional<Format> byFileName(String name) {
    Optional<Compression> compression = Compression.byFileName(name);
    if (compression.isPresent()) {
      return byFileName(compression.get().strip(name)).filter(Format::isLineBased);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      for (String ext : f.extensions) {
        if (lower.endsWith("." + ext)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether files of this format are read line by line (and so may be compressed). */
  public boolean isLineBased() {
    return reading == Reading.LINES;
  }

  /** Whether files of this format hold records of named fields (text and documents do not). */
  public boolean hasFields() {
    return this != TEXT && this != DOCUMENT;
  }

  /** Parses {@code --format}. */
  public static Format parse(String id) {
    for (Format f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Invalid format: " + id + " (allowed: "
        + String.join(", ", java.util.Arrays.stream(values()).map(Format::id).toList()) + ")");
  }
}
