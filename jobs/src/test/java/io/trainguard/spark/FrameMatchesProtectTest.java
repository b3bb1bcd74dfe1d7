package io.trainguard.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.parquet.ParquetFiles;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.redaction.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TrainGuard.redact} over a Parquet file read by Spark decides as {@code protect} does on
 * the same file: the same rows written, quarantined and dropped, the same values, the same counts.
 */
class FrameMatchesProtectTest {

  private static final String POLICY = """
      version: 1
      default: replace
      entities:
        DATE_TIME: generalize[year]
        AWS_ACCESS_KEY: quarantine_record
        CREDIT_CARD: drop_record
        IP_ADDRESS: drop_column
      columns:
        ssn: drop_column
      """;

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message people {
        required int64 id;
        optional binary email (STRING);
        optional binary note (STRING);
        optional binary blob;
        optional int32 birth_date (DATE);
        optional binary ssn (STRING);
        optional int64 visits;
      }
      """);

  /** Bytes that are not UTF-8 around an e-mail address. */
  private static final byte[] BLOB = concat(new byte[] {(byte) 0xff, (byte) 0xfe},
      " mail bo@example.org ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x80});

  @TempDir
  static Path dir;
  static SparkSession spark;
  static LocalKeyring key;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
    key = LocalKeyring.generate(dir.resolve("keyring.json"));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static Group person(long id, String email, String note, byte[] blob, String birthDate,
      String ssn, Long visits) {
    Group g = new SimpleGroup(SCHEMA);
    g.add("id", id);
    if (email != null) {
      g.add("email", email);
    }
    if (note != null) {
      g.add("note", note);
    }
    if (blob != null) {
      g.add("blob", Binary.fromConstantByteArray(blob));
    }
    if (birthDate != null) {
      g.add("birth_date", (int) LocalDate.parse(birthDate).toEpochDay());
    }
    if (ssn != null) {
      g.add("ssn", ssn);
    }
    if (visits != null) {
      g.add("visits", visits);
    }
    return g;
  }

  private static List<Group> people() {
    return List.of(
        person(1, "ann@example.com", "call 212-555-0100 today", BLOB, "1990-05-17",
            "123-45-6789", 3L),
        person(2, "bo@example.org", "key AKIAIOSFODNN7EXAMPLE leaked", null, "1985-01-02",
            null, null),
        person(3, "cy@example.net", "seen from 10.0.0.1 twice", null, "1970-12-31", null, 9L),
        person(4, "di@example.com", "paid with 4111 1111 1111 1111", null, null, null, null),
        person(5, null, "nothing here", "plain".getBytes(StandardCharsets.UTF_8), null, null,
            1L));
  }

  /** Rows as text, bytes in hex, by id. */
  private static List<String> rows(Dataset<Row> frame) {
    String[] columns = java.util.Arrays.stream(frame.columns())
        .map(c -> c.equals("blob") ? "hex(blob) AS blob" : c).toArray(String[]::new);
    return frame.selectExpr(columns).orderBy("id").collectAsList().stream()
        .map(Row::toString).toList();
  }

  @Test
  void theFrameOfAParquetFileIsProtectedAsProtectProtectsTheFile() throws Exception {
    Path input = dir.resolve("in/people.parquet");
    ParquetFiles.write(input, SCHEMA, people());
    Files.writeString(dir.resolve("policy.yaml"), POLICY);
    Path output = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(dir.resolve("in").toString(), output.toString(),
        key.spec()).policy(dir.resolve("policy.yaml").toString()).idColumn("id")
        .commandLine("test").build()).execute();
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    new Decryptor(new Configuration(), key).quarantineTo(quarantined.toString())
        .decrypt(output.toString(), plain.toString());
    JsonNode file = ManifestReader.parse(Files.readAllBytes(
        output.resolve("_trainguard/manifest.json"))).document().path("inputs").get(0);
    ObjectNode accounting = ManifestReader.parse(Files.readAllBytes(
        output.resolve("_trainguard/manifest.json"))).document().with("accounting");

    Policy policy = Policy.parse(new java.io.ByteArrayInputStream(
        POLICY.getBytes(StandardCharsets.UTF_8)), "policy.yaml");
    try (RedactedFrame frame = TrainGuard.redact(spark.read().parquet(input.toString()), policy,
        key.spec(), dir.resolve("frame-secret.enc").toString(), "id")) {
      List<String> protectedRows = rows(spark.read().parquet(
          plain.resolve("people.parquet").toString()));
      assertThat(protectedRows).containsExactly(
          "[1,<EMAIL_ADDRESS>,call <PHONE_NUMBER> today,FFFE206D61696C203C454D41494C5F41444452"
              + "4553533E2080,1990-01-01,3]",
          "[3,<EMAIL_ADDRESS>,null,null,1970-01-01,9]",
          "[5,null,nothing here,706C61696E,null,1]");
      assertThat(rows(frame.data())).isEqualTo(protectedRows);
      assertThat(rows(frame.quarantine())).isEqualTo(rows(spark.read().parquet(
          quarantined.resolve("people.parquet").toString())));

      JsonNode counts = frame.manifest().path("frame");
      assertThat(counts.path("records").asLong()).isEqualTo(accounting.path("records_in").asLong())
          .isEqualTo(5);
      assertThat(counts.path("records_written").asLong())
          .isEqualTo(accounting.path("records_written").asLong()).isEqualTo(3);
      assertThat(counts.path("records_quarantined").asLong())
          .isEqualTo(accounting.path("records_quarantined").asLong()).isEqualTo(1);
      assertThat(counts.path("records_dropped").asLong())
          .isEqualTo(accounting.path("records_dropped").asLong()).isEqualTo(1);
      assertThat(counts.path("values_nulled")).isEqualTo(file.path("values_nulled"));
      assertThat(frame.findings().toString()).isEqualTo(file.path("findings").toString()
          .replace("\"", "").replace(":", "=").replace(",", ", "));
      assertThat(counts.path("column_plan").findValuesAsText("column"))
          .isEqualTo(file.path("column_plan").findValuesAsText("column"));
    }
  }
}
