package io.trainguard.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.redaction.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

class FrameRedactionTest {

  private static final Policy POLICY = Policy.parse(new ByteArrayInputStream("""
      version: 1
      default: replace
      entities:
        DATE_TIME: date_shift[1,30]
        AWS_ACCESS_KEY: quarantine_record
        IP_ADDRESS: drop_record
      columns:
        ssn: drop_column
      """.getBytes(StandardCharsets.UTF_8)), "frame.yaml");

  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("email", DataTypes.StringType)
      .add("notes", DataTypes.StringType)
      .add("ssn", DataTypes.StringType)
      .add("dob", DataTypes.DateType)
      .add("visits", DataTypes.IntegerType)
      .add("contact", new StructType().add("phone", DataTypes.StringType))
      .add("tags", DataTypes.createArrayType(DataTypes.StringType));

  @TempDir
  static Path dir;
  static SparkSession spark;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTestSession.get();
    LocalKeyring.generate(dir.resolve("keyring.json"));
    key = "local:" + dir.resolve("keyring.json");
  }

  private static Row person(long id, String email, String notes, String dob, String phone,
      String... tags) {
    return RowFactory.create(id, email, notes, "123-45-6789",
        dob == null ? null : Date.valueOf(dob), 3, RowFactory.create(phone),
        CollectionConverters.asScala(List.of(tags)).toList());
  }

  private static Dataset<Row> people() {
    return spark.createDataFrame(List.of(
        person(1, "ann@example.com", "call 212-555-0100 today", "1990-05-17", "212-555-0199",
            "vip", "bo@example.org"),
        person(2, "bo@example.org", "key AKIAIOSFODNN7EXAMPLE leaked", "1985-01-02", null),
        person(3, "cy@example.net", "from 10.0.0.1", "1970-12-31", null),
        person(4, null, "nothing here", null, null, "plain")), SCHEMA).repartition(2);
  }

  @Test
  void aTokenDetokenizesWithTheFramesSignedManifestAndNotWithAnotherSecret() throws Exception {
    Policy tokenize = Policy.parse(new ByteArrayInputStream(
        "version: 1\ndefault: replace\nentities:\n  EMAIL_ADDRESS: tokenize\n"
            .getBytes(StandardCharsets.UTF_8)), "tokenize.yaml");
    String secret = dir.resolve("frame-secret.enc").toString();
    Path manifest = dir.resolve("frame-manifest.json");
    String token;
    try (RedactedFrame result = TrainGuard.redact(people().where("id = 1"), tokenize, key,
        secret)) {
      token = result.data().collectAsList().get(0).getString(1);
      java.nio.file.Files.write(manifest,
          io.trainguard.jobs.manifest.ManifestWriter.bytes(result.manifest()));
    }
    try (RedactedFrame other = TrainGuard.redact(people().where("id = 1"), tokenize, key,
        dir.resolve("other-secret.enc").toString())) {
      other.data().count();
    }

    io.trainguard.jobs.cli.TrainguardCliTest.Run own = io.trainguard.jobs.cli.TrainguardCliTest
        .run("detokenize", "--key", key, "--dataset-secret", secret, "--manifest",
            manifest.toString(), token);
    io.trainguard.jobs.cli.TrainguardCliTest.Run foreign = io.trainguard.jobs.cli
        .TrainguardCliTest.run("detokenize", "--key", key, "--dataset-secret",
            dir.resolve("other-secret.enc").toString(), "--manifest", manifest.toString(), token);

    assertThat(token).startsWith("tok_EMAIL_ADDRESS_");
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(own.out()).isEqualTo("ann@example.com\n");
    assertThat(foreign.code()).isEqualTo(2);
    assertThat(foreign.err()).isEqualTo("trainguard: error: Dataset secret file:"
        + dir.resolve("other-secret.enc") + " is not the one the signed manifest records"
        + " (another run's secret, or replaced)\n");
  }

  @Test
  void protectsStringAndTypedLeavesQuarantinesDropsAndSignsTheCounts() {
    try (RedactedFrame result = TrainGuard.redact(people(), POLICY, key,
        dir.resolve("secret.enc").toString(), "id")) {
      assertThat(result.data().schema().fieldNames())
          .containsExactly("id", "email", "notes", "dob", "visits", "contact", "tags");
      List<Row> data = result.data().orderBy("id").collectAsList();
      assertThat(data).hasSize(2);
      Row ann = data.get(0);
      assertThat(ann.getLong(0)).isEqualTo(1);
      assertThat(ann.getString(1)).isEqualTo("<EMAIL_ADDRESS>");
      assertThat(ann.getString(2)).isEqualTo("call <PHONE_NUMBER> today");
      long shift = ChronoUnit.DAYS.between(Date.valueOf("1990-05-17").toLocalDate(),
          ann.getDate(3).toLocalDate());
      assertThat(shift).isBetween(1L, 30L); // a typed leaf its name plans, still a date
      assertThat(ann.getInt(4)).isEqualTo(3); // a typed leaf nothing targets
      assertThat(ann.getStruct(5).getString(0)).isEqualTo("<PHONE_NUMBER>");
      assertThat(ann.getList(6)).containsExactly("vip", "<EMAIL_ADDRESS>");
      Row plain = data.get(1);
      assertThat(plain.getLong(0)).isEqualTo(4);
      assertThat(plain.isNullAt(1)).isTrue();
      assertThat(plain.getString(2)).isEqualTo("nothing here");
      assertThat(plain.getList(6)).containsExactly("plain");

      List<Row> quarantined = result.quarantine().collectAsList();
      assertThat(quarantined).hasSize(1);
      assertThat(quarantined.get(0).getString(2)).isEqualTo("key AKIAIOSFODNN7EXAMPLE leaked");
      assertThat(quarantined.get(0).getString(3)).isEqualTo("123-45-6789"); // as it came in

      JsonNode frame = result.manifest().path("frame");
      assertThat(frame.path("records").asLong()).isEqualTo(4);
      assertThat(frame.path("records_written").asLong()).isEqualTo(2);
      assertThat(frame.path("records_quarantined").asLong()).isEqualTo(1);
      assertThat(frame.path("records_dropped").asLong()).isEqualTo(1);
      assertThat(frame.path("balanced").asBoolean()).isTrue();
      assertThat(result.findings()).containsEntry("AWS_ACCESS_KEY", 1L)
          .containsEntry("IP_ADDRESS", 1L).containsEntry("DATE_TIME", 3L)
          .containsEntry("EMAIL_ADDRESS", 4L).containsEntry("PHONE_NUMBER", 2L);
      assertThat(frame.path("findings").path("EMAIL_ADDRESS").path("fields").toString())
          .isEqualTo("[\"email\",\"tags[]\"]");
      assertThat(frame.path("column_plan").findValuesAsText("column")).contains("dob", "email");
      assertThat(result.manifest().toString()).doesNotContain("ann@example.com")
          .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("123-45-6789");
      assertThat(ManifestSignature.check(result.manifest(),
          io.trainguard.encryption.KeyProviders.open(key).signer())).isNull();
    }
  }

  @Test
  void anIdColumnNamedAfterPersonalDataIsNotEchoed() {
    assertThatThrownBy(() -> TrainGuard.redact(people(), POLICY, key,
        dir.resolve("secret.enc").toString(), "jane.doe@example.com"))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Invalid id column <EMAIL_ADDRESS>: the frame has no such top-level column");
  }

  @Test
  void theSameIdShiftsDatesByTheSameDaysInEveryRunSharingTheSecret() {
    String secret = dir.resolve("shared-secret.enc").toString();
    try (RedactedFrame first = TrainGuard.redact(people(), POLICY, key, secret, "id");
        RedactedFrame second = TrainGuard.redact(people().coalesce(1), POLICY, key, secret,
            "id")) {
      assertThat(second.data().orderBy("id").collectAsList().get(0).getDate(3))
          .isEqualTo(first.data().orderBy("id").collectAsList().get(0).getDate(3));
    }
  }

  @Test
  void aTypedResultThatDoesNotFitIsNullAndCounted() {
    Policy replace = Policy.parse(new ByteArrayInputStream(
        "version: 1\nentities:\n  DATE_TIME: replace\n"
            .getBytes(StandardCharsets.UTF_8)), "replace.yaml");
    try (RedactedFrame result = TrainGuard.redact(people().where("id = 1"), replace, key,
        dir.resolve("secret.enc").toString())) {
      assertThat(result.data().collectAsList().get(0).isNullAt(4)).isTrue();
      assertThat(result.manifest().path("frame").path("values_nulled").toString())
          .isEqualTo("{\"dob\":1}");
    }
  }

  @Test
  void theDefaultReplaceMasksANonNullableTypedLeafInItsTypeAndNullsANullableOne() {
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("cc_cvc", DataTypes.IntegerType, false).add("cvv", DataTypes.IntegerType)
        .add("dob", DataTypes.DateType, false);
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, 123, 456,
        Date.valueOf("1985-03-12"))), schema);
    try (RedactedFrame result = TrainGuard.redact(frame, Policy.strict(), key,
        dir.resolve("secret.enc").toString())) {
      assertThat(result.data().schema().fieldNames()).containsExactly(schema.fieldNames());
      assertThat(result.data().collectAsList().toString())
          .isEqualTo("[[1,0,null,1970-01-01]]");
      assertThat(result.manifest().path("frame").path("values_nulled").toString())
          .isEqualTo("{\"cvv\":1}");
    }
  }

  @Test
  void aFindingsDropColumnEmptiesANonNullableTextLeafAsParquetsRequiredOne() {
    Policy dropIp = Policy.parse(new ByteArrayInputStream(
        "version: 1\nentities:\n  IP_ADDRESS: drop_column\n"
            .getBytes(StandardCharsets.UTF_8)), "drop-ip.yaml");
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("notes", DataTypes.StringType, false);
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, "from 10.0.0.1"),
        RowFactory.create(2L, "nothing")), schema);
    try (RedactedFrame result = TrainGuard.redact(frame, dropIp, key,
        dir.resolve("secret.enc").toString())) {
      assertThat(result.data().orderBy("id").collectAsList().toString())
          .isEqualTo("[[1,], [2,nothing]]");
      assertThat(result.manifest().path("frame").path("values_nulled").toString())
          .isEqualTo("{}");
    }
  }

  @Test
  void aFieldNameHoldingPersonalDataIsShownAsItsPseudonymInTheData() {
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("jane.roe@example.org", DataTypes.StringType)
        .add("contact", new StructType().add("ssn 536-22-4789", DataTypes.StringType))
        .add("attrs", DataTypes.createMapType(DataTypes.StringType, new StructType()
            .add("bo@example.org", DataTypes.StringType)));
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, "fine",
        RowFactory.create("ok"), CollectionConverters.asScala(Map.of("k",
            RowFactory.create("v"))))), schema);
    try (RedactedFrame result = TrainGuard.redact(frame, Policy.strict(), key,
        dir.resolve("secret.enc").toString())) {
      StructType shown = result.data().schema();
      assertThat(shown.json()).doesNotContain("jane.roe").doesNotContain("536-22-4789")
          .doesNotContain("bo@example.org");
      assertThat(shown.fieldNames()[1]).matches("name_EMAIL_ADDRESS_[a-z2-7]{26}");
      assertThat(((StructType) shown.fields()[2].dataType()).fieldNames()[0])
          .matches("name_US_SSN_[a-z2-7]{26}");
      assertThat(result.data().collectAsList().toString())
          .isEqualTo("[[1,fine,[ok],Map(k -> [v])]]");
    }
  }

  @Test
  void columnMetadataIsNotCopiedItCanHoldPersonalDataAndSparkWritesItIntoParquetFooters()
      throws Exception {
    org.apache.spark.sql.types.Metadata comment = new org.apache.spark.sql.types.MetadataBuilder()
        .putString("comment", "owner ann@example.com").build();
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("email", DataTypes.StringType, true, comment)
        .add("contact", new StructType().add("phone", DataTypes.StringType, true,
            new org.apache.spark.sql.types.MetadataBuilder().putString("comment",
                "bo@example.org").build()), true, comment);
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L, "cy@example.net",
        RowFactory.create("212-555-0199"))), schema);
    try (RedactedFrame result = TrainGuard.redact(frame, Policy.strict(), key,
        dir.resolve("secret.enc").toString())) {
      assertThat(result.data().schema()).isEqualTo(new StructType()
          .add("id", DataTypes.LongType).add("email", DataTypes.StringType)
          .add("contact", new StructType().add("phone", DataTypes.StringType)));
      Path written = dir.resolve("metadata-out");
      result.data().coalesce(1).write().parquet(written.toString());
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(written)) {
        for (Path part : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
          try (org.apache.parquet.hadoop.ParquetFileReader reader =
              org.apache.parquet.hadoop.ParquetFileReader.open(
                  new org.apache.parquet.io.LocalInputFile(part))) {
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData().toString())
                .contains("\"name\":\"email\"").doesNotContain("@example.");
          }
        }
      }
      assertThat(result.data().collectAsList().toString())
          .isEqualTo("[[1,<EMAIL_ADDRESS>,[<PHONE_NUMBER>]]]");
    }
  }

  @Test
  void aRowWhoseMapKeysProtectToOneKeyIsQuarantinedWholeAndNoEntryIsLost() {
    StructType schema = new StructType().add("id", DataTypes.LongType, false)
        .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    Map<String, String> attrs = new java.util.LinkedHashMap<>();
    attrs.put("ann@example.com", "a");
    attrs.put("bo@example.org", "b");
    attrs.put("plain", "c");
    Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create(1L,
        CollectionConverters.asScala(attrs))), schema);
    try (RedactedFrame result = TrainGuard.redact(frame, Policy.strict(), key,
        dir.resolve("secret.enc").toString())) {
      assertThat(result.data().collectAsList()).isEmpty();
      assertThat(result.quarantine().collectAsList().toString())
          .isEqualTo("[[1,Map(ann@example.com -> a, bo@example.org -> b, plain -> c)]]");
      assertThat(result.manifest().path("frame").path("records_quarantined").asLong())
          .isEqualTo(1);
      assertThat(result.manifest().path("frame").path("values_nulled").toString())
          .isEqualTo("{}");
    }
  }

  @Test
  void anIdColumnTheFrameLacksIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> TrainGuard.redact(people(), POLICY, key,
        dir.resolve("secret.enc").toString(), "customer_id"))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Invalid id column customer_id: the frame has no such top-level column")
        .extracting(e -> ((TrainguardException) e).exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
