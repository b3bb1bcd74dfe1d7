package io.trainguard.jobs.format;

import io.trainguard.jobs.TrainguardException;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.serde2.io.DateWritable;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.hadoop.io.BooleanWritable;
import org.apache.hadoop.io.ByteWritable;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.DoubleWritable;
import org.apache.hadoop.io.FloatWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.ShortWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparable;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.writer.WriterEncryptionVariant;
import org.apache.orc.mapred.OrcList;
import org.apache.orc.mapred.OrcMap;
import org.apache.orc.mapred.OrcMapredRecordReader;
import org.apache.orc.mapred.OrcMapredRecordWriter;
import org.apache.orc.mapred.OrcStruct;
import org.apache.orc.mapred.OrcUnion;

/**
 * ORC files, record by record through ORC's mapred value model, a {@link RecordCodec}. Leaves are
 * named by field paths as Parquet's and Avro's are: {@code user.email}, {@code items[].email},
 * {@code tags[]}, {@code attrs[].key} / {@code attrs[].value}; a union adds nothing. Strings
 * ({@code string}, {@code varchar}, {@code char}) and {@code binary} are text; numbers,
 * booleans, dates and decimals are typed: a result is written in the column's own type or, when
 * it does not fit (a {@code varchar} too short for it), as null (counted); every ORC column may
 * hold null. Timestamps have no text form here: withheld (null) when something targets them.
 * Paths the policy drops leave the output schema; a value a finding drops is null. The output
 * keeps the schema (field names holding personal data shown as their pseudonyms) and the
 * compression kind, not the types' attributes nor the file's user metadata; maps are written with their keys in order, as ORC's value model holds them.
 * Close it to release the input.
 */
public final class OrcCodec implements RecordCodec, Closeable {

  private final FileSystem fs;
  private final Path path;
  private final Configuration conf;
  private final StreamSinks out;
  private final String file;
  private final FileStats stats;
  private final PersonalNames names;
  private Reader reader;
  private OrcMapredRecordReader<WritableComparable<?>> records;
  private TypeDescription schema;
  private TypeDescription output;
  private final Map<String, Typing> typings = new HashMap<>();
  private OrcMapredRecordWriter<WritableComparable<?>> data;
  private OrcMapredRecordWriter<WritableComparable<?>> quarantine;
  private long index;

  /**
   * The ORC file at {@code path} on {@code fs}; {@code file} names it in messages; {@code stats}
   * counts values written as null; field names are shown by {@code names} (null: as they are).
   */
  public OrcCodec(FileSystem fs, Path path, Configuration conf, StreamSinks out, String file,
      FileStats stats, PersonalNames names) {
    this.fs = fs;
    this.path = path;
    this.conf = conf;
    this.out = out;
    this.file = file;
    this.stats = stats;
    this.names = names;
  }

  /**
   * Reads the footer. Throws {@link MalformedRecordException} when it is not a readable ORC file,
   * naming what failed but never a value.
   */
  @Override
  public List<String> open() throws IOException {
    try {
      reader = OrcFile.createReader(path, OrcFile.readerOptions(conf).filesystem(fs));
      schema = reader.getSchema();
      records = new OrcMapredRecordReader<>(reader.rows(), schema);
    } catch (IOException | RuntimeException e) {
      // ORC's own messages may quote bytes of the file: name the part only.
      throw new MalformedRecordException("the footer: not an ORC file, truncated or corrupt");
    }
    Map<String, Typing> declared = new LinkedHashMap<>();
    declare(schema, "", declared);
    typings.putAll(declared);
    return List.copyOf(declared.keySet());
  }

  private static void declare(TypeDescription t, String path, Map<String, Typing> out) {
    switch (t.getCategory()) {
      case STRUCT -> {
        for (int i = 0; i < t.getChildren().size(); i++) {
          declare(t.getChildren().get(i), child(path, t.getFieldNames().get(i)), out);
        }
      }
      case UNION -> t.getChildren().forEach(b -> declare(b, path, out));
      case LIST -> declare(t.getChildren().get(0), path + "[]", out);
      case MAP -> {
        declare(t.getChildren().get(0), path + "[].key", out);
        declare(t.getChildren().get(1), path + "[].value", out);
      }
      default -> out.merge(leafPath(path), typing(t), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String leafPath(String path) {
    return path.isEmpty() ? "$" : path;
  }

  private static boolean isText(TypeDescription t) {
    return switch (t.getCategory()) {
      case STRING, VARCHAR, CHAR, BINARY -> true;
      default -> false;
    };
  }

  private static Typing typing(TypeDescription t) {
    return switch (t.getCategory()) {
      case STRING, VARCHAR, CHAR, BINARY -> Typing.TEXT;
      case BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DATE, DECIMAL -> Typing.TYPED;
      default -> Typing.NONE;
    };
  }

  @Override
  public Typing typing(String path) {
    return typings.getOrDefault(path, Typing.NONE);
  }

  @Override
  public RecordCodec.Record next() throws IOException {
    WritableComparable<?> value;
    try {
      value = records.createValue();
      if (!records.next(NullWritable.get(), value)) {
        return null;
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException("record " + index + ": corrupt or truncated data");
    }
    return new Row(value, index++);
  }

  @Override
  public void layout(Set<String> dropped, Set<String> planned) {
    output = output(schema, "", dropped);
    if (output == null) {
      throw TrainguardException.input("Cannot protect " + file
          + ": the policy drops every column");
    }
  }

  /** {@code t} at {@code path} as written; null when none of its leaves is left. */
  private TypeDescription output(TypeDescription t, String path, Set<String> dropped) {
    switch (t.getCategory()) {
      case STRUCT -> {
        TypeDescription struct = TypeDescription.createStruct();
        for (int i = 0; i < t.getChildren().size(); i++) {
          String name = t.getFieldNames().get(i);
          TypeDescription o = output(t.getChildren().get(i), child(path, name), dropped);
          if (o != null) {
            struct.addField(shown(name), o);
          }
        }
        return struct.getChildren() == null || struct.getChildren().isEmpty() ? null : struct;
      }
      case UNION -> {
        TypeDescription union = TypeDescription.createUnion();
        for (TypeDescription b : t.getChildren()) {
          TypeDescription o = output(b, path, dropped);
          if (o == null) {
            return null; // a union is written whole or not at all
          }
          union.addUnionChild(o);
        }
        return union;
      }
      case LIST -> {
        TypeDescription element = output(t.getChildren().get(0), path + "[]", dropped);
        return element == null ? null : TypeDescription.createList(element);
      }
      case MAP -> {
        TypeDescription key = output(t.getChildren().get(0), path + "[].key", dropped);
        TypeDescription value = output(t.getChildren().get(1), path + "[].value", dropped);
        return key == null || value == null ? null : TypeDescription.createMap(key, value);
      }
      default -> {
        return dropped.contains(leafPath(path)) ? null : leaf(t);
      }
    }
  }

  /** Leaf type {@code t} without its attributes: free text that can hold personal data. */
  private static TypeDescription leaf(TypeDescription t) {
    TypeDescription copy = t.clone();
    t.getAttributeNames().forEach(copy::removeAttribute);
    return copy;
  }

  private String shown(String name) {
    return names == null ? name : names.field(name);
  }

  @Override
  public void writeData(RecordCodec.Record record) throws IOException {
    Row row = (Row) record;
    opened().write(NullWritable.get(), (WritableComparable<?>) row.copied());
    row.countNulled(stats);
  }

  /** The record with the input schema and values, unchanged. */
  @Override
  public void writeQuarantine(RecordCodec.Record record) throws IOException {
    opened();
    if (quarantine == null) {
      quarantine = writer(schema, out.quarantine());
    }
    quarantine.write(NullWritable.get(), ((Row) record).value);
  }

  private OrcMapredRecordWriter<WritableComparable<?>> opened() throws IOException {
    if (data == null) {
      data = writer(output, out.data());
    }
    return data;
  }

  /** An ORC writer of {@code t} to {@code stream}, compressed as the input is. */
  private OrcMapredRecordWriter<WritableComparable<?>> writer(TypeDescription t,
      java.io.OutputStream stream) throws IOException {
    CompressionKind compression = reader.getCompressionKind();
    OrcFile.WriterOptions options = OrcFile.writerOptions(conf).setSchema(t)
        .compress(compression).fileSystem(fs); // the input's: no other file system is reached
    options.physicalWriter(new PhysicalFsWriter(new FSDataOutputStream(stream, null), options,
        new WriterEncryptionVariant[0]));
    // the path only names the writer to ORC's memory manager: nothing is written there
    return new OrcMapredRecordWriter<>(OrcFile.createWriter(
        new Path("trainguard-" + UUID.randomUUID() + ".orc"), options));
  }

  @Override
  public void finish() throws IOException {
    opened().close(null);
    if (quarantine != null) {
      quarantine.close(null);
    }
  }

  @Override
  public void close() throws IOException {
    if (records != null) {
      records.close();
    }
    if (reader != null) {
      reader.close();
    }
  }

  /** One leaf value of a record: its path, type and value (null for an absent one). */
  private record Value(String path, TypeDescription type, WritableComparable<?> value) {}

  @SuppressWarnings("unchecked")
  private static void visit(WritableComparable<?> v, TypeDescription t, String path,
      List<Value> out) {
    if (v == null) {
      out.add(new Value(leafPath(path), t, null));
      return;
    }
    switch (t.getCategory()) {
      case STRUCT -> {
        OrcStruct s = (OrcStruct) v;
        for (int i = 0; i < t.getChildren().size(); i++) {
          visit(s.getFieldValue(i), t.getChildren().get(i), child(path, t.getFieldNames().get(i)),
              out);
        }
      }
      case UNION -> {
        OrcUnion u = (OrcUnion) v;
        visit((WritableComparable<?>) u.getObject(), t.getChildren().get(u.getTag()), path, out);
      }
      case LIST -> {
        for (WritableComparable<?> e : (OrcList<WritableComparable<?>>) v) {
          visit(e, t.getChildren().get(0), path + "[]", out);
        }
      }
      case MAP -> {
        for (Map.Entry<WritableComparable<?>, WritableComparable<?>> e
            : ((OrcMap<WritableComparable<?>, WritableComparable<?>>) v).entrySet()) {
          visit(e.getKey(), t.getChildren().get(0), path + "[].key", out);
          visit(e.getValue(), t.getChildren().get(1), path + "[].value", out);
        }
      }
      default -> out.add(new Value(leafPath(path), t, v));
    }
  }

  /** A leaf value as text; null when it has none. */
  private static String text(TypeDescription t, WritableComparable<?> v, boolean sample) {
    return switch (t.getCategory()) {
      case STRING, VARCHAR, CHAR -> v.toString();
      case BINARY -> {
        BytesWritable b = (BytesWritable) v;
        ByteBuffer bytes = ByteBuffer.wrap(b.getBytes(), 0, b.getLength());
        yield sample ? ParquetValues.utf8(bytes) : ParquetValues.bytesText(bytes);
      }
      case BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> v.toString();
      case DATE -> LocalDate.ofEpochDay(((DateWritable) v).getDays()).toString();
      case DECIMAL -> ((HiveDecimalWritable) v).getHiveDecimal().bigDecimalValue()
          .toPlainString();
      default -> null;
    };
  }

  /** {@code text} as a value of {@code t}; null when it cannot be represented there. */
  private static WritableComparable<?> value(TypeDescription t, String text) {
    try {
      return switch (t.getCategory()) {
        case STRING -> new Text(text);
        case VARCHAR, CHAR -> text.codePointCount(0, text.length()) <= t.getMaxLength()
            ? new Text(text) : null;
        case BINARY -> new BytesWritable(ParquetValues.bytes(text));
        case BOOLEAN -> text.equals("true") || text.equals("false")
            ? new BooleanWritable(Boolean.parseBoolean(text)) : null;
        case BYTE -> new ByteWritable(Byte.parseByte(text));
        case SHORT -> new ShortWritable(Short.parseShort(text));
        case INT -> new IntWritable(Integer.parseInt(text));
        case LONG -> new LongWritable(Long.parseLong(text));
        case FLOAT -> new FloatWritable(Float.parseFloat(text));
        case DOUBLE -> new DoubleWritable(Double.parseDouble(text));
        case DATE -> new DateWritable(Math.toIntExact(ParquetValues.date(text).toEpochDay()));
        case DECIMAL -> {
          BigDecimal d = new BigDecimal(text).setScale(t.getScale(), RoundingMode.UNNECESSARY);
          yield d.precision() <= t.getPrecision()
              ? new HiveDecimalWritable(HiveDecimal.create(d)) : null;
        }
        default -> null;
      };
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** One record: its leaf values in the order of the schema. */
  private final class Row extends LeafRecord {
    private final WritableComparable<?> value;
    private final List<Value> values = new ArrayList<>();

    Row(WritableComparable<?> value, long index) {
      super(index, file, names);
      this.value = value;
      visit(value, schema, "", values);
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String path(int field) {
      return values.get(field).path();
    }

    @Override
    public Kind kind(int field) {
      Value v = values.get(field);
      return v.value() == null ? Kind.NULL : isText(v.type()) ? Kind.TEXT : Kind.TYPED;
    }

    @Override
    public String text(int field) {
      Value v = values.get(field);
      return v.value() == null ? null : OrcCodec.text(v.type(), v.value(), false);
    }

    @Override
    public String sample(int field) {
      Value v = values.get(field);
      return v.value() == null ? null : OrcCodec.text(v.type(), v.value(), true);
    }

    @Override
    protected Object copy() {
      return copy(value, schema, output, new int[1]);
    }

    /**
     * {@code in} of type {@code t} as a value of the output type {@code o}, each leaf with its
     * result; {@code next} counts the leaf values in the order they were read.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    WritableComparable<?> copy(WritableComparable<?> in, TypeDescription t, TypeDescription o,
        int[] next) {
      if (in == null) {
        next[0]++;
        return null;
      }
      switch (t.getCategory()) {
        case STRUCT -> {
          OrcStruct s = (OrcStruct) in;
          OrcStruct copy = new OrcStruct(o);
          for (int i = 0; i < t.getChildren().size(); i++) {
            int k = o.getFieldNames().indexOf(shown(t.getFieldNames().get(i)));
            if (k < 0) { // dropped: its values are counted, not copied
              List<Value> skipped = new ArrayList<>();
              visit(s.getFieldValue(i), t.getChildren().get(i), "", skipped);
              next[0] += skipped.size();
            } else {
              copy.setFieldValue(k, copy(s.getFieldValue(i), t.getChildren().get(i),
                  o.getChildren().get(k), next));
            }
          }
          return copy;
        }
        case UNION -> {
          OrcUnion u = (OrcUnion) in;
          OrcUnion copy = new OrcUnion(o);
          WritableComparable<?> v = copy((WritableComparable<?>) u.getObject(),
              t.getChildren().get(u.getTag()), o.getChildren().get(u.getTag()), next);
          copy.set(u.getTag(), v);
          return copy;
        }
        case LIST -> {
          OrcList copy = new OrcList(o);
          for (WritableComparable<?> e : (OrcList<WritableComparable<?>>) in) {
            copy.add(copy(e, t.getChildren().get(0), o.getChildren().get(0), next));
          }
          return copy;
        }
        case MAP -> {
          OrcMap copy = new OrcMap(o);
          List<WritableComparable<?>> read = new ArrayList<>();
          List<WritableComparable<?>> written = new ArrayList<>();
          for (Map.Entry<WritableComparable<?>, WritableComparable<?>> e
              : ((OrcMap<WritableComparable<?>, WritableComparable<?>>) in).entrySet()) {
            WritableComparable<?> key = copy(e.getKey(), t.getChildren().get(0),
                o.getChildren().get(0), next);
            WritableComparable<?> value = copy(e.getValue(), t.getChildren().get(1),
                o.getChildren().get(1), next);
            read.add(e.getKey());
            written.add(key);
            if (key != null) { // else the record is quarantined (keysMerge)
              copy.put(key, value);
            }
          }
          mapCopied(read, written);
          return copy;
        }
        default -> {
          return leaf(next[0]++, in, o);
        }
      }
    }

    /** Leaf value {@code value} in its output type {@code o}: every ORC column holds null. */
    private WritableComparable<?> leaf(int value, WritableComparable<?> in, TypeDescription o) {
      return unchanged(value) ? in : written(value, new LeafType<WritableComparable<?>>(true,
          null, text -> OrcCodec.value(o, text), "column"));
    }
  }
}
