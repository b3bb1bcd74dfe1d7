package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's output is what the schema describes, and the reader reads it back exactly. */
class ManifestWriterTest {

  @TempDir
  Path dir;

  /** A manifest with every section and optional member {@code protect} can write. */
  static Manifest everySection() {
    Map<String, Long> sources = new LinkedHashMap<>();
    sources.put("local", 3L);
    sources.put("macie", 1L);
    sources.put("both", 1L);
    Manifest.Encryption envelope = new Manifest.Encryption("aws-encryption-sdk",
        "ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384", "tg-0011223344556677",
        Map.of("trainguard:path", "data/a.csv.enc",
            "trainguard:run", "224357f0-9031-4b27-a762-aefde6c04edf"), null);
    return new Manifest(Manifest.VERSION,
        new Manifest.Run("224357f0-9031-4b27-a762-aefde6c04edf", "trainguard", "0.1.0",
            "0123456789abcdef0123456789abcdef01234567", Instant.parse("2026-11-25T19:50:37Z"),
            Instant.parse("2026-11-25T19:50:39.5Z"), "trainguard protect --key ***",
            "file:/in", "file:/out", new Manifest.Caller("local", "ana"),
            new Manifest.Spark("local-1", "local[2]", "4.2.0")),
        new Manifest.Config("tg-0011223344556677", new BigDecimal("0.5"),
            List.of(new Manifest.RecognizerRef("email", "EMAIL_ADDRESS")),
            List.of(new Manifest.Pack("built-in", "0".repeat(64))),
            new Manifest.PolicyRef("default", "1".repeat(64), "version: 1\n"),
            new Manifest.Macie(List.of("findings.json"), List.of("job-1"), List.of(), 4, 1, 0, 2),
            new Manifest.DatasetSecret("file:/out/_trainguard/dataset-secret.enc",
                "0123456789abcdef", 180L, "4".repeat(64)), "columnar", "encrypted"),
        List.of(new Manifest.Input("a.csv", "file:/in/a.csv", null, null, "csv", 120L,
            "2".repeat(64), 3L, 2L, 1L, 0L, 1L, Map.of("age", 1L), List.of("note"),
            Map.of("US_SSN", 1L), null,
            Map.of("EMAIL_ADDRESS", new Manifest.FileFindings(5, null)),
            List.of(new Manifest.ColumnPlan("email", "EMAIL_ADDRESS", new BigDecimal("0.98"), 100L,
                "first records", "98/100 values"))),
            new Manifest.Input("b.pdf", "s3a://b/in/b.pdf", "\"e1\"", "v1", "document", 9L,
                "3".repeat(64), 1L, 0L, 1L, 0L, null, Map.of(), List.of(), Map.of(),
                "encrypted-document",
                Map.of(), List.of())),
        List.of(new Manifest.Output("data/a.csv.enc", "a.csv", Manifest.Kind.DATA, 99L,
                "4".repeat(64), 2L, envelope),
            new Manifest.Output("data/t.parquet", "t.parquet", Manifest.Kind.DATA, 77L,
                "5".repeat(64), 2L, new Manifest.Encryption("parquet-modular-encryption",
                    "AES_GCM_V1", "tg-0011223344556677", Map.of(), List.of("email"))),
            new Manifest.Output("quarantine/a.csv.enc", "a.csv", Manifest.Kind.QUARANTINE, 50L,
                "6".repeat(64), 1L, envelope)),
        Map.of("EMAIL_ADDRESS", new Manifest.EntityFindings(5, sources, List.of("email"),
            "replace")),
        new Manifest.Accounting(4L, 2L, 2L, 0L, 1L, true),
        new Manifest.Gate(Manifest.Gate.PASS, List.of()),
        new Manifest.Names(OutputLayout.NAMES, 40, "7".repeat(64), 1, envelope),
        List.of(new Manifest.SkippedInput("notes.bin", "unsupported")),
        new Manifest.Poisoning("quarantine", "label", 4L, 1L, new BigDecimal("0.25"),
            OutputLayout.OUTLIERS, 120L, "8".repeat(64), 1L, 0L, new BigDecimal("0.5"),
            List.of("label_flips"),
            Map.of("label_flip", 1L),
            CanonicalJson.MAPPER.createObjectNode().set("label_flips",
                CanonicalJson.MAPPER.createObjectNode().put("k", 10)),
            List.of(new Manifest.SkippedInput("n.txt", "no-columns"))),
        List.of(new Manifest.Rewrap(Instant.parse("2026-11-26T08:00:00Z"), "tg-a", "tg-b", 3)),
        null, List.of(new Manifest.DerivedFile(OutputLayout.REPORT, 2048L, "9".repeat(64)),
            new Manifest.DerivedFile(OutputLayout.LINEAGE, 512L, "a".repeat(64))),
        null, Map.of());
  }

  @Test
  void theWritersOutputValidatesAgainstTheSchema() throws Exception {
    LocalKeyring key = LocalKeyring.generate(dir.resolve("k.json"));
    Manifest signed = ManifestWriter.sign(everySection(), key.signer());
    ObjectNode json = ManifestWriter.json(signed);

    assertThat(ManifestSchema.violations(json)).isEmpty();
    assertThat(ManifestSignature.check(json, key.signer())).isNull();
    assertThat(json.path("inputs").get(0).has("etag")).isTrue();
    assertThat(json.path("inputs").get(0).path("etag").isNull()).isTrue();
    assertThat(json.path("inputs").get(0).path("records_malformed").asLong()).isEqualTo(1);
    assertThat(json.path("inputs").get(1).has("records_malformed")).isFalse();
    assertThat(json.path("accounting").path("records_malformed").asLong()).isEqualTo(1);
    json.with("accounting").put("records_malformed", 0); // absent when none, never 0
    assertThat(ManifestSchema.violations(json)).isNotEmpty();
  }

  @Test
  void whatIsReadBackIsWrittenByteForByte() throws Exception {
    LocalKeyring key = LocalKeyring.generate(dir.resolve("k.json"));
    Manifest signed = ManifestWriter.sign(everySection(), key.signer());
    byte[] stored = ManifestWriter.bytes(signed);

    ManifestReader.Stored read = ManifestReader.parse(stored);

    assertThat(read.manifest()).isEqualTo(signed);
    assertThat(ManifestWriter.bytes(read.manifest())).isEqualTo(stored);
    assertThat(read.signatureProblem(key.signer())).isNull();
    assertThat(new String(stored, StandardCharsets.UTF_8)).startsWith(
        "{\n  \"manifest_version\" : 1,\n  \"run\" : {\n    \"id\" : ");
  }

  @Test
  void anOlderManifestReadsWithWhatItHas() {
    Manifest old = ManifestReader.read(SampleManifests.demo());

    assertThat(old.run().caller()).isNull();
    assertThat(old.run().gitCommit()).isNull();
    assertThat(old.config().packs()).isNull();
    assertThat(old.inputs().get(0).recordsWritten()).isNull();
    assertThat(old.findingCounts()).containsEntry("US_SSN", 1334L).hasSize(5);
    assertThat(old.gatePassed()).isTrue();
    // written again, it gains only the S3 members every input now has (null off S3)
    ObjectNode written = ManifestWriter.json(old);
    written.path("inputs").forEach(in -> ((ObjectNode) in).remove(List.of("etag", "version_id")));
    assertThat(CanonicalJson.bytes(written)).isEqualTo(CanonicalJson.bytes(SampleManifests.demo()));
  }
}
