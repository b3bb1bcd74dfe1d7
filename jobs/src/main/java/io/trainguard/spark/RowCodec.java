package io.trainguard.spark;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.LeafRecord;
import io.trainguard.jobs.format.ParquetValues;
import io.trainguard.jobs.format.PersonalNames;
import io.trainguard.jobs.format.RecordCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows of one partition of a frame as a {@link RecordCodec}. Leaves are named as Parquet's
 * are ({@code user.email}, {@code items[].email}, {@code attrs[].key}) and read as Parquet's:
 * strings and bytes are text (bytes that are not UTF-8 kept byte for byte), other leaves with a
 * text form are typed. Each row becomes {@code (data, null)} in the output schema, the columns
 * the policy drops gone, field names holding personal data shown as their pseudonyms (as
 * Parquet's are) and only the values the protector changed rewritten, or
 * {@code (null, row)} as it was read when quarantined. A value a finding drops is null, or empty
 * text or bytes where the column is non-nullable; a result that does not fit its leaf is null
 * (counted); a non-nullable leaf that cannot be written protected fails the frame.
 */
final class RowCodec implements RecordCodec {

  private final StructType input;
  private final Iterator<Row> rows;
  private final int partition;
  private final FileStats stats;
  private final PersonalNames names;
  private final Consumer<Row> out;
  /** The type of each leaf path, in the order of the schema. */
  private final Map<String, DataType> leaves = new LinkedHashMap<>();
  private final Set<String> nullable = new HashSet<>();
  private StructType output;
  private long index;

  /**
   * Reads {@code rows} of {@code input}, partition {@code partition} of the frame, and gives
   * {@code out} each row written (nothing is written when it is null); counts values written as
   * null into {@code stats}; messages show field names by {@code names}.
   */
  RowCodec(StructType input, Iterator<Row> rows, int partition, FileStats stats,
      PersonalNames names, Consumer<Row> out) {
    this.input = input;
    this.rows = rows;
    this.partition = partition;
    this.stats = stats;
    this.names = names;
    this.out = out;
  }

  /** The schema of the rows written, once {@link #layout} fixed it. */
  StructType output() {
    return output;
  }

  @Override
  public List<String> open() {
    leaves(input, "", true);
    return new ArrayList<>(leaves.keySet());
  }

  @Override
  public Typing typing(String path) {
    DataType type = leaves.get(path);
    return type == null || !SparkValues.hasText(type) ? Typing.NONE
        : SparkValues.isText(type) ? Typing.TEXT : Typing.TYPED;
  }

  @Override
  public Record next() {
    return rows.hasNext() ? new Values(rows.next(), index++) : null;
  }

  @Override
  public void layout(Set<String> dropped, Set<String> planned) {
    output = (StructType) prune(input, "", dropped);
    if (output == null) {
      throw TrainguardException.input("Cannot protect the frame: the policy drops every column");
    }
  }

  @Override
  public void writeData(Record record) {
    Values values = (Values) record;
    Object data = values.copied();
    values.countNulled(stats);
    out.accept(RowFactory.create(data, null));
  }

  @Override
  public void writeQuarantine(Record record) {
    out.accept(RowFactory.create(null, ((Values) record).row));
  }

  private String shown(String name) {
    return names == null ? name : names.field(name);
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private void leaves(DataType type, String path, boolean canBeNull) {
    if (type instanceof StructType struct) {
      for (StructField f : struct.fields()) {
        leaves(f.dataType(), child(path, f.name()), f.nullable());
      }
    } else if (type instanceof ArrayType array) {
      leaves(array.elementType(), path + "[]", array.containsNull());
    } else if (type instanceof MapType map) {
      leaves(map.keyType(), path + "[].key", false);
      leaves(map.valueType(), path + "[].value", map.valueContainsNull());
    } else {
      leaves.put(path, type);
      if (canBeNull) {
        nullable.add(path);
      }
    }
  }

  /**
   * {@code type} without the leaves at {@code dropped}, its field names shown and without field
   * metadata (comments are free text that can hold personal data); null when nothing (or half a
   * map) is left.
   */
  private DataType prune(DataType type, String path, Set<String> dropped) {
    if (type instanceof StructType struct) {
      List<StructField> kept = new ArrayList<>();
      for (StructField f : struct.fields()) {
        DataType k = prune(f.dataType(), child(path, f.name()), dropped);
        if (k != null) {
          kept.add(new StructField(shown(f.name()), k, f.nullable(), Metadata.empty()));
        }
      }
      return kept.isEmpty() ? null : new StructType(kept.toArray(StructField[]::new));
    } else if (type instanceof ArrayType array) {
      DataType element = prune(array.elementType(), path + "[]", dropped);
      return element == null ? null : new ArrayType(element, array.containsNull());
    } else if (type instanceof MapType map) {
      DataType key = prune(map.keyType(), path + "[].key", dropped);
      DataType value = prune(map.valueType(), path + "[].value", dropped);
      return key == null || value == null ? null
          : new MapType(key, value, map.valueContainsNull());
    }
    return dropped.contains(path) ? null : type;
  }

  /** Calls {@code leaf} with each non-null leaf of {@code value}, in the order of the schema. */
  private static void visit(Object value, DataType type, String path, LeafVisitor leaf) {
    if (value == null) {
      return;
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      StructField[] fields = struct.fields();
      for (int i = 0; i < fields.length; i++) {
        visit(row.get(i), fields[i].dataType(), child(path, fields[i].name()), leaf);
      }
    } else if (type instanceof ArrayType array) {
      for (Object e : CollectionConverters.asJava((scala.collection.Iterable<?>) value)) {
        visit(e, array.elementType(), path + "[]", leaf);
      }
    } else if (type instanceof MapType map) {
      CollectionConverters.asJava((scala.collection.Map<?, ?>) value).forEach((k, v) -> {
        visit(k, map.keyType(), path + "[].key", leaf);
        visit(v, map.valueType(), path + "[].value", leaf);
      });
    } else {
      leaf.accept(path, type, value);
    }
  }

  @FunctionalInterface
  private interface LeafVisitor {
    void accept(String path, DataType type, Object value);
  }

  /** One leaf value of a row. */
  private record Value(String path, DataType type, Object value) {}

  /** One row: its non-null leaf values in the order of the schema. */
  private final class Values extends LeafRecord {
    private final Row row;
    private final List<Value> values = new ArrayList<>();

    Values(Row row, long index) {
      super(index, "the frame", names);
      this.row = row;
      visit(row, input, "", (path, type, value) -> values.add(new Value(path, type, value)));
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
      return SparkValues.isText(values.get(field).type()) ? Kind.TEXT : Kind.TYPED;
    }

    @Override
    public String text(int field) {
      Value v = values.get(field);
      return v.value() instanceof byte[] b ? ParquetValues.bytesText(ByteBuffer.wrap(b))
          : SparkValues.hasText(v.type()) ? SparkValues.text(v.value()) : null;
    }

    @Override
    public String sample(int field) {
      Value v = values.get(field);
      return v.value() instanceof byte[] b ? ParquetValues.utf8(ByteBuffer.wrap(b))
          : SparkValues.hasText(v.type()) ? SparkValues.text(v.value()) : null;
    }

    @Override
    public String id(String idField) {
      Object value = input.getFieldIndex(idField).isDefined()
          ? row.get(input.fieldIndex(idField)) : null;
      return value == null ? null : value instanceof byte[] b
          ? ParquetValues.utf8(ByteBuffer.wrap(b)) : SparkValues.text(value);
    }

    @Override
    public String position() {
      return "partition " + partition + " row " + index();
    }

    @Override
    protected Object copy() {
      return copy(row, input, output, "", new int[1]);
    }

    /**
     * {@code value} of type {@code in} in the output type {@code out}, each leaf with its
     * result; {@code next} counts the leaf values in the order they were read.
     */
    Object copy(Object value, DataType in, DataType out, String path, int[] next) {
      if (value == null) {
        return null;
      }
      if (in instanceof StructType struct) {
        Row from = (Row) value;
        StructType outStruct = (StructType) out;
        Object[] copied = new Object[outStruct.fields().length];
        int o = 0;
        for (int i = 0; i < struct.fields().length; i++) {
          StructField field = struct.fields()[i];
          String childPath = child(path, field.name());
          if (o < copied.length && outStruct.fields()[o].name().equals(shown(field.name()))) {
            copied[o] = copy(from.get(i), field.dataType(), outStruct.fields()[o].dataType(),
                childPath, next);
            o++;
          } else { // dropped: its values are counted, not copied
            visit(from.get(i), field.dataType(), childPath, (p, t, v) -> next[0]++);
          }
        }
        return RowFactory.create(copied);
      }
      if (in instanceof ArrayType array) {
        List<Object> elements = new ArrayList<>();
        for (Object e : CollectionConverters.asJava((scala.collection.Iterable<?>) value)) {
          elements.add(copy(e, array.elementType(), ((ArrayType) out).elementType(),
              path + "[]", next));
        }
        return CollectionConverters.asScala(elements).toSeq();
      }
      if (in instanceof MapType map) {
        MapType outMap = (MapType) out;
        Map<Object, Object> entries = new LinkedHashMap<>();
        List<Object> read = new ArrayList<>();
        List<Object> written = new ArrayList<>();
        CollectionConverters.asJava((scala.collection.Map<?, ?>) value).forEach((k, v) -> {
          Object key = copy(k, map.keyType(), outMap.keyType(), path + "[].key", next);
          Object copied = copy(v, map.valueType(), outMap.valueType(), path + "[].value", next);
          read.add(k instanceof byte[] b ? ByteBuffer.wrap(b) : k);
          written.add(key instanceof byte[] b ? ByteBuffer.wrap(b) : key);
          if (key != null) { // else the record is quarantined (keysMerge)
            entries.put(key, copied);
          }
        });
        mapCopied(read, written);
        return CollectionConverters.asScala(entries);
      }
      return leaf(next[0]++, value, in, path);
    }

    private Object leaf(int field, Object value, DataType type, String path) {
      if (unchanged(field)) {
        return value;
      }
      // too late to drop the column from the schema: null, or empty where it is non-nullable
      Object empty = type instanceof StringType ? "" : type instanceof BinaryType ? new byte[0]
          : null;
      return written(field, new LeafType<>(nullable.contains(path), empty,
          text -> SparkValues.parse(text, type, value), "non-nullable column"));
    }
  }
}
