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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The records of a file, read by its format's codec, as a frame of their top-level fields for
 * the poisoning scan: each value typed as the codec says ({@link RecordCodec.Data}), the id field
 * as its text as the redactors read it; columns in the order the file declares them (a header,
 * a schema), else by name. A malformed record is left out: it holds no values.
 */
final class RecordLines {

  private RecordLines() {}

  /** A file's records as rows of a schema: its columns in the order {@link #read} gives. */
  record Frame(JavaRDD<Row> rows, StructType schema) {}

  /**
   * The file at {@code uri}, read by one task through Hadoop (not by Spark's file sources, whose
   * plans would name the file); each record read, on every pass, is counted in
   * {@code recordsRead}. A file whose columns each hold one kind of value ({@link #direct}) is
   * read without a Spark SQL query.
   */
  static Frame read(JavaSparkContext context, Supplier<SparkSession> sql, String uri,
      String shown, Format format, String idField, Broadcast<SerializableConfiguration> conf,
      LongAccumulator recordsRead) {
    if (format.opening() == io.trainguard.jobs.format.FormatCodec.Opening.DOCUMENT) {
      throw TrainguardException.usage("Cannot scan " + shown + " for poisoning: format "
          + format.id() + " gives no records of fields");
    }
    Map<String, Integer> types = types(context, uri, format, idField, conf, recordsRead);
    StructType schema = schema(types);
    List<String> declared = declared(context, uri, format, conf);
    if (schema != null && direct(types)) {
      StructType ordered = ordered(schema, declared);
      return new Frame(typed(context, uri, format, idField, conf, recordsRead, ordered),
          ordered);
    }
    SparkSession spark = sql.get();
    Dataset<Row> inferred = schema == null
        ? spark.read().json(lines(spark, uri, format, idField, conf, recordsRead))
        : spark.read().schema(schema).json(lines(spark, uri, format, idField, conf, recordsRead));
    Set<String> order = new LinkedHashSet<>(declared);
    order.addAll(Arrays.asList(inferred.columns()));
    List<Column> columns = new ArrayList<>();
    for (String name : order) { // resolved here, not by the analyzer, which logs names
      columns.add(Arrays.asList(inferred.columns()).contains(name)
          ? inferred.col("`" + name.replace("`", "``") + "`")
          : functions.lit(null).cast(DataTypes.StringType).as(name));
    }
    Dataset<Row> frame = inferred.select(columns.toArray(Column[]::new));
    return new Frame(frame.toJavaRDD(), frame.schema());
  }

  /**
   * {@code schema}'s fields in the {@code declared} order, then the others in theirs; a declared
   * column without a value is a text column.
   */
  private static StructType ordered(StructType schema, List<String> declared) {
    Set<String> order = new LinkedHashSet<>(declared);
    order.addAll(Arrays.asList(schema.fieldNames()));
    StructType out = new StructType();
    for (String name : order) {
      out = Arrays.asList(schema.fieldNames()).contains(name) ? out.add(schema.apply(name))
          : out.add(name, DataTypes.StringType, true);
    }
    return out;
  }

  /** The file's records as JSON lines, read by one task. */
  static Dataset<String> lines(SparkSession spark, String uri, Format format, String idField,
      Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead) {
    return spark.createDataset(JavaSparkContext
        .fromSparkContext(spark.sparkContext()).parallelize(List.of(uri), 1).flatMap(u -> {
          Path path = new Path(u);
          Configuration hadoop = conf.value().get();
          boolean nested = format.codec().nestedPaths();
          return new Records<>(open(format, Storage.fileSystem(path, hadoop), path, hadoop),
              recordsRead, record -> json(record, nested, idField));
        }).rdd(), org.apache.spark.sql.Encoders.STRING());
  }

  /**
   * The schema Spark's JSON reader infers from the file's lines, found in one pass over its
   * records on one task without writing or parsing them as JSON; null when a value is of a kind
   * this does not type as Spark would (a number too long for a long, a very long value), and
   * Spark infers it. Inference per value ({@code JsonInferSchema}): a JSON integer a long, a JSON
   * fraction a double, a boolean a boolean, a string a string and an empty one or a null no type;
   * per column, a long and a double make a double, and two other types a string; a column of no
   * type is a string, and a column without a name is left out. Fields sorted by name, all
   * nullable.
   */
  static StructType schema(SparkSession spark, String uri, Format format, String idField,
      Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead) {
    return schema(types(JavaSparkContext.fromSparkContext(spark.sparkContext()), uri, format,
        idField, conf, recordsRead));
  }

  /**
   * The file's records as rows of {@code schema} ({@link #schema}), each value converted as
   * Spark's JSON reader converts the line {@link #lines} writes for it, without writing it: for
   * files whose columns each hold one kind of value ({@link #direct}).
   */
  static JavaRDD<Row> typed(JavaSparkContext context, String uri, Format format,
      String idField, Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead,
      StructType schema) {
    return context.parallelize(List.of(uri), 1).flatMap(u -> {
      Path path = new Path(u);
      Configuration hadoop = conf.value().get();
      boolean nested = format.codec().nestedPaths();
      Map<String, Integer> columns = new HashMap<>();
      for (String name : schema.fieldNames()) {
        columns.put(name, columns.size());
      }
      return new Records<>(open(format, Storage.fileSystem(path, hadoop), path, hadoop),
          recordsRead, record -> row(record, nested, idField, columns, schema));
    });
  }

  /**
   * Whether each column of {@code types} holds one kind of value (numbers, booleans or text,
   * an empty text counted as text): a column of text that also holds a number or a boolean, or
   * a column of numbers or booleans that holds an empty text, Spark's JSON reader converts in
   * ways of its own.
   */
  static boolean direct(Map<String, Integer> types) {
    return types.values().stream().noneMatch(t -> (t & MIXED) != 0);
  }

  /**
   * Per top-level column, its type ({@link #merged}; {@link #MIXED} set when it holds values of
   * more than one kind), in one pass over the file's records on one task; null when a value is
   * of a kind Spark must infer.
   */
  static Map<String, Integer> types(JavaSparkContext context, String uri, Format format,
      String idField, Broadcast<SerializableConfiguration> conf, LongAccumulator recordsRead) {
    return context.parallelize(List.of(uri), 1).map(u -> {
      Path path = new Path(u);
      Configuration hadoop = conf.value().get();
      Map<String, Integer> types = new TreeMap<>();
      try (Opened opened = open(format, Storage.fileSystem(path, hadoop), path, hadoop)) {
        if (opened.codec().open() == null) {
          return types;
        }
        boolean nested = format.codec().nestedPaths();
        Map<String, Integer> record = new HashMap<>();
        for (RecordCodec.Record r = opened.codec().next(); r != null;
            r = opened.codec().next()) {
          if (!r.isRecord() || r.malformed() != null) {
            continue;
          }
          recordsRead.add(1);
          record.clear();
          for (int i = 0; i < r.size(); i++) {
            String name = r.path(i);
            if (nested && !topLevel(name)) {
              continue;
            }
            int type = type(r.data(i), r.text(i));
            if (name.equals(idField) && type != NONE) {
              type = stringType(r.id(idField));
            }
            record.put(name, type);
          }
          for (Map.Entry<String, Integer> e : record.entrySet()) {
            if (e.getKey().length() > MAX_CHARS || e.getValue() == UNKNOWN) {
              return null;
            }
            types.merge(e.getKey(), e.getValue(), RecordLines::merged);
          }
        }
      }
      return types;
    }).collect().get(0);
  }

  /** The schema of columns of {@code types} ({@link #schema}); null for none. */
  private static StructType schema(Map<String, Integer> types) {
    if (types == null || types.isEmpty()) {
      return null;
    }
    List<StructField> fields = new ArrayList<>();
    types.forEach((name, type) -> {
      if (!name.isEmpty()) {
        fields.add(DataTypes.createStructField(name, switch (type & ~MIXED) {
          case LONG -> DataTypes.LongType;
          case DOUBLE -> DataTypes.DoubleType;
          case BOOLEAN -> DataTypes.BooleanType;
          default -> DataTypes.StringType;
        }, true));
      }
    });
    return fields.isEmpty() ? null : DataTypes.createStructType(fields);
  }

  /** The types {@link #schema} tells apart; UNKNOWN: one Spark must infer. */
  private static final int NONE = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int BOOLEAN = 3;
  private static final int STRING = 4;
  private static final int UNKNOWN = 5;
  /** A text of no type (empty), as opposed to a null. */
  private static final int EMPTY = 6;
  /** Set on a column's type when it holds values of more than one kind. */
  private static final int MIXED = 8;
  /** The longest value or name {@link #schema} types (Jackson limits the length of numbers). */
  private static final int MAX_CHARS = 100;
  private static final int MAX_TEXT_CHARS = 100_000;

  /**
   * The type of a column holding values (or columns) of types {@code a} and {@code b}, as Spark
   * infers it (an empty text, like a null, has no type; a long and a double make a double, two
   * other types a string), with {@link #MIXED} set when it holds values of more than one kind
   * (numbers, booleans, text).
   */
  private static int merged(int a, int b) {
    int x = a & ~MIXED;
    int y = b & ~MIXED;
    int mixed = (a | b) & MIXED
        | (kind(x) != NONE && kind(y) != NONE && kind(x) != kind(y) ? MIXED : 0);
    int tx = x == EMPTY ? NONE : x;
    int ty = y == EMPTY ? NONE : y;
    int type;
    if (tx == ty || ty == NONE) {
      type = tx;
    } else if (tx == NONE) {
      type = ty;
    } else {
      type = (tx == LONG || tx == DOUBLE) && (ty == LONG || ty == DOUBLE) ? DOUBLE : STRING;
    }
    return (type == NONE && (x == EMPTY || y == EMPTY) ? EMPTY : type) | mixed;
  }

  /** The kind of values of a type: numbers (LONG), text (STRING), booleans or none. */
  private static int kind(int type) {
    return switch (type) {
      case DOUBLE -> LONG;
      case EMPTY -> STRING;
      default -> type;
    };
  }

  /** The type Spark infers from the value {@link #put} writes. */
  private static int type(RecordCodec.Data data, String text) {
    if (isNull(data, text)) {
      return NONE;
    }
    boolean numeric = data == RecordCodec.Data.TYPED || data == RecordCodec.Data.UNTYPED;
    if (numeric && jsonNumber(text)) {
      return numberType(text); // a JSON number is written as it is: no need to parse it
    }
    BigDecimal number = numeric ? number(text) : null;
    if (number != null) {
      return numberType(written(number));
    } else if (data == RecordCodec.Data.BOOLEAN || data == RecordCodec.Data.UNTYPED
        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return BOOLEAN;
    }
    return stringType(text);
  }

  private static int stringType(String text) {
    return text.isEmpty() ? EMPTY : text.length() > MAX_TEXT_CHARS ? UNKNOWN : STRING;
  }

  /** A JSON number's type: a fraction a double, an integer of up to 18 digits a long. */
  private static int numberType(String json) {
    if (json.length() > MAX_CHARS) {
      return UNKNOWN;
    }
    if (json.indexOf('.') >= 0 || json.indexOf('e') >= 0 || json.indexOf('E') >= 0) {
      return DOUBLE;
    }
    return json.length() - (json.startsWith("-") ? 1 : 0) <= 18 ? LONG : UNKNOWN;
  }

  /** The JSON {@link #put} writes for a number that is not written as a JSON number. */
  private static String written(BigDecimal number) {
    String line = CanonicalJson.MAPPER.createObjectNode().put("v", number).toString();
    return line.substring("{\"v\":".length(), line.length() - 1);
  }

  /** The top-level paths the file declares (a header, a schema), in order; read on one task. */
  private static List<String> declared(JavaSparkContext context, String uri, Format format,
      Broadcast<SerializableConfiguration> conf) {
    return context.parallelize(List.of(uri), 1).flatMap(u -> {
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

  /** The record as a JSON line of its top-level fields. */
  private static String json(RecordCodec.Record record, boolean nested, String idField) {
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
    if (isNull(data, text)) {
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

  /** Whether {@link #put} writes the value as a JSON null. */
  private static boolean isNull(RecordCodec.Data data, String text) {
    return text == null || data == RecordCodec.Data.NULL
        || data == RecordCodec.Data.UNTYPED && text.isEmpty();
  }

  /**
   * The record as a row of {@code schema} (its columns by name in {@code columns}), each value
   * as Spark's JSON reader reads the line {@link #json} writes, in a file whose columns each hold
   * one kind of value ({@link #direct}): a long, a double (an integer converted from a long) or
   * a boolean parsed from the JSON number or boolean written, a text as it is.
   */
  private static Row row(RecordCodec.Record record, boolean nested, String idField,
      Map<String, Integer> columns, StructType schema) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < record.size(); i++) {
      String path = record.path(i);
      Integer column = nested && !topLevel(path) ? null : columns.get(path);
      if (column == null) {
        continue;
      }
      RecordCodec.Data data = record.data(i);
      String text = record.text(i);
      if (isNull(data, text)) {
        values[column] = null;
      } else if (path.equals(idField)) {
        values[column] = record.id(idField);
      } else {
        org.apache.spark.sql.types.DataType type = schema.fields()[column].dataType();
        if (type == DataTypes.StringType) {
          values[column] = text;
        } else if (type == DataTypes.BooleanType) {
          values[column] = Boolean.parseBoolean(text);
        } else {
          String json = jsonNumber(text) ? text : written(number(text));
          boolean integer = json.indexOf('.') < 0 && json.indexOf('e') < 0
              && json.indexOf('E') < 0;
          values[column] = type == DataTypes.LongType ? (Object) Long.parseLong(json)
              : integer ? (double) Long.parseLong(json) : Double.parseDouble(json);
        }
      }
    }
    return org.apache.spark.sql.RowFactory.create(values);
  }

  /** The text as a number, or null; a text a number cannot start with is not parsed. */
  static BigDecimal number(String text) {
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

  /** A conversion of records. */
  private interface Conversion<T> {
    T of(RecordCodec.Record record);
  }

  /**
   * The well-formed records of an opened codec, converted; the codec is closed after the last.
   * Each record handed out is counted in {@code recordsRead}.
   */
  private static final class Records<T> implements Iterator<T> {
    private final Opened opened;
    private final LongAccumulator recordsRead;
    private final Conversion<T> conversion;
    private T next;

    Records(Opened opened, LongAccumulator recordsRead, Conversion<T> conversion)
        throws IOException {
      this.opened = opened;
      this.recordsRead = recordsRead;
      this.conversion = conversion;
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
        next = record == null ? null : conversion.of(record);
        if (next == null) {
          opened.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public T next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      T out = next;
      recordsRead.add(1);
      advance();
      return out;
    }
  }
}
