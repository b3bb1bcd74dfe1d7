package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.Compression;
import io.trainguard.jobs.format.FileInput;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.format.RecordCodec;
import io.trainguard.jobs.format.SeekableFile;
import io.trainguard.jobs.format.Sinks;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/**
 * The records of a file, read by its format's codec, as a frame of their top-level fields for
 * the poisoning scan: each value typed as the codec says ({@link RecordCodec.Data}), the id field
 * as its text as the redactors read it; columns in the order the file declares them (a header,
 * a schema), else by name. A malformed record is left out: it holds no values.
 */
final class RecordLines {

  private RecordLines() {}

  /**
   * The file at {@code uri}, read by one task through Hadoop (not by Spark's file sources, whose
   * plans would name the file); each record read, on every pass, is counted in
   * {@code recordsRead}.
   */
  static Dataset<Row> read(SparkSession spark, String uri, String shown, Format format,
      String idField, Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead) {
    if (format.opening() == io.trainguard.jobs.format.FormatCodec.Opening.DOCUMENT) {
      throw TrainguardException.usage("Cannot scan " + shown + " for poisoning: format "
          + format.id() + " gives no records of fields");
    }
    Dataset<String> lines = spark.createDataset(JavaSparkContext
        .fromSparkContext(spark.sparkContext()).parallelize(List.of(uri), 1).flatMap(u -> {
          Path path = new Path(u);
          Configuration hadoop = conf.value().get();
          return new Records(open(format, Storage.fileSystem(path, hadoop), path, hadoop),
              format.codec().nestedPaths(), idField, recordsRead);
        }).rdd(), org.apache.spark.sql.Encoders.STRING());
    Dataset<Row> inferred = spark.read().json(lines);
    List<String> declared = declared(spark, uri, format, conf);
    Set<String> order = new LinkedHashSet<>(declared);
    order.addAll(Arrays.asList(inferred.columns()));
    List<Column> columns = new ArrayList<>();
    for (String name : order) { // resolved here, not by the analyzer, which logs names
      columns.add(Arrays.asList(inferred.columns()).contains(name)
          ? inferred.col("`" + name.replace("`", "``") + "`")
          : functions.lit(null).cast(DataTypes.StringType).as(name));
    }
    return inferred.select(columns.toArray(Column[]::new));
  }

  /** The top-level paths the file declares (a header, a schema), in order; read on one task. */
  private static List<String> declared(SparkSession spark, String uri, Format format,
      Broadcast<SerializableConfiguration> conf) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(uri), 1)
        .flatMap(u -> {
          Path path = new Path(u);
          Configuration hadoop = conf.value().get();
          try (Opened opened = open(format, Storage.fileSystem(path, hadoop), path, hadoop)) {
            List<String> paths = opened.codec().open();
            boolean nested = format.codec().nestedPaths();
            return (paths == null ? List.<String>of() : paths.stream()
                .filter(p -> !nested || topLevel(p)).toList()).iterator();
          }
        }).collect();
  }

  /** Whether {@code text} is a JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  static boolean jsonNumber(String text) {
    int n = text.length();
    int i = text.startsWith("-") ? 1 : 0;
    if (i < n && text.charAt(i) == '0') {
      i++;
    } else {
      int from = i;
      i = digits(text, i);
      if (i == from) {
        return false;
      }
    }
    if (i < n && text.charAt(i) == '.') {
      int from = ++i;
      i = digits(text, i);
      if (i == from) {
        return false;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int from = i;
      i = digits(text, i);
      if (i == from) {
        return false;
      }
    }
    return i == n;
  }

  /** The end of the run of ASCII digits from {@code i}. */
  private static int digits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean topLevel(String path) {
    return !path.contains(".") && !path.contains("[") && !path.equals("$");
  }

  /** A codec that reads, and what to close after its last record: the codec, then its input. */
  private record Opened(RecordCodec codec, Closeable input) implements Closeable {
    @Override
    public void close() throws IOException {
      try (input) {
        codec.close();
      }
    }
  }

  /**
   * The codec of the whole file at {@code path}, opened as its format says (lines decompressed
   * as its name says, {@link Compression}), writing nowhere.
   */
  private static Opened open(Format format, FileSystem fs, Path path, Configuration hadoop)
      throws IOException {
    String name = path.getName();
    return switch (format.opening()) {
      case LINES -> {
        InputStream raw = fs.open(path);
        Compression compression = Compression.byFileName(name).orElse(null);
        LineReader lines = new LineReader(compression == null ? raw : compression.in(raw, hadoop),
            LineReader.DEFAULT_MAX_LINE_CHARS).keepInvalidBytes();
        yield new Opened(format.codec().codec(FileInput.lines(name, LineSlice.WHOLE, null, lines,
            null, Sinks.DISCARDED)), raw);
      }
      case STREAM -> {
        InputStream in = fs.open(path);
        yield new Opened(format.codec().codec(FileInput.stream(name, new FileStats(), null, in,
            Sinks.DISCARDED)), in);
      }
      case SEEKABLE -> new Opened(format.codec().codec(FileInput.seekable(name, LineSlice.WHOLE,
          new FileStats(), null, new SeekableFile(fs, fs.getFileStatus(path), hadoop), null,
          Sinks.DISCARDED)), () -> { });
      case DOCUMENT -> throw new IllegalArgumentException(format.id()
          + " gives no records of fields");
    };
  }

  /** The records of an opened codec as JSON lines; the codec is closed after the last. */
  private static final class Records implements Iterator<String> {
    private final Opened opened;
    private final String idField;
    private final LongAccumulator recordsRead;
    private final boolean nested;
    private String next;

    Records(Opened opened, boolean nested, String idField, LongAccumulator recordsRead)
        throws IOException {
      this.opened = opened;
      this.idField = idField;
      this.recordsRead = recordsRead;
      this.nested = nested;
      if (opened.codec().open() == null) {
        opened.close();
      } else {
        advance();
      }
    }

    private void advance() {
      try {
        RecordCodec.Record record;
        do {
          record = opened.codec().next();
        } while (record != null && (!record.isRecord() || record.malformed() != null));
        next = record == null ? null : json(record);
        if (next == null) {
          opened.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String json(RecordCodec.Record record) {
      ObjectNode line = CanonicalJson.MAPPER.createObjectNode();
      for (int i = 0; i < record.size(); i++) {
        String path = record.path(i);
        if (nested && !topLevel(path)) {
          continue;
        }
        put(line, path, record.data(i), record.text(i));
        if (path.equals(idField) && !line.get(path).isNull()) {
          line.put(path, record.id(idField));
        }
      }
      return line.toString();
    }

    /** The value as its data says: a number or boolean only where the format types it so. */
    private static void put(ObjectNode line, String path, RecordCodec.Data data, String text) {
      BigDecimal number = data == RecordCodec.Data.TYPED || data == RecordCodec.Data.UNTYPED
          ? number(text) : null;
      if (text == null || data == RecordCodec.Data.NULL
          || data == RecordCodec.Data.UNTYPED && text.isEmpty()) {
        line.putNull(path);
      } else if (number != null) {
        if (jsonNumber(text)) {
          line.putRawValue(path, new RawValue(text)); // as written, should the column be text
        } else {
          line.put(path, number);
        }
      } else if (data == RecordCodec.Data.BOOLEAN || data == RecordCodec.Data.UNTYPED
          && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
        line.put(path, Boolean.parseBoolean(text));
      } else {
        line.put(path, text);
      }
    }

    /** The text as a number, or null; a text a number cannot start with is not parsed. */
    private static BigDecimal number(String text) {
      if (text == null || text.isEmpty()) {
        return null;
      }
      char first = text.charAt(0);
      if (first != '-' && first != '+' && first != '.' && !Character.isDigit(first)) {
        return null;
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public String next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String line = next;
      recordsRead.add(1);
      advance();
      return line;
    }
  }
}
