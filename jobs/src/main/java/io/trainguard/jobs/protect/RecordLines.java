package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.format.FileInput;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The records of a file that its format's codec reads as a stream or a seekable file (Avro, ORC)
 * as JSON Lines of their top-level fields, for the poisoning scan: numbers and booleans stay
 * typed, the id field is its text as the redactors read it, and fields below the top level are
 * left out.
 */
final class RecordLines {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private RecordLines() {}

  /** One JSON object per record of the file at {@code uri}, read by one task through Hadoop. */
  static Dataset<String> of(SparkSession spark, String uri, Format format, String idField,
      Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead) {
    JavaRDD<String> lines = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.of(uri), 1).flatMap(u -> {
          Path path = new Path(u);
          Configuration hadoop = conf.value().get();
          return new Records(open(format, Storage.fileSystem(path, hadoop), path, hadoop),
              idField, recordsRead);
        });
    return spark.createDataset(lines.rdd(), Encoders.STRING());
  }

  /**
   * {@code lines} with inferred column types, in the order of the first record's fields rather
   * than JSON inference's alphabetical order, so that reasons list features as the file does.
   */
  static Dataset<Row> read(SparkSession spark, Dataset<String> lines) {
    Dataset<Row> inferred = spark.read().json(lines);
    List<String> first = lines.takeAsList(1);
    if (first.isEmpty()) {
      return inferred;
    }
    List<Column> ordered = new ArrayList<>();
    try {
      CanonicalJson.MAPPER.readTree(first.get(0)).fieldNames()
          .forEachRemaining(f -> ordered.add(inferred.col("`" + f + "`")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inferred.select(ordered.toArray(Column[]::new));
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

  /** The codec of the file at {@code path}, opened as its format says, writing nowhere. */
  private static Opened open(Format format, FileSystem fs, Path path, Configuration hadoop)
      throws IOException {
    String name = path.getName();
    return switch (format.opening()) {
      case STREAM -> {
        InputStream in = fs.open(path);
        yield new Opened(format.codec().codec(FileInput.stream(name, new FileStats(), null, in,
            Sinks.DISCARDED)), in);
      }
      case SEEKABLE -> new Opened(format.codec().codec(FileInput.seekable(name, LineSlice.WHOLE,
          new FileStats(), null, new SeekableFile(fs, fs.getFileStatus(path), hadoop), null,
          Sinks.DISCARDED)), () -> { });
      case LINES, DOCUMENT -> throw new IllegalArgumentException(format.id()
          + " is not read by a binary record codec");
    };
  }

  /** The records of an opened codec as JSON lines; the codec is closed after the last. */
  private static final class Records implements Iterator<String> {
    private final Opened opened;
    private final String idField;
    private final LongAccumulator recordsRead;
    private String next;

    Records(Opened opened, String idField, LongAccumulator recordsRead) throws IOException {
      this.opened = opened;
      this.idField = idField;
      this.recordsRead = recordsRead;
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
        } while (record != null && !record.isRecord());
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
        if (path.contains(".") || path.contains("[") || path.equals("$")) {
          continue;
        }
        String text = path.equals(idField) ? record.id(idField) : record.text(i);
        if (text == null || record.kind(i) == RecordCodec.Kind.NULL) {
          line.putNull(path);
        } else if (record.kind(i) == RecordCodec.Kind.TEXT || path.equals(idField)) {
          line.put(path, text);
        } else if (text.equals("true") || text.equals("false")) {
          line.put(path, Boolean.parseBoolean(text));
        } else if (NUMBER.matcher(text).matches()) {
          line.put(path, new BigDecimal(text));
        } else {
          line.put(path, text);
        }
      }
      return line.toString();
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
