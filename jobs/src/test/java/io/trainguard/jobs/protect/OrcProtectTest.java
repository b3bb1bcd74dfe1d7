package io.trainguard.jobs.protect;

import static io.trainguard.jobs.format.OrcFiles.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.format.OrcFiles;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.output.Decryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.CompressionKind;
import org.apache.orc.mapred.OrcStruct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code protect}, {@code decrypt} and {@code scan} over ORC files. */
class OrcProtectTest {

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
  void strictPolicyRedactsFieldsAndQuarantinesIntoEncryptedOrcWithTheInputSchemaAndCompression()
      throws Exception {
    Path input = dir.resolve("in/sub/people.orc");
    OrcFiles.write(input, PEOPLE, OrcFiles.people(), CompressionKind.ZLIB);
    Path output = dir.resolve("out");
    new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(dir.resolve("in").toString(),
        output.toString(), key.spec()).commandLine("test").build()).execute();

    try (Stream<Path> files = Files.walk(output)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> output.relativize(p).toString())
          .filter(p -> !p.startsWith("_"))).containsExactlyInAnyOrder(
              "data/sub/people.orc.enc", "quarantine/sub/people.orc.enc");
    }
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    assertThat(new Decryptor(new Configuration(), key).quarantineTo(quarantined.toString())
        .decrypt(output.toString(), plain.toString())).isEqualTo(new Decryptor.Result(1, 1));
    OrcFiles.Content data = OrcFiles.read(plain.resolve("sub/people.orc"));
    assertThat(data.schema()).isEqualTo(PEOPLE);
    assertThat(data.compression()).isEqualTo(CompressionKind.ZLIB);
    assertThat(data.records()).hasSize(2);
    OrcStruct first = data.records().get(0);
    OrcStruct was = OrcFiles.people().get(0);
    assertThat(first.getFieldValue("record_id")).isEqualTo(was.getFieldValue("record_id"));
    assertThat(first.getFieldValue("email")).hasToString("<EMAIL_ADDRESS>");
    assertThat(first.getFieldValue("note")).hasToString("call <PHONE_NUMBER> after 5");
    assertThat(first.getFieldValue("birth_date")).isNull(); // <DATE_TIME> is no date: counted
    assertThat(first.getFieldValue("ssn")).hasToString("<US_SSN>");
    assertThat(first.getFieldValue("user")).hasToString("{<EMAIL_ADDRESS>, blue}");
    assertThat(first.getFieldValue("items"))
        .hasToString("[{<EMAIL_ADDRESS>, 2}, {<EMAIL_ADDRESS>, 3}]");
    assertThat(first.getFieldValue("attrs")).hasToString("{contact=<EMAIL_ADDRESS>}");
    assertThat(first.getFieldValue("raw")).isEqualTo(was.getFieldValue("raw"));
    assertThat(first.getFieldValue("amount")).isEqualTo(was.getFieldValue("amount"));
    // nothing but the email address changed in the second record
    OrcStruct second = OrcFiles.people().get(1);
    second.setFieldValue("email", new org.apache.hadoop.io.Text("<EMAIL_ADDRESS>"));
    assertThat(data.records().get(1)).isEqualTo(second);

    OrcFiles.Content quarantine = OrcFiles.read(quarantined.resolve("sub/people.orc"));
    assertThat(quarantine.schema()).isEqualTo(PEOPLE);
    assertThat(quarantine.records()).containsExactly(OrcFiles.people().get(2));

    ObjectNode m = ManifestReader.parse(Files.readAllBytes(
        output.resolve("_trainguard/manifest.json"))).document();
    assertThat(ManifestSignature.check(m, key.signer())).isNull();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    JsonNode in = m.path("inputs").get(0);
    assertThat(in.path("path").asText()).isEqualTo("sub/people.orc");
    assertThat(in.path("format").asText()).isEqualTo("orc");
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
    assertThat(scanned.path("inputs").get(0).path("format").asText()).isEqualTo("orc");
    assertThat(scanned.path("inputs").get(0).path("findings")).isEqualTo(in.path("findings"));
  }
}
