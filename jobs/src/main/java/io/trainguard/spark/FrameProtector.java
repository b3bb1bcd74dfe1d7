package io.trainguard.spark;

import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.redaction.RecordAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Protects the rows of one partition of a frame: each becomes {@code (data, null)} with its
 * leaves protected, {@code (null, original)} when the policy quarantines it, or nothing when it
 * drops it. The partition's counts go to the stats accumulator once it is done.
 */
final class FrameProtector implements FlatMapFunction<Iterator<Row>, Row> {

  private final Broadcast<ValueProtector> shared;
  private final FrameLayout layout;
  private final StatsAccumulator stats;
  /** The top-level column whose value identifies a row for per-record operators, or null. */
  private final String idColumn;

  FrameProtector(Broadcast<ValueProtector> shared, FrameLayout layout, StatsAccumulator stats,
      String idColumn) {
    this.shared = shared;
    this.layout = layout;
    this.stats = stats;
    this.idColumn = idColumn;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ValueProtector protector = shared.value().forTask();
    FileStats counts = new FileStats();
    ValueProtector.CountingSink cells = new ValueProtector.CountingSink(counts);
    List<Row> out = new ArrayList<>();
    int partition = org.apache.spark.TaskContext.getPartitionId();
    int id = idColumn == null ? -1 : layout.input().fieldIndex(idColumn);
    long index = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      counts.countRecord();
      Object idValue = id < 0 ? null : row.get(id);
      String recordId = idValue != null && !SparkValues.text(idValue).isEmpty()
          ? SparkValues.text(idValue) : "partition " + partition + " row " + index;
      Walk walk = new Walk(protector, cells, index++, recordId);
      Object data = walk.value(row, layout.input(), layout.output(), "");
      if (walk.action == RecordAction.DROP_RECORD) {
        counts.countDropped();
      } else if (walk.action == RecordAction.QUARANTINE_RECORD) {
        counts.countQuarantined();
        out.add(RowFactory.create(null, row));
      } else {
        walk.nulled.forEach(counts::countNulled);
        counts.countWritten();
        out.add(RowFactory.create(data, null));
      }
    }
    stats.add(counts);
    return out.iterator();
  }

  /** One row being copied into the output schema, its leaves protected on the way. */
  private final class Walk {
    private final ValueProtector protector;
    private final ValueProtector.CountingSink cells;
    private final long index;
    private final String recordId;
    private final List<String> nulled = new ArrayList<>();
    private RecordAction action;

    Walk(ValueProtector protector, ValueProtector.CountingSink cells, long index,
        String recordId) {
      this.protector = protector;
      this.cells = cells;
      this.index = index;
      this.recordId = recordId;
    }

    Object value(Object value, DataType in, DataType out, String path) {
      if (value == null) {
        return null;
      }
      if (in instanceof StructType struct) {
        Row row = (Row) value;
        StructType outStruct = (StructType) out;
        Object[] values = new Object[outStruct.fields().length];
        for (int o = 0; o < values.length; o++) {
          StructField field = outStruct.fields()[o];
          int i = struct.fieldIndex(field.name());
          values[o] = value(row.get(i), struct.fields()[i].dataType(), field.dataType(),
              path.isEmpty() ? field.name() : path + "." + field.name());
        }
        return RowFactory.create(values);
      }
      if (in instanceof ArrayType array) {
        List<Object> elements = new ArrayList<>();
        for (Object e : CollectionConverters.asJava((scala.collection.Iterable<?>) value)) {
          elements.add(value(e, array.elementType(), ((ArrayType) out).elementType(),
              path + "[]"));
        }
        return CollectionConverters.asScala(elements).toSeq();
      }
      if (in instanceof MapType map) {
        MapType outMap = (MapType) out;
        Map<Object, Object> entries = new LinkedHashMap<>();
        CollectionConverters.asJava((scala.collection.Map<?, ?>) value).forEach((k, v) ->
            entries.put(value(k, map.keyType(), outMap.keyType(), path + "[].key"),
                value(v, map.valueType(), outMap.valueType(), path + "[].value")));
        return CollectionConverters.asScala(entries);
      }
      return leaf(value, in, path);
    }

    private Object leaf(Object value, DataType type, String path) {
      ColumnPlan plan = layout.plans().get(path);
      if (!SparkValues.isText(type) && plan == null && !protector.hasColumnOperator(path)) {
        return value; // a typed value nothing targets
      }
      if (!SparkValues.hasText(type)) {
        return unfit(path, "a value without a text form to scan is in");
      }
      String text = SparkValues.text(value);
      ValueProtector.Outcome outcome;
      try {
        outcome = protector.protectValue(text, path, plan, Set.of(), recordId, cells);
      } catch (RegexBudgetException e) {
        throw TrainguardException.input("Cannot scan the frame at " + new UnscannableValueException(
            "row " + index + " of partition " + org.apache.spark.TaskContext.getPartitionId() + ", field " + path, e).getMessage());
      }
      if (outcome.action() == RecordAction.DROP_COLUMN) {
        return unfit(path, "a finding's drop_column cannot empty"); // too late to drop it
      }
      if (outcome.action() != null) {
        action = action == null || outcome.action().compareTo(action) > 0
            ? outcome.action() : action;
        return value; // the row goes to quarantine or nowhere
      }
      if (outcome.value() == text) {
        return value;
      }
      Object result = SparkValues.parse(outcome.value(), type, value);
      return result != null ? result : unfit(path, "the operator's result does not fit");
    }

    /**
     * A value that cannot be written protected: null, counted; a non-nullable leaf fails the
     * frame rather than passing the value through.
     */
    private Object unfit(String path, String why) {
      if (!nullable(path)) {
        throw TrainguardException.input("Cannot protect the frame at field " + path + ": " + why
            + " its non-nullable column (use drop_column or an operator that keeps the type)");
      }
      nulled.add(path);
      return null;
    }

    /** Whether the leaf at {@code path} may hold null in the output schema. */
    private boolean nullable(String path) {
      return layout.nullable().contains(path);
    }
  }
}
