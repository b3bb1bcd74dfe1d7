package io.trainguard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A second baseline of {@code bench/e2e}: the identity job a data engineer would write with
 * Spark's DataFrame API, which parses the records that {@link IdentityCopy} copies as lines.
 * CSV is read with its header and every column as a string (no type inference pass); JSON Lines
 * with the schema Spark infers from the first file (one pass over the data, not two). Each
 * format is written back in the same format. Records are not counted here: a counter would
 * turn Spark's internal rows into Java objects, a cost the job would not otherwise have.
 */
public final class DataFrameCopy {

  private DataFrameCopy() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DataFrameCopy INPUT_DIR OUTPUT_DIR");
      System.exit(1);
    }
    Path input = Path.of(args[0]).toAbsolutePath();
    String output = Path.of(args[1]).toAbsolutePath().toString();
    List<String> csv = files(input, ".csv");
    List<String> jsonl = files(input, ".jsonl");
    try (SparkSession spark = IdentityCopy.localSession("trainguard bench dataframe identity")) {
      if (!csv.isEmpty()) {
        Dataset<Row> rows = spark.read().option("header", "true").csv(csv.toArray(String[]::new));
        rows.write().mode(SaveMode.Overwrite).option("header", "true")
            .csv(output + "/csv");
      }
      if (!jsonl.isEmpty()) {
        StructType schema = spark.read().json(jsonl.get(0)).schema();
        Dataset<Row> rows = spark.read().schema(schema).json(jsonl.toArray(String[]::new));
        rows.write().mode(SaveMode.Overwrite).json(output + "/jsonl");
      }
    }
  }

  private static List<String> files(Path dir, String suffix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix))
          .map(Path::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
