package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    DetectCommand.detect(new LineReader(new ByteArrayInputStream(
        "{\"id\": 1, \"text\": \"Zyx Qwv zz9@example.org\"}\n".getBytes(StandardCharsets.UTF_8)),
        1 << 20), out, Analyzer.defaults(), "d.jsonl", macie);
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
    DetectCommand.detect(new LineReader(new ByteArrayInputStream(
        "{\"id\": 1, \"text\": \"Zyx Qwv\"}\n{\"id\": 2, \"text\": \"Qq Kw\"}\n"
            .getBytes(StandardCharsets.UTF_8)), 1 << 20), out, Analyzer.defaults(), "d.jsonl",
        macie);
    assertThat(out.toString()).isEqualTo("""
        {"id":1,"findings":[{"entity":"PERSON","start":0,"end":7,"score":1,"source":"macie",\
        "recognizer":"macie"}]}
        {"id":2,"findings":[{"entity":"PERSON","start":0,"end":5,"score":1,"source":"macie",\
        "recognizer":"macie"}]}
        """);
  }
}
