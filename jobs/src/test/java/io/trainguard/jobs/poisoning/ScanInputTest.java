package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SizeEstimator;
import org.junit.jupiter.api.Test;

class ScanInputTest {

  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, true)
      .add("label", DataTypes.BooleanType, true)
      .add("count", DataTypes.IntegerType, true)
      .add("note", DataTypes.StringType, true)
      .add("amount", DataTypes.DoubleType, true)
      .add("code", DataTypes.LongType, true)
      .add("big", DataTypes.LongType, true);

  /** Values Spark's casts treat alike and apart: nulls, signs, NaN, -0.0, long edges, text. */
  private static List<Row> rows(int n) {
    Object[][] values = {
        {7L, true, 3, "Ｆｕｌｌ\u200Bwidth  ﬁne\tTEXT", 1.5, 12L, Long.MAX_VALUE},
        {-8L, false, null, null, -0.0, null, Long.MIN_VALUE},
        {null, null, -2, "", Double.NaN, -3L, 1L << 53},
        {0L, true, Integer.MIN_VALUE, " a ", Double.NEGATIVE_INFINITY, 0L, (1L << 53) + 1},
        {9_007_199_254_740_993L, false, 0, "x", null, 42L, null},
    };
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = values[i % values.length].clone();
      row[0] = row[0] == null ? null : (Long) row[0] + i;
      out.add(RowFactory.create(row));
    }
    return out;
  }

  /** Each value with its class, doubles by their bits. */
  private static List<String> values(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length(); i++) {
        Object v = row.get(i);
        line.append(v == null ? "null" : v.getClass().getSimpleName() + ":"
            + (v instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : v))
            .append('|');
      }
      out.add(line.toString());
    }
    return out;
  }

  @Test
  void rowsConvertedInJavaEqualSparksCastsAcrossBlocks() {
    SparkSession spark = SparkTestSession.get();
    PoisoningConfig config = PoisoningConfig.of("id", "label")
        .withTextColumns(List.of("note", "code"));
    // One partition of more than two blocks, as the scan reads a file.
    int n = 2 * ScanInput.BLOCK + 3;
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows(n), 1);
    assertThat(ScanInput.converts(SCHEMA, config)).isTrue();
    ScanInput java = ScanInput.of(rdd, SCHEMA, config);
    ScanInput cast = ScanInput.of(spark.createDataFrame(rdd, SCHEMA), config);
    try {
      assertThat(java.features()).containsExactly("count", "amount", "code", "big");
      assertThat(cast.features()).isEqualTo(java.features());
      List<String> byJava = values(java.rows().collect());
      assertThat(byJava).hasSize(n).isEqualTo(values(cast.rows().collect()));
      assertThat(byJava.get(0)).isEqualTo("String:true|Double:4008000000000000|"
          + "Double:3ff8000000000000|Double:4028000000000000|Double:43e0000000000000|"
          + "String:fullwidth fine text 12|"
          + "String:7|");
      assertThat(byJava.get(1)).isEqualTo("String:false|null|Double:8000000000000000|null|"
          + "Double:c3e0000000000000|String:|String:-7|");
      assertThat(java.labels()).containsOnlyKeys("true", "false", null)
          .containsEntry("true", 3278L).containsEntry(null, 1639L);
    } finally {
      java.release();
      cast.release();
    }
  }

  @Test
  void aKeptBlockSizesItselfAtLeastAsLargeAsSparkFindsItsParts() throws IllegalAccessException {
    // label, two features, text, id: distinct texts, repeated labels, ids of several lengths
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ScanInput.BLOCK; i++) {
      rows.add(new GenericRow(new Object[] {i % 3 == 0 ? "gold" : "bronze", 1.5 * i,
          i % 5 == 0 ? null : (double) i, i % 7 == 0 ? null : "note number " + i + " é",
          "id-" + i}));
    }
    ScanInput.Block block = ScanInput.Block.of(rows.iterator(), 2, true).next();
    List<Object> parts = new ArrayList<>();
    for (Field field : ScanInput.Block.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
        field.setAccessible(true);
        parts.add(field.get(block));
      }
    }
    long walked = SizeEstimator.estimate(parts.toArray());

    assertThat(SizeEstimator.estimate(block)).isEqualTo(block.estimatedSize());
    assertThat(block.estimatedSize()).isBetween(walked, 2 * walked);
  }

  @Test
  void onlyTypesJavaWritesAsSparkCastsAreConverted() {
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("note"));
    assertThat(ScanInput.converts(SCHEMA, config)).isTrue();
    assertThat(ScanInput.converts(SCHEMA, PoisoningConfig.of("id", "amount"))).isFalse();
    assertThat(ScanInput.converts(SCHEMA, config.withTextColumns(List.of("amount")))).isFalse();
    assertThat(ScanInput.converts(SCHEMA, config.withFeatureColumns(List.of("note"))))
        .isFalse();
    assertThat(ScanInput.converts(SCHEMA.add("ratio", DataTypes.FloatType, true), config))
        .isFalse();
  }
}
