package io.trainguard.jobs.parquet;

import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.RecordRedactor;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * Parquet, record by record through parquet-hadoop's example Group API. Leaves are named by field
 * paths as JSON Lines fields are: {@code user.email}, {@code items[].email} (the elements of a
 * list, whatever its physical levels), {@code tags[]}, {@code attrs[].key} / {@code attrs[].value}
 * (a map's entries). Paths are planned from the first {@value ValueProtector#PLAN_SAMPLE_RECORDS}
 * records: a planned string leaf is redacted whole, other string leaves get span detection; a
 * non-string leaf changes only when its name plans it (or Macie does), its result written in the
 * leaf's own type or, when it does not fit, as null (counted). Columns whose policy action is
 * {@code drop_column} leave the output schema; everything else keeps its schema and values.
 */
public final class ParquetRedactor {

  private final ValueProtector protector;
  private final String file;
  private final String idField;
  private final MacieHints macie;
  private final FlaggedRecords flagged;
  /** The sink of the file being redacted, reused value after value. */
  private ValueProtector.CountingSink cells;

  /** {@code flagged}: records the poisoning scan flagged, by id value, and what to do with them. */
  public ParquetRedactor(ValueProtector protector, String file, String idField,
      MacieHints macie, FlaggedRecords flagged) {
    this.protector = protector;
    this.file = file;
    this.idField = idField;
    this.macie = macie;
    this.flagged = flagged;
  }

  /** A leaf column: its field path, its column (dot path of the schema) and type. */
  private record Leaf(String path, String column, PrimitiveType type) {}

  /** The per-file decisions made from the schema and the sampled head of the file. */
  private record Layout(MessageType input, MessageType output, Map<String, Leaf> leaves,
      Map<String, ColumnPlan> plans) {}

  /** A protected record: redacted for data, the original for quarantine, or neither (dropped). */
  private record Protected(Group data, Group quarantine) {}

  /**
   * Reads all of {@code in}. Throws {@link MalformedRecordException} when it is not a readable
   * Parquet file, naming what failed but never a value.
   */
  public void redact(InputFile in, ParquetSinks out, FileStats stats) throws IOException {
    cells = new ValueProtector.CountingSink(stats);
    try (ParquetFileReader reader = open(in)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      Records records = new Records(reader, schema);
      List<Group> head = new ArrayList<>();
      Group record;
      while (head.size() < ValueProtector.PLAN_SAMPLE_RECORDS
          && (record = records.next()) != null) {
        head.add(record);
      }
      Layout layout = layout(schema, head, stats);
      Set<String> personal = new TreeSet<>();
      for (String path : layout.plans().keySet()) {
        layout.leaves().values().stream().filter(l -> l.path().equals(path))
            .forEach(l -> personal.add(l.column()));
      }
      List<Protected> done = new ArrayList<>(head.size());
      long index = 0;
      for (Group g : head) {
        done.add(protect(g, index++, layout, stats, personal));
      }
      head.clear();
      personal.retainAll(columns(layout.output()));
      CompressionCodecName codec = codec(reader);
      ParquetWriter<Group> data = out.data(layout.output(), codec, personal);
      ParquetWriter<Group> quarantine = null;
      Set<String> seenLater = new HashSet<>(); // the keys are chosen: later findings change none
      for (int i = 0; ; i++) {
        Protected p;
        if (i < done.size()) {
          p = done.get(i);
          done.set(i, null);
        } else {
          record = records.next();
          if (record == null) {
            break;
          }
          p = protect(record, index++, layout, stats, seenLater);
        }
        if (p.data() != null) {
          data.write(p.data());
          stats.countWritten();
        } else if (p.quarantine() != null) {
          if (quarantine == null) {
            quarantine = out.quarantine(schema, codec);
          }
          quarantine.write(p.quarantine());
        }
      }
      data.close();
      if (quarantine != null) {
        quarantine.close();
      }
    }
  }

  private ParquetFileReader open(InputFile in) throws MalformedRecordException {
    try {
      return ParquetFileReader.open(in);
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

    Records(ParquetFileReader reader, MessageType schema) {
      this.reader = reader;
      this.schema = schema;
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

  /** The codec of the file's first column chunk (Snappy for a file without any). */
  static CompressionCodecName codec(ParquetFileReader reader) {
    for (BlockMetaData block : reader.getFooter().getBlocks()) {
      if (!block.getColumns().isEmpty()) {
        return block.getColumns().get(0).getCodec();
      }
    }
    return CompressionCodecName.SNAPPY;
  }

  private Layout layout(MessageType schema, List<Group> head, FileStats stats) {
    Map<String, Leaf> leaves = new LinkedHashMap<>();
    leaves(schema, "", "", false, leaves);
    Map<String, List<String>> samples = new HashMap<>();
    for (Group g : head) {
      visit(g, "", "", false, leaves, (leaf, group, field, index) -> {
        String text = text(leaf, group, field, index);
        if (text != null) {
          samples.computeIfAbsent(leaf.path(), p -> new ArrayList<>()).add(text);
        }
      });
    }
    Map<String, ColumnPlan> plans = new HashMap<>();
    Set<String> dropped = new HashSet<>();
    Set<String> planned = new HashSet<>();
    for (Leaf leaf : leaves.values()) {
      String path = leaf.path();
      if (planned.add(path)) {
        boolean string = ParquetValues.isString(leaf.type())
            || ParquetValues.isBytes(leaf.type());
        if (string || ParquetValues.hasText(leaf.type())) {
          List<String> sample = samples.getOrDefault(path, List.of());
          ColumnPlan plan = protector.plan(path, sample)
              // values alone never plan a typed column (ids must not become nulls because their
              // digits look like phone numbers): its name must suggest an entity, or Macie
              .filter(p -> string || ColumnClassifier.hintOf(path) != null)
              .or(() -> macie.plan(path, sample.size())).orElse(null);
          if (plan != null) {
            plans.put(path, plan);
            stats.addPlan(plan);
          }
        }
      }
      if (protector.columnAction(path, plans.get(path)).orElse(null)
          == RecordAction.DROP_COLUMN) {
        dropped.add(leaf.column());
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
    return new Layout(schema, new MessageType(schema.getName(), kept), leaves, plans);
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

  private static void leaves(GroupType group, String path, String column, boolean elide,
      Map<String, Leaf> out) {
    boolean collection = isCollection(group);
    for (Type field : group.getFields()) {
      String childPath = childPath(path, field, collection, elide);
      String childColumn = column.isEmpty() ? field.getName() : column + "." + field.getName();
      if (field.isPrimitive()) {
        out.put(childColumn, new Leaf(childPath, childColumn, field.asPrimitiveType()));
      } else {
        leaves(field.asGroupType(), childPath, childColumn, elides(group, field), out);
      }
    }
  }

  /** Receives each leaf value of a record. */
  @FunctionalInterface
  private interface LeafVisitor {
    void accept(Leaf leaf, Group group, int field, int index);
  }

  private static void visit(Group group, String path, String column, boolean elide,
      Map<String, Leaf> leaves, LeafVisitor visitor) {
    GroupType type = group.getType();
    boolean collection = isCollection(type);
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      String childPath = childPath(path, field, collection, elide);
      String childColumn = column.isEmpty() ? field.getName() : column + "." + field.getName();
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

  private Protected protect(Group in, long index, Layout layout, FileStats stats,
      Set<String> personal) throws IOException {
    stats.countRecord();
    String idValue = null;
    if (idField != null && in.getType().containsField(idField)) {
      int i = in.getType().getFieldIndex(idField);
      Leaf leaf = layout.leaves().get(idField);
      if (leaf != null && in.getFieldRepetitionCount(i) > 0) {
        idValue = text(leaf, in, i, 0);
      }
    }
    RecordAction poisoned = flagged.actionFor(idValue);
    if (poisoned != null) {
      stats.countPoisoningAction();
      if (poisoned == RecordAction.DROP_RECORD) {
        stats.countDropped();
        return new Protected(null, null);
      }
      stats.countQuarantined();
      return new Protected(null, in);
    }
    Walk walk = new Walk(index, RecordRedactor.recordId(file, idValue, "record " + index),
        layout, personal);
    Group out = new SimpleGroup(layout.output());
    walk.copy(in, out, "", "", false);
    if (walk.action == RecordAction.DROP_RECORD) {
      stats.countDropped();
      return new Protected(null, null);
    }
    if (walk.action == RecordAction.QUARANTINE_RECORD) {
      stats.countQuarantined();
      return new Protected(null, in);
    }
    walk.nulled.forEach(stats::countNulled);
    return new Protected(out, null);
  }

  /** One record being copied into the output schema, its leaves protected on the way. */
  private final class Walk {
    private final long index;
    private final String recordId;
    private final Layout layout;
    private final Set<String> personal;
    private final List<String> nulled = new ArrayList<>();
    private RecordAction action;

    Walk(long index, String recordId, Layout layout, Set<String> personal) {
      this.index = index;
      this.recordId = recordId;
      this.layout = layout;
      this.personal = personal;
    }

    void copy(Group in, Group out, String path, String column, boolean elide)
        throws IOException {
      GroupType type = in.getType();
      GroupType outType = out.getType();
      boolean collection = isCollection(type);
      for (int i = 0; i < type.getFieldCount(); i++) {
        Type field = type.getType(i);
        if (!outType.containsField(field.getName())) {
          continue; // dropped
        }
        int o = outType.getFieldIndex(field.getName());
        String childPath = childPath(path, field, collection, elide);
        String childColumn = column.isEmpty() ? field.getName() : column + "." + field.getName();
        int n = in.getFieldRepetitionCount(i);
        for (int k = 0; k < n; k++) {
          if (field.isPrimitive()) {
            leaf(layout.leaves().get(childColumn), in, i, k, out, o);
          } else {
            copy(in.getGroup(i, k), out.addGroup(o), childPath, childColumn,
                elides(type, field));
          }
        }
      }
    }

    private void leaf(Leaf leaf, Group in, int i, int k, Group out, int o) throws IOException {
      PrimitiveType type = leaf.type();
      String path = leaf.path();
      ColumnPlan plan = layout.plans().get(path);
      Set<String> macieEntities = macie.field(index, path);
      boolean string = ParquetValues.isString(type);
      boolean bytes = ParquetValues.isBytes(type);
      if (!string && !bytes && plan == null && macieEntities.isEmpty()
          && !protector.hasColumnOperator(path)) {
        copyValue(in, i, k, out, o, type); // a typed value nothing targets
        return;
      }
      String text = string ? in.getBinary(i, k).toStringUsingUTF8()
          : bytes ? ParquetValues.bytesText(in.getBinary(i, k).toByteBuffer())
          : ParquetValues.hasText(type) ? ParquetValues.text(in, i, k, type) : null;
      if (text == null) {
        unfit(leaf, out, o, "a value without a text form to scan is in"); // fail closed
        return;
      }
      ValueProtector.Outcome outcome;
      try {
        outcome = protector.protectValue(text, path, plan, macieEntities, recordId, cells);
      } catch (RegexBudgetException e) {
        throw new UnscannableValueException("record " + index + ", field " + path, e);
      }
      if (cells.foundAny()) {
        personal.add(leaf.column());
      }
      if (outcome.action() == RecordAction.DROP_COLUMN) {
        // a finding asked for its column to go, too late to drop it from the schema: null, or
        // empty text where the column is required
        if (type.isRepetition(Type.Repetition.REQUIRED)) {
          if (string || type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
            out.add(o, Binary.fromString(""));
          } else {
            unfit(leaf, out, o, "a finding's drop_column cannot empty");
          }
        }
      } else if (outcome.action() != null) {
        action = action == null || outcome.action().compareTo(action) > 0
            ? outcome.action() : action;
        copyValue(in, i, k, out, o, type); // the record goes to quarantine or nowhere
      } else if (outcome.value() == text) {
        copyValue(in, i, k, out, o, type);
      } else if (string) {
        out.add(o, Binary.fromString(outcome.value()));
      } else if (bytes) {
        byte[] result = ParquetValues.bytes(outcome.value());
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
            || result.length == type.getTypeLength()) {
          out.add(o, Binary.fromConstantByteArray(result));
        } else {
          unfit(leaf, out, o, "the operator's result does not fit");
        }
      } else if (!ParquetValues.add(out, o, type, outcome.value())) {
        unfit(leaf, out, o, "the operator's result does not fit");
      }
    }

    /**
     * A value that cannot be written protected: null (counted) when the leaf is optional; a
     * required leaf fails the file, never passing the value through.
     */
    private void unfit(Leaf leaf, Group out, int o, String why) {
      PrimitiveType type = leaf.type();
      if (type.isRepetition(Type.Repetition.REQUIRED)) {
        throw TrainguardException.input("Cannot protect " + file + " at record " + index
            + ", field " + leaf.path() + ": " + why + " its required "
            + type.getPrimitiveTypeName() + " column (use drop_column or an operator that"
            + " keeps the type)");
      }
      nulled.add(leaf.path());
    }
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
