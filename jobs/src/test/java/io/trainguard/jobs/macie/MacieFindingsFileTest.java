package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.macie.MacieLocation.Cell;
import io.trainguard.jobs.macie.MacieLocation.JsonRecord;
import io.trainguard.jobs.macie.MacieLocation.LineRange;
import io.trainguard.jobs.macie.MacieLocation.OffsetRange;
import io.trainguard.jobs.macie.MacieLocation.Page;
import io.trainguard.jobs.macie.MacieLocation.WholeObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings files as the console or CLI export them, normalized to exact occurrences. */
class MacieFindingsFileTest {

  static MacieImport parse(String json) throws IOException {
    return MacieFindingsFile.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "findings.json");
  }

  static MacieOccurrence occurrence(String id, String key, String entity, String type,
      boolean custom, MacieLocation location) {
    return new MacieOccurrence(MacieSource.FINDING, id, "job-7", "training", key, "\"e1\"", "v3",
        2048L, entity, type, custom, location);
  }

  static final String FINDINGS = """
      {"findings": [
        {"id": "f-csv", "category": "CLASSIFICATION", "type": "SensitiveData:S3Object/Personal",
         "resourcesAffected": {"s3Bucket": {"name": "training"},
           "s3Object": {"key": "raw/customers.csv", "eTag": "\\"e1\\"", "versionId": "v3",
                        "size": 2048}},
         "classificationDetails": {"jobId": "job-7",
           "detailedResultsLocation": "s3://results/AWSLogs/1/Macie/us-east-1/job-7/a.jsonl.gz",
           "result": {"mimeType": "text/csv", "sensitiveData": [
             {"category": "PERSONAL_INFORMATION", "totalCount": 3, "detections": [
               {"type": "NAME", "count": 2, "occurrences": {"cells": [
                  {"row": 2, "column": 2, "columnName": "name", "cellReference": null},
                  {"row": 3, "column": 2, "columnName": "name", "cellReference": null}]}},
               {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"cells": [
                  {"row": "4", "column": "5"}]}}]}],
             "customDataIdentifiers": {"totalCount": 1, "detections": [
               {"arn": "arn:aws:macie2:us-east-1:1:custom-data-identifier/x",
                "name": "EMPLOYEE_ID", "count": 1,
                "occurrences": {"cells": [{"row": 5, "column": 1, "columnName": "customer_id"}]}}]}
           }}},
        {"id": "f-jsonl", "category": "CLASSIFICATION",
         "resourcesAffected": {"s3Bucket": {"name": "training"},
           "s3Object": {"key": "raw/support/tickets.jsonl", "eTag": "\\"e1\\"", "versionId": "v3",
                        "size": 2048}},
         "classificationDetails": {"jobId": "job-7", "result": {"sensitiveData": [
           {"category": "PERSONAL_INFORMATION", "detections": [
             {"type": "EMAIL_ADDRESS", "count": 2, "occurrences": {"records": [
                {"recordIndex": 0, "jsonPath": "$.text"},
                {"recordIndex": 11, "jsonPath": "$.customer.emails[1]"}]}}]}]}}},
        {"id": "f-text", "category": "CLASSIFICATION",
         "resourcesAffected": {"s3Bucket": {"name": "training"},
           "s3Object": {"key": "raw/notes.txt", "eTag": "\\"e1\\"", "versionId": "v3",
                        "size": 2048}},
         "classificationDetails": {"jobId": "job-7", "result": {"sensitiveData": [
           {"category": "PERSONAL_INFORMATION", "detections": [
             {"type": "ADDRESS", "count": 1, "occurrences": {"lineRanges": [
                {"start": 3, "end": 4, "startColumn": 17}]}},
             {"type": "CREDIT_CARD_NUMBER_(NO_KEYWORD)", "count": 1, "occurrences": {
                "offsetRanges": [{"start": 120, "end": 139}]}},
             {"type": "DATE_OF_BIRTH", "count": 1, "occurrences": {"pages": [
                {"pageNumber": 2, "lineRange": null, "offsetRange": null}]}},
             {"type": "USA_HEALTHCARE_PROCEDURE_CODE", "count": 9}]}]}}}
      ]}
      """;

  @Test
  void normalizesEveryKindOfLocation() throws IOException {
    MacieImport result = parse(FINDINGS);

    assertThat(result.occurrences()).containsExactly(
        occurrence("f-csv", "raw/customers.csv", "PERSON", "NAME", false, new Cell(2, 2, "name")),
        occurrence("f-csv", "raw/customers.csv", "PERSON", "NAME", false, new Cell(3, 2, "name")),
        occurrence("f-csv", "raw/customers.csv", "US_SSN", "USA_SOCIAL_SECURITY_NUMBER", false,
            new Cell(4, 5, null)),
        occurrence("f-csv", "raw/customers.csv", "EMPLOYEE_ID", "EMPLOYEE_ID", true,
            new Cell(5, 1, "customer_id")),
        occurrence("f-jsonl", "raw/support/tickets.jsonl", "EMAIL_ADDRESS", "EMAIL_ADDRESS", false,
            new JsonRecord(0, "$.text")),
        occurrence("f-jsonl", "raw/support/tickets.jsonl", "EMAIL_ADDRESS", "EMAIL_ADDRESS", false,
            new JsonRecord(11, "$.customer.emails[1]")),
        occurrence("f-text", "raw/notes.txt", "LOCATION", "ADDRESS", false,
            new LineRange(3, 4, 17L)),
        occurrence("f-text", "raw/notes.txt", "CREDIT_CARD", "CREDIT_CARD_NUMBER_(NO_KEYWORD)",
            false, new OffsetRange(120, 139)),
        occurrence("f-text", "raw/notes.txt", "DATE_TIME", "DATE_OF_BIRTH", false, new Page(2)),
        occurrence("f-text", "raw/notes.txt", "USA_HEALTHCARE_PROCEDURE_CODE",
            "USA_HEALTHCARE_PROCEDURE_CODE", false, new WholeObject(9)));
    assertThat(result.warnings()).isEmpty();
    assertThat(result.skipped()).isZero();
    assertThat(result.detailedResultsLocations())
        .containsExactly("s3://results/AWSLogs/1/Macie/us-east-1/job-7/a.jsonl.gz");
  }

  @Test
  void acceptsABareArray() throws IOException {
    String array = FINDINGS.strip().substring("{\"findings\": ".length(),
        FINDINGS.strip().length() - 1);

    assertThat(parse(array).occurrences()).hasSize(10);
  }

  @Test
  void acceptsASingleFindingObject() throws IOException {
    String first = FINDINGS.substring(FINDINGS.indexOf("{\"id\": \"f-csv\""),
        FINDINGS.indexOf(",\n  {\"id\": \"f-jsonl\""));

    assertThat(parse(first).occurrences()).hasSize(4)
        .allSatisfy(o -> assertThat(o.findingId()).isEqualTo("f-csv"));
  }

  @Test
  void occurrencesInElementNamesAreKeptAndWarnedAbout() throws IOException {
    MacieImport result = parse("""
        {"id": "f-names", "category": "CLASSIFICATION",
         "resourcesAffected": {"s3Bucket": {"name": "training"},
           "s3Object": {"key": "raw/events.jsonl"}},
         "classificationDetails": {"result": {"sensitiveData": [
           {"detections": [{"type": "EMAIL_ADDRESS", "count": 2, "occurrences": {"records": [
              {"recordIndex": 4}, {"recordIndex": 5, "jsonPath": null},
              {"recordIndex": 6, "jsonPath": "$.to"}]}}]}]}}}
        """);

    assertThat(result.occurrences()).extracting(MacieOccurrence::location).containsExactly(
        new JsonRecord(4, null), new JsonRecord(5, null), new JsonRecord(6, "$.to"));
    assertThat(result.warnings()).containsExactly("Macie finding f-names from findings.json"
        + " reports 2 occurrences in JSON element names (no jsonPath): trainguard does not"
        + " rewrite names, review those records");
  }

  @Test
  void readsALocalFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("export.json"), FINDINGS);

    assertThat(MacieFindingsFile.read(file).occurrences()).hasSize(10);
  }

  @Test
  void skipsMalformedFindingsWithAWarningAndKeepsTheOthers() throws IOException {
    MacieImport result = parse("""
        [
          {"id": "no-key", "resourcesAffected": {"s3Bucket": {"name": "b"}, "s3Object": {}},
           "classificationDetails": {"result": {}}},
          {"id": "bad-row", "resourcesAffected": {"s3Bucket": {"name": "b"},
             "s3Object": {"key": "k.csv"}},
           "classificationDetails": {"result": {"sensitiveData": [{"detections": [
             {"type": "NAME", "occurrences": {"cells": [{"row": "two", "column": 1}]}}]}]}}},
          {"resourcesAffected": {"s3Bucket": {"name": "b"}, "s3Object": {"key": "k.csv"}}},
          "not an object",
          {"id": "policy", "category": "POLICY"},
          {"id": "ok", "resourcesAffected": {"s3Bucket": {"name": "b"},
             "s3Object": {"key": "k.csv"}},
           "classificationDetails": {"result": {"sensitiveData": [{"detections": [
             {"type": "NAME", "occurrences": {"cells": [{"row": 2, "column": 1}]}}]}]}}}
        ]
        """);

    assertThat(result.occurrences()).extracting(MacieOccurrence::findingId).containsExactly("ok");
    assertThat(result.skipped()).isEqualTo(4);
    assertThat(result.warnings()).containsExactly(
        "Cannot import Macie finding no-key from findings.json:"
            + " resourcesAffected.s3Object.key is missing",
        "Cannot import Macie finding bad-row from findings.json: classificationDetails.result"
            + ".sensitiveData[0].detections[0].occurrences.cells[0].row is not a whole number",
        "Cannot import Macie finding #3 from findings.json: classificationDetails.result is missing",
        "Cannot import Macie finding #4 from findings.json: not a JSON object",
        "Ignored Macie finding policy from findings.json: category POLICY is not a sensitive"
            + " data finding");
  }

  @Test
  void notJsonIsAnInputErrorNamingTheFileAndPosition() {
    assertThatThrownBy(() -> parse("{\"findings\": [\n  {\"id\": 123-45-6789}]}"))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessageStartingWith("Cannot read Macie findings file findings.json: not valid JSON at"
            + " line 2")
        .message().doesNotContain("6789");
  }

  @Test
  void theWrongDocumentShapeIsAnInputError() {
    assertThatThrownBy(() -> parse("{\"finding\": {}}"))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Cannot read Macie findings file findings.json:"
            + " expected {\"findings\": [...]}, an array of findings or one finding");
  }

  @Test
  void aMissingFileIsAnInputError(@TempDir Path dir) {
    assertThatThrownBy(() -> MacieFindingsFile.read(dir.resolve("none.json")))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Cannot read Macie findings file none.json: no such file");
  }
}
