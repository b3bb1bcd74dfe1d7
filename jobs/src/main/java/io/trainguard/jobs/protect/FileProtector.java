package io.trainguard.jobs.protect;

import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Compression;
import io.trainguard.jobs.format.DocumentLimits;
import io.trainguard.jobs.format.FileInput;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.FormatCodec;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.ParquetSinks;
import io.trainguard.jobs.format.RecordCodec;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.RecordSinks;
import io.trainguard.jobs.format.SeekableFile;
import io.trainguard.jobs.format.Sinks;
import io.trainguard.jobs.format.StreamSinks;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.format.StreamOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Protects one file on an executor: streams it through the format's redactor into envelope-
 * encrypted data (and, for records the policy quarantines, quarantine) outputs, hashing both
 * sides. Only the key spec travels in the closure; key material is opened on the executor. The
 * detector and the Hadoop settings are broadcast: read once per executor, not once per file.
 */
final class FileProtector implements Function<FileTask, FileResult> {

  /** Encryption context keys bound into every output file's header. */
  static final String CONTEXT_RUN = "trainguard:run";
  static final String CONTEXT_PATH = "trainguard:path";

  private final Broadcast<SerializableConfiguration> conf;
  private final Broadcast<SharedProtector> protector;
  private final String keySpec;
  private final String runId;
  private final String outputRoot;
  private final Format forcedFormat;
  private final String idField;
  private final Map<String, MacieHints> macie;
  private final ParquetEncryption.Mode parquetEncryption;
  private final DocumentLimits documentLimits;
  private final boolean encryptData;
  private final Map<String, FlaggedRecords> flagged;
  private final ShownPaths shownPaths;
  private final InFileCounters counters;
  /** Whether outputs are dropped unwritten ({@code scan}): no key, no output root. */
  private final boolean discard;
  /** Malformed records of a file quarantined rather than failing it. */
  private long malformedAllowed;

  /**
   * {@code encryptData} false writes {@code data/} in plaintext; quarantine stays encrypted.
   * {@code shownPaths}: how outputs, results and messages show the inputs; {@code counters}:
   * where a task counts what it has read of a file read line by line.
   */
  FileProtector(Broadcast<SerializableConfiguration> conf, Broadcast<SharedProtector> protector,
      String keySpec, String runId, String outputRoot, Format forcedFormat, String idField,
      Map<String, MacieHints> macie, ParquetEncryption.Mode parquetEncryption,
      DocumentLimits documentLimits, boolean encryptData, Map<String, FlaggedRecords> flagged,
      ShownPaths shownPaths, InFileCounters counters) {
    this(conf, protector, keySpec, runId, outputRoot, forcedFormat, idField, macie,
        parquetEncryption, documentLimits, encryptData, flagged, shownPaths, counters, false);
  }

  /** As the other constructor; {@code discard} reads and counts, writing nothing. */
  FileProtector(Broadcast<SerializableConfiguration> conf, Broadcast<SharedProtector> protector,
      String keySpec, String runId, String outputRoot, Format forcedFormat, String idField,
      Map<String, MacieHints> macie, ParquetEncryption.Mode parquetEncryption,
      DocumentLimits documentLimits, boolean encryptData, Map<String, FlaggedRecords> flagged,
      ShownPaths shownPaths, InFileCounters counters, boolean discard) {
    this.discard = discard;
    this.counters = counters;
    this.conf = conf;
    this.protector = protector;
    this.keySpec = keySpec;
    this.runId = runId;
    this.outputRoot = outputRoot;
    this.forcedFormat = forcedFormat;
    this.idField = idField;
    this.macie = Map.copyOf(macie);
    this.parquetEncryption = parquetEncryption;
    this.documentLimits = documentLimits;
    this.encryptData = encryptData;
    this.flagged = Map.copyOf(flagged);
    this.shownPaths = shownPaths;
  }

  /**
   * Quarantines up to {@code records} malformed records of each CSV or JSON Lines file (reason
   * {@code malformed-record}) rather than failing the file at the first.
   */
  FileProtector allowingMalformed(long records) {
    this.malformedAllowed = records;
    return this;
  }

  private Configuration hadoop() {
    return conf.value().get();
  }

  /**
   * Every path, relative to the output root, that protecting the input at {@code relative} may
   * write, read whole or in up to {@code slices} slices: two inputs must never share one.
   */
  static List<String> outputPaths(String relative, Format format,
      ParquetEncryption.Mode parquetEncryption, boolean encryptData, int slices) {
    boolean document = format.opening() == FormatCodec.Opening.DOCUMENT;
    List<String> data = document ? List.of(OutputLayout.documentText(relative),
        OutputLayout.documentMetadata(relative))
        : List.of(format.codec().writesParquet()
            && parquetEncryption == ParquetEncryption.Mode.COLUMNAR
            ? OutputLayout.columnarData(relative) : OutputLayout.data(relative));
    List<String> paths = new java.util.ArrayList<>();
    data.forEach(p -> paths.add(encryptData ? p : OutputLayout.plaintext(p)));
    if (document) {
      paths.add(OutputLayout.documentTextQuarantine(relative));
    }
    paths.add(OutputLayout.quarantine(relative));
    for (String whole : List.copyOf(paths)) {
      for (int i = 0; slices > 1 && i < slices; i++) {
        paths.add(OutputLayout.part(whole, i));
      }
    }
    return paths;
  }

  @Override
  public FileResult call(FileTask task) throws IOException {
    LibraryLogs.quiet(); // on the executor, before it reads a file
    FileResult result = task.digest() ? digest(task.file()) : protect(task.file(), task.slice());
    result.stats().showFieldsAs(this.protector.value().get().names()::field);
    return result;
  }

  /** The size and SHA-256 of an input read in slices, in one sequential pass. */
  private FileResult digest(DataFile input) throws IOException {
    DataFile file = shownPaths.file(input);
    Path in = new Path(input.uri());
    FileSystem inFs = Storage.fileSystem(in, hadoop());
    try (HashingInputStream source = new HashingInputStream(inFs.open(in))) {
      source.transferTo(OutputStream.nullOutputStream());
      if (source.count() != input.size()) {
        throw changed(file.relativePath());
      }
      return new FileResult(file.relativePath(), file.uri(), file.etag(), file.versionId(),
          format(input), source.count(), source.sha256(), null, null, null, new FileStats());
    }
  }

  private static TrainguardException changed(String relative) {
    return TrainguardException.input("Cannot read " + relative + ": it changed while read");
  }

  private Format format(DataFile input) {
    return forcedFormat != null ? forcedFormat : Format.byFileName(input.relativePath())
        .orElseThrow(() -> TrainguardException.input("Unsupported file type: "
            + shownPaths.file(input).relativePath() + " (use --format csv|jsonl|text)"));
  }

  /** Protects {@code input}, or only {@code slice} of it when not null. */
  private FileResult protect(DataFile input, LineSlice slice) throws IOException {
    String inputPath = input.relativePath(); // Macie hints and flagged records are by input path
    DataFile file = shownPaths.file(input);
    Format format = format(input);
    KeyProvider key = discard ? null : KeyProviders.open(keySpec);
    ValueProtector protector = this.protector.value().get().forTask();
    Path in = new Path(input.uri());
    FileSystem inFs = Storage.fileSystem(in, hadoop());
    FileSystem outFs = discard ? null : Storage.fileSystem(new Path(outputRoot), hadoop());
    if (!discard) {
      RunLease.checkHeld(outFs, new Path(outputRoot), runId); // a dead run writes no more
    }
    return switch (format.opening()) {
      case LINES -> slice == null
          ? protectLines(protector, format, input, file, key, inFs, in, outFs)
          : protectSlice(protector, format, input, file, slice, key, inFs, in, outFs);
      case STREAM -> protectStream(protector, format, input, file, key, inFs, in, outFs);
      case SEEKABLE -> protectSeekable(protector, format, input, file, key, inFs, in, outFs,
          slice == null ? LineSlice.WHOLE : slice);
      case DOCUMENT -> new DocumentProtector(format, protector, documentLimits,
          rel -> open(outFs, rel, key), macie.getOrDefault(inputPath, MacieHints.NONE))
          .protect(input, file, inFs);
    };
  }

  /**
   * One slice of a line-based file (never compressed): its lines, numbered as in the file, into
   * its data part and, once a record is quarantined, its quarantine part.
   */
  private FileResult protectSlice(ValueProtector protector, Format format, DataFile input,
      DataFile file, LineSlice slice, KeyProvider key, FileSystem inFs, Path in,
      FileSystem outFs) throws IOException {
    String relative = file.relativePath();
    if (inFs.getFileStatus(in).getLen() != input.size()) {
      throw changed(relative);
    }
    FileStats stats = new FileStats();
    FileOutputs outputs = new FileOutputs(outFs, relative, key, null, slice).openingData();
    try (org.apache.hadoop.fs.FSDataInputStream source = inFs.open(in)) {
      source.seek(slice.start());
      // closed before the result: closing counts the records read after its last read
      try (java.io.InputStream counted = counters.counting(
          org.apache.commons.io.input.BoundedInputStream.builder().setInputStream(source)
              .setMaxCount(slice.length()).setPropagateClose(false).get(), stats)) {
        redact(format, protector, input.relativePath(), relative,
            new LineReader(new java.io.BufferedInputStream(counted, 1 << 16),
                LineReader.DEFAULT_MAX_LINE_CHARS, slice.linesBefore()),
            outputs.text(), stats, slice, from -> openAt(inFs, in, from));
      }
      FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
          format, slice.length(), null, outputs.finishData(), outputs.finishQuarantine(), null,
          stats, slice, List.of());
      outputs.finished = true;
      return result;
    } finally {
      if (!outputs.finished) {
        outputs.abort();
      }
    }
  }

  /** Redacts the lines of {@code lines}, turning what the format cannot read into input errors. */
  private void redact(Format format, ValueProtector protector, String inputPath, String relative,
      LineReader lines, RecordSinks outputs, FileStats stats, LineSlice slice,
      Format.FileStart fileStart) throws IOException {
    if (malformedAllowed > 0 && format.hasFields()) {
      lines.keepInvalidBytes(); // a line that is not UTF-8 is a malformed record
    }
    try {
      format.redactor(protector, relative, idField,
          macie.getOrDefault(inputPath, MacieHints.NONE),
          flagged.getOrDefault(inputPath, FlaggedRecords.NONE), slice, fileStart,
          malformedAllowed).redact(lines, outputs, stats);
    } catch (CharacterCodingException e) {
      throw TrainguardException.input("Invalid UTF-8 in " + relative + " at line "
          + (lines.lineNumber() + 1));
    } catch (LineReader.LineTooLongException e) {
      throw TrainguardException.input("Cannot read " + relative + ": " + e.getMessage());
    } catch (UnscannableValueException e) {
      throw TrainguardException.input("Cannot scan " + relative + " at " + e.getMessage());
    } catch (MalformedRecordException e) {
      throw TrainguardException.input("Malformed " + format.codec().displayName()
          + " in " + relative + " at " + e.getMessage() + (malformedAllowed == 0 ? ""
              : " (more than --max-bad-records " + malformedAllowed + ")"));
    }
  }

  /** {@code file} opened at byte {@code from}. */
  private static java.io.InputStream openAt(FileSystem fs, Path file, long from)
      throws IOException {
    org.apache.hadoop.fs.FSDataInputStream in = fs.open(file);
    try {
      in.seek(from);
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** A file read line by line (CSV, JSON Lines, text), possibly compressed. */
  private FileResult protectLines(ValueProtector protector, Format format, DataFile input,
      DataFile file, KeyProvider key, FileSystem inFs, Path in, FileSystem outFs)
      throws IOException {
    String inputPath = input.relativePath();
    String relative = file.relativePath();
    FileStats stats = new FileStats();
    Compression compression = Compression.byFileName(inputPath).orElse(null);
    FileOutputs outputs = new FileOutputs(outFs, relative, key, compression, LineSlice.WHOLE)
        .openingData();
    try (HashingInputStream source =
        new HashingInputStream(counters.counting(inFs.open(in), stats))) {
      LineReader lines = new LineReader(compression == null ? source
          : new Decompressed(source, compression, relative), LineReader.DEFAULT_MAX_LINE_CHARS);
      redact(format, protector, inputPath, relative, lines, outputs.text(), stats,
          LineSlice.WHOLE, from -> openAt(inFs, in, from));
      source.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the end
      FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
          format, source.count(), source.sha256(), outputs.finishData(),
          outputs.finishQuarantine(), stats);
      outputs.finished = true;
      return result;
    } finally {
      if (!outputs.finished) {
        outputs.abort();
      }
    }
  }

  /**
   * A file read footer first (Parquet, ORC), or the blocks of {@code slice} of it: hashed in one
   * sequential pass (a slice is not: its file's digest task hashes it), then read by its codec
   * over the seekable file. A slice is planned from the file's first records, read again by a
   * second codec over the file from its start.
   */
  private FileResult protectSeekable(ValueProtector protector, Format format, DataFile input,
      DataFile file, KeyProvider key, FileSystem inFs, Path in, FileSystem outFs,
      LineSlice slice) throws IOException {
    String relative = file.relativePath();
    FileStatus status = inFs.getFileStatus(in);
    long size = slice.split() ? slice.length() : status.getLen();
    String sha256 = null;
    if (!slice.split()) {
      try (HashingInputStream source = new HashingInputStream(inFs.open(in))) {
        source.transferTo(OutputStream.nullOutputStream());
        size = source.count();
        sha256 = source.sha256();
      }
    }
    if (slice.split() ? status.getLen() != input.size() : size != status.getLen()) {
      throw changed(relative);
    }
    FileStats stats = new FileStats();
    FileOutputs outputs = new FileOutputs(outFs, relative, key, null, slice);
    SeekableFile seekable = new SeekableFile(inFs, status, hadoop());
    try {
      try (RecordCodec head = slice.split() ? format.codec().codec(FileInput.seekable(relative,
              LineSlice.WHOLE, new FileStats(), protector.names(), seekable, null,
              Sinks.DISCARDED)) : null;
          RecordCodec codec = format.codec().codec(FileInput.seekable(relative, slice, stats,
              protector.names(), seekable, head, outputs))) {
        protectRecords(codec, head == null ? codec : head, protector, format,
            input.relativePath(), relative, stats);
      }
      FileResult result = slice.split()
          ? new FileResult(relative, file.uri(), file.etag(), file.versionId(), format, size,
              null, outputs.finishData(), outputs.finishQuarantine(), null, stats, slice,
              List.of())
          : new FileResult(relative, file.uri(), file.etag(), file.versionId(), format, size,
              sha256, outputs.finishData(), outputs.finishQuarantine(), stats);
      outputs.finished = true;
      return result;
    } finally {
      if (!outputs.finished) {
        outputs.abort();
      }
    }
  }

  /** A file read as one stream from its first byte (Avro): read and hashed in one pass. */
  private FileResult protectStream(ValueProtector protector, Format format, DataFile input,
      DataFile file, KeyProvider key, FileSystem inFs, Path in, FileSystem outFs)
      throws IOException {
    String relative = file.relativePath();
    FileStats stats = new FileStats();
    FileOutputs outputs = new FileOutputs(outFs, relative, key, null, LineSlice.WHOLE);
    try (HashingInputStream source = new HashingInputStream(inFs.open(in))) {
      try (RecordCodec codec = format.codec().codec(FileInput.stream(relative, stats,
          protector.names(), source, outputs))) {
        protectRecords(codec, codec, protector, format, input.relativePath(), relative, stats);
      }
      source.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the end
      FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
          format, source.count(), source.sha256(), outputs.finishData(),
          outputs.finishQuarantine(), stats);
      outputs.finished = true;
      return result;
    } finally {
      if (!outputs.finished) {
        outputs.abort();
      }
    }
  }

  /**
   * The record protocol over {@code codec}, planned from the first records of {@code head}: the
   * file from its start when {@code codec} reads a slice of it
   * ({@link RecordProtector#protect(RecordCodec, RecordCodec, FileStats)}); its failures named by
   * file, never by value.
   */
  private void protectRecords(RecordCodec codec, RecordCodec head, ValueProtector protector,
      Format format, String inputPath, String relative, FileStats stats) throws IOException {
    try {
      new RecordProtector(protector, relative, idField,
          macie.getOrDefault(inputPath, MacieHints.NONE),
          flagged.getOrDefault(inputPath, FlaggedRecords.NONE)).protect(codec, head, stats);
    } catch (UnscannableValueException e) {
      throw TrainguardException.input("Cannot scan " + relative + " at " + e.getMessage());
    } catch (MalformedRecordException e) {
      throw TrainguardException.input("Malformed " + format.codec().displayName() + " in "
          + relative + " at " + e.getMessage());
    }
  }

  /**
   * A new output at {@code outRelative} ({@code .enc} name), encrypted and bound to this run and
   * path; a data output of a run without encryption is plaintext, without the suffix.
   */
  private EncryptedOutput open(FileSystem fs, String outRelative, KeyProvider key)
      throws IOException {
    if (discard) {
      return EncryptedOutput.discarded(outRelative);
    }
    String plain = encryptData ? outRelative : OutputLayout.plaintext(outRelative);
    if (!plain.equals(outRelative)) {
      return EncryptedOutput.plaintext(fs, new Path(outputRoot + "/" + plain), plain);
    }
    return new EncryptedOutput(fs, new Path(outputRoot + "/" + outRelative), outRelative,
        Map.of(CONTEXT_RUN, runId, CONTEXT_PATH, outRelative), key);
  }


  /**
   * The outputs of one file, or of one slice of it (its parts), in the form its codec writes:
   * text (compressed as the input was), byte streams or Parquet writers. Each opens when first
   * asked for; the data output is opened, empty, at the end when nothing was written to it.
   */
  private final class FileOutputs implements Sinks {
    private final FileSystem fs;
    private final String relative;
    private final KeyProvider key;
    private final Compression compression;
    private final LineSlice slice;
    private EncryptedOutput data;
    private ColumnarOutput columnar;
    private EncryptedOutput quarantine;
    private boolean finished;

    FileOutputs(FileSystem fs, String relative, KeyProvider key, Compression compression,
        LineSlice slice) {
      this.fs = fs;
      this.relative = relative;
      this.key = key;
      this.compression = compression;
      this.slice = slice;
    }

    /** The name of {@code output}, or of this slice's part of it. */
    private String name(String output) {
      return slice.split() ? OutputLayout.part(output, slice.index()) : output;
    }

    private EncryptedOutput data() throws IOException {
      if (data == null) {
        data = compress(open(fs, name(OutputLayout.data(relative)), key));
      }
      return data;
    }

    private EncryptedOutput quarantine() throws IOException {
      if (quarantine == null) {
        quarantine = compress(open(fs, name(OutputLayout.quarantine(relative)), key));
      }
      return quarantine;
    }

    /** {@code output}, compressed as the input was. */
    private EncryptedOutput compress(EncryptedOutput output) throws IOException {
      return compression == null ? output : output.compressed(compression, hadoop());
    }

    /** Opens the data output now, as a line-based file's is: text is written as it is read. */
    FileOutputs openingData() throws IOException {
      data();
      return this;
    }

    @Override
    public RecordSinks text() {
      return new RecordSinks() {
        @Override
        public Writer data() {
          try {
            return FileOutputs.this.data().writer();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }

        @Override
        public Writer quarantine() throws IOException {
          if (quarantine == null) {
            quarantine = compress(open(fs, name(OutputLayout.quarantine(relative)), key))
                .keepingEscapedBytes();
          }
          return quarantine.writer();
        }
      };
    }

    @Override
    public StreamSinks streams() {
      return new StreamSinks() {
        @Override
        public OutputStream data() throws IOException {
          return FileOutputs.this.data().stream();
        }

        @Override
        public OutputStream quarantine() throws IOException {
          return FileOutputs.this.quarantine().stream();
        }
      };
    }

    @Override
    public ParquetSinks parquet() {
      return new ParquetSinks() {
        @Override
        public ParquetWriter<Group> data(MessageType schema, CompressionCodecName codec,
            Set<String> personalColumns) throws IOException {
          if (parquetEncryption == ParquetEncryption.Mode.COLUMNAR) {
            String outRelative = OutputLayout.columnarData(relative);
            Path path = new Path(outputRoot + "/" + outRelative);
            columnar = new ColumnarOutput(fs, path, outRelative, List.copyOf(personalColumns));
            return ParquetEncryption.writer(new StreamOutputFile(columnar.stream(), outRelative),
                schema, codec, ParquetEncryption.properties(hadoop(), keySpec, key.keyId(), path,
                    schema, personalColumns), hadoop());
          }
          String name = name(OutputLayout.data(relative));
          return ParquetEncryption.writer(new StreamOutputFile(FileOutputs.this.data().stream(),
              name), schema, codec, null, hadoop());
        }

        @Override
        public ParquetWriter<Group> quarantine(MessageType schema, CompressionCodecName codec)
            throws IOException {
          String name = name(OutputLayout.quarantine(relative));
          return ParquetEncryption.writer(new StreamOutputFile(
              FileOutputs.this.quarantine().stream(), name), schema, codec, null, hadoop());
        }
      };
    }

    StoredOutput finishData() throws IOException {
      return columnar != null ? columnar.finish() : data().finish();
    }

    StoredOutput finishQuarantine() throws IOException {
      return quarantine == null ? null : quarantine.finish();
    }

    void abort() {
      if (data != null) {
        data.abort();
      }
      if (columnar != null) {
        columnar.abort();
      }
      if (quarantine != null) {
        quarantine.abort();
      }
    }
  }

  /**
   * The decompressed content of an input: a failure of the compressed data (corrupt, truncated)
   * is an input error naming the file; a failure of the storage under it stays as it is.
   */
  private final class Decompressed extends java.io.InputStream {
    private final java.io.InputStream source;
    private final java.io.InputStream content;
    private final String relative;
    private final Compression compression;
    private boolean storageFailed;

    Decompressed(java.io.InputStream raw, Compression compression, String relative)
        throws IOException {
      this.relative = relative;
      this.compression = compression;
      this.source = new java.io.FilterInputStream(raw) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (IOException e) {
            storageFailed = true;
            throw e;
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (IOException e) {
            storageFailed = true;
            throw e;
          }
        }

        @Override
        public void close() {
          // the caller closes the raw stream after hashing what is left of it
        }
      };
      this.content = guarded(() -> compression.in(source, hadoop()));
    }

    @Override
    public int read() throws IOException {
      return guarded(content::read);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return guarded(() -> content.read(b, off, len));
    }

    @Override
    public void close() throws IOException {
      content.close();
    }

    private <T> T guarded(java.util.concurrent.Callable<T> read) throws IOException {
      try {
        return read.call();
      } catch (IOException | RuntimeException e) {
        if (storageFailed || e instanceof TrainguardException) {
          throw e;
        }
        throw TrainguardException.input("Cannot decompress " + relative + ": corrupt or"
            + " truncated " + compression.name().toLowerCase(java.util.Locale.ROOT) + " data");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
