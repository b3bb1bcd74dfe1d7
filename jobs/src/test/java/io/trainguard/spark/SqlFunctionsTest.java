package io.trainguard.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL functions as Spark SQL, PySpark's spark.sql and F.expr reach them: by extension. */
class SqlFunctionsTest {

  @TempDir
  static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    LocalKeyring.generate(dir.resolve("keyring.json"));
    spark = SparkTestSession.with(Map.of(
        "spark.sql.extensions", "io.trainguard.spark.TrainguardExtensions",
        SqlFunctions.KEY_CONF, "local:" + dir.resolve("keyring.json"),
        SqlFunctions.SECRET_CONF, dir.resolve("secret.enc").toString()));
    Files.writeString(dir.resolve("hash.yaml"), "version: 1\nentities:\n  EMAIL_ADDRESS: hash\n");
  }

  @AfterAll
  static void stop() {
    SparkTestSession.stop();
  }

  @Test
  void detectReturnsEntityAndCodePointOffsets() {
    Row row = spark.sql("select tg_detect('été: mail ann@example.com') as f").first();
    List<Row> findings = row.getList(0);
    assertThat(findings).hasSize(1);
    Row f = findings.get(0);
    assertThat(f.getString(f.fieldIndex("entity"))).isEqualTo("EMAIL_ADDRESS");
    assertThat(f.getInt(f.fieldIndex("start"))).isEqualTo(10);
    assertThat(f.getInt(f.fieldIndex("end"))).isEqualTo(25);
    assertThat(f.getDouble(f.fieldIndex("score"))).isBetween(0.5, 1.0);
    Row none = spark.sql("select tg_detect('nothing here'), tg_detect(null)").first();
    assertThat(none.getList(0)).isEmpty();
    assertThat(none.isNullAt(1)).isTrue();
    assertThat(spark.sql("select tg_detect('x')").schema().fields()[0].dataType())
        .isEqualTo(SqlFunctions.FINDINGS);
  }

  @Test
  void redactAppliesTheStrictPolicyByDefaultOverAColumn() {
    spark.createDataFrame(List.of(new Note(1, "call 212-555-0100 or ann@example.com"),
        new Note(2, "key AKIAIOSFODNN7EXAMPLE leaked"), new Note(3, null)), Note.class)
        .createOrReplaceTempView("notes");
    List<Row> rows = spark.sql("select id, tg_redact(text) from notes order by id")
        .collectAsList();
    assertThat(rows.get(0).getString(1)).isEqualTo("call <PHONE_NUMBER> or <EMAIL_ADDRESS>");
    assertThat(rows.get(1).isNullAt(1)).isTrue(); // strict quarantines credentials: no text
    assertThat(rows.get(2).isNullAt(1)).isTrue();
  }

  @Test
  void redactWithAPolicyFileHashesUnderTheConfiguredSecretAlikeInEveryQuery() {
    String query = "select tg_redact('mail ann@example.com', '" + dir.resolve("hash.yaml")
        + "')";
    String first = spark.sql(query).first().getString(0);
    assertThat(first).startsWith("mail ").doesNotContain("ann@example.com");
    assertThat(first).matches("mail hash_EMAIL_ADDRESS_[a-z2-7]{26}");
    assertThat(spark.sql(query).first().getString(0)).isEqualTo(first);
    assertThat(spark.sql("select tg_redact('mail ann@example.com', 'strict')").first()
        .getString(0)).isEqualTo("mail <EMAIL_ADDRESS>");
  }

  @Test
  void wrongArgumentsAreRejectedWhenTheQueryIsAnalysed() {
    assertThatThrownBy(() -> spark.sql("select tg_redact('a', 'b', 'c')").collect())
        .hasMessageContaining("tg_redact takes 1 or 2 arguments (text[, policy]), got 3");
    assertThatThrownBy(() -> spark.sql("select tg_redact('a', string(rand()))").collect())
        .hasMessageContaining("tg_redact's policy must be a string literal");
    assertThatThrownBy(() -> spark.sql("select tg_redact('a', '" + dir.resolve("none.yaml")
        + "')").collect()).hasMessageContaining("none.yaml: no such file");
  }

  @Test
  void aColumnThatIsNotTextIsRejectedWhenTheQueryIsAnalysedNamingItsTypeNeverItsValues() {
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("attrs", org.apache.spark.sql.types.DataTypes.createMapType(
            org.apache.spark.sql.types.DataTypes.StringType,
            org.apache.spark.sql.types.DataTypes.StringType))
        .add("raw", org.apache.spark.sql.types.DataTypes.BinaryType)
        .add("phone", org.apache.spark.sql.types.DataTypes.LongType);
    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(
        scala.jdk.javaapi.CollectionConverters.asScala(Map.of("ann@example.com", "x")),
        "bo@example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8), 2125550187L)),
        schema).createOrReplaceTempView("typed");

    assertThatThrownBy(() -> spark.sql("select tg_redact(attrs) from typed").collect())
        .hasMessageContaining("tg_redact takes text (a string column), got map<string,string>:"
            + " protect other columns with TrainGuard.redact, or pass to_json(...) or"
            + " cast(... as string)")
        .hasMessageNotContaining("@example");
    assertThatThrownBy(() -> spark.sql("select tg_detect(raw) from typed").collect())
        .hasMessageContaining("tg_detect takes text (a string column), got binary:")
        .hasMessageNotContaining("@example");
    assertThatThrownBy(() -> spark.sql("select tg_redact(phone, 'strict') from typed").collect())
        .hasMessageContaining("tg_redact takes text (a string column), got bigint:")
        .hasMessageNotContaining("2125550187");
    assertThat(spark.sql("select tg_redact(to_json(attrs)), tg_redact(cast(raw as string))"
        + " from typed").first().toString())
        .isEqualTo("[{\"<EMAIL_ADDRESS>\":\"x\"},<EMAIL_ADDRESS>]");
  }

  /** A row of the notes view. */
  public static final class Note implements java.io.Serializable {
    private int id;
    private String text;

    public Note() {}

    Note(int id, String text) {
      this.id = id;
      this.text = text;
    }

    public int getId() {
      return id;
    }

    public void setId(int id) {
      this.id = id;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }
}
