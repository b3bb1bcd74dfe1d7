package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSignature;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.samples.SampleDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectJobTest {

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

  static ProtectResult protect(Path input, Path output, boolean overwrite) {
    return protect(input, output, overwrite, List.of());
  }

  static ProtectResult protect(Path input, Path output, boolean overwrite, List<String> packs) {
    return new ProtectJob(spark, ProtectRequest.builder(input.toString(), output.toString(),
        key.spec()).packs(packs).overwrite(overwrite).commandLine("test").build()).execute();
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  @Test
  void protectsEncryptsAndDecryptsToExactRedactedBytes() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    Path output = dir.resolve("out");
    ProtectResult result = protect(input, output, false);

    assertThat(output.resolve("_SUCCESS")).exists();
    assertThat(output.resolve("_trainguard/manifest.json")).exists();
    assertThat(output.resolve("_trainguard/report.html")).exists();
    try (Stream<Path> files = Files.walk(output.resolve("data"))) {
      assertThat(files.filter(Files::isRegularFile).map(p -> output.relativize(p).toString())
          .sorted()).containsExactly("data/people.csv.enc", "data/sub/notes.jsonl.enc");
    }
    byte[] cipher = Files.readAllBytes(output.resolve("data/people.csv.enc"));
    assertThat(cipher[0]).as("ESDK message format version 2").isEqualTo((byte) 0x02);
    assertThat(new String(cipher, StandardCharsets.ISO_8859_1)).doesNotContain("example.com")
        .doesNotContain("record_id");

    Path plain = dir.resolve("plain");
    Decryptor.Result n = new Decryptor(new Configuration(), key).decrypt(output.toString(),
        plain.toString());
    assertThat(n.dataFiles()).isEqualTo(2);
    assertThat(Files.readString(plain.resolve("people.csv"))).isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
        .isEqualTo(Datasets.NOTES_JSONL_REDACTED);

    ObjectNode m = ManifestReader.parse(Files.readAllBytes(output.resolve("_trainguard/manifest.json"))).document();
    assertThat(ManifestSignature.check(m, key.signer())).isNull();
    assertThat(io.trainguard.jobs.manifest.ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("run").path("git_commit").asText()).matches("[0-9a-f]{40}(-dirty)?");
    assertThat(m.path("run").path("caller").path("kind").asText()).isEqualTo("local");
    assertThat(m.path("config").path("packs").get(0).path("name").asText()).isEqualTo("built-in");
    assertThat(CanonicalJson.bytes(m)).isEqualTo(CanonicalJson.bytes(result.json()));
    assertThat(m.path("run").path("version").asText()).isNotBlank();
    JsonNode people = m.path("inputs").get(0);
    assertThat(people.path("path").asText()).isEqualTo("people.csv");
    assertThat(people.path("format").asText()).isEqualTo("csv");
    assertThat(people.path("records").asLong()).isEqualTo(3);
    assertThat(people.path("size").asLong()).isEqualTo(Files.size(input.resolve("people.csv")));
    assertThat(people.path("sha256").asText()).isEqualTo(sha256(input.resolve("people.csv")));
    JsonNode out = m.path("outputs").get(1);
    assertThat(out.path("path").asText()).isEqualTo("data/sub/notes.jsonl.enc");
    assertThat(out.path("sha256").asText())
        .isEqualTo(sha256(output.resolve("data/sub/notes.jsonl.enc")));
    assertThat(out.path("encryption").path("key_id").asText()).isEqualTo(key.keyId());
    assertThat(out.path("encryption").path("context").path("trainguard:path").asText())
        .isEqualTo("data/sub/notes.jsonl.enc");
    assertThat(result.findingsByEntity()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "EMAIL_ADDRESS", 2L, "CREDIT_CARD", 2L, "PHONE_NUMBER", 1L, "US_SSN", 1L,
        "IP_ADDRESS", 1L));
    assertThat(m.path("findings").path("EMAIL_ADDRESS").path("fields").toString())
        .isEqualTo("[\"email\"]");
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":5,"
        + "\"records_written\":5,\"records_quarantined\":0,\"records_dropped\":0,"
        + "\"balanced\":true}");
    String everything = Files.readString(output.resolve("_trainguard/manifest.json"))
        + Files.readString(output.resolve("_trainguard/report.html"));
    // Fragments long enough that hashes, signatures, ids and sizes cannot contain them by chance
    // ("5500" alone turned up inside a SHA-256 in one CI run).
    for (String pii : List.of("ana.perez", "bo@example", "4111 1111", "5500-0000", "212-555",
        "536-22-", "10.1.2.3")) {
      assertThat(everything).doesNotContain(pii);
    }
  }

  @Test
  void generatedSampleLosesNoPersonalValueAndKeepsEveryDecoy() throws Exception {
    Path input = dir.resolve("in");
    SampleDataset.Summary truth = SampleDataset.write(input, 300, 7L);
    Path output = dir.resolve("out");
    ProtectResult result = protect(input, output, false);
    assertThat(result.recordsIn()).isEqualTo(600);
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(output.toString(), plain.toString());
    String csv = Files.readString(plain.resolve(SampleDataset.CSV_FILE));
    String jsonl = Files.readString(plain.resolve(SampleDataset.JSONL_FILE));
    for (String value : truth.personalValues()) {
      assertThat(csv).doesNotContain(value);
      assertThat(jsonl).doesNotContain(value);
    }
    for (String decoy : truth.decoys()) {
      assertThat(csv + jsonl).contains(decoy);
    }
    // Cells without personal data are byte-identical: id, plan and spend columns.
    List<String> before = Files.readAllLines(input.resolve(SampleDataset.CSV_FILE));
    List<String> after = csv.lines().toList();
    assertThat(after).hasSameSizeAs(before);
    for (int i = 1; i < before.size(); i++) {
      String[] b = before.get(i).split(",", 9);
      String[] a = after.get(i).split(",", 9);
      assertThat(List.of(a[0], a[6], a[7])).isEqualTo(List.of(b[0], b[6], b[7]));
      assertThat(List.of(a[1], a[2], a[3], a[4], a[5])).containsExactly("<PERSON>",
          "<EMAIL_ADDRESS>", "<PHONE_NUMBER>", "<US_SSN>", "<CREDIT_CARD>");
    }
  }

  @Test
  void malformedCsvRowFailsNamingFileAndRowWithoutContent() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("good.csv"), "a,b\n1,2\n");
    Files.writeString(input.resolve("bad.csv"), "a,b\n1,2\n3,536-22-8049,extra\n");
    Path output = dir.resolve("out");
    assertThatThrownBy(() -> protect(input, output, false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Malformed CSV in bad.csv at row 3 (line 3): expected 2 cells, found 3");
    assertThat(output.resolve("_SUCCESS")).doesNotExist();
    assertThat(output.resolve("_trainguard/manifest.json")).doesNotExist();
    assertThat(output.resolve("data/bad.csv.enc")).doesNotExist();
  }

  @Test
  void catastrophicUserRegexFailsTheFileNamingRecognizerAndCell() throws IOException {
    Path pack = dir.resolve("evil.yaml");
    Files.writeString(pack, """
        recognizers:
          - name: EvilRecognizer
            supported_entity: EVIL
            patterns: [{name: nested, regex: "(.*,){11}x", score: 0.9}]
        """);
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("notes.csv"), "id,note\n1,\"" + ",".repeat(60) + "\"\n");
    assertThatThrownBy(() -> protect(input, dir.resolve("out"), false, List.of(pack.toString())))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Cannot scan notes.csv at row 2, column note: Recognizer EvilRecognizer"
            + " pattern nested exceeded its matching budget on a value of 60 chars");
    assertThat(dir.resolve("out/_SUCCESS")).doesNotExist();
  }

  @Test
  void invalidUtf8FailsNamingFileAndLine() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.write(input.resolve("latin1.jsonl"),
        "{\"t\": \"ok\"}\n{\"t\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> protect(input, dir.resolve("out"), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Invalid UTF-8 in latin1.jsonl at line 2");
    assertThat(dir.resolve("out/_SUCCESS")).doesNotExist();
  }

  @Test
  void inputProblemsAreInputErrors() throws IOException {
    assertThatThrownBy(() -> protect(dir.resolve("missing"), dir.resolve("o1"), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessageStartingWith("Input not found: file:");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("_ignored.csv"), "a\n1\n");
    assertThatThrownBy(() -> protect(empty, dir.resolve("o2"), false))
        .hasMessageStartingWith("No data files under file:");
    Path odd = Files.createDirectories(dir.resolve("odd"));
    Files.writeString(odd.resolve("data.bin"), "x");
    assertThatThrownBy(() -> protect(odd, dir.resolve("o3"), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Unsupported file type: data.bin (use --format csv|jsonl|text, --exclude GLOB"
            + " or --skip-unsupported)");
    assertThat(dir.resolve("o3")).doesNotExist();
  }

  @Test
  void neverReplacesAnOutputHoldingAnythingElseAndAnEarlierOneOnlyWithOverwrite()
      throws IOException {
    Path input = Datasets.write(dir.resolve("in"));
    Path output = Files.createDirectories(dir.resolve("out"));
    Files.writeString(output.resolve("other-run.txt"), "x");
    for (boolean overwrite : new boolean[] {false, true}) {
      assertThatThrownBy(() -> protect(input, output, overwrite))
          .isInstanceOfSatisfying(TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining("it holds other-run.txt, which trainguard did not write");
    }
    assertThat(output.resolve("other-run.txt")).hasContent("x");
    Files.delete(output.resolve("other-run.txt"));
    protect(input, output, false);
    assertThatThrownBy(() -> protect(input, output, false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("is not empty");
    protect(input, output, true);
    assertThat(output.resolve("_SUCCESS")).exists();
  }

  @Test
  void embeddingApiRunsTheSameJob() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    ProtectResult result = io.trainguard.spark.TrainGuard.protect(spark, ProtectRequest
        .builder(input.toString(), dir.resolve("out").toString(), key.spec()).build());
    assertThat(result.recordsIn()).isEqualTo(5);
    assertThat(result.json().path("run").path("command_line").asText()).isEqualTo("api");
    assertThat(ManifestSignature.check(result.json(), key.signer())).isNull();
  }

  @Test
  void singleFileInputAndPlainText() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "reach me at bo@example.org\r\nthanks\n");
    Path output = dir.resolve("out");
    protect(file, output, false);
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(output.toString(), plain.toString());
    assertThat(Files.readString(plain.resolve("notes.txt")))
        .isEqualTo("reach me at <EMAIL_ADDRESS>\r\nthanks\n");
  }
}
