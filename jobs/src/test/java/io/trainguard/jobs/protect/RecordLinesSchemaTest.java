package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.storage.SerializableConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The file's schema as {@link RecordLines#schema} finds it, checked against Spark's; when its
   * columns each hold one kind of value, the rows {@link RecordLines#typed} reads are checked
   * against those Spark reads from the JSON lines, value by value (type and bits).
   */
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
      List<Row> spark = RecordLinesSchemaTest.spark.read().schema(ours).json(lines)
          .collectAsList();
      assertThat(spark).isEqualTo(inferred.collectAsList());
      if (direct(name, format)) {
        assertThat(values(RecordLines.typed(JavaSparkContext.fromSparkContext(
            RecordLinesSchemaTest.spark.sparkContext()), uri, format, "id", conf, read, ours)
            .collect())).isEqualTo(values(spark));
      }
    }
    return ours;
  }

  /** Whether the rows of the file {@link #schema} wrote are read without JSON. */
  private boolean direct(String name, Format format) {
    Map<String, Integer> types = RecordLines.types(
        JavaSparkContext.fromSparkContext(spark.sparkContext()),
        dir.resolve(name).toUri().toString(), format, "id", conf,
        spark.sparkContext().longAccumulator());
    return types != null && RecordLines.direct(types);
  }

  /** Each value with its class, doubles by their bits (-0.0 is not 0.0). */
  private static List<List<String>> values(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    for (Row row : rows) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        Object v = row.get(i);
        values.add(v == null ? "null" : v.getClass().getSimpleName() + ":"
            + (v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : v));
      }
      out.add(values);
    }
    return out;
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
  void csvColumnsOfOneKindAreReadAsSparkReadsTheirJson() throws Exception {
    String csv = """
        id,long,double,flag,text,empty,zero,Upper,upper
        007,1,1.5,true,a b,,-0,1,a
        008,-22,2,False,"d,e",,0,,b
        ,333333333333333333,1e5,TRUE,naïve,,-0.0,3,
        010,-0,-0.0,false,٣ x,,+0,4,c
        011,+5,.5,true,"",,00,5,d
        012,٣,0.30000000000000004,false,x,,1E+3,6,e
        013,1,123456789012345678,true,"q ""r"" s",,1.,7,f
        """;
    assertThat(schema("one.csv", Format.CSV, csv).toDDL()).isEqualTo("Upper BIGINT,"
        + "double DOUBLE,empty STRING,flag BOOLEAN,id STRING,long BIGINT,text STRING,"
        + "upper STRING,zero DOUBLE");
    assertThat(direct("one.csv", Format.CSV)).isTrue();
  }

  @Test
  void jsonColumnsOfOneKindAreReadAsSparkReadsThem() throws Exception {
    schema("one.jsonl", Format.JSONL, """
        {"id": 7, "n": 1, "f": 1.5, "s": "", "b": true, "m": null, "digits": "12", "o": {"x": 1}, "": 3}
        {"id": "x", "n": -0, "f": 2, "s": "y", "b": false, "digits": "13", "a": [1, 2]}
        {"n": -3, "f": -0.0, "b": null, "late": 1e-3, "e": "", "s": "ü"}
        {"id": "", "n": 18, "f": 1E+300, "late": 2}
        """);
    assertThat(direct("one.jsonl", Format.JSONL)).isTrue();
  }

  @Test
  void aColumnHoldingTwoKindsOfValueIsReadFromJson() throws Exception {
    schema("text.jsonl", Format.JSONL, "{\"id\": 1, \"t\": \"a\"}\n{\"id\": 2, \"t\": 3}\n");
    assertThat(direct("text.jsonl", Format.JSONL)).isFalse();
    schema("empty.jsonl", Format.JSONL, "{\"id\": 1, \"n\": \"\"}\n{\"id\": 2, \"n\": 3}\n");
    assertThat(direct("empty.jsonl", Format.JSONL)).isFalse();
    schema("bool.csv", Format.CSV, "id,b\n1,true\n2,1\n");
    assertThat(direct("bool.csv", Format.CSV)).isFalse();
  }

  @Test
  void aNumberSparkReadsAsADecimalIsLeftToSparksInference() throws Exception {
    assertThat(schema("big.jsonl", Format.JSONL, """
        {"id": 1, "big": 12345678901234567890123}
        """)).isNull();
    assertThat(schema("big.csv", Format.CSV, "id,big\n1,1234567890123456789\n")).isNull();
  }
}
