package io.trainguard.jobs.poisoning;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.samples.poison.PoisonedDataset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Generated poisoned datasets as Spark frames (a column of whole and decimal numbers: double), and flag collection helpers for tests. */
final class PoisonFrames {

  private PoisonFrames() {}

  static Dataset<Row> frame(PoisonedDataset data) {
    StructType schema = new StructType();
    for (int c = 0; c < data.columns().size(); c++) {
      int column = c;
      List<Object> values = data.rows().stream().map(r -> r.get(column)).toList();
      DataType type = values.stream().anyMatch(v -> v instanceof String) ? DataTypes.StringType
          : values.stream().anyMatch(v -> v instanceof Double) ? DataTypes.DoubleType
          : DataTypes.IntegerType;
      schema = schema.add(data.columns().get(c), type, true);
    }
    StructType types = schema;
    List<Row> rows = data.rows().stream().map(r -> {
      Object[] values = r.toArray();
      for (int c = 0; c < values.length; c++) {
        if (values[c] instanceof Integer i && types.fields()[c].dataType() == DataTypes.DoubleType) {
          values[c] = i.doubleValue();
        }
      }
      return RowFactory.create(values);
    }).toList();
    return SparkTestSession.get().createDataFrame(rows, schema);
  }

  static Dataset<Row> frame(StructType schema, List<Row> rows) {
    return SparkTestSession.get().createDataFrame(rows, schema);
  }
}
