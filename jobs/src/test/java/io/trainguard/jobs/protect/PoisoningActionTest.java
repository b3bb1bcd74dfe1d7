package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy's poisoning action end to end: a CSV and a JSON Lines file, each with one planted
 * duplicate carrying the other label (ids 007 and 008 / 7 and 8); only the duplicate detector
 * runs, so exactly those records are flagged, then quarantined or dropped, and the accounting
 * adds up.
 */
class PoisoningActionTest {

  private static final String CSV_HEADER = "id,label,amount,age\n";
  private static final String CSV_ROWS = """
      001,0,120.5,35
      002,1,480.0,52
      003,0,118.2,33
      004,1,470.9,50
      005,0,125.0,36
      006,1,490.3,55
      007,0,121.7,34
      008,1,121.7,34
      009,0,119.9,37
      010,1,485.5,51
      """;

  @TempDir
  static Path shared;
  static SparkSession spark;
  static LocalKeyring key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    key = LocalKeyring.generate(shared.resolve("keyring.json"));
  }

  @Test
  void quarantineMovesFlaggedRecordsToQuarantine() throws Exception {
    Path out = protect("quarantine");
    JsonNode m = manifest(out);
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":20,"
        + "\"records_written\":16,\"records_quarantined\":4,\"records_dropped\":0,"
        + "\"balanced\":true}");
    assertThat(m.path("poisoning").path("action").asText()).isEqualTo("quarantine");
    assertThat(m.path("poisoning").path("quarantined").asLong()).isEqualTo(4);
    assertThat(m.path("poisoning").path("dropped").asLong()).isZero();
    assertThat(m.path("poisoning").path("flagged").asLong()).isEqualTo(4);
    assertThat(m.path("poisoning").path("detectors").toString())
        .isEqualTo("[\"conflicting_duplicates\"]");
    assertThat(m.path("poisoning").path("thresholds").path("conflicting_duplicates")
        .path("minJaccard").asDouble()).isEqualTo(0.8);
    assertThat(m.path("poisoning").path("thresholds").has("label_flips")).isFalse();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(outliers(out)).containsExactly(
        "{\"file\":\"t.csv\",\"record_id\":\"007\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"t.csv\",\"record_id\":\"008\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"t.jsonl\",\"record_id\":\"7\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"t.jsonl\",\"record_id\":\"8\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}");

    Path plain = decrypt(out);
    assertThat(Files.readString(dir.resolve("quarantined/t.csv")))
        .isEqualTo(CSV_HEADER + "007,0,121.7,34\n008,1,121.7,34\n");
    assertThat(Files.readString(dir.resolve("quarantined/t.jsonl"))).isEqualTo(
        jsonLine(7) + jsonLine(8));
    // the age column is personal data under the default policy: written as <AGE>
    assertThat(Files.readString(plain.resolve("t.csv")))
        .isEqualTo(CSV_HEADER + CSV_ROWS.replace("007,0,121.7,34\n", "")
            .replace("008,1,121.7,34\n", "").replaceAll(",\\d+\n", ",<AGE>\n"));
    assertThat(Files.readString(plain.resolve("t.jsonl"))).doesNotContain("\"id\":7,")
        .doesNotContain("\"id\":8,").contains("\"id\":9,");
    assertThat(out.resolve("_SUCCESS")).exists();
  }

  @Test
  void dropLeavesFlaggedRecordsOutAndCountsThem() throws Exception {
    Path out = protect("drop");
    JsonNode m = manifest(out);
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":20,"
        + "\"records_written\":16,\"records_quarantined\":0,\"records_dropped\":4,"
        + "\"balanced\":true}");
    assertThat(m.path("poisoning").path("action").asText()).isEqualTo("drop");
    assertThat(m.path("poisoning").path("dropped").asLong()).isEqualTo(4);
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(outliers(out)).hasSize(4);
    assertThat(out.resolve("quarantine")).doesNotExist();
    Path plain = decrypt(out);
    assertThat(Files.readString(plain.resolve("t.csv"))).doesNotContain("007,")
        .doesNotContain("008,").contains("009,0,119.9,<AGE>\n");
    assertThat(Files.readString(plain.resolve("t.jsonl")).lines()).hasSize(8);
  }

  @Test
  void flagWritesEveryRecord() throws Exception {
    Path out = protect("flag");
    JsonNode m = manifest(out);
    assertThat(m.path("accounting").path("records_written").asLong()).isEqualTo(20);
    assertThat(m.path("poisoning").path("action").asText()).isEqualTo("flag");
    assertThat(m.path("poisoning").path("quarantined").asLong()).isZero();
    assertThat(outliers(out)).hasSize(4);
  }

  @Test
  void fileNamesWithGlobCharactersAreReadAsWritten() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a[1].csv"), CSV_HEADER + CSV_ROWS);
    Files.writeString(in.resolve("b{2}*?\\.csv"), CSV_HEADER + CSV_ROWS);
    Path out = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .policy(duplicatesOnly("flag").toString()).idColumn("id")
        .poisoning("label", List.of(), List.of()).commandLine("test").build()).execute();

    assertThat(outliers(out)).containsExactly(
        "{\"file\":\"a[1].csv\",\"record_id\":\"007\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"a[1].csv\",\"record_id\":\"008\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"b{2}*?\\\\.csv\",\"record_id\":\"007\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"b{2}*?\\\\.csv\",\"record_id\":\"008\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}");
  }

  private Path duplicatesOnly(String action) throws Exception {
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: " + action + "\n  detectors:\n"
        + "    feature_outliers: {enabled: false}\n    label_flips: {enabled: false}\n"
        + "    backdoor_triggers: {enabled: false}\n");
    return policy;
  }

  private Path protect(String action) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("t.csv"), CSV_HEADER + CSV_ROWS);
    StringBuilder jsonl = new StringBuilder();
    CSV_ROWS.lines().forEach(row -> {
      String[] c = row.split(",");
      jsonl.append("{\"id\":").append(Integer.parseInt(c[0])).append(",\"label\":").append(c[1])
          .append(",\"amount\":").append(c[2]).append(",\"age\":").append(c[3]).append("}\n");
    });
    Files.writeString(in.resolve("t.jsonl"), jsonl);
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: " + action + "\n  detectors:\n"
        + "    feature_outliers: {enabled: false}\n    label_flips: {enabled: false}\n"
        + "    backdoor_triggers: {enabled: false}\n");
    Path out = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .policy(policy.toString()).idColumn("id").poisoning("label", List.of(), List.of())
        .commandLine("test").build()).execute();
    return out;
  }

  @Test
  void parquetFlaggedRecordsAreQuarantinedToo() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser
        .parseMessageType("message t { required int64 id; required int32 label;"
            + " required double amount; required int32 age; }");
    List<org.apache.parquet.example.data.Group> rows = new java.util.ArrayList<>();
    CSV_ROWS.lines().forEach(row -> {
      String[] c = row.split(",");
      org.apache.parquet.example.data.Group g =
          new org.apache.parquet.example.data.simple.SimpleGroup(schema);
      g.add("id", Long.parseLong(c[0]));
      g.add("label", Integer.parseInt(c[1]));
      g.add("amount", Double.parseDouble(c[2]));
      g.add("age", Integer.parseInt(c[3]));
      rows.add(g);
    });
    io.trainguard.jobs.parquet.ParquetFiles.write(in.resolve("t.parquet"), schema, rows);
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: quarantine\n  detectors:\n"
        + "    feature_outliers: {enabled: false}\n    label_flips: {enabled: false}\n"
        + "    backdoor_triggers: {enabled: false}\n");
    Path out = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .policy(policy.toString()).idColumn("id").poisoning("label", List.of(), List.of())
        .build()).execute();

    assertThat(manifest(out).path("accounting").toString()).isEqualTo("{\"records_in\":10,"
        + "\"records_written\":8,\"records_quarantined\":2,\"records_dropped\":0,"
        + "\"balanced\":true}");
    assertThat(outliers(out)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith(
        "{\"file\":\"t.parquet\",\"record_id\":\""));
    Path plain = decrypt(out);
    assertThat(spark.read().parquet(dir.resolve("quarantined/t.parquet").toString())
        .select("id").collectAsList().toString()).isEqualTo("[[7], [8]]");
    assertThat(spark.read().parquet(plain.resolve("t.parquet").toString()).select("id")
        .collectAsList().toString()).isEqualTo("[[1], [2], [3], [4], [5], [6], [9], [10]]");
  }

  private static String jsonLine(int id) {
    return "{\"id\":" + id + ",\"label\":" + (id - 7) + ",\"amount\":121.7,\"age\":34}\n";
  }

  private static JsonNode manifest(Path out) throws Exception {
    return ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).document();
  }

  private static List<String> outliers(Path out) throws Exception {
    return Files.readAllLines(out.resolve(OutputLayout.OUTLIERS)).stream().sorted().toList();
  }

  private Path decrypt(Path out) {
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).quarantineTo(dir.resolve("quarantined").toString())
        .decrypt(out.toString(), plain.toString());
    return plain;
  }
}
