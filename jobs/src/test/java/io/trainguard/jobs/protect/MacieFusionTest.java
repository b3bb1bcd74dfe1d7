package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MacieFusionTest {

  @TempDir Path dir;

  @Test
  void lineRangesOfATextFileBecomeLineHints() throws Exception {
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"},
            "s3Object": {"key": "corpus/notes.txt", "size": 64}},
          "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [
              {"type": "ADDRESS", "count": 2, "occurrences": {"lineRanges": [
                 {"start": 3, "end": 5, "startColumn": 17},
                 {"start": 9, "end": 9}]}}]}]}}}]}
        """);
    DataFile notes = new DataFile(dir.resolve("in/notes.txt").toUri().toString(), "notes.txt",
        64, null, null);
    MacieFusion.Result result = MacieFusion.run(List.of(findings.toString()), "corpus",
        dir.resolve("in").toString(), List.of(notes), new Configuration());

    MacieHints hints = result.hints().get("notes.txt");
    assertThat(hints.lines()).containsOnlyKeys(3L, 4L, 5L, 9L);
    assertThat(hints.line(3)).isEqualTo(Map.of(17, java.util.Set.of("LOCATION")));
    assertThat(hints.line(4)).isEqualTo(Map.of(0, java.util.Set.of("LOCATION")));
    assertThat(hints.line(5)).isEqualTo(Map.of(0, java.util.Set.of("LOCATION")));
    assertThat(hints.line(9)).isEqualTo(Map.of(0, java.util.Set.of("LOCATION")));
    assertThat(hints.line(6)).isEmpty();
    assertThat(result.occurrences()).isEqualTo(2);
    assertThat(result.jobIds()).containsExactly("job-1");
  }

  @Test
  void aFindingsFileFollowsItsDetailedResultsLocation() throws Exception {
    Path results = dir.resolve("results.jsonl.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(results))) {
      out.write("""
          {"id":"r-1","resourcesAffected":{"s3Bucket":{"name":"raw"},"s3Object":{"key":\
          "corpus/notes.txt","size":"64"}},"classificationDetails":{"result":{"sensitiveData":[\
          {"detections":[{"type":"ADDRESS","count":"2","occurrences":{"lineRanges":[\
          {"start":"3","end":"3"},{"start":"7","end":"7"}]}}]}]}}}
          """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, """
        {"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"},
            "s3Object": {"key": "corpus/notes.txt", "size": 64}},
          "classificationDetails": {"detailedResultsLocation": "%s", "result": {
            "additionalOccurrences": true, "sensitiveData": [
            {"detections": [{"type": "ADDRESS", "count": 2, "occurrences": {"lineRanges": [
               {"start": 3, "end": 3}]}}]}]}}}
        """.formatted(results.toUri()));
    DataFile notes = new DataFile(dir.resolve("in/notes.txt").toUri().toString(), "notes.txt",
        64, null, null);

    MacieFusion.Result result = MacieFusion.run(List.of(findings.toString()), "corpus",
        dir.resolve("in").toString(), List.of(notes), new Configuration());

    assertThat(result.hints().get("notes.txt").lines()).containsOnlyKeys(3L, 7L);
    assertThat(result.resultLocations()).containsExactly(results.toUri().toString());
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void aColumnMacieListedOnlyInPartIsPlannedWhole() throws Exception {
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, """
        {"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"},
            "s3Object": {"key": "corpus/people.csv", "size": 64}},
          "classificationDetails": {"result": {"additionalOccurrences": true, "sensitiveData": [
            {"detections": [{"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 400,
              "occurrences": {"cells": [{"row": 2, "column": 3, "columnName": "ssn"}]}}]}]}}}
        """);
    DataFile people = new DataFile(dir.resolve("in/people.csv").toUri().toString(), "people.csv",
        64, null, null);

    MacieFusion.Result result = MacieFusion.run(List.of(findings.toString()), "corpus",
        dir.resolve("in").toString(), List.of(people), new Configuration());

    MacieHints hints = result.hints().get("people.csv");
    assertThat(hints.plan("ssn", 100)).hasValueSatisfying(plan -> {
      assertThat(plan.entity()).isEqualTo("US_SSN");
      assertThat(plan.confidence()).isEqualTo(1.0);
    });
    assertThat(hints.plan("name", 100)).isEmpty();
  }
}
