package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The flag rows every detector returns: {@code record_id}, {@code score}, {@code reasons}. */
final class Flags {

  static final String RECORD_ID = "record_id";
  static final String SCORE = "score";
  static final String REASONS = "reasons";
  static final StructType SCHEMA = new StructType()
      .add(RECORD_ID, DataTypes.StringType, false)
      .add(SCORE, DataTypes.DoubleType, false)
      .add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  private Flags() {}

  static Dataset<Row> empty(SparkSession spark) {
    return spark.createDataFrame(List.of(), SCHEMA);
  }

  /** The flags as a frame of flag rows. */
  static Dataset<Row> frame(SparkSession spark, List<PoisoningReport.Flag> flags) {
    List<Row> rows = flags.stream()
        .map(f -> RowFactory.create(f.recordId(), f.score(), f.reasons())).toList();
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** {@code detector:col1,col2}: names columns, never values. */
  static String reason(String detector, List<String> columns) {
    return detector + ":" + String.join(",", columns);
  }

  /** Projects to the flag schema with one reason for every row. */
  static Dataset<Row> of(Dataset<Row> rows, Column id, Column score, String reason) {
    return rows.select(id.cast("string").as(RECORD_ID), score.cast("double").as(SCORE),
        array(lit(reason)).as(REASONS));
  }

  static Column idOf(PoisoningConfig config) {
    return col(config.idColumn()).cast("string");
  }
}
