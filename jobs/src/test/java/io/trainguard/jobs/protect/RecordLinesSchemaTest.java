package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.storage.SerializableConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLinesSchemaTest {

  static SparkSession spark;
  static Broadcast<SerializableConfiguration> conf;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(new Configuration()));
  }

  /** The file's schema as {@link RecordLines#schema} finds it, checked against Spark's. */
  private StructType schema(String name, Format format, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    String uri = file.toUri().toString();
    LongAccumulator read = spark.sparkContext().longAccumulator();
    StructType ours = RecordLines.schema(spark, uri, format, "id", conf, read);
    Dataset<String> lines = RecordLines.lines(spark, uri, format, "id", conf, read);
    Dataset<Row> inferred = spark.read().json(lines);
    if (ours != null) {
      assertThat(ours).isEqualTo(inferred.schema());
      assertThat(spark.read().schema(ours).json(lines).collectAsList())
          .isEqualTo(inferred.collectAsList());
    }
    return ours;
  }

  @Test
  void csvCellsAreTypedAsSparkInfersTheirJson() throws Exception {
    StructType schema = schema("t.csv", Format.CSV, """
        id,long,double,mixed,text,flag,empty,bools,odd,zero,space,Upper,upper
        007,1,1.5,1,x,true,,TRUE,+5,-0,a b,1,2
        008,-22,2,2.5,9,false,,1,.5,0,,,
        ,333333333333333333,1e5,-7,"",False,,false,1.,00,c,3,x
        010,4,-0.0,8,٣,true,,true,٣,1E+3,"d,e",,
        """);
    assertThat(schema.toDDL()).isEqualTo("Upper BIGINT,bools STRING,double DOUBLE,empty STRING,"
        + "flag BOOLEAN,id STRING,long BIGINT,mixed DOUBLE,odd DOUBLE,space STRING,text STRING,"
        + "upper STRING,zero DOUBLE");
  }

  @Test
  void jsonValuesAreTypedAsSparkInfersThem() throws Exception {
    StructType schema = schema("t.jsonl", Format.JSONL, """
        {"id": 7, "n": 1, "f": 1.5, "s": "", "b": true, "m": null, "digits": "12", "o": {"x": 1}, "": 3}
        {"id": "x", "n": 2.0, "f": 2, "s": "y", "b": false, "digits": "13", "a": [1, 2]}
        {"n": -3, "b": null, "late": 1e-3, "e": ""}
        """);
    assertThat(schema).isNotNull();
    assertThat(schema.fieldNames()).doesNotContain("");
  }

  @Test
  void aNumberSparkReadsAsADecimalIsLeftToSparksInference() throws Exception {
    assertThat(schema("big.jsonl", Format.JSONL, """
        {"id": 1, "big": 12345678901234567890123}
        """)).isNull();
    assertThat(schema("big.csv", Format.CSV, "id,big\n1,1234567890123456789\n")).isNull();
  }
}
