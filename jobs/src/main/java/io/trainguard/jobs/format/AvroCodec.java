package io.trainguard.jobs.format;

import io.trainguard.jobs.TrainguardException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro container files, record by record through Avro's generic API, a {@link RecordCodec}.
 * Leaves are named by field paths as Parquet's are: {@code user.email}, {@code items[].email}
 * (array elements), {@code tags[]}, {@code attrs[].key} / {@code attrs[].value} (a map's keys and
 * values); a union adds nothing (each branch's leaves are at the union's path). Strings and bytes
 * are text; other leaves with a text form (numbers, booleans, enums, dates, timestamps, decimals)
 * are typed: a result is written in the leaf's own type or, when it does not fit, as null where
 * the union allows it (counted); otherwise the file fails. Paths the policy drops leave the
 * output schema (a record, array or union left without leaves goes with them, a map with its
 * keys or values); a value a finding drops is null, or empty text where the type has no null.
 * The output keeps the schema's types, names, logical types and enum symbols (field, record,
 * enum and fixed names, namespaces and enum symbols holding personal data shown as their
 * pseudonyms, {@link PersonalNames}) and the input's compression
 * codec; the schema's docs, defaults, aliases and other properties, and the other header
 * metadata, are not copied: they are free text that can hold personal data. The caller closes
 * the input.
 */
public final class AvroCodec implements RecordCodec {

  private static final Schema KEY = Schema.create(Schema.Type.STRING);
  /** A map key as results are written into it. */
  private static final LeafRecord.LeafType<Object> KEY_TYPE = new LeafRecord.LeafType<>(false, "",
      text -> text, "string map key");

  private final InputStream in;
  private final StreamSinks out;
  private final String file;
  private final FileStats stats;
  private final PersonalNames names;
  private DataFileStream<Object> records;
  private Schema schema;
  private Schema output;
  private String codec;
  /** How each path is planned: the most text-like of the leaves found at it. */
  private final Map<String, Typing> typings = new HashMap<>();
  private DataFileWriter<Object> data;
  private DataFileWriter<Object> quarantine;
  private long index;

  /**
   * {@code file} names the input in messages; {@code stats} counts values written as null
   * because a result did not fit; field names are shown by {@code names} (null: as they are).
   */
  public AvroCodec(InputStream in, StreamSinks out, String file, FileStats stats,
      PersonalNames names) {
    this.in = new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller hashes what is left of the input, then closes it
      }
    };
    this.out = out;
    this.file = file;
    this.stats = stats;
    this.names = names;
  }

  /**
   * Reads the header. Throws {@link MalformedRecordException} when it is not a readable Avro
   * container file, naming what failed but never a value.
   */
  @Override
  public List<String> open() throws IOException {
    try {
      records = new DataFileStream<>(in, new OrderedReader());
    } catch (IOException | RuntimeException e) {
      // Avro's own messages may quote bytes of the file: name the part only.
      throw new MalformedRecordException("the header: not an Avro container file, truncated,"
          + " corrupt or of an unknown codec");
    }
    schema = records.getSchema();
    String name = records.getMetaString(DataFileConstants.CODEC);
    codec = name == null ? DataFileConstants.NULL_CODEC : name;
    Map<String, Typing> declared = new LinkedHashMap<>();
    declare(schema, "", Collections.newSetFromMap(new IdentityHashMap<>()), declared);
    declared.forEach(this::typed);
    return List.copyOf(declared.keySet());
  }

  /** The leaf paths of {@code s} at {@code path}; a record already being declared adds none. */
  private static void declare(Schema s, String path, Set<Schema> open, Map<String, Typing> out) {
    switch (s.getType()) {
      case RECORD -> {
        if (open.add(s)) {
          s.getFields().forEach(f -> declare(f.schema(), child(path, f.name()), open, out));
          open.remove(s);
        }
      }
      case UNION -> s.getTypes().forEach(b -> declare(b, path, open, out));
      case ARRAY -> declare(s.getElementType(), path + "[]", open, out);
      case MAP -> {
        out.merge(path + "[].key", Typing.TEXT, AvroCodec::moreTextual);
        declare(s.getValueType(), path + "[].value", open, out);
      }
      default -> out.merge(leafPath(path), AvroValues.typing(s), AvroCodec::moreTextual);
    }
  }

  private void typed(String path, Typing typing) {
    typings.merge(path, typing, AvroCodec::moreTextual);
  }

  private static Typing moreTextual(Typing a, Typing b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A leaf's path: a file whose records are bare values has them at {@code $}. */
  private static String leafPath(String path) {
    return path.isEmpty() ? "$" : path;
  }

  @Override
  public Typing typing(String path) {
    return typings.getOrDefault(path, Typing.NONE);
  }

  @Override
  public RecordCodec.Record next() throws IOException {
    Object datum;
    try {
      if (!records.hasNext()) {
        return null;
      }
      datum = records.next();
    } catch (RuntimeException e) {
      throw new MalformedRecordException("record " + index + ": corrupt or truncated data");
    }
    return new Row(datum, index++);
  }

  @Override
  public void layout(Set<String> dropped, Set<String> planned) {
    Map<String, Schema> namedTypes = new HashMap<>();
    names(schema, namedTypes, Collections.newSetFromMap(new IdentityHashMap<>()));
    output = new OutputSchema(dropped, new HashSet<>(namedTypes.keySet())).of(schema, "");
    if (output == null) {
      throw TrainguardException.input("Cannot protect " + file
          + ": the policy drops every field");
    }
  }

  /** Every named type's full name in {@code s}. */
  private static void names(Schema s, Map<String, Schema> out, Set<Schema> seen) {
    if (!seen.add(s)) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        out.put(s.getFullName(), s);
        s.getFields().forEach(f -> names(f.schema(), out, seen));
      }
      case ENUM, FIXED -> out.put(s.getFullName(), s);
      case UNION -> s.getTypes().forEach(b -> names(b, out, seen));
      case ARRAY -> names(s.getElementType(), out, seen);
      case MAP -> names(s.getValueType(), out, seen);
      default -> { }
    }
  }

  /**
   * The output schema: dropped leaves removed, field names shown, named types kept unique, and
   * nothing but what reading the data needs.
   */
  private final class OutputSchema {
    private final Set<String> dropped;
    private final Set<String> taken;
    private final Map<String, List<Schema>> made = new HashMap<>();
    private final Map<Schema, Schema> building = new IdentityHashMap<>();

    OutputSchema(Set<String> dropped, Set<String> taken) {
      this.dropped = dropped;
      this.taken = taken;
    }

    /** {@code s} at {@code path} as written; null when none of its leaves is left. */
    Schema of(Schema s, String path) {
      return switch (s.getType()) {
        case RECORD -> record(s, path);
        case UNION -> {
          List<Schema> branches = new ArrayList<>();
          for (Schema b : s.getTypes()) {
            Schema o = of(b, path);
            if (o == null) {
              yield null; // a union is written whole or not at all
            }
            branches.add(o);
          }
          yield Schema.createUnion(branches);
        }
        case ARRAY -> {
          Schema element = of(s.getElementType(), path + "[]");
          yield element == null ? null : Schema.createArray(element);
        }
        case MAP -> {
          Schema value = of(s.getValueType(), path + "[].value");
          yield value == null || dropped.contains(path + "[].key") ? null
              : Schema.createMap(value);
        }
        default -> dropped.contains(leafPath(path)) ? null : leaf(s);
      };
    }

    private Schema record(Schema s, String path) {
      Schema recursive = building.get(s);
      if (recursive != null) {
        return recursive; // deeper values of a recursive type keep its fields
      }
      Schema copy = Schema.createRecord(shown(s.getName()), null, shownNamespace(s),
          s.isError());
      building.put(s, copy);
      List<Schema.Field> fields = new ArrayList<>();
      for (Schema.Field f : s.getFields()) {
        Schema o = of(f.schema(), child(path, f.name()));
        if (o != null) {
          fields.add(field(f, shown(f.name()), o));
        }
      }
      building.remove(s);
      if (fields.isEmpty()) {
        return null;
      }
      copy.setFields(fields);
      return unique(copy);
    }

    /**
     * {@code copy}, or an equal record made before; a record that differs from the one of the
     * same name made before (other fields dropped under another path) gets a name of its own.
     */
    private Schema unique(Schema copy) {
      List<Schema> same = made.computeIfAbsent(copy.getFullName(), n -> new ArrayList<>());
      for (Schema s : same) {
        if (s.equals(copy)) {
          return s;
        }
      }
      Schema result = copy;
      if (!same.isEmpty()) {
        String name = copy.getName();
        int n = 2;
        while (taken.contains(fullName(copy.getNamespace(), name + "_" + n))) {
          n++;
        }
        result = Schema.createRecord(name + "_" + n, null, copy.getNamespace(),
            copy.isError(), copy.getFields().stream().map(f -> field(f, f.name(), f.schema()))
                .toList());
        taken.add(result.getFullName());
      }
      same.add(result);
      return result;
    }

    private static String fullName(String namespace, String name) {
      return namespace == null || namespace.isEmpty() ? name : namespace + "." + name;
    }

    /** Field {@code f} named {@code name} of type {@code s}, without doc or default. */
    private static Schema.Field field(Schema.Field f, String name, Schema s) {
      return new Schema.Field(name, s, null, null, f.order());
    }

    /**
     * Leaf type {@code s} with its logical type, without doc or other properties; its name,
     * namespace and enum symbols shown.
     */
    private Schema leaf(Schema s) {
      Schema copy = switch (s.getType()) {
        case ENUM -> Schema.createEnum(shown(s.getName()), null, shownNamespace(s),
            s.getEnumSymbols().stream().map(AvroCodec.this::shown).toList(),
            s.getEnumDefault() == null ? null : shown(s.getEnumDefault()));
        case FIXED -> Schema.createFixed(shown(s.getName()), null, shownNamespace(s),
            s.getFixedSize());
        default -> Schema.create(s.getType());
      };
      return s.getLogicalType() == null ? copy : s.getLogicalType().addToSchema(copy);
    }
  }

  /** A field, type or enum symbol name as the output shows it. */
  private String shown(String name) {
    return names == null ? name : names.field(name);
  }

  /** The namespace of named type {@code s} as the output shows it. */
  private String shownNamespace(Schema s) {
    return s.getNamespace() == null ? null : shown(s.getNamespace());
  }

  @Override
  public void writeData(RecordCodec.Record record) throws IOException {
    Row row = (Row) record;
    try {
      opened().append(row.copied());
    } catch (DataFileWriter.AppendWriteException e) { // never Avro's message: it may quote values
      throw new IllegalStateException("Cannot write " + row.position() + " of " + file
          + " in its schema");
    }
    row.countNulled(stats);
  }

  /** The record with the input schema and values, unchanged. */
  @Override
  public void writeQuarantine(RecordCodec.Record record) throws IOException {
    opened();
    if (quarantine == null) {
      quarantine = writer(schema, out.quarantine());
    }
    quarantine.append(((Row) record).datum);
  }

  private DataFileWriter<Object> opened() throws IOException {
    if (data == null) {
      data = writer(output, out.data());
    }
    return data;
  }

  private DataFileWriter<Object> writer(Schema s, java.io.OutputStream stream)
      throws IOException {
    return new DataFileWriter<>(new GenericDatumWriter<>(s))
        .setCodec(CodecFactory.fromString(codec)).create(s, stream);
  }

  @Override
  public void finish() throws IOException {
    opened().close();
    if (quarantine != null) {
      quarantine.close();
    }
  }

  /** Reads maps as their entries in the order stored, duplicates kept, so they write back alike. */
  private static final class OrderedReader extends GenericDatumReader<Object> {
    OrderedReader() {
      super(new GenericData().setFastReaderEnabled(false)); // the fast reader makes HashMaps
    }

    @Override
    protected Object newMap(Object old, int size) {
      return new Entries();
    }

    @Override
    protected void addToMap(Object map, Object key, Object value) {
      ((Entries) map).entries.add(new AbstractMap.SimpleEntry<>(key, value));
    }
  }

  /** A map's entries in order, duplicates kept (Avro's writer reads a map through its entries). */
  private static final class Entries extends AbstractMap<Object, Object> {
    final List<Map.Entry<Object, Object>> entries = new ArrayList<>();

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<Object, Object>> iterator() {
          return entries.iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }
  }

  /** One leaf value of a record: its path, schema, value, and the union it is a branch of. */
  private record Value(String path, Schema schema, Object datum, Schema union) {}

  /** The leaf values of {@code datum} of schema {@code s} at {@code path}, in order. */
  private static void visit(Object datum, Schema s, String path, Schema union, List<Value> out) {
    switch (s.getType()) {
      case UNION -> visit(datum, s.getTypes().get(GenericData.get().resolveUnion(s, datum)), path,
          s, out);
      case RECORD -> {
        IndexedRecord r = (IndexedRecord) datum;
        for (Schema.Field f : s.getFields()) {
          visit(r.get(f.pos()), f.schema(), child(path, f.name()), null, out);
        }
      }
      case ARRAY -> {
        for (Object e : (Collection<?>) datum) {
          visit(e, s.getElementType(), path + "[]", null, out);
        }
      }
      case MAP -> {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
          out.add(new Value(path + "[].key", KEY, e.getKey(), null));
          visit(e.getValue(), s.getValueType(), path + "[].value", null, out);
        }
      }
      default -> out.add(new Value(leafPath(path), s, datum, union));
    }
  }

  private static boolean isLeaf(Schema s) {
    return switch (s.getType()) {
      case RECORD, UNION, ARRAY, MAP -> false;
      default -> true;
    };
  }

  private static boolean nullable(Schema union) {
    return union != null && union.getTypes().stream()
        .anyMatch(b -> b.getType() == Schema.Type.NULL);
  }

  /** One record: its leaf values in the order of the schema. */
  private final class Row extends LeafRecord {
    private final Object datum;
    private final List<Value> values = new ArrayList<>();

    Row(Object datum, long index) {
      super(index, file, names);
      this.datum = datum;
      visit(datum, schema, "", null, values);
      for (Value v : values) {
        if (!typings.containsKey(v.path())) { // below a recursive type
          typed(v.path(), AvroValues.typing(v.schema()));
        }
      }
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
      return AvroValues.kind(values.get(field).schema());
    }

    @Override
    public String text(int field) {
      Value v = values.get(field);
      return AvroValues.text(v.schema(), v.datum());
    }

    @Override
    public String sample(int field) {
      Value v = values.get(field);
      return AvroValues.sample(v.schema(), v.datum());
    }

    @Override
    protected Object copy() {
      return copy(datum, schema, output, new int[1]);
    }

    /**
     * {@code in} of schema {@code s} as a value of the output schema {@code o}, each leaf with its
     * result; {@code next} counts the leaf values in the order they were read.
     */
    Object copy(Object in, Schema s, Schema o, int[] next) {
      switch (s.getType()) {
        case UNION -> {
          int b = GenericData.get().resolveUnion(s, in);
          Schema branch = s.getTypes().get(b);
          return isLeaf(branch) ? leaf(next[0]++, in, o.getTypes().get(b), o)
              : copy(in, branch, o.getTypes().get(b), next);
        }
        case RECORD -> {
          IndexedRecord r = (IndexedRecord) in;
          GenericData.Record copy = new GenericData.Record(o);
          for (Schema.Field f : s.getFields()) {
            Schema.Field kept = o.getField(shown(f.name()));
            if (kept == null) { // dropped: its values are counted, not copied
              List<Value> skipped = new ArrayList<>();
              visit(r.get(f.pos()), f.schema(), "", null, skipped);
              next[0] += skipped.size();
            } else {
              copy.put(kept.pos(), copy(r.get(f.pos()), f.schema(), kept.schema(), next));
            }
          }
          return copy;
        }
        case ARRAY -> {
          Collection<?> elements = (Collection<?>) in;
          List<Object> copy = new ArrayList<>(elements.size());
          for (Object e : elements) {
            copy.add(copy(e, s.getElementType(), o.getElementType(), next));
          }
          return copy;
        }
        case MAP -> {
          Entries copy = new Entries();
          List<String> read = new ArrayList<>();
          List<String> written = new ArrayList<>();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) in).entrySet()) {
            int k = next[0]++;
            Object key = unchanged(k) ? e.getKey() : written(k, KEY_TYPE);
            read.add(e.getKey().toString());
            written.add(key.toString());
            copy.entries.add(new AbstractMap.SimpleEntry<>(key,
                copy(e.getValue(), s.getValueType(), o.getValueType(), next)));
          }
          mapCopied(read, written);
          return copy;
        }
        default -> {
          return leaf(next[0]++, in, o, null);
        }
      }
    }

    /** Leaf value {@code value} in its output type {@code o}, a branch of {@code union}. */
    private Object leaf(int value, Object in, Schema o, Schema union) {
      if (unchanged(value)) {
        return o.getType() == Schema.Type.ENUM // its symbol as shown, at the same ordinal
            ? new GenericData.EnumSymbol(o, o.getEnumSymbols().get(((GenericEnumSymbol<?>) in)
                .getSchema().getEnumOrdinal(in.toString())))
            : in;
      }
      // too late to drop a field from the schema: null, or empty text where there is none
      Object empty = o.getType() == Schema.Type.STRING
          || (o.getType() == Schema.Type.BYTES && o.getLogicalType() == null)
          ? AvroValues.value(o, "") : null;
      return written(value, new LeafType<>(nullable(union), empty,
          text -> AvroValues.value(o, text), o.getType().getName() + " field without null"));
    }
  }
}
