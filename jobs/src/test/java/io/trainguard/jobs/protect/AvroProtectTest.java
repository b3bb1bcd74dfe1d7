package io.trainguard.jobs.protect;

import static io.trainguard.jobs.format.AvroFiles.PEOPLE;
import static io.trainguard.jobs.format.AvroFiles.RAW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.format.AvroFiles;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.output.Decryptor;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code protect}, {@code decrypt} and {@code scan} over Avro container files. */
class AvroProtectTest {

  @TempDir
  static Path shared;
  static LocalKeyring key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    SparkTestSession.get();
    key = LocalKeyring.generate(shared.resolve("keyring.json"));
  }

  @Test
  void strictPolicyRedactsFieldsAndQuarantinesIntoEncryptedAvroWithTheInputSchemaAndCodec()
      throws Exception {
    Path input = dir.resolve("in/sub/people.avro");
    AvroFiles.write(input, PEOPLE, AvroFiles.people(), CodecFactory.deflateCodec(6));
    Path output = dir.resolve("out");
    new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(dir.resolve("in").toString(),
        output.toString(), key.spec()).commandLine("test").build()).execute();

    try (Stream<Path> files = Files.walk(output)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> output.relativize(p).toString())
          .filter(p -> !p.startsWith("_"))).containsExactlyInAnyOrder(
              "data/sub/people.avro.enc", "quarantine/sub/people.avro.enc");
    }
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    assertThat(new Decryptor(new Configuration(), key).quarantineTo(quarantined.toString())
        .decrypt(output.toString(), plain.toString())).isEqualTo(new Decryptor.Result(1, 1));
    AvroFiles.Content data = AvroFiles.read(plain.resolve("sub/people.avro"));
    assertThat(data.schema()).isEqualTo(PEOPLE);
    assertThat(data.codec()).isEqualTo("deflate");
    assertThat(data.records()).hasSize(2);
    GenericRecord first = data.records().get(0);
    assertThat(first.get("record_id")).isEqualTo(1L);
    assertThat(first.get("email")).hasToString("<EMAIL_ADDRESS>");
    assertThat(first.get("note")).hasToString("call <PHONE_NUMBER> after 5");
    assertThat(first.get("birth_date")).isNull(); // <DATE_TIME> is no date: null, counted
    assertThat(first.get("ssn")).hasToString("<US_SSN>");
    assertThat(first.get("user"))
        .hasToString("{\"email\": \"<EMAIL_ADDRESS>\", \"team\": \"blue\"}");
    assertThat(first.get("items")).hasToString("[{\"email\": \"<EMAIL_ADDRESS>\", \"qty\": 2},"
        + " {\"email\": \"<EMAIL_ADDRESS>\", \"qty\": 3}]");
    assertThat(first.get("attrs")).hasToString("{contact=<EMAIL_ADDRESS>}");
    assertThat(first.get("raw")).isEqualTo(ByteBuffer.wrap(RAW));
    assertThat(first.get("amount")).isEqualTo(AvroFiles.people().get(0).get("amount"));
    assertThat(first.get("created")).isEqualTo(1704164645000L);
    // nothing but the email address changed in the second record: every other byte is the same
    GenericRecord second = AvroFiles.people().get(1);
    second.put("email", "<EMAIL_ADDRESS>");
    assertThat(AvroFiles.encoded(data.records().get(1))).isEqualTo(AvroFiles.encoded(second));

    AvroFiles.Content quarantine = AvroFiles.read(quarantined.resolve("sub/people.avro"));
    assertThat(quarantine.schema()).isEqualTo(PEOPLE);
    assertThat(quarantine.codec()).isEqualTo("deflate");
    assertThat(quarantine.records()).hasSize(1);
    assertThat(AvroFiles.encoded(quarantine.records().get(0)))
        .isEqualTo(AvroFiles.encoded(AvroFiles.people().get(2)));

    ObjectNode m = ManifestReader.parse(Files.readAllBytes(
        output.resolve("_trainguard/manifest.json"))).document();
    assertThat(ManifestSignature.check(m, key.signer())).isNull();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    JsonNode in = m.path("inputs").get(0);
    assertThat(in.path("path").asText()).isEqualTo("sub/people.avro");
    assertThat(in.path("format").asText()).isEqualTo("avro");
    assertThat(in.path("size").asLong()).isEqualTo(Files.size(input));
    assertThat(in.path("values_nulled").toString()).isEqualTo("{\"birth_date\":1}");
    assertThat(in.path("findings").toString()).isEqualTo("{\"AWS_ACCESS_KEY\":1,"
        + "\"DATE_TIME\":2,\"EMAIL_ADDRESS\":7,\"PHONE_NUMBER\":1,\"US_SSN\":1}");
    assertThat(m.path("findings").path("EMAIL_ADDRESS").path("fields").toString())
        .isEqualTo("[\"attrs[].value\",\"email\",\"items[].email\",\"user.email\"]");
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":3,"
        + "\"records_written\":2,\"records_quarantined\":1,\"records_dropped\":0,"
        + "\"balanced\":true}");

    TrainguardCliTest.Run scan = TrainguardCliTest.run("scan", "--input",
        dir.resolve("in").toString());
    assertThat(scan.code()).as(scan.err()).isZero();
    JsonNode scanned = CanonicalJson.MAPPER.readTree(scan.out());
    assertThat(scanned.path("inputs").get(0).path("format").asText()).isEqualTo("avro");
    assertThat(scanned.path("inputs").get(0).path("findings")).isEqualTo(in.path("findings"));
  }
}
