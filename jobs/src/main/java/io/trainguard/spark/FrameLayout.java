package io.trainguard.spark;

import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.redaction.RecordAction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A frame's protected shape, decided on the driver from its schema and first rows: the plan of
 * each leaf path (named as for Parquet: {@code user.email}, {@code items[].email},
 * {@code attrs[].key}), the output schema without the columns the policy drops, and the leaf
 * paths that may hold null.
 */
record FrameLayout(StructType input, StructType output, Map<String, ColumnPlan> plans,
    Set<String> nullable) implements Serializable {

  /** The layout of {@code schema} from {@code head}, its first rows. */
  static FrameLayout of(StructType schema, List<Row> head, ValueProtector protector) {
    Map<String, DataType> leaves = new LinkedHashMap<>();
    Set<String> nullable = new HashSet<>();
    leaves(schema, "", true, leaves, nullable);
    Map<String, List<String>> samples = new HashMap<>();
    for (Row row : head) {
      sample(row, schema, "", samples);
    }
    Map<String, ColumnPlan> plans = new LinkedHashMap<>();
    leaves.forEach((path, type) -> {
      if (SparkValues.hasText(type)) {
        boolean text = SparkValues.isText(type);
        protector.plan(path, samples.getOrDefault(path, List.of()))
            // values alone never plan a typed column: its name must suggest an entity
            .filter(p -> text || ColumnClassifier.hintOf(path) != null)
            .ifPresent(p -> plans.put(path, p));
      }
    });
    StructType output = (StructType) prune(schema, "", plans, protector);
    if (output == null) {
      throw TrainguardException.input("Cannot protect the frame: the policy drops every column");
    }
    return new FrameLayout(schema, output, plans, nullable);
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static void leaves(DataType type, String path, boolean canBeNull,
      Map<String, DataType> out, Set<String> nullable) {
    if (type instanceof StructType struct) {
      for (StructField f : struct.fields()) {
        leaves(f.dataType(), child(path, f.name()), f.nullable(), out, nullable);
      }
    } else if (type instanceof ArrayType array) {
      leaves(array.elementType(), path + "[]", array.containsNull(), out, nullable);
    } else if (type instanceof MapType map) {
      leaves(map.keyType(), path + "[].key", false, out, nullable);
      leaves(map.valueType(), path + "[].value", map.valueContainsNull(), out, nullable);
    } else {
      out.put(path, type);
      if (canBeNull) {
        nullable.add(path);
      }
    }
  }

  private static void sample(Object value, DataType type, String path,
      Map<String, List<String>> out) {
    if (value == null) {
      return;
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      StructField[] fields = struct.fields();
      for (int i = 0; i < fields.length; i++) {
        sample(row.get(i), fields[i].dataType(), child(path, fields[i].name()), out);
      }
    } else if (type instanceof ArrayType array) {
      for (Object e : CollectionConverters.asJava((scala.collection.Iterable<?>) value)) {
        sample(e, array.elementType(), path + "[]", out);
      }
    } else if (type instanceof MapType map) {
      CollectionConverters.asJava((scala.collection.Map<?, ?>) value).forEach((k, v) -> {
        sample(k, map.keyType(), path + "[].key", out);
        sample(v, map.valueType(), path + "[].value", out);
      });
    } else if (SparkValues.hasText(type)) {
      out.computeIfAbsent(path, p -> new ArrayList<>()).add(SparkValues.text(value));
    }
  }

  /** {@code type} without the fields the policy drops; null when nothing is left. */
  private static DataType prune(DataType type, String path, Map<String, ColumnPlan> plans,
      ValueProtector protector) {
    if (type instanceof StructType struct) {
      List<StructField> kept = new ArrayList<>();
      for (StructField f : struct.fields()) {
        DataType k = prune(f.dataType(), child(path, f.name()), plans, protector);
        if (k != null) {
          kept.add(new StructField(f.name(), k, f.nullable(), f.metadata()));
        }
      }
      return kept.isEmpty() ? null : new StructType(kept.toArray(StructField[]::new));
    } else if (type instanceof ArrayType array) {
      DataType element = prune(array.elementType(), path + "[]", plans, protector);
      return element == null ? null : new ArrayType(element, array.containsNull());
    } else if (type instanceof MapType map) {
      DataType key = prune(map.keyType(), path + "[].key", plans, protector);
      DataType value = prune(map.valueType(), path + "[].value", plans, protector);
      return key == null || value == null ? null
          : new MapType(key, value, map.valueContainsNull());
    }
    return protector.columnAction(path, plans.get(path)).orElse(null) == RecordAction.DROP_COLUMN
        ? null : type;
  }
}
