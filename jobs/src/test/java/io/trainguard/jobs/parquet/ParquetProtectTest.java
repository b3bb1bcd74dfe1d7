package io.trainguard.jobs.parquet;

import static io.trainguard.jobs.parquet.ParquetFiles.PEOPLE;
import static io.trainguard.jobs.parquet.ParquetFiles.people;
import static io.trainguard.jobs.parquet.ParquetFiles.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Rewrapper;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.samples.poison.PoisonWriters;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetProtectTest {

  private static final String POLICY = """
      version: 1
      default: replace
      entities:
        DATE_TIME: generalize[year]
        AWS_ACCESS_KEY: quarantine_record
        IP_ADDRESS: drop_record
      columns:
        ssn: drop_column
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

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  static ObjectNode manifest(Path output) throws Exception {
    return ManifestReader.parse(Files.readAllBytes(output.resolve("_trainguard/manifest.json"))).document();
  }

  @Test
  void strictPolicyRedactsLeavesAndQuarantinesIntoEnvelopeEncryptedParquet() throws Exception {
    Path input = dir.resolve("in/sub/people.parquet");
    ParquetFiles.write(input, PEOPLE, people());
    Path output = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(dir.resolve("in").toString(), output.toString(),
        key.spec()).commandLine("test").build()).execute();

    try (Stream<Path> files = Files.walk(output)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> output.relativize(p).toString())
          .filter(p -> !p.startsWith("_"))).containsExactlyInAnyOrder(
              "data/sub/people.parquet.enc", "quarantine/sub/people.parquet.enc");
    }
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    assertThat(new Decryptor(new Configuration(), key).quarantineTo(quarantined.toString())
        .decrypt(output.toString(), plain.toString())).isEqualTo(new Decryptor.Result(1, 1));
    ParquetFiles.Content data = ParquetFiles.read(plain.resolve("sub/people.parquet"),
        new Configuration());
    assertThat(data.schema()).isEqualTo(PEOPLE);
    assertThat(data.lines()).containsExactly(
        person(PEOPLE, 1, "<EMAIL_ADDRESS>", "call <PHONE_NUMBER> after 5", null, "<US_SSN>",
            new String[] {"<EMAIL_ADDRESS>", "blue"}, List.of(
                new Object[] {"<EMAIL_ADDRESS>", 2L}, new Object[] {"<EMAIL_ADDRESS>", 3L}),
            1234L).toString(),
        person(PEOPLE, 2, "<EMAIL_ADDRESS>", "nothing here, see page 12", null, null, null,
            List.of(), 7L).toString());
    ParquetFiles.Content quarantine = ParquetFiles.read(
        quarantined.resolve("sub/people.parquet"), new Configuration());
    assertThat(quarantine.schema()).isEqualTo(PEOPLE);
    assertThat(quarantine.lines()).containsExactly(people().get(2).toString());
    assertThat(spark.read().parquet(plain.resolve("sub/people.parquet").toString())
        .select("email", "amount").collectAsList().toString())
        .isEqualTo("[[<EMAIL_ADDRESS>,1234], [<EMAIL_ADDRESS>,7]]");

    ObjectNode m = manifest(output);
    assertThat(ManifestSignature.check(m, key.signer())).isNull();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("config").path("parquet_encryption").asText()).isEqualTo("envelope");
    JsonNode in = m.path("inputs").get(0);
    assertThat(in.path("path").asText()).isEqualTo("sub/people.parquet");
    assertThat(in.path("format").asText()).isEqualTo("parquet");
    assertThat(in.path("size").asLong()).isEqualTo(Files.size(input));
    assertThat(in.path("sha256").asText()).isEqualTo(sha256(input));
    assertThat(in.path("values_nulled").toString()).isEqualTo("{\"birth_date\":1}");
    assertThat(in.path("findings").toString()).isEqualTo("{\"AWS_ACCESS_KEY\":1,"
        + "\"DATE_TIME\":2,\"EMAIL_ADDRESS\":6,\"PHONE_NUMBER\":1,\"US_SSN\":1}");
    assertThat(in.path("column_plan").findValuesAsText("column")).containsExactly(
        "email", "birth_date", "ssn", "user.email", "items[].email");
    assertThat(m.path("findings").path("EMAIL_ADDRESS").path("fields").toString())
        .isEqualTo("[\"email\",\"items[].email\",\"user.email\"]");
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":3,"
        + "\"records_written\":2,\"records_quarantined\":1,\"records_dropped\":0,"
        + "\"balanced\":true}");
    JsonNode out = m.path("outputs").get(0);
    assertThat(out.path("path").asText()).isEqualTo("data/sub/people.parquet.enc");
    assertThat(out.path("sha256").asText())
        .isEqualTo(sha256(output.resolve("data/sub/people.parquet.enc")));
    assertThat(out.path("encryption").path("format").asText()).isEqualTo("aws-encryption-sdk");
    assertThat(m.path("outputs").get(1).path("records").asLong()).isEqualTo(1);
  }

  static org.apache.spark.sql.DataFrameReader keyed(SparkSession spark) {
    return spark.read()
        .option("parquet.crypto.factory.class",
            "org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory")
        .option("parquet.encryption.kms.client.class",
            "io.trainguard.jobs.parquet.TrainguardKmsClient")
        .option("trainguard.parquet.key", key.spec());
  }

  @Test
  void columnarEncryptionDropsGeneralisesAndIsReadableBySparkOnlyWithTheKey() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    List<Group> records = new java.util.ArrayList<>(people());
    records.add(person(PEOPLE, 4, "dee@example.com", "from 10.1.2.3", null, null, null, null,
        5L));
    Path input = dir.resolve("in/people.parquet");
    ParquetFiles.write(input, PEOPLE, records);
    Path output = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(input.toString(), output.toString(), key.spec())
        .policy(policy.toString()).parquetEncryption(ParquetEncryption.Mode.COLUMNAR)
        .commandLine("test").build()).execute();

    Path file = output.resolve("data/people.parquet");
    assertThat(Files.readAllBytes(file)).startsWith("PARE".getBytes(StandardCharsets.US_ASCII))
        .endsWith("PARE".getBytes(StandardCharsets.US_ASCII)); // encrypted footer
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
        .doesNotContain("blue").doesNotContain("EMAIL_ADDRESS").doesNotContain("record_id");
    assertThatThrownBy(() -> ParquetFiles.read(file, new Configuration()))
        .hasStackTraceContaining("encrypted footer");
    assertThatThrownBy(() -> spark.read().parquet(file.toString()).collectAsList())
        .hasStackTraceContaining("encrypted footer");

    MessageType expectedSchema = Types.buildMessage().addFields(PEOPLE.getFields().stream()
        .filter(f -> !f.getName().equals("ssn")).toArray(org.apache.parquet.schema.Type[]::new))
        .named("people");
    List<String> expected = List.of(
        person(expectedSchema, 1, "<EMAIL_ADDRESS>", "call <PHONE_NUMBER> after 5", "1985-01-01",
            null, new String[] {"<EMAIL_ADDRESS>", "blue"}, List.of(
                new Object[] {"<EMAIL_ADDRESS>", 2L}, new Object[] {"<EMAIL_ADDRESS>", 3L}),
            1234L).toString(),
        person(expectedSchema, 2, "<EMAIL_ADDRESS>", "nothing here, see page 12", null, null,
            null, List.of(), 7L).toString());
    ParquetFiles.Content keyed = ParquetFiles.read(file,
        ParquetEncryption.readerConf(new Configuration(), key.spec()));
    assertThat(keyed.schema()).isEqualTo(expectedSchema);
    assertThat(keyed.lines()).isEqualTo(expected);

    List<Row> rows = keyed(spark).parquet(file.toString())
        .select("record_id", "email", "birth_date", "user.team").collectAsList();
    assertThat(rows.toString()).isEqualTo(
        "[[1,<EMAIL_ADDRESS>,1985-01-01,blue], [2,<EMAIL_ADDRESS>,null,null]]");
    assertThat(Arrays.asList(keyed(spark).parquet(file.toString()).columns()))
        .doesNotContain("ssn");

    ObjectNode m = manifest(output);
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("config").path("parquet_encryption").asText()).isEqualTo("columnar");
    assertThat(m.path("run").path("command_line").asText()).isEqualTo("test");
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":4,"
        + "\"records_written\":2,\"records_quarantined\":1,\"records_dropped\":1,"
        + "\"balanced\":true}");
    JsonNode data = m.path("outputs").get(0);
    assertThat(data.path("path").asText()).isEqualTo("data/people.parquet");
    assertThat(data.path("sha256").asText()).isEqualTo(sha256(file));
    assertThat(data.path("encryption").path("format").asText())
        .isEqualTo("parquet-modular-encryption");
    assertThat(data.path("encryption").path("column_key_columns").toString()).isEqualTo(
        "[\"birth_date\",\"email\",\"items.list.element.email\",\"note\",\"user.email\"]");
    assertThat(m.path("outputs").get(1).path("path").asText())
        .isEqualTo("quarantine/people.parquet.enc");
    assertThat(m.path("inputs").get(0).path("values_nulled").toString()).isEqualTo("{}");

    assertThat(new Verifier(new Configuration()).verify(
        output.resolve("_trainguard/manifest.json").toString(), key.signer()).problems())
        .isEmpty();
    LocalKeyring other = LocalKeyring.generate(dir.resolve("other.json"));
    assertThat(new Rewrapper(new Configuration(), key, other).rewrap(output.toString()).files())
        .isEqualTo(2);
    assertThat(new Verifier(new Configuration()).verify(
        output.resolve("_trainguard/manifest.json").toString(), other.signer()).problems())
        .isEmpty();
    assertThat(manifest(output).path("outputs").get(0).path("encryption")
        .path("column_key_columns")).isEqualTo(data.path("encryption").path("column_key_columns"));
    assertThatThrownBy(() -> ParquetFiles.read(file,
        ParquetEncryption.readerConf(new Configuration(), key.spec())))
        .as("the old key no longer opens it").isInstanceOf(Exception.class);
    assertThat(ParquetFiles.read(file, ParquetEncryption.readerConf(new Configuration(),
        other.spec())).lines()).isEqualTo(expected);
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    assertThat(new Decryptor(new Configuration(), other).quarantineTo(quarantined.toString())
        .decrypt(output.toString(), plain.toString())).isEqualTo(new Decryptor.Result(1, 1));
    ParquetFiles.Content decrypted = ParquetFiles.read(plain.resolve("people.parquet"),
        new Configuration());
    assertThat(decrypted.schema()).isEqualTo(expectedSchema);
    assertThat(decrypted.lines()).isEqualTo(expected);
    assertThat(ParquetFiles.read(quarantined.resolve("people.parquet"), new Configuration())
        .lines()).containsExactly(people().get(2).toString());

    byte[] bytes = Files.readAllBytes(file);
    bytes[100] ^= 1;
    Files.write(file, bytes);
    assertThat(new Verifier(new Configuration()).verify(
        output.resolve("_trainguard/manifest.json").toString(), other.signer()).problems())
        .containsExactly("data/people.parquet: SHA-256 differs from the manifest");
  }

  @Test
  void poisoningScanReadsParquetInputs() throws Exception {
    var poisoned = TabularPoisonGenerator.generate(600, 0.02, 11L);
    Path csv = dir.resolve("t.csv");
    PoisonWriters.writeCsv(poisoned, csv);
    Path in = dir.resolve("in");
    spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
        .coalesce(1).write().parquet(in.toString());
    Path output = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), output.toString(), key.spec())
        .idColumn("id").poisoning("label", List.of(), List.of()).commandLine("test").build())
        .execute();

    ObjectNode m = manifest(output);
    assertThat(m.path("inputs").get(0).path("format").asText()).isEqualTo("parquet");
    assertThat(m.path("inputs").get(0).path("records").asLong()).isEqualTo(600);
    assertThat(m.path("accounting").path("balanced").asBoolean()).isTrue();
    assertThat(m.path("poisoning").path("records").asLong()).isEqualTo(600);
    List<String> lines = Files.readAllLines(output.resolve("_trainguard/outliers.jsonl"));
    assertThat(m.path("poisoning").path("flagged").asLong()).isEqualTo(lines.size());
    java.util.Set<String> flagged = new java.util.HashSet<>();
    for (String line : lines) {
      JsonNode node = CanonicalJson.MAPPER.readTree(line);
      assertThat(node.path("file").asText()).endsWith(".parquet");
      flagged.add(node.path("record_id").asText());
    }
    long found = poisoned.poisonedIds().stream().filter(flagged::contains).count();
    assertThat((double) found / poisoned.poisonedIds().size()).as("recall")
        .isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void malformedParquetIsAnInputErrorNamingTheFileWithNoOutput() throws Exception {
    Path valid = dir.resolve("valid.parquet");
    ParquetFiles.write(valid, PEOPLE, people());
    byte[] bytes = Files.readAllBytes(valid);
    int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] garbageFooter = bytes.clone();
    Arrays.fill(garbageFooter, bytes.length - 8 - footerLength, bytes.length - 8, (byte) 0x7f);
    Map<String, byte[]> cases = Map.of(
        "bad magic", "ana.perez@example.com,not parquet\n".getBytes(StandardCharsets.UTF_8),
        "truncated", Arrays.copyOf(bytes, bytes.length / 2),
        "garbage footer", garbageFooter,
        "empty", new byte[0]);
    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      Path in = dir.resolve(c.getKey().replace(' ', '-'));
      Files.createDirectories(in);
      Files.write(in.resolve("x.parquet"), c.getValue());
      Path out = dir.resolve("out-" + c.getKey().replace(' ', '-'));
      TrainguardCliTest.Run r = TrainguardCliTest.run("protect", "--input", in.toString(),
          "--output", out.toString(), "--key", key.spec(), "--no-progress");
      assertThat(r.code()).as(c.getKey()).isEqualTo(2);
      assertThat(r.err().lines().filter(l -> l.startsWith("trainguard: error:")).toList())
          .as(c.getKey()).singleElement().asString()
          .startsWith("trainguard: error: Malformed Parquet in x.parquet at ")
          .doesNotContain("ana.perez").doesNotContain("example.com");
      assertThat(out.resolve("_SUCCESS")).doesNotExist();
      assertThat(out.resolve("data/x.parquet.enc")).doesNotExist();
      assertThat(out.resolve("_trainguard/manifest.json")).doesNotExist();
    }
  }
}
