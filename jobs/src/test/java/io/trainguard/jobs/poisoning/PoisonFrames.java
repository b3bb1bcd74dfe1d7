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

/** Generated poisoned datasets as Spark frames, and flag collection helpers for tests. */
final class PoisonFrames {

  private PoisonFrames() {}

  static Dataset<Row> frame(PoisonedDataset data) {
    StructType schema = new StructType();
    List<Object> first = data.rows().get(0);
    for (int c = 0; c < data.columns().size(); c++) {
      Object v = first.get(c);
      DataType type = v instanceof Integer ? DataTypes.IntegerType
          : v instanceof Double ? DataTypes.DoubleType : DataTypes.StringType;
      schema = schema.add(data.columns().get(c), type, true);
    }
    List<Row> rows = data.rows().stream().map(r -> RowFactory.create(r.toArray())).toList();
    return SparkTestSession.get().createDataFrame(rows, schema);
  }

  static Dataset<Row> frame(StructType schema, List<Row> rows) {
    return SparkTestSession.get().createDataFrame(rows, schema);
  }
}
