package io.trainguard.jobs.format;

import io.trainguard.jobs.TrainguardException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet, record by record through parquet-hadoop's example Group API, a {@link RecordCodec}.
 * Leaves are named by field paths as JSON Lines fields are: {@code user.email},
 * {@code items[].email} (the elements of a list, whatever its physical levels), {@code tags[]},
 * {@code attrs[].key} / {@code attrs[].value} (a map's entries). String and byte leaves are text;
 * other leaves with a text form are typed: a result is written in the leaf's own type or, when
 * it does not fit, as null (counted). Paths the policy drops leave the output schema; a value a
 * finding drops is null, or empty text where the column is required. Everything else keeps its
 * schema and values, but a field name holding personal data, which the output schema shows as its
 * pseudonym ({@link PersonalNames}). Close it to release the input.
 */
public final class ParquetCodec implements RecordCodec, Closeable {

  private final InputFile in;
  private final ParquetSinks out;
  private final String file;
  private final FileStats stats;
  private final PersonalNames names;
  private final LineSlice slice;
  private ParquetFileReader reader;
  private MessageType schema;
  private MessageType output;
  private Records records;
  /**
   * Leaves by column: the names from the root, a list since a name may hold a dot
   * ({@code user.email} beside a group {@code user} with a field {@code email}).
   */
  private final Map<List<String>, Leaf> leaves = new LinkedHashMap<>();
  /** The type of each path's first leaf. */
  private final Map<String, PrimitiveType> pathTypes = new HashMap<>();
  /** Columns that hold personal data, told to the data output when it opens. */
  private final Set<String> personal = new TreeSet<>();
  private CompressionCodecName compression;
  private ParquetWriter<Group> data;
  private ParquetWriter<Group> quarantine;
  private long index;

  /**
   * {@code file} names the input in messages; {@code stats} counts values written as null
   * because a result did not fit.
   */
  public ParquetCodec(InputFile in, ParquetSinks out, String file, FileStats stats) {
    this(in, out, file, stats, null);
  }

  /** As the other constructor, field names shown by {@code names} (null: as they are). */
  public ParquetCodec(InputFile in, ParquetSinks out, String file, FileStats stats,
      PersonalNames names) {
    this(in, out, file, stats, names, LineSlice.WHOLE);
  }

  /**
   * As the other constructors, reading only the row groups of {@code slice}
   * ({@link RowGroupSplits}), its records numbered as in the whole file.
   */
  public ParquetCodec(InputFile in, ParquetSinks out, String file, FileStats stats,
      PersonalNames names, LineSlice slice) {
    this.in = in;
    this.out = out;
    this.file = file;
    this.stats = stats;
    this.names = names;
    this.slice = slice;
    this.index = slice.recordsBefore();
  }

  /**
   * A leaf column: its field path, its column (dot path of the schema), the column as the output
   * schema names it, and its type.
   */
  private record Leaf(String path, String column, String shownColumn, PrimitiveType type) {}

  /** A field name as the output shows it. */
  private String shown(String name) {
    return names == null ? name : names.field(name);
  }

  /** {@code type} with every field name that holds personal data shown as its pseudonym. */
  private Type shown(Type type) {
    String name = shown(type.getName());
    if (type.isPrimitive()) {
      PrimitiveType p = type.asPrimitiveType();
      if (name.equals(p.getName())) {
        return p;
      }
      Types.PrimitiveBuilder<PrimitiveType> b = Types.primitive(p.getPrimitiveTypeName(),
          p.getRepetition()).length(p.getTypeLength()).as(p.getLogicalTypeAnnotation())
          .columnOrder(p.columnOrder());
      return (p.getId() == null ? b : b.id(p.getId().intValue())).named(name);
    }
    GroupType g = type.asGroupType();
    List<Type> fields = g.getFields().stream().map(this::shown).toList();
    if (name.equals(g.getName()) && fields.equals(g.getFields())) {
      return g;
    }
    Types.GroupBuilder<GroupType> b = Types.buildGroup(g.getRepetition())
        .as(g.getLogicalTypeAnnotation()).addFields(fields.toArray(Type[]::new));
    return (g.getId() == null ? b : b.id(g.getId().intValue())).named(name);
  }

  /** One value of a record: leaf {@code leaf} at repetition {@code index} of {@code field}. */
  private record Value(Leaf leaf, Group group, int field, int index) {}

  /**
   * Reads the footer. Throws {@link MalformedRecordException} when it is not a readable Parquet
   * file, naming what failed but never a value.
   */
  @Override
  public List<String> open() throws IOException {
    reader = open(in);
    schema = reader.getFooter().getFileMetaData().getSchema();
    compression = compression(reader);
    records = new Records(reader, schema, slice.recordsBefore());
    leaves(schema, "", List.of(), "", false, leaves);
    List<String> paths = new ArrayList<>();
    for (Leaf leaf : leaves.values()) {
      if (pathTypes.putIfAbsent(leaf.path(), leaf.type()) == null) {
        paths.add(leaf.path());
      }
    }
    return paths;
  }

  @Override
  public Typing typing(String path) {
    PrimitiveType type = pathTypes.get(path);
    return type == null ? Typing.NONE
        : ParquetValues.isString(type) || ParquetValues.isBytes(type) ? Typing.TEXT
        : ParquetValues.hasText(type) ? Typing.TYPED : Typing.NONE;
  }

  @Override
  public RecordCodec.Record next() throws IOException {
    Group group = records.next();
    return group == null ? null : new Row(group, index++);
  }

  @Override
  public void layout(Set<String> droppedPaths, Set<String> planned) {
    Set<String> dropped = new HashSet<>();
    for (Leaf leaf : leaves.values()) {
      if (droppedPaths.contains(leaf.path())) {
        dropped.add(leaf.column());
      }
      if (planned.contains(leaf.path())) {
        personal.add(leaf.shownColumn());
      }
    }
    List<Type> kept = new ArrayList<>();
    for (Type field : schema.getFields()) {
      Type k = prune(field, field.getName(), dropped);
      if (k != null) {
        kept.add(k);
      }
    }
    if (kept.isEmpty()) {
      throw TrainguardException.input("Cannot protect " + file
          + ": the policy drops every column");
    }
    output = new MessageType(shown(schema.getName()), kept.stream().map(this::shown).toList());
  }

  @Override
  public void writeData(RecordCodec.Record record) throws IOException {
    Row row = (Row) record;
    opened().write((Group) row.copied());
    row.countNulled(stats);
  }

  /** The record with the input schema and values, unchanged. */
  @Override
  public void writeQuarantine(RecordCodec.Record record) throws IOException {
    opened();
    if (quarantine == null) {
      quarantine = out.quarantine(schema, compression);
    }
    quarantine.write(((Row) record).group);
  }

  /**
   * The data output, opened at the first write, once the sampled records told which columns
   * hold personal data; later findings change no key.
   */
  private ParquetWriter<Group> opened() throws IOException {
    if (data == null) {
      personal.retainAll(columns(output));
      data = out.data(output, compression, personal);
    }
    return data;
  }

  @Override
  public void finish() throws IOException {
    opened().close();
    if (quarantine != null) {
      quarantine.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }

  private ParquetFileReader open(InputFile in) throws MalformedRecordException {
    try {
      return ParquetFileReader.open(in, slice.split()
          ? ParquetReadOptions.builder().withRange(slice.start(), slice.end()).build()
          : ParquetReadOptions.builder().build());
    } catch (ParquetCryptoRuntimeException e) {
      throw new MalformedRecordException("the footer: encrypted Parquet input is not supported");
    } catch (IOException | RuntimeException e) {
      // Parquet's own messages may quote bytes of the file: name the part only.
      throw new MalformedRecordException("the footer: not a Parquet file, truncated or corrupt");
    }
  }

  /** Reads records across row groups; data errors become {@link MalformedRecordException}. */
  private static final class Records {
    private final ParquetFileReader reader;
    private final MessageColumnIO io;
    private final MessageType schema;
    private RecordReader<Group> rows;
    private long left;
    private long index;

    Records(ParquetFileReader reader, MessageType schema, long recordsBefore) {
      this.reader = reader;
      this.schema = schema;
      this.index = recordsBefore;
      this.io = new ColumnIOFactory().getColumnIO(schema);
    }

    Group next() throws MalformedRecordException {
      try {
        while (left == 0) {
          PageReadStore pages = reader.readNextRowGroup();
          if (pages == null) {
            return null;
          }
          left = pages.getRowCount();
          rows = io.getRecordReader(pages, new GroupRecordConverter(schema));
        }
        left--;
        return rows.read();
      } catch (IOException | RuntimeException e) {
        throw new MalformedRecordException("record " + index + ": corrupt or truncated data");
      } finally {
        index++;
      }
    }
  }

  /** The compression of the file's first column chunk (Snappy for a file without any). */
  public static CompressionCodecName compression(ParquetFileReader reader) {
    for (BlockMetaData block : reader.getFooter().getBlocks()) {
      if (!block.getColumns().isEmpty()) {
        return block.getColumns().get(0).getCodec();
      }
    }
    return CompressionCodecName.SNAPPY;
  }

  /** {@code type} without its dropped columns; null when nothing is left (or a map lost half). */
  private static Type prune(Type type, String column, Set<String> dropped) {
    if (type.isPrimitive()) {
      return dropped.contains(column) ? null : type;
    }
    GroupType group = type.asGroupType();
    List<Type> kept = new ArrayList<>();
    boolean changed = false;
    for (Type field : group.getFields()) {
      Type k = prune(field, column + "." + field.getName(), dropped);
      changed |= k != field;
      if (k != null) {
        kept.add(k);
      }
    }
    if (!changed) {
      return type;
    }
    if (kept.isEmpty() || isMap(group)) {
      return null;
    }
    return group.withNewFields(kept);
  }

  private static Set<String> columns(MessageType schema) {
    Set<String> columns = new HashSet<>();
    schema.getPaths().forEach(p -> columns.add(String.join(".", p)));
    return columns;
  }

  private static boolean isMap(GroupType group) {
    LogicalTypeAnnotation a = group.getLogicalTypeAnnotation();
    return a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a == LogicalTypeAnnotation.MapKeyValueTypeAnnotation.getInstance();
  }

  private static boolean isCollection(GroupType group) {
    return isMap(group) || group.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
  }

  /**
   * The field path of {@code field} in a group at {@code path}: a list's or map's repeated level
   * adds {@code []}, the single-field level inside a list (the element) adds nothing.
   */
  private static String childPath(String path, Type field, boolean inCollection, boolean elide) {
    if (inCollection) {
      return path + "[]";
    }
    if (elide) {
      return path;
    }
    String child = path.isEmpty() ? field.getName() : path + "." + field.getName();
    return field.isRepetition(Type.Repetition.REPEATED) ? child + "[]" : child;
  }

  /** Whether the children of {@code field}, the repeated level of {@code parent}, are elided. */
  private static boolean elides(GroupType parent, Type field) {
    return parent.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && !field.isPrimitive() && field.asGroupType().getFieldCount() == 1;
  }

  private void leaves(GroupType group, String path, List<String> column, String shownColumn,
      boolean elide, Map<List<String>, Leaf> out) {
    boolean collection = isCollection(group);
    for (Type field : group.getFields()) {
      String childPath = childPath(path, field, collection, elide);
      List<String> childColumn = child(column, field);
      String shownName = shown(field.getName());
      String shownChild = shownColumn.isEmpty() ? shownName : shownColumn + "." + shownName;
      if (field.isPrimitive()) {
        out.put(childColumn, new Leaf(childPath, String.join(".", childColumn), shownChild,
            field.asPrimitiveType()));
      } else {
        leaves(field.asGroupType(), childPath, childColumn, shownChild, elides(group, field),
            out);
      }
    }
  }

  /** Receives each leaf value of a record. */
  @FunctionalInterface
  private interface LeafVisitor {
    void accept(Leaf leaf, Group group, int field, int index);
  }

  private static List<String> child(List<String> column, Type field) {
    List<String> child = new ArrayList<>(column);
    child.add(field.getName());
    return List.copyOf(child);
  }

  private static void visit(Group group, String path, List<String> column, boolean elide,
      Map<List<String>, Leaf> leaves, LeafVisitor visitor) {
    GroupType type = group.getType();
    boolean collection = isCollection(type);
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      String childPath = childPath(path, field, collection, elide);
      List<String> childColumn = child(column, field);
      int n = group.getFieldRepetitionCount(i);
      for (int k = 0; k < n; k++) {
        if (field.isPrimitive()) {
          visitor.accept(leaves.get(childColumn), group, i, k);
        } else {
          visit(group.getGroup(i, k), childPath, childColumn, elides(type, field), leaves,
              visitor);
        }
      }
    }
  }

  /**
   * A leaf value as text for plans and ids: strings and UTF-8 bytes, and typed values that have a
   * text form.
   */
  private static String text(Leaf leaf, Group group, int field, int index) {
    PrimitiveType type = leaf.type();
    if (ParquetValues.isString(type)) {
      return group.getBinary(field, index).toStringUsingUTF8();
    }
    if (ParquetValues.isBytes(type)) {
      return ParquetValues.utf8(group.getBinary(field, index).toByteBuffer());
    }
    return ParquetValues.hasText(type) ? ParquetValues.text(group, field, index, type) : null;
  }

  /** One record: its leaf values in the order of the schema. */
  private final class Row extends LeafRecord {
    private final Group group;
    private final List<Value> values = new ArrayList<>();

    Row(Group group, long index) {
      super(index, file, names);
      this.group = group;
      visit(group, "", List.of(), false, leaves, (leaf, g, field, k) -> values.add(
          new Value(leaf, g, field, k)));
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String path(int field) {
      return values.get(field).leaf().path();
    }

    @Override
    public Kind kind(int field) {
      PrimitiveType type = values.get(field).leaf().type();
      return ParquetValues.isString(type) || ParquetValues.isBytes(type) ? Kind.TEXT
          : Kind.TYPED;
    }

    @Override
    public String text(int field) {
      Value v = values.get(field);
      PrimitiveType type = v.leaf().type();
      return ParquetValues.isString(type) ? v.group().getBinary(v.field(), v.index())
          .toStringUsingUTF8()
          : ParquetValues.isBytes(type) ? ParquetValues.bytesText(v.group()
              .getBinary(v.field(), v.index()).toByteBuffer())
          : ParquetValues.hasText(type) ? ParquetValues.text(v.group(), v.field(), v.index(), type)
          : null;
    }

    @Override
    public String sample(int field) {
      Value v = values.get(field);
      return ParquetCodec.text(v.leaf(), v.group(), v.field(), v.index());
    }

    @Override
    public String id(String idField) {
      if (group.getType().containsField(idField)) {
        int i = group.getType().getFieldIndex(idField);
        Leaf leaf = leaves.get(List.of(idField));
        if (leaf != null && group.getFieldRepetitionCount(i) > 0) {
          return ParquetCodec.text(leaf, group, i, 0);
        }
      }
      return null;
    }

    @Override
    public void held(int field) {
      if (data == null) {
        personal.add(values.get(field).leaf().shownColumn());
      }
    }

    @Override
    protected Object copy() {
      Group copy = new SimpleGroup(output);
      copy(group, copy, "", "", false, new int[1]);
      return copy;
    }

    /**
     * Copies {@code in} into {@code out} (the output schema), each leaf value with its result;
     * {@code next} counts the values in the order they were read.
     */
    void copy(Group in, Group out, String path, String column, boolean elide, int[] next) {
      GroupType type = in.getType();
      GroupType outType = out.getType();
      boolean collection = isCollection(type);
      for (int i = 0; i < type.getFieldCount(); i++) {
        Type field = type.getType(i);
        String childPath = childPath(path, field, collection, elide);
        String childColumn = column.isEmpty() ? field.getName() : column + "." + field.getName();
        int n = in.getFieldRepetitionCount(i);
        String shownName = shown(field.getName());
        if (!outType.containsField(shownName)) {
          for (int k = 0; k < n; k++) { // dropped: its values are counted, not copied
            next[0] += field.isPrimitive() ? 1 : count(in.getGroup(i, k));
          }
          continue;
        }
        int o = outType.getFieldIndex(shownName);
        for (int k = 0; k < n; k++) {
          if (field.isPrimitive()) {
            leaf(next[0]++, in, i, k, out, o);
          } else {
            copy(in.getGroup(i, k), out.addGroup(o), childPath, childColumn,
                elides(type, field), next);
          }
        }
      }
      if (isMap(type) && !type.getType(0).isPrimitive()) {
        mapCopied(keys(in), keys(out));
      }
    }

    private void leaf(int value, Group in, int i, int k, Group out, int o) {
      PrimitiveType type = values.get(value).leaf().type();
      if (unchanged(value)) {
        copyValue(in, i, k, out, o, type);
        return;
      }
      boolean required = type.isRepetition(Type.Repetition.REQUIRED);
      // too late to drop the column from the schema: null, or empty text where it is required
      Object empty = ParquetValues.isString(type)
          || type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
          ? Binary.fromString("") : null;
      Object written = written(value, new LeafType<>(!required, empty,
          text -> ParquetValues.value(type, text),
          "required " + type.getPrimitiveTypeName() + " column"));
      if (written != null) {
        ParquetValues.add(out, o, written);
      }
    }
  }

  /** The keys of map {@code map} as text, in order; null for an entry without its key. */
  private static List<String> keys(Group map) {
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < map.getFieldRepetitionCount(0); k++) {
      Group entry = map.getGroup(0, k);
      keys.add(entry.getFieldRepetitionCount(0) == 0 ? null : entry.getValueToString(0, 0));
    }
    return keys;
  }

  /** The leaf values in {@code group}. */
  private static int count(Group group) {
    int n = 0;
    GroupType type = group.getType();
    for (int i = 0; i < type.getFieldCount(); i++) {
      int r = group.getFieldRepetitionCount(i);
      for (int k = 0; k < r; k++) {
        n += type.getType(i).isPrimitive() ? 1 : count(group.getGroup(i, k));
      }
    }
    return n;
  }

  private static void copyValue(Group in, int i, int k, Group out, int o, PrimitiveType type) {
    switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> out.add(o, in.getBinary(i, k));
      case INT96 -> out.add(o, in.getInt96(i, k));
      case INT32 -> out.add(o, in.getInteger(i, k));
      case INT64 -> out.add(o, in.getLong(i, k));
      case BOOLEAN -> out.add(o, in.getBoolean(i, k));
      case FLOAT -> out.add(o, in.getFloat(i, k));
      case DOUBLE -> out.add(o, in.getDouble(i, k));
    }
  }
}
