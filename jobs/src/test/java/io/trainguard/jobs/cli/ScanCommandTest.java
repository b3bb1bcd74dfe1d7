package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan}, and the input selection options protect shares with it. */
class ScanCommandTest {

  @TempDir
  static Path dir;
  static Path in;

  @BeforeAll
  static void data() throws Exception {
    SparkTestSession.get();
    in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("people.csv"), "id,email,note\n1,ann@example.com,call"
        + " 212-555-0100\n2,bo@example.org,hello\n3,,nothing\n");
    Files.writeString(in.resolve("notes.jsonl"),
        "{\"text\":\"mail cy@example.net\"}\n{\"text\":\"fine\"}\n");
    Files.createDirectories(in.resolve("sub"));
    Files.writeString(in.resolve("sub/other.csv"), "a\nx\n");
    Files.writeString(in.resolve("data.bin"), "binary");
  }

  private static List<Path> tree(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.sorted().toList();
    }
  }

  @Test
  void unsupportedFilesAreAUsageErrorListingThem() {
    Run r = run("scan", "--input", in.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("trainguard: error: Unsupported file type: data.bin (use"
        + " --format csv|jsonl|text, --exclude GLOB or --skip-unsupported)\n");
  }

  @Test
  void aMissingInputIsOneLineAndNothingBeforeIt() {
    Path missing = dir.resolve("nothing");
    Run r = run("scan", "--input", missing.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trainguard: error: Input not found: file:" + missing + "\n");
  }

  @Test
  void aReportUnderAFileIsAUsageErrorBeforeAnythingIsScanned() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "someone's notes");
    Path report = notes.resolve("scan.html");
    Run r = run("scan", "--input", in.toString(), "--skip-unsupported", "--report",
        report.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("trainguard: error: Cannot write report " + report + ": "
        + notes + " is not a directory\n");
    assertThat(r.out()).isEmpty();
    assertThat(notes).hasContent("someone's notes");
  }

  @Test
  void anInputRootNamedWithPersonalDataIsNeverPrintedAsGiven() throws Exception {
    Path root = Files.createDirectories(dir.resolve("zz9canary@example.org"));
    Files.writeString(root.resolve("a.csv"), "id,email\n1,ann@example.com\n");
    Run r = run("scan", "--input", root.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("zz9canary")
        .startsWith("trainguard: scanning 1 file under --input\n");
    assertThat(r.out()).doesNotContain("zz9canary");
  }

  @Test
  void scanReportsFindingsPerFileColumnAndEntityAndWritesNothing() throws Exception {
    List<Path> before = tree(dir);
    Path html = dir.resolve("scan.html");
    Run r = run("scan", "--input", in.toString(), "--skip-unsupported", "--report",
        html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode scan = CanonicalJson.MAPPER.readTree(r.out());
    assertThat(scan.path("inputs").findValuesAsText("path"))
        .containsExactly("notes.jsonl", "people.csv", "sub/other.csv");
    assertThat(scan.path("inputs").get(1).path("findings").toString())
        .isEqualTo("{\"EMAIL_ADDRESS\":2,\"PHONE_NUMBER\":1}");
    assertThat(scan.path("findings").path("EMAIL_ADDRESS").path("count").asLong()).isEqualTo(3);
    assertThat(scan.path("findings").path("EMAIL_ADDRESS").path("fields").toString())
        .isEqualTo("[\"email\",\"text\"]");
    assertThat(scan.path("outputs").size()).isZero();
    assertThat(scan.path("skipped_inputs").toString())
        .isEqualTo("[{\"path\":\"data.bin\",\"reason\":\"unsupported\"}]");
    JsonNode s = scan.path("scan");
    assertThat(s.path("files_listed").asLong()).isEqualTo(3);
    assertThat(s.path("files_scanned").asLong()).isEqualTo(3);
    assertThat(s.path("values").asLong()).isEqualTo(11); // 3 ids, 2 emails, 3 notes, 2 texts, 1 a
    assertThat(s.path("values_personal").asLong()).isEqualTo(4);
    assertThat(s.path("estimated_personal_share").decimalValue()).isEqualByComparingTo("0.3636");
    assertThat(s.path("columns").get(1).toString()).isEqualTo("{\"path\":\"people.csv\","
        + "\"columns\":[{\"column\":\"email\",\"values\":2,\"personal\":2},{\"column\":\"id\","
        + "\"values\":3,\"personal\":0},{\"column\":\"note\",\"values\":3,\"personal\":1}]}");
    assertThat(r.out()).doesNotContain("ann@example.com").doesNotContain("212-555-0100");
    String report = Files.readString(html);
    assertThat(report).contains("<h2 id=\"scan\">Scan (no protected copy written)</h2>")
        .contains("<li><code>data.bin</code> (unsupported)</li>")
        .contains("id=\"scan-share\">0.3636<").doesNotContain("ann@example.com");
    assertThat(r.err()).contains("trainguard: scanned 3 of 3 files, 6 records; estimated share"
        + " of values with personal data: 0.3636");
    List<Path> after = tree(dir);
    assertThat(after).containsExactlyElementsOf(
        Stream.concat(before.stream(), Stream.of(html)).sorted().toList());
  }

  @Test
  void sampleReadsThatShareOfTheFilesAndIncludeExcludePickThem() throws Exception {
    Run sampled = run("scan", "--input", in.toString(), "--skip-unsupported", "--sample", "0.3");
    assertThat(sampled.code()).as(sampled.err()).isZero();
    JsonNode s = CanonicalJson.MAPPER.readTree(sampled.out()).path("scan");
    assertThat(s.path("files_listed").asLong()).isEqualTo(3);
    assertThat(s.path("files_scanned").asLong()).isEqualTo(1); // ceil(0.3 * 3)

    Run picked = run("scan", "--input", in.toString(), "--include", "*.csv", "--exclude",
        "sub/*");
    assertThat(picked.code()).as(picked.err()).isZero();
    assertThat(CanonicalJson.MAPPER.readTree(picked.out()).path("inputs")
        .findValuesAsText("path")).containsExactly("people.csv");

    Run none = run("scan", "--input", in.toString(), "--include", "*.parquet");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("trainguard: error: No input file left to read:"
        + " --include/--exclude select none of the 4 files\n");
    Run bad = run("scan", "--input", in.toString(), "--sample", "0");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("trainguard: error: Invalid value for option '--sample':"
        + " '0' (allowed: more than 0, up to 1) (see 'trainguard scan --help')\n");
  }

  @Test
  void protectSkipsUnsupportedFilesOnlyWhenAskedAndListsThemInManifestAndReport()
      throws Exception {
    String key = "local:" + dir.resolve("key.json");
    if (!Files.exists(dir.resolve("key.json"))) {
      assertThat(run("keygen", "--out", dir.resolve("key.json").toString()).code()).isZero();
    }
    Run refused = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out1").toString(), "--key", key);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("Unsupported file type: data.bin");
    assertThat(dir.resolve("out1")).doesNotExist();

    Run done = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out2").toString(), "--key", key, "--skip-unsupported", "--exclude",
        "notes.*");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.err()).contains("trainguard: warning: skipped 1 unsupported file (listed in"
        + " the manifest)");
    JsonNode manifest = CanonicalJson.MAPPER.readTree(
        dir.resolve("out2/_trainguard/manifest.json").toFile());
    assertThat(manifest.path("inputs").findValuesAsText("path"))
        .containsExactly("people.csv", "sub/other.csv");
    assertThat(manifest.path("skipped_inputs").toString())
        .isEqualTo("[{\"path\":\"data.bin\",\"reason\":\"unsupported\"}]");
    assertThat(Files.readString(dir.resolve("out2/_trainguard/report.html")))
        .contains("<li><code>data.bin</code> (unsupported)</li>");
    assertThat(run("verify", "--manifest",
        dir.resolve("out2/_trainguard/manifest.json").toString(), "--key", key).code()).isZero();
  }

  /** The tasks Spark ran while {@code scan} ran with {@code args}, and the scan's outcome. */
  private static Run scanCountingTasks(java.util.concurrent.atomic.AtomicInteger tasks,
      String... args) throws Exception {
    org.apache.spark.SparkContext context = SparkTestSession.get().sparkContext();
    org.apache.spark.scheduler.SparkListener listener =
        new org.apache.spark.scheduler.SparkListener() {
          @Override
          public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            tasks.incrementAndGet();
          }
        };
    context.addSparkListener(listener);
    try {
      String[] all = new String[args.length + 1];
      all[0] = "scan";
      System.arraycopy(args, 0, all, 1, args.length);
      Run r = run(all);
      context.listenerBus().waitUntilEmpty();
      return r;
    } finally {
      context.removeSparkListener(listener);
    }
  }

  /** What a scan found and counted: the same for two runs over the same files. */
  private static JsonNode stable(String out) throws Exception {
    JsonNode scan = CanonicalJson.MAPPER.readTree(out);
    com.fasterxml.jackson.databind.node.ObjectNode found = CanonicalJson.MAPPER.createObjectNode();
    for (String member : List.of("inputs", "findings", "accounting", "gate", "scan")) {
      found.set(member, scan.path(member));
    }
    return found;
  }

  @Test
  void aLargeFileIsScannedInSlicesAsTheWholeFileIs() throws Exception {
    Path big = Files.createDirectories(dir.resolve("big"));
    StringBuilder csv = new StringBuilder("id,contact,note\n");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 1; i <= 300; i++) {
      String contact = i <= 200 ? "user" + i + "@example.com" : "kiosk" + i;
      String note = i % 7 == 0 ? "call 212-555-01" + (10 + i % 80) : "fine " + i;
      csv.append(i).append(',').append(contact).append(',').append(note).append('\n');
      jsonl.append("{\"contact\":\"").append(contact).append("\",\"note\":\"").append(note)
          .append("\"}\n");
    }
    Files.writeString(big.resolve("big.csv"), csv.toString());
    Files.writeString(big.resolve("big.jsonl"), jsonl.toString());
    java.util.concurrent.atomic.AtomicInteger wholeTasks =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger splitTasks =
        new java.util.concurrent.atomic.AtomicInteger();
    Run whole = scanCountingTasks(wholeTasks, "--input", big.toString());
    Run split = scanCountingTasks(splitTasks, "--input", big.toString(), "--split-size", "2k");
    assertThat(whole.code()).as(whole.err()).isZero();
    assertThat(split.code()).as(split.err()).isZero();
    assertThat(wholeTasks.get()).isEqualTo(2);
    // each file: its ranges scanned, then its slices and its digest
    assertThat(splitTasks.get()).isGreaterThan(2 * (csv.length() / 2048) + 4);
    assertThat(stable(split.out())).isEqualTo(stable(whole.out()));
    JsonNode scan = CanonicalJson.MAPPER.readTree(split.out());
    assertThat(scan.path("inputs").get(0).path("records").asLong()).isEqualTo(300);
    assertThat(scan.path("inputs").get(0).path("sha256").asText()).hasSize(64);
  }

  @Test
  void scanCountsMalformedRecordsUpToMaxBadRecordsAndFailsPastThem() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("people.csv"), "id,note\n1,hello\n2,mail ann@example.com\n"
        + "3,too,many,cells zz1bad@example.org\n4,bye\n");
    Run failed = run("scan", "--input", bad.toString());
    assertThat(failed.code()).as(failed.err()).isEqualTo(2);
    assertThat(failed.err()).endsWith("trainguard: error: Malformed CSV in people.csv at row 4"
        + " (line 4): expected 2 cells, found 4\n").doesNotContain("zz1bad");

    Run counted = run("scan", "--input", bad.toString(), "--max-bad-records", "1");
    assertThat(counted.code()).as(counted.err()).isZero();
    assertThat(counted.out() + counted.err()).doesNotContain("zz1bad");
    JsonNode file = CanonicalJson.MAPPER.readTree(counted.out()).path("inputs").get(0);
    assertThat(file.path("records").asLong()).isEqualTo(4);
    assertThat(file.path("records_malformed").asLong()).isEqualTo(1);
    assertThat(CanonicalJson.MAPPER.readTree(counted.out()).path("run").path("command_line")
        .asText()).contains("--max-bad-records 1");

    Files.writeString(bad.resolve("more.csv"), "id,note\n1,\"a\"b\n");
    Run tooMany = run("scan", "--input", bad.toString(), "--max-bad-records", "1");
    assertThat(tooMany.code()).as(tooMany.err()).isEqualTo(2);
    assertThat(tooMany.err()).endsWith("trainguard: error: Too many malformed records: 2 of 5"
        + " records (--max-bad-records 1); the first in more.csv at row 2, column 2: characters"
        + " after a closing quote\n");
  }
}
