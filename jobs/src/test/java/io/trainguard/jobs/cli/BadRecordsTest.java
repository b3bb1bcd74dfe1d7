package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protect --max-bad-records}: malformed records (bad CSV quoting, invalid JSON, invalid
 * UTF-8 in a line) quarantined, unredacted and encrypted, up to the limit, counted in the
 * manifest and the report; one more fails the run naming file and line, never the content.
 */
class BadRecordsTest {

  private static final String HEADER = "id,note\n";
  private static final String GOOD = "1,hello\n2,mail ann@example.com\n";
  private static final String BAD_ROW = "3,too,many,cells zz1bad@example.org\n";
  private static final String LAST = "4,bye\n";

  @TempDir
  static Path dir;
  static Path key;

  @BeforeAll
  static void setUp() {
    SparkTestSession.get();
    key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static Run protect(Path in, Path out, String... more) {
    String[] args = {"protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return run(all);
  }

  /** Decrypts {@code out} into {@code name}/data and {@code name}/quarantine. */
  private static Path decrypt(Path out, String name) {
    Path plain = dir.resolve(name);
    Run r = run("decrypt", "--key", "local:" + key, "--input", out.toString(), "--output",
        plain.resolve("data").toString(), "--quarantine-to", plain.resolve("quarantine")
            .toString());
    assertThat(r.code()).as(r.err()).isZero();
    return plain;
  }

  private static ObjectNode manifest(Path out) throws Exception {
    return ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json")))
        .document();
  }

  @Test
  void oneBadRowFailsTheRunAsBeforeByDefault() throws Exception {
    Path in = Files.createDirectories(dir.resolve("default"));
    Files.writeString(in.resolve("people.csv"), HEADER + GOOD + BAD_ROW + LAST);
    Path out = dir.resolve("default-out");

    Run r = protect(in, out);

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).endsWith("trainguard: error: Malformed CSV in people.csv at row 4"
        + " (line 4): expected 2 cells, found 4\n").doesNotContain("zz1bad");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
  }

  @Test
  void aLimitOfOneQuarantinesTheBadRowAndWritesTheGoodOnesByteForByte() throws Exception {
    Path in = Files.createDirectories(dir.resolve("one"));
    Files.writeString(in.resolve("people.csv"), HEADER + GOOD + BAD_ROW + LAST);
    Path out = dir.resolve("one-out");

    Run r = protect(in, out, "--max-bad-records", "1");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("zz1bad");
    Path plain = decrypt(out, "one-plain");
    assertThat(Files.readString(plain.resolve("data/people.csv")))
        .isEqualTo(HEADER + "1,hello\n2,mail <EMAIL_ADDRESS>\n" + LAST);
    assertThat(Files.readString(plain.resolve("quarantine/people.csv")))
        .isEqualTo(HEADER + BAD_ROW);
    ObjectNode m = manifest(out);
    assertThat(ManifestSchema.violations(m)).isEmpty();
    JsonNode file = m.path("inputs").get(0);
    assertThat(file.path("records").asLong()).isEqualTo(4);
    assertThat(file.path("records_written").asLong()).isEqualTo(3);
    assertThat(file.path("records_quarantined").asLong()).isEqualTo(1);
    assertThat(file.path("records_malformed").asLong()).isEqualTo(1);
    assertThat(m.path("accounting").toString()).isEqualTo("{\"records_in\":4,"
        + "\"records_written\":3,\"records_quarantined\":1,\"records_dropped\":0,"
        + "\"records_malformed\":1,\"balanced\":true}");
    assertThat(m.path("run").path("command_line").asText()).contains("--max-bad-records 1");
    assertThat(Files.readString(out.resolve("_trainguard/report.html")))
        .contains("data-records-malformed=\"1\"").contains("id=\"records-malformed\"");
  }

  @Test
  void aLimitOfOneMoreFailsNamingTheFileAndLine() throws Exception {
    Path in = Files.createDirectories(dir.resolve("two"));
    Files.writeString(in.resolve("people.csv"), HEADER + GOOD + BAD_ROW + "4,\"a\"b\n" + LAST);

    Run r = protect(in, dir.resolve("two-out"), "--max-bad-records", "1");

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).endsWith("trainguard: error: Malformed CSV in people.csv at row 5,"
        + " column 2: characters after a closing quote (more than --max-bad-records 1)\n");
  }

  @Test
  void aShareCountsTheMalformedAmongEveryRecordRead() throws Exception {
    Path in = Files.createDirectories(dir.resolve("share"));
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      lines.append(i == 10 || i == 60 ? "{\"id\":" + i + ",\"text\":\"zz1bad@example.org\"\n"
          : "{\"id\":" + i + ",\"text\":\"hello\"}\n");
    }
    Files.writeString(in.resolve("notes.jsonl"), lines);

    Run onePercent = protect(in, dir.resolve("share-1"), "--max-bad-records", "1%");
    Run twoPercent = protect(in, dir.resolve("share-2"), "--max-bad-records", "2%");

    assertThat(onePercent.code()).as(onePercent.err()).isEqualTo(2);
    assertThat(onePercent.err()).endsWith("trainguard: error: Too many malformed records: 2 of"
        + " 100 records (--max-bad-records 1%); the first in notes.jsonl at line 10, column 37:"
        + " invalid JSON\n");
    assertThat(dir.resolve("share-1/_SUCCESS")).doesNotExist();
    assertThat(twoPercent.code()).as(twoPercent.err()).isZero();
    assertThat(manifest(dir.resolve("share-2")).path("accounting").path("records_malformed")
        .asLong()).isEqualTo(2);
  }

  @Test
  void everyKindOfMalformedRecordIsQuarantinedAsItWasRead() throws Exception {
    Path in = Files.createDirectories(dir.resolve("kinds"));
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};
    byte[] csv = concat(utf8(HEADER + "1,hello\n"),
        utf8("2,\"closed\"then more\n"), // bad quoting: characters after a closing quote
        utf8("3,too,many\n"), // a cell too many
        utf8("4,x"), notUtf8, utf8("y\n"), // invalid UTF-8
        utf8("5,bye\n"),
        utf8("6,\"never closed\n7,swallowed\n")); // an unterminated quoted cell runs to the end
    Files.write(in.resolve("rows.csv"), csv);
    byte[] jsonl = concat(utf8("{\"id\":1,\"text\":\"hello\"}\n"),
        utf8("{\"id\":2,\"text\":\"x\"}}\n"), // more than one JSON value
        utf8("{\"id\":3,\"text\":\""), notUtf8, utf8("\"}\n"), // invalid UTF-8
        utf8("not json at all\n"),
        utf8("{\"id\":5,\"text\":\"bye\"}\n"));
    Files.write(in.resolve("lines.jsonl"), jsonl);
    Path out = dir.resolve("kinds-out");

    Run r = protect(in, out, "--max-bad-records", "7");

    assertThat(r.code()).as(r.err()).isZero();
    Path plain = decrypt(out, "kinds-plain");
    assertThat(Files.readString(plain.resolve("data/rows.csv")))
        .isEqualTo(HEADER + "1,hello\n5,bye\n");
    assertThat(Files.readAllBytes(plain.resolve("quarantine/rows.csv"))).isEqualTo(concat(
        utf8(HEADER + "2,\"closed\"then more\n3,too,many\n4,x"), notUtf8,
        utf8("y\n6,\"never closed\n7,swallowed\n")));
    assertThat(Files.readString(plain.resolve("data/lines.jsonl")))
        .isEqualTo("{\"id\":1,\"text\":\"hello\"}\n{\"id\":5,\"text\":\"bye\"}\n");
    assertThat(Files.readAllBytes(plain.resolve("quarantine/lines.jsonl"))).isEqualTo(concat(
        utf8("{\"id\":2,\"text\":\"x\"}}\n{\"id\":3,\"text\":\""), notUtf8,
        utf8("\"}\nnot json at all\n")));
    ObjectNode m = manifest(out);
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("inputs").findValuesAsText("path")).containsExactly("lines.jsonl",
        "rows.csv");
    assertThat(m.path("inputs").get(0).path("records_malformed").asLong()).isEqualTo(3);
    assertThat(m.path("inputs").get(1).path("records_malformed").asLong()).isEqualTo(4);
    assertThat(m.path("accounting").path("records_malformed").asLong()).isEqualTo(7);
    assertThat(m.path("accounting").path("balanced").asBoolean()).isTrue();
  }
}
