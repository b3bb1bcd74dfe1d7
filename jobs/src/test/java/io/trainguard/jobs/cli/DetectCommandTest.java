package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.RecordSinks;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

  @TempDir
  Path dir;

  @Test
  void everyMacieTypeAtATextIsReported() throws IOException {
    Path findings = dir.resolve("macie.json");
    Files.writeString(findings, """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "d.jsonl"}},
          "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [
              {"type": "NAME", "count": 1, "occurrences": {"records": [
                 {"recordIndex": 0, "jsonPath": "$.text"}]}},
              {"type": "EMAIL_ADDRESS", "count": 1, "occurrences": {"records": [
                 {"recordIndex": 0, "jsonPath": "$.text"}]}}]}]}}}]}
        """);
    MacieHints macie = MacieFusion.run(List.of(findings.toString()), null, dir.toString(),
        List.of(new DataFile("file:/in/d.jsonl", "d.jsonl", 0, null, null)),
        new Configuration()).hints().get("d.jsonl");
    StringWriter out = new StringWriter();
    Detection.detect(Files.writeString(dir.resolve("d.jsonl"),
        "{\"id\": 1, \"text\": \"Zyx Qwv zz9@example.org\"}\n"), out, Analyzer.defaults(),
        "d.jsonl", macie);
    assertThat(out.toString()).isEqualTo("""
        {"id":1,"findings":[{"entity":"EMAIL_ADDRESS","start":8,"end":23,"score":0.9,\
        "source":"both","recognizer":"EmailRecognizer"},{"entity":"PERSON","start":0,"end":23,\
        "score":1,"source":"macie","recognizer":"macie"}]}
        """);
  }

  @Test
  void aTextMacieFlaggedWholeIsReportedInEveryRecord() throws IOException {
    Path findings = dir.resolve("macie.json");
    Files.writeString(findings, """
        {"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "d.jsonl"}},
          "classificationDetails": {"result": {"additionalOccurrences": true, "sensitiveData": [
            {"detections": [{"type": "NAME", "count": 40, "occurrences": {"records": [
               {"recordIndex": 0, "jsonPath": "$.text"}]}}]}]}}}
        """);
    MacieHints macie = MacieFusion.run(List.of(findings.toString()), null, dir.toString(),
        List.of(new DataFile("file:/in/d.jsonl", "d.jsonl", 0, null, null)),
        new Configuration()).hints().get("d.jsonl");
    StringWriter out = new StringWriter();
    Detection.detect(Files.writeString(dir.resolve("d.jsonl"),
        "{\"id\": 1, \"text\": \"Zyx Qwv\"}\n{\"id\": 2, \"text\": \"Qq Kw\"}\n"), out,
        Analyzer.defaults(), "d.jsonl", macie);
    assertThat(out.toString()).isEqualTo("""
        {"id":1,"findings":[{"entity":"PERSON","start":0,"end":7,"score":1,"source":"macie",\
        "recognizer":"macie"}]}
        {"id":2,"findings":[{"entity":"PERSON","start":0,"end":5,"score":1,"source":"macie",\
        "recognizer":"macie"}]}
        """);
  }

  @Test
  void theInputIsOpenedAndReadOnce() throws IOException {
    byte[] input = ("{\"id\": 1, \"text\": \"mail ann@example.com\"}\n\n"
        + "{\"id\": 2, \"text\": \"nothing\"}\n").repeat(300)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    StringWriter out = new StringWriter();
    Detection.detect(() -> {
      opened.incrementAndGet();
      return new java.io.FilterInputStream(new java.io.ByteArrayInputStream(input)) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          read.addAndGet(Math.max(n, 0));
          return n;
        }

        @Override
        public int read() throws IOException {
          int c = super.read();
          read.addAndGet(c < 0 ? 0 : 1);
          return c;
        }
      };
    }, out, Analyzer.defaults(), "d.jsonl", MacieHints.NONE);
    assertThat(opened.get()).isEqualTo(1);
    assertThat(read.get()).isEqualTo(input.length);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(600);
    assertThat(lines.get(598)).isEqualTo("{\"id\":1,\"findings\":[{\"entity\":\"EMAIL_ADDRESS\","
        + "\"start\":5,\"end\":20,\"score\":1,\"source\":\"local\","
        + "\"recognizer\":\"EmailRecognizer\"}]}");
    assertThat(lines.get(599)).isEqualTo("{\"id\":2,\"findings\":[]}");
  }

  @Test
  void detectReportsTheFindingsProtectMakes() throws Exception {
    List<String> lines = detectAgreeingWithProtect("""
        {"id": 1, "text": "ana@example.com"}
        {"id": 2, "text": "bo@example.org"}
        {"id": 3, "text": "cy@example.net"}
        {"id": 4, "text": "dee@example.com"}
        {"id": 5, "text": "call 536-22-8049 or 536-22-8050"}
        """, """
        {"type": "NAME", "count": 1, "occurrences": {"records": [
           {"recordIndex": 0, "jsonPath": "$.text"}]}},
        {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"records": [
           {"recordIndex": 4, "jsonPath": "$.text"}]}}""");
    assertThat(lines.get(4)).isEqualTo("{\"id\":5,\"findings\":["
        + "{\"entity\":\"EMAIL_ADDRESS\",\"start\":0,\"end\":31,\"score\":0.8,"
        + "\"source\":\"local\",\"recognizer\":\"column-plan\"},"
        + "{\"entity\":\"US_SSN\",\"start\":0,\"end\":31,\"score\":1,"
        + "\"source\":\"macie\",\"recognizer\":\"macie\"}]}");
  }

  @Test
  void oneLocalFindingPerEntityMacieReportedIsBoth() throws Exception {
    List<String> lines = detectAgreeingWithProtect("""
        {"id": 1, "text": "ssn 536-22-8049 or 536-22-8050"}
        {"id": 2, "text": "nothing here"}
        """, """
        {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"records": [
           {"recordIndex": 0, "jsonPath": "$.text"}]}}""");
    assertThat(lines.get(0)).isEqualTo("{\"id\":1,\"findings\":["
        + "{\"entity\":\"US_SSN\",\"start\":4,\"end\":15,\"score\":0.85,"
        + "\"source\":\"both\",\"recognizer\":\"UsSsnRecognizer\"},"
        + "{\"entity\":\"US_SSN\",\"start\":19,\"end\":30,\"score\":0.85,"
        + "\"source\":\"local\",\"recognizer\":\"UsSsnRecognizer\"}]}");
  }

  /**
   * Runs detect and protect (JSON Lines, built-in policy) on {@code jsonl} with Macie's
   * {@code detections} at record 0 of {@code d.jsonl}, checks that detect reports per entity the
   * findings protect counted, by source, and returns detect's lines.
   */
  private List<String> detectAgreeingWithProtect(String jsonl, String detections)
      throws Exception {
    Path input = Files.writeString(dir.resolve("d.jsonl"), jsonl);
    Path findings = Files.writeString(dir.resolve("macie.json"), """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "d.jsonl"}},
          "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [%s]}]}}}]}
        """.formatted(detections));
    MacieHints macie = MacieFusion.run(List.of(findings.toString()), null, dir.toString(),
        List.of(new DataFile(input.toUri().toString(), "d.jsonl", 0, null, null)),
        new Configuration()).hints().get("d.jsonl");
    FileStats protect = new FileStats();
    StringWriter data = new StringWriter();
    Format.JSONL.redactor(new ValueProtector(Analyzer.defaults(), Policy.strict(),
            OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH])), "d.jsonl",
        null, macie, FlaggedRecords.NONE).redact(new LineReader(Files.newInputStream(input),
            1 << 20), new RecordSinks() {
              public Writer data() {
                return data;
              }

              public Writer quarantine() {
                return data;
              }
            }, protect);

    DetectCommand detect = new DetectCommand();
    detect.input = input;
    detect.output = dir.resolve("d.out");
    detect.macie = List.of(findings.toString());
    assertThat(detect.call()).isZero();
    List<String> lines = Files.readAllLines(detect.output);
    Map<String, long[]> reported = new TreeMap<>();
    for (String line : lines) {
      for (JsonNode f : new ObjectMapper().readTree(line).path("findings")) {
        String source = f.path("source").asText();
        reported.computeIfAbsent(f.path("entity").asText(), e -> new long[3])
            [source.equals("local") ? 0 : source.equals("macie") ? 1 : 2]++;
      }
    }
    assertThat(reported).isNotEmpty().usingRecursiveComparison()
        .isEqualTo(protect.provenance());
    return lines;
  }

  @Test
  void invalidJsonOneMoreThanTheLimitIsNamedAsPastTheLimitAtItsLine() throws Exception {
    Path in = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": 1, \"text\": \"a\"\n"
        + "{\"id\": 2, \"text\": \"b\"}\n{\"id\": 3, \"text\": \"c\"\n"
        + "{\"id\": 4, \"body\": \"no text\"}\n");
    TrainguardCliTest.Run run = TrainguardCliTest.run("detect", "--input", in.toString(),
        "--output", dir.resolve("out.jsonl").toString(), "--max-bad-records", "1");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("trainguard: warning: skipped a malformed record of " + in
        + " at line 1, column 22: invalid JSON\ntrainguard: error: Malformed JSONL in " + in
        + " at line 3, column 22: invalid JSON (more than --max-bad-records 1)\n");
  }

  @Test
  void maxBadRecordsSkipsMalformedLinesNamingThemAndFailsPastTheLimit() throws Exception {
    Path in = dir.resolve("bad.jsonl");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes(("{\"id\": 1, \"text\": \"hello\"}\n"
        + "{\"id\": 2, \"text\": \"zz1bad@example.org\"\n"
        + "{\"id\": 3, \"text\": \"mail ann@example.com\"}\n"
        + "{\"id\": 4, \"text\": \"zz2bad ").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes("\"}\n{\"id\": 5, \"text\": \"bye\"}\n".getBytes(StandardCharsets.UTF_8));
    Files.write(in, bytes.toByteArray());
    Path out = dir.resolve("bad-findings.jsonl");

    TrainguardCliTest.Run failed = TrainguardCliTest.run("detect", "--input", in.toString(),
        "--output", out.toString());
    assertThat(failed.code()).isEqualTo(2);
    assertThat(failed.err()).isEqualTo("trainguard: error: Invalid JSON in " + in
        + " at line 2\n");
    assertThat(out).doesNotExist();

    TrainguardCliTest.Run skipped = TrainguardCliTest.run("detect", "--input", in.toString(),
        "--output", out.toString(), "--max-bad-records", "2");
    assertThat(skipped.code()).as(skipped.err()).isZero();
    assertThat(skipped.err().lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l)
        .startsWith("trainguard: warning: skipped a malformed record of " + in + " at line "));
    assertThat(skipped.err()).contains(" at line 2").contains(" at line 4")
        .doesNotContain("zz1bad").doesNotContain("zz2bad");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"id\":1,");
    assertThat(lines.get(1)).startsWith("{\"id\":3,\"findings\":[{\"entity\":\"EMAIL_ADDRESS\"");
    assertThat(lines.get(2)).isEqualTo("{\"id\":5,\"findings\":[]}");

    Files.delete(out);
    TrainguardCliTest.Run tooMany = TrainguardCliTest.run("detect", "--input", in.toString(),
        "--output", out.toString(), "--max-bad-records", "1");
    assertThat(tooMany.code()).isEqualTo(2);
    assertThat(tooMany.err()).endsWith("trainguard: error: Malformed JSONL in " + in
        + " at line 4: invalid UTF-8 (more than --max-bad-records 1)\n")
        .doesNotContain("zz2bad");
    assertThat(out).doesNotExist();

    TrainguardCliTest.Run share = TrainguardCliTest.run("detect", "--input", in.toString(),
        "--output", out.toString(), "--max-bad-records", "20%");
    assertThat(share.code()).isEqualTo(2);
    assertThat(share.err()).endsWith("trainguard: error: Too many malformed records: 2 of 5"
        + " records (--max-bad-records 20%); the first in " + in + " at line 2, column 39:"
        + " invalid JSON\n");
  }
}
