package io.trainguard.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.parquet.ParquetFiles;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each shipped policy (samples/policies) in one protect run over every input format — CSV, JSON
 * Lines, text, Parquet and a DOCX document: its operators show in every output and no planted
 * value survives in any of them.
 */
class SamplePoliciesOnEveryFormatTest {

  private static final List<String> PLANTED = List.of("ana.perez@example.com", "536-22-8049",
      "4111 1111 1111 1111", "212-555-0187", "bo@example.org", "10.1.2.3", "x1@example.com");
  /** How an e-mail address comes out under each policy. */
  private static final Map<String, String> EMAIL_AS = Map.of("strict", "<EMAIL_ADDRESS>",
      "analytics", "hash_EMAIL_ADDRESS_", "reversible", "tok_EMAIL_ADDRESS_");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"strict", "analytics", "reversible"})
  void everyFormatUnderTheSamplePolicy(String policy) throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    Files.writeString(input.resolve("memo.txt"), "mail ana.perez@example.com today\n"
        + "ssn 536-22-8049 on file\n");
    ParquetFiles.write(input.resolve("people.parquet"), ParquetFiles.PEOPLE,
        ParquetFiles.people().subList(0, 2)); // the third record holds a credential
    Files.write(input.resolve("report.docx"), Documents.docx());
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    Path out = dir.resolve("out");
    SparkSession spark = SparkTestSession.get();

    new ProtectJob(spark, ProtectRequest.builder(input.toString(), out.toString(), key.spec())
        .policy(Path.of("..", "samples", "policies", policy + ".yaml").toString()).build())
        .execute();

    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    Map<String, String> outputs = Map.of(
        "people.csv", Files.readString(plain.resolve("people.csv")),
        "sub/notes.jsonl", Files.readString(plain.resolve("sub/notes.jsonl")),
        "memo.txt", Files.readString(plain.resolve("memo.txt")),
        "people.parquet", spark.read().parquet(plain.resolve("people.parquet").toString())
            .collectAsList().toString(),
        "report.docx.txt", Files.readString(plain.resolve("report.docx.txt")));
    outputs.forEach((file, text) -> {
      for (String value : PLANTED) {
        assertThat(text).as(policy + ": " + file).doesNotContain(value);
      }
    });
    for (String file : List.of("people.csv", "memo.txt", "people.parquet", "report.docx.txt")) {
      assertThat(outputs.get(file)).as(policy + ": " + file).contains(EMAIL_AS.get(policy));
    }
    JsonNode manifest = ManifestReader.parse(Files.readAllBytes(out.resolve(OutputLayout.MANIFEST))).document();
    assertThat(manifest.path("accounting").path("balanced").asBoolean()).isTrue();
    assertThat(manifest.path("accounting").path("records_in").asLong())
        .isEqualTo(manifest.path("accounting").path("records_written").asLong());
    assertThat(manifest.path("inputs").findValuesAsText("format"))
        .containsExactlyInAnyOrder("csv", "jsonl", "text", "parquet", "document");
    assertThat(out.resolve("_SUCCESS")).exists();
  }
}
