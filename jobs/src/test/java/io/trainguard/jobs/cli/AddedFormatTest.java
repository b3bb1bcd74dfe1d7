package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.format.AsciiDelimitedCodec;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.OutputLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format added by writing one codec class ({@link AsciiDelimitedCodec}, test-only, listed as a
 * service) is protected end to end: {@code protect} finds it by extension, redacts and
 * quarantines its records under the policy, {@code decrypt} gives back its bytes, and
 * {@code verify} and {@code scan} accept it.
 */
class AddedFormatTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  /** Fields joined by US, each record ended by RS, as the added format writes them. */
  private static String adt(String... records) {
    StringBuilder text = new StringBuilder();
    for (String record : records) {
      text.append(record.replace('|', (char) 0x1F)).append((char) 0x1E);
    }
    return text.toString();
  }

  @Test
  void aFormatAddedByOneCodecIsProtectedEndToEnd() throws Exception {
    assertThat(Format.parse("adt").codec()).isInstanceOf(AsciiDelimitedCodec.class);
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("people.adt"), adt("id|email|note",
        "1|zoe.k@example.org|call 212-555-0188 after 5",
        "2|ann@example.com|grüße, nothing personal",
        "3|carl@example.com|key AKIAIOSFODNN7EXAMPLE leaked"), StandardCharsets.UTF_8);
    String key = LocalKeyring.generate(dir.resolve("keyring.json")).spec();
    Path out = dir.resolve("out");

    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(),
        "--key", key);
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    Run decrypt = run("decrypt", "--key", key, "--input", out.toString(), "--output",
        plain.toString(), "--quarantine-to", quarantined.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();

    assertThat(Files.readString(plain.resolve("people.adt"), StandardCharsets.UTF_8))
        .isEqualTo(adt("id|email|note",
            "1|<EMAIL_ADDRESS>|call <PHONE_NUMBER> after 5",
            "2|<EMAIL_ADDRESS>|grüße, nothing personal"));
    assertThat(Files.readString(quarantined.resolve("people.adt"), StandardCharsets.UTF_8))
        .isEqualTo(adt("id|email|note", "3|carl@example.com|key AKIAIOSFODNN7EXAMPLE leaked"));

    JsonNode manifest = CanonicalJson.MAPPER.readTree(out.resolve(OutputLayout.MANIFEST).toFile());
    assertThat(ManifestSchema.violations(manifest)).isEmpty();
    JsonNode input = manifest.path("inputs").get(0);
    assertThat(input.path("path").asText()).isEqualTo("people.adt");
    assertThat(input.path("format").asText()).isEqualTo("adt");
    assertThat(manifest.path("accounting").toString()).isEqualTo("{\"records_in\":3,"
        + "\"records_written\":2,\"records_quarantined\":1,\"records_dropped\":0,"
        + "\"balanced\":true}");
    Run verify = run("verify", "--manifest", out.resolve(OutputLayout.MANIFEST).toString(),
        "--key", key);
    assertThat(verify.code()).as(verify.err()).isZero();

    Run scan = run("scan", "--input", in.toString());
    assertThat(scan.code()).as(scan.err()).isZero();
    JsonNode scanned = CanonicalJson.MAPPER.readTree(scan.out()).path("inputs").get(0);
    assertThat(scanned.path("format").asText()).isEqualTo("adt");
    assertThat(scanned.path("findings")).isEqualTo(input.path("findings"));
  }
  /**
   * A format added by a codec that splits its files at its own blocks ({@code .adb}, every part
   * a file of the format with its header) has its parts joined by its codec: {@code decrypt}
   * gives back, for data and quarantine, exactly the bytes of the same file protected whole,
   * one header each, not the parts end to end.
   */
  @Test
  void theCodecOfAFormatSplitAtItsBlocksJoinsItsParts() throws Exception {
    List<String> records = new ArrayList<>(List.of("id|email|note"));
    for (int i = 1; i <= 60; i++) {
      records.add(i + "|user" + i + "@example.com|" + (i == 2 || i == 59
          ? "key AKIAIOSFODNN7EXAMPLE leaked" : "grüße " + i));
    }
    Path in = Files.createDirectories(dir.resolve("in"));
    Path file = in.resolve("big.adb");
    Files.writeString(file, adt(records.toArray(String[]::new)), StandardCharsets.UTF_8);
    String key = LocalKeyring.generate(dir.resolve("keyring.json")).spec();
    Path whole = dir.resolve("whole");
    Path split = dir.resolve("split");
    for (Path out : List.of(whole, split)) {
      List<String> args = new ArrayList<>(List.of("protect", "--input", in.toString(),
          "--output", out.toString(), "--key", key));
      if (out == split) {
        args.addAll(List.of("--split-size", Long.toString(Files.size(file) / 4)));
      }
      Run protect = run(args.toArray(String[]::new));
      assertThat(protect.code()).as(protect.err()).isZero();
      Run decrypt = run("decrypt", "--key", key, "--input", out.toString(), "--output",
          out + "-plain", "--quarantine-to", out + "-quarantined");
      assertThat(decrypt.code()).as(decrypt.err()).isZero();
    }
    List<String> parts = ProtectedOutputs.filesUnder(split.resolve("data"));
    assertThat(parts).hasSizeBetween(3, 5).allMatch(p -> p.startsWith("big.adb.part-"));
    assertThat(ProtectedOutputs.filesUnder(split.resolve("quarantine"))).hasSize(2);

    String data = Files.readString(dir.resolve("split-plain").resolve("big.adb"),
        StandardCharsets.UTF_8);
    assertThat(data).isEqualTo(Files.readString(dir.resolve("whole-plain").resolve("big.adb"),
        StandardCharsets.UTF_8));
    assertThat(data).startsWith(adt("id|email|note", "1|<EMAIL_ADDRESS>|grüße 1",
        "3|<EMAIL_ADDRESS>|grüße 3")).endsWith(adt("60|<EMAIL_ADDRESS>|grüße 60"))
        .containsOnlyOnce("id|email|note".replace('|', (char) 0x1F));
    assertThat(Files.readString(dir.resolve("split-quarantined").resolve("big.adb"),
        StandardCharsets.UTF_8)).isEqualTo(adt("id|email|note", records.get(2), records.get(59)));
    Run verify = run("verify", "--manifest", split.resolve(OutputLayout.MANIFEST).toString(),
        "--key", key);
    assertThat(verify.code()).as(verify.err()).isZero();
  }

  /**
   * A format added by a codec that opens its files as documents is protected as a document and
   * recorded under its own id: its text redacted to {@code data/X.txt.enc}, its format in the
   * manifest {@code page}, not the built-in {@code document}.
   */
  @Test
  void aFormatAddedAsDocumentsKeepsItsOwnId() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("note.xht"), "<html><body><p>Write to zoe.k@example.org"
        + " today</p></body></html>", StandardCharsets.UTF_8);
    String key = LocalKeyring.generate(dir.resolve("keyring.json")).spec();
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(),
        "--key", key);
    assertThat(protect.code()).as(protect.err()).isZero();
    Run decrypt = run("decrypt", "--key", key, "--input", out.toString(), "--output",
        dir.resolve("plain").toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();

    assertThat(Files.readString(dir.resolve("plain").resolve("note.xht.txt"),
        StandardCharsets.UTF_8)).contains("Write to <EMAIL_ADDRESS> today")
        .doesNotContain("zoe.k");
    JsonNode manifest = CanonicalJson.MAPPER.readTree(out.resolve(OutputLayout.MANIFEST).toFile());
    assertThat(ManifestSchema.violations(manifest)).isEmpty();
    assertThat(manifest.path("inputs").get(0).path("format").asText()).isEqualTo("page");
  }

  /**
   * The poisoning scan reads an added format through its codec, typing its values as the codec
   * says (ASCII-delimited cells are untyped text, read as CSV's are, so that the amount is a
   * numeric feature): among 40 records whose label follows the amount, a conflicting duplicate
   * of record 5 and an amount far beyond the rest are flagged, exactly as the same records in
   * CSV are.
   */
  @Test
  void theAddedFormatIsReadByItsCodecForThePoisoningScan() throws Exception {
    List<String> records = new ArrayList<>(List.of("id|amount|label"));
    for (int i = 1; i <= 40; i++) {
      int amount = 100 + 10 * i;
      records.add(i + "|" + (i == 33 ? 90_000 : amount) + "|" + (amount < 300 ? "low" : "high"));
    }
    records.add("41|150|high");
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("t.adt"), adt(records.toArray(String[]::new)),
        StandardCharsets.UTF_8);
    Path csvIn = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csvIn.resolve("t.csv"),
        String.join("\n", records).replace('|', ',') + "\n", StandardCharsets.UTF_8);
    String key = LocalKeyring.generate(dir.resolve("keyring.json")).spec();

    Run protect = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out").toString(), "--key", key, "--id-column", "id", "--label-column",
        "label");
    assertThat(protect.code()).as(protect.err()).isZero();
    Run csv = run("protect", "--input", csvIn.toString(), "--output",
        dir.resolve("csv-out").toString(), "--key", key, "--id-column", "id", "--label-column",
        "label");
    assertThat(csv.code()).as(csv.err()).isZero();

    List<String> outliers = Files.readAllLines(
        dir.resolve("out").resolve(OutputLayout.OUTLIERS), StandardCharsets.UTF_8);
    assertThat(outliers).containsExactlyInAnyOrder(
        "{\"file\":\"t.adt\",\"record_id\":\"5\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"t.adt\",\"record_id\":\"41\",\"score\":0.5,"
            + "\"reasons\":[\"conflicting_duplicate:exact\"]}",
        "{\"file\":\"t.adt\",\"record_id\":\"33\",\"score\":0.9912,"
            + "\"reasons\":[\"feature_outlier:amount\"]}");
    assertThat(Files.readAllLines(dir.resolve("csv-out").resolve(OutputLayout.OUTLIERS),
        StandardCharsets.UTF_8)).containsExactlyElementsOf(
            outliers.stream().map(l -> l.replace("t.adt", "t.csv")).toList());
  }
}
