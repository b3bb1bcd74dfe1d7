package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.format.LineSplits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect} reads a file larger than {@code --split-size} in slices, on several threads,
 * and reports exactly what it reports reading the file whole: the same lines in the same order,
 * the same warnings and the same error.
 */
class DetectSplitTest {

  private static final String[] TEXTS = {
      "Grüße von José, SSN 536-22-8049, ça va?",
      "日本語のテキスト 😀 mail zoe.k@example.org 終わり",
      "nothing personal: ünïcödé and 🎉🎉 only",
      "Ödön paid € 12,50 from 4111 1111 1111 1111 — merci",
      "call +1 415-555-0132 or write to ana@example.com",
  };

  /** The cores detect cuts a file for, as it does in these tests' runs. */
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @TempDir
  Path dir;

  @Test
  void aFileReadInSlicesGivesTheLinesOfTheFileReadWhole() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      jsonl.append("{\"id\": ").append(i).append(", \"text\": \"").append(TEXTS[i % TEXTS.length])
          .append(" #").append(i).append("\"}").append(i % 7 == 3 ? "\r\n" : "\n");
      if (i % 11 == 5) {
        jsonl.append("\n"); // a blank line is no record
      }
    }
    byte[] bytes = jsonl.toString().getBytes(StandardCharsets.UTF_8);
    Path in = Files.write(dir.resolve("d.jsonl"), bytes);
    long split = straddlingSplitSize(bytes);
    Path macie = Files.writeString(dir.resolve("macie.json"), """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "d.jsonl"}},
          "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [
              {"type": "NAME", "count": 1, "occurrences": {"records": [
                 {"recordIndex": 57, "jsonPath": "$.text"}]}}]}]}}}]}
        """);

    List<String> whole = detect(in, "whole.jsonl", "--macie", macie.toString());
    List<String> sliced = detect(in, "sliced.jsonl", "--macie", macie.toString(),
        "--split-size", Long.toString(split));

    assertThat(DetectSlices.find(in, split, CORES, Runnable::run)).hasSizeGreaterThan(10);
    assertThat(sliced).hasSize(60).isEqualTo(whole);
    for (int i = 0; i < 60; i++) {
      assertThat(sliced.get(i)).startsWith("{\"id\":" + i + ",");
    }
    String text = TEXTS[1] + " #56";
    int start = text.codePointCount(0, text.indexOf("zoe.k@"));
    assertThat(sliced.get(56)).contains("{\"entity\":\"EMAIL_ADDRESS\",\"start\":" + start
        + ",\"end\":" + (start + "zoe.k@example.org".length()) + ",");
    assertThat(sliced.get(57)).contains("\"entity\":\"PERSON\",\"start\":0,\"end\":"
        + (TEXTS[2] + " #57").codePoints().count() + ",\"score\":1,\"source\":\"macie\"");
  }

  @Test
  void everySlicePlansFromTheFirstRecordsOfTheFile() throws IOException {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      jsonl.append("{\"id\": ").append(i).append(", \"text\": \"")
          .append(i < 40 ? "user" + i + "@example.com" : "näme " + i).append("\"}\n");
    }
    Path in = Files.writeString(dir.resolve("d.jsonl"), jsonl);
    List<String> whole = detect(in, "whole.jsonl");
    List<String> sliced = detect(in, "sliced.jsonl", "--split-size", "100");

    assertThat(DetectSlices.find(in, 100, CORES, Runnable::run)).hasSizeGreaterThan(10);
    assertThat(sliced).isEqualTo(whole);
    assertThat(sliced.get(49)).isEqualTo("{\"id\":49,\"findings\":[{\"entity\":\"EMAIL_ADDRESS\","
        + "\"start\":0,\"end\":7,\"score\":0.8,\"source\":\"local\","
        + "\"recognizer\":\"column-plan\"}]}");
  }

  @Test
  void anEmptyFileGivesAnEmptyOutput() throws IOException {
    Path in = Files.write(dir.resolve("d.jsonl"), new byte[0]);
    assertThat(detect(in, "out.jsonl", "--split-size", "1")).isEmpty();
    assertThat(DetectSlices.find(in, 1, CORES, Runnable::run)).isEmpty();
  }

  @Test
  void aFileSmallerThanASplitIsReadWhole() throws IOException {
    Path in = Files.writeString(dir.resolve("d.jsonl"),
        "{\"id\": \"a\", \"text\": \"mail ann@example.com\"}\n{\"id\": \"b\", \"text\": \"ß\"}\n");
    assertThat(DetectSlices.find(in, 1000, CORES, Runnable::run)).isEmpty();
    assertThat(detect(in, "out.jsonl", "--split-size", "1000")).containsExactly(
        "{\"id\":\"a\",\"findings\":[{\"entity\":\"EMAIL_ADDRESS\",\"start\":5,\"end\":20,"
            + "\"score\":1,\"source\":\"local\",\"recognizer\":\"EmailRecognizer\"}]}",
        "{\"id\":\"b\",\"findings\":[]}");
  }

  @Test
  void errorsAndWarningsInLaterSlicesAreThoseOfTheFileReadWhole() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("{\"id\": " + i + ", \"text\": \"é mail ann" + i + "@example.com\"}");
    }
    lines.set(17, "{\"id\": 17, \"text\": \"zz1bad é\""); // invalid JSON
    lines.set(29, "{\"id\": 29, \"text\": \"zz2bad ü\""); // invalid JSON
    Path malformed = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n", lines) + "\n");
    lines.set(17, "{\"id\": 17, \"text\": \"é mail\"}");
    lines.set(23, "{\"id\": 23, \"body\": \"no text\"}");
    Path invalid = Files.writeString(dir.resolve("invalid.jsonl"),
        String.join("\n", lines) + "\n");
    assertThat(DetectSlices.find(malformed, 64, CORES, Runnable::run)).hasSizeGreaterThan(10);

    for (List<String> options : List.of(List.<String>of(), List.of("--max-bad-records", "1"),
        List.of("--max-bad-records", "2"), List.of("--max-bad-records", "4%"),
        List.of("--max-bad-records", "5%"))) {
      for (Path in : List.of(malformed, invalid)) {
        Run whole = runDetect(in, "whole.jsonl", options);
        Run sliced = runDetect(in, "sliced.jsonl", append(options, "--split-size", "64"));
        assertThat(sliced.code()).as(in + " " + options).isEqualTo(whole.code());
        assertThat(sliced.err()).as(in + " " + options).isEqualTo(whole.err())
            .doesNotContain("zz1bad").doesNotContain("zz2bad");
        assertThat(exists("sliced.jsonl")).isEqualTo(exists("whole.jsonl"));
        if (exists("whole.jsonl")) {
          assertThat(read("sliced.jsonl")).isEqualTo(read("whole.jsonl"));
        }
        Files.deleteIfExists(dir.resolve("whole.jsonl"));
        Files.deleteIfExists(dir.resolve("sliced.jsonl"));
      }
    }
    // the runs above cover each outcome: a failure, skipped lines, and both
    assertThat(runDetect(malformed, "o.jsonl", List.of()).err()).isEqualTo(
        "trainguard: error: Invalid JSON in " + malformed + " at line 18\n");
    Run limit = runDetect(malformed, "o.jsonl", List.of("--max-bad-records", "1",
        "--split-size", "64"));
    assertThat(limit.code()).isEqualTo(2);
    assertThat(limit.err()).matches("trainguard: warning: skipped a malformed record of "
        + Pattern.quote(malformed.toString()) + " at line 18, column \\d+: invalid JSON\n"
        + "trainguard: error: Malformed JSONL in " + Pattern.quote(malformed.toString())
        + " at line 30, column \\d+: invalid JSON \\(more than --max-bad-records 1\\)\n");
    assertThat(runDetect(invalid, "o.jsonl", List.of("--split-size", "64")).err()).isEqualTo(
        "trainguard: error: Invalid record in " + invalid + " at line 24: \"text\" is missing"
            + " or not a string\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "bad.jsonl", "invalid.jsonl"); // no partial output, no slice left behind
    }
  }

  @Test
  void theSplitSizeIsTheOptionElseTheHadoopSettingElse128MiB() {
    DetectCommand detect = new DetectCommand();
    assertThat(detect.splitBytes()).isEqualTo(128L << 20);
    detect.conf.settings.put("trainguard.split.size", "64k");
    assertThat(detect.splitBytes()).isEqualTo(64L << 10);
    detect.splitSize = 1000L;
    assertThat(detect.splitBytes()).isEqualTo(1000);
  }

  /**
   * A split size between 40 and 200 bytes at which a line straddles every boundary between the
   * ranges detect cuts the file into (none starts at one) and at least one boundary cuts a
   * multi-byte character.
   */
  private static long straddlingSplitSize(byte[] bytes) {
    for (int split = 40; split < 200; split++) {
      int ranges = LineSplits.ranges(bytes.length, split, CORES);
      boolean straddled = true;
      boolean cutsCharacter = false;
      for (int r = 1; r < ranges && straddled; r++) {
        int b = (int) LineSplits.rangeStart(r, ranges, bytes.length);
        straddled = bytes[b - 1] != '\n' && bytes[b - 1] != '\r';
        cutsCharacter |= (bytes[b] & 0xC0) == 0x80;
      }
      if (straddled && cutsCharacter) {
        return split;
      }
    }
    throw new AssertionError("no split size straddles every boundary");
  }

  private List<String> detect(Path in, String output, String... options) throws IOException {
    Run r = runDetect(in, output, List.of(options));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return read(output);
  }

  private Run runDetect(Path in, String output, List<String> options) {
    return run(append(List.of("detect", "--input", in.toString(), "--output",
        dir.resolve(output).toString()), options.toArray(String[]::new)).toArray(String[]::new));
  }

  private static List<String> append(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all;
  }

  private boolean exists(String output) {
    return Files.exists(dir.resolve(output));
  }

  private List<String> read(String output) throws IOException {
    return Files.readAllLines(dir.resolve(output), StandardCharsets.UTF_8);
  }
}
