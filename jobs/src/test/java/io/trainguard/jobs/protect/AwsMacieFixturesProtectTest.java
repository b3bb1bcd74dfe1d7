package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.AvroFiles;
import io.trainguard.jobs.macie.DiscoveryResults;
import io.trainguard.jobs.macie.MacieFindingsFile;
import io.trainguard.jobs.macie.MacieImport;
import io.trainguard.jobs.macie.MacieLocation;
import io.trainguard.jobs.macie.MacieOccurrence;
import io.trainguard.jobs.output.Decryptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of Amazon's Macie fixtures (test resources {@code aws-macie-reveal/}, MIT-0) imported and
 * fused into {@code protect} over the data object it describes, with its discovery result: every
 * value the finding or result flags (by cell, record and JSON path, and every row of a column
 * flagged whole) is redacted in the decrypted output. Amazon sanitised the objects' sizes in the
 * fixtures, so each finding and result is given the size of the object it describes (otherwise
 * trainguard rightly treats it as stale).
 */
class AwsMacieFixturesProtectTest {

  static final Path FIXTURES = Path.of("src/test/resources/aws-macie-reveal");
  static final ObjectMapper JSON = new ObjectMapper();

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

  /** A finding with the object's real size. */
  Path finding(String file, long size) throws IOException {
    ObjectNode finding = (ObjectNode) JSON.readTree(FIXTURES.resolve("findings").resolve(file)
        .toFile());
    ((ObjectNode) finding.at("/resourcesAffected/s3Object")).put("size", size);
    Path out = dir.resolve("finding-" + file);
    JSON.writeValue(out.toFile(), finding);
    return out;
  }

  /** A discovery result (gzip JSON Lines) with the object's real size, written as Macie does. */
  Path result(String file, long size) throws IOException {
    StringBuilder lines = new StringBuilder();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES.resolve("s3")
        .resolve(file)))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          ObjectNode result = (ObjectNode) JSON.readTree(line);
          ((ObjectNode) result.at("/resourcesAffected/s3Object")).put("size", String.valueOf(size));
          lines.append(JSON.writeValueAsString(result)).append('\n');
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("result-" + file);
    Files.write(out, bytes.toByteArray());
    return out;
  }

  /** What Amazon's finding and discovery result files say, as imported. */
  static List<MacieOccurrence> occurrences(String finding, String result) throws IOException {
    MacieImport imported = MacieFindingsFile.read(FIXTURES.resolve("findings").resolve(finding));
    try (InputStream in = Files.newInputStream(FIXTURES.resolve("s3").resolve(result))) {
      imported = imported.plus(DiscoveryResults.read(in, result));
    }
    assertThat(imported.warnings()).isEmpty();
    return imported.occurrences();
  }

  /** Copies {@code object} to {@code key} under a new input folder. */
  Path input(String object, String key) throws IOException {
    Path in = dir.resolve("in");
    Path target = in.resolve(key);
    Files.createDirectories(target.getParent());
    Files.copy(FIXTURES.resolve("s3").resolve(object), target);
    return in;
  }

  ProtectResult protect(Path in, String policy, Path... macie) {
    return new ProtectJob(spark, ProtectRequest.builder(in.toString(),
        dir.resolve("out").toString(), key.spec()).policy(policy)
        .macie(java.util.Arrays.stream(macie).map(Path::toString).toList(), null)
        .commandLine("test").build()).execute();
  }

  Path decrypt() {
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(dir.resolve("out").toString(),
        plain.toString());
    return plain;
  }

  static List<String[]> csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "csv.json|53039a83-54e8-33b5-aed0-5d5bb32c7178.jsonl.gz|sample-data.csv"
          + "|macie-workshop/sample-data.csv|CCN=30, SSN=30, birthdate=30, last_name=30, phone=30",
      // one discovery result file describes both copies
      "path-with-spaces.json|53039a83-54e8-33b5-aed0-5d5bb32c7178.jsonl.gz"
          + "|sample-data with spaces.csv|macie-workshop/sample-data with spaces.csv"
          + "|CCN=30, SSN=30, birthdate=30, last_name=30, phone=30",
      "cdi.json|bca1db4c-fb51-38cc-8555-bae4f195cf71.jsonl.gz|test-cdi.csv|test-cdi.csv"
          + "|email=2"})
  void csvFixturesAreRedactedAtEveryFlaggedCellAndColumn(String finding, String result,
      String object, String key, String wholeColumns) throws IOException {
    Path in = input(object, key);
    long size = Files.size(in.resolve(key));
    List<MacieOccurrence> all = occurrences(finding, result);
    List<MacieOccurrence> listed = all.stream().filter(o -> o.key().equals(key)).toList();
    boolean resultAboutThisObject = listed.stream()
        .anyMatch(o -> o.source() == io.trainguard.jobs.macie.MacieSource.DISCOVERY_RESULT);

    ProtectResult run = resultAboutThisObject
        ? protect(in, null, finding(finding, size), result(result, size))
        : protect(in, null, finding(finding, size));

    List<String[]> before = csv(in.resolve(key));
    List<String[]> after = csv(decrypt().resolve(key));
    assertThat(after).hasSameSizeAs(before);
    assertThat(run.recordsWritten()).isEqualTo(before.size() - 1);
    JsonNode macie = run.json().path("config").path("macie");
    assertThat(macie.path("stale").asInt()).isZero();
    assertThat(macie.path("unmatched").asInt()).isEqualTo(all.size() - listed.size());
    // every cell Macie listed
    for (MacieOccurrence o : listed) {
      if (o.location() instanceof MacieLocation.Cell c) {
        String original = before.get((int) c.row() - 1)[(int) c.column() - 1];
        assertRedacted(after.get((int) c.row() - 1)[(int) c.column() - 1], original,
            o.macieType() + " row " + c.row() + " column " + c.column());
      }
    }
    // every row of every column Macie flagged whole (additionalOccurrences)
    Map<String, Integer> redacted = new TreeMap<>();
    for (MacieOccurrence o : listed) {
      if (o.location() instanceof MacieLocation.EveryRow c) {
        int column = (int) c.column() - 1;
        int n = 0;
        for (int row = 1; row < before.size(); row++) {
          String original = before.get(row)[column];
          if (!original.isEmpty()) {
            assertRedacted(after.get(row)[column], original, c.columnName() + " row " + (row + 1));
            n++;
          }
        }
        redacted.put(c.columnName(), n);
      }
    }
    assertThat(redacted).hasToString("{" + wholeColumns + "}");
  }

  /**
   * Without Macie, {@code test-cdi.csv} kept its {@code SSN} column whole: its values are of
   * area 000, which the SSN recognizer rejects, though the column is named for them and Macie
   * reports them as SSNs.
   */
  @Test
  void ssnAndCardColumnsAreRedactedWithoutMacieThoughTheirNumbersWereNeverIssued()
      throws IOException {
    Path in = input("test-cdi.csv", "test-cdi.csv");
    protect(in, null);
    List<String[]> before = csv(in.resolve("test-cdi.csv"));
    List<String[]> after = csv(decrypt().resolve("test-cdi.csv"));
    assertThat(before.get(1)[0]).isEqualTo("000-11-1111");
    for (int row = 1; row < before.size(); row++) {
      assertThat(after.get(row)[0]).as("SSN row " + row).isEqualTo("<US_SSN>");
      assertThat(after.get(row)[13]).as("CCN row " + row).isEqualTo("<CREDIT_CARD>");
      assertThat(after.get(row)[1]).as("type row " + row).isEqualTo(before.get(row)[1]);
    }
  }

  @Test
  void parquetFixtureIsRedactedAtEveryFlaggedPathOfEveryRecord() throws IOException {
    String key = "records/sample-data.parquet";
    Path in = input("sample-data.parquet", key);
    long size = Files.size(in.resolve(key));
    List<MacieOccurrence> listed = occurrences("parquet.json",
        "9eea5504-d2d2-3309-8094-55ab06461829.jsonl.gz");

    ProtectResult run = protect(in, null, finding("parquet.json", size),
        result("9eea5504-d2d2-3309-8094-55ab06461829.jsonl.gz", size));

    List<Row> before = spark.read().parquet(in.resolve(key).toString()).collectAsList();
    List<Row> after = spark.read().parquet(decrypt().resolve(key).toString()).collectAsList();
    assertThat(after).hasSameSizeAs(before);
    assertThat(run.json().path("config").path("macie").path("stale").asInt()).isZero();
    Map<String, Integer> redacted = new TreeMap<>();
    for (MacieOccurrence o : listed) {
      String path = o.location() instanceof MacieLocation.JsonRecord r ? r.jsonPath()
          : ((MacieLocation.EveryRecord) o.location()).jsonPath();
      String field = path.substring("$.".length());
      int column = before.get(0).fieldIndex(field);
      if (o.location() instanceof MacieLocation.JsonRecord r) {
        Object original = before.get((int) r.recordIndex()).get(column);
        assertRedacted(Objects.toString(after.get((int) r.recordIndex()).get(column)),
            original.toString(), path + " record " + r.recordIndex());
      } else {
        int n = 0;
        for (int i = 0; i < before.size(); i++) {
          Object original = before.get(i).get(column);
          if (original != null && !original.toString().isEmpty()) {
            assertRedacted(Objects.toString(after.get(i).get(column)), original.toString(),
                path + " record " + i);
            n++;
          }
        }
        redacted.put(field, n);
      }
    }
    assertThat(redacted).hasToString(
        "{CCN=30, SSN=30, birthdate=30, city=30, first_name=30, phone=30}");
  }

  @Test
  void jsonFixtureOnOneLineIsRedactedAtEveryPathOfEveryElement() throws IOException {
    // Amazon's object is a pretty-printed JSON array, which trainguard does not read yet (see
    // the next test); the same document on one line is one JSON Lines record, Macie's record 0.
    String key = "macie-workshop/CreditCardDataSmall.json";
    String document = Files.readString(FIXTURES.resolve("s3/CreditCardDataSmall.json"))
        .replaceAll("\\s*\n\\s*", "") + "\n";
    Path in = dir.resolve("in");
    Files.createDirectories(in.resolve(key).getParent());
    Files.writeString(in.resolve(key), document);
    long size = Files.size(in.resolve(key));

    protect(in, null, finding("json.json", size),
        result("ac3e3364-41c0-32d9-86b9-3ebbab1290d5.jsonl.gz", size));

    JsonNode before = JSON.readTree(document);
    JsonNode after = JSON.readTree(decrypt().resolve(key).toFile());
    assertThat(after).hasSize(7);
    for (int i = 0; i < before.size(); i++) {
      for (String field : List.of("Card Number", "Name", "CVV")) {
        assertRedacted(after.get(i).get(field).asText(), before.get(i).get(field).asText(),
            "$[" + i + "]." + field);
      }
    }
    assertThat(after.toString()).isEqualTo(
        ("{\"Card Number\":\"<CREDIT_CARD>\",\"Name\":\"<PERSON>\","
            + "\"CVV\":\"<CREDIT_CARD_SECURITY_CODE>\"}").repeat(7)
            .replace("}{", "},{").transform(s -> "[" + s + "]"));
  }

  @Test
  void prettyPrintedJsonArrayFixtureIsRedactedAtEveryPathOfEveryElementKeepingItsShape()
      throws IOException {
    String key = "macie-workshop/CreditCardDataSmall.json";
    Path in = input("CreditCardDataSmall.json", key);
    long size = Files.size(in.resolve(key));

    protect(in, null, finding("json.json", size),
        result("ac3e3364-41c0-32d9-86b9-3ebbab1290d5.jsonl.gz", size));

    String document = Files.readString(in.resolve(key));
    String after = Files.readString(decrypt().resolve(key));
    JsonNode before = JSON.readTree(document);
    JsonNode redacted = JSON.readTree(after);
    assertThat(redacted).hasSize(7);
    for (int i = 0; i < before.size(); i++) {
      for (String field : List.of("Card Number", "Name", "CVV")) {
        assertRedacted(redacted.get(i).get(field).asText(), before.get(i).get(field).asText(),
            "$[" + i + "]." + field);
      }
    }
    assertThat(after).isEqualTo(document
        .replace("4111111111111111", "\"<CREDIT_CARD>\"")
        .replaceAll("\"Name\": \"[^\"]+\"", "\"Name\": \"<PERSON>\"")
        .replace("\"CVV\": 111", "\"CVV\": \"<CREDIT_CARD_SECURITY_CODE>\""));
  }

  @Test
  void avroFixtureIsRedactedAtEveryFlaggedPathOfEveryRecordKeepingWhatIsNotPersonal()
      throws IOException {
    String key = "mock-data/avro/sample-data.avro";
    Path in = input("sample-data.avro", key);
    long size = Files.size(in.resolve(key));
    String result = "4d632e11-b6f2-32fb-ae9f-3c7efda4fcbf.jsonl.gz";
    List<MacieOccurrence> listed = occurrences("avro.json", result);

    ProtectResult run = protect(in, null, finding("avro.json", size), result(result, size));

    AvroFiles.Content before = AvroFiles.read(in.resolve(key));
    AvroFiles.Content after = AvroFiles.read(decrypt().resolve(key));
    assertThat(after.schema()).isEqualTo(before.schema());
    assertThat(after.codec()).isEqualTo("null");
    assertThat(after.records()).hasSize(30);
    assertThat(run.recordsWritten()).isEqualTo(30);
    assertThat(run.json().path("config").path("macie").path("stale").asInt()).isZero();
    Map<String, Integer> redacted = new TreeMap<>();
    for (MacieOccurrence o : listed) {
      if (o.location() instanceof MacieLocation.JsonRecord r) {
        String field = r.jsonPath().substring("$.".length());
        int i = (int) r.recordIndex();
        assertRedacted(after.records().get(i).get(field).toString(),
            before.records().get(i).get(field).toString(), r.jsonPath() + " record " + i);
      } else {
        String field = ((MacieLocation.EveryRecord) o.location()).jsonPath().substring(2);
        for (int i = 0; i < 30; i++) {
          assertRedacted(after.records().get(i).get(field).toString(),
              before.records().get(i).get(field).toString(), field + " record " + i);
        }
        redacted.put(field, 30);
      }
    }
    assertThat(redacted).hasToString(
        "{CCN=30, SSN=30, address=30, city=30, first_name=30, phone=30}");
    // no personal value is left anywhere in the output, and what is not personal stays
    java.util.Set<String> personal = new java.util.TreeSet<>();
    for (GenericRecord was : before.records()) {
      for (String field : List.of("SSN", "birthdate", "middle", "last_name", "first_name",
          "address", "city", "phone", "email", "CCN", "cc_expiredate")) {
        if (was.get(field).toString().length() > 2) { // initials are no copy of a name
          personal.add(was.get(field).toString());
        }
      }
    }
    assertThat(personal).hasSize(153);
    for (int i = 0; i < 30; i++) {
      GenericRecord is = after.records().get(i);
      for (org.apache.avro.Schema.Field f : is.getSchema().getFields()) {
        String value = is.get(f.pos()).toString();
        assertThat(personal).as(f.name() + " of record " + i)
            .noneMatch(p -> value.contains(p));
      }
      GenericRecord was = before.records().get(i);
      // card expiry and security code, planned by their names: the code, a required int, masked
      assertThat(is.get("cc_expiredate")).as("cc_expiredate of record " + i)
          .hasToString("<CREDIT_CARD_EXPIRATION>");
      assertThat(was.get("cc_cvc")).as("cc_cvc of record " + i).isIn(111, 11);
      assertThat(is.get("cc_cvc")).as("cc_cvc of record " + i).isEqualTo(0);
      for (String field : List.of("type", "state", "zip", "cc_type")) {
        assertThat(is.get(field)).as(field + " of record " + i).isEqualTo(was.get(field));
      }
    }
  }

  @Test
  void credentialIdentifiersAreQuarantinedAndGatedNeverGivenTheDefault() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("keys.csv"), "id,note\n1,opaque-a\n2,opaque-b\n3,opaque-c\n"
        + "4,plain\n");
    Path findings = dir.resolve("keys.json");
    Files.writeString(findings, """
        {"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "keys.csv"}},
          "classificationDetails": {"result": {"sensitiveData": [{"category": "CREDENTIALS",
            "detections": [
              {"type": "GCP_API_KEY", "count": 1, "occurrences": {"cells": [
                {"row": 2, "column": 2, "columnName": "note"}]}},
              {"type": "HTTP_BASIC_AUTH_HEADER", "count": 1, "occurrences": {"cells": [
                {"row": 3, "column": 2, "columnName": "note"}]}},
              {"type": "SOME_FUTURE_SECRET_TOKEN", "count": 1, "occurrences": {"cells": [
                {"row": 4, "column": 2, "columnName": "note"}]}}]}]}}}
        """);
    Path replaceAll = dir.resolve("replace-all.yaml");
    Files.writeString(replaceAll, "default: replace\n");

    for (String policy : new String[] {null, replaceAll.toString()}) {
      ProtectResult run = new ProtectJob(spark, ProtectRequest.builder(in.toString(),
          dir.resolve("out").toString(), key.spec()).policy(policy).overwrite(true)
          .macie(List.of(findings.toString()), null).commandLine("test").build()).execute();

      assertThat(run.recordsWritten()).as("policy %s", policy).isEqualTo(1);
      assertThat(run.json().path("accounting").path("records_quarantined").asLong())
          .isEqualTo(3);
      assertThat(Files.readString(decrypt().resolve("keys.csv"))).isEqualTo("id,note\n4,plain\n");
      deleteRecursively(dir.resolve("plain"));
    }

    assertThatThrownBy(() -> new ProtectJob(spark, ProtectRequest.builder(in.toString(),
        dir.resolve("gated").toString(), key.spec())
        .policy(Path.of("..", "samples", "policies", "analytics.yaml").toString())
        .macie(List.of(findings.toString()), null).commandLine("test").build()).execute())
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.GATE_FAILED))
        .hasMessage("Gate failed (policy analytics.yaml): GCP_API_KEY found 1 time (policy fails"
            + " on GCP_API_KEY); HTTP_BASIC_AUTH_HEADER found 1 time (policy fails on"
            + " HTTP_BASIC_AUTH_HEADER); SOME_FUTURE_SECRET_TOKEN found 1 time (policy fails on"
            + " SOME_FUTURE_SECRET_TOKEN). Manifest and report written; no _SUCCESS.");
  }

  /** {@code value} is not {@code original} and, unless that is a letter or two, holds no copy. */
  static void assertRedacted(String value, String original, String where) {
    assertThat(value).as(where).isNotEqualTo(original);
    if (original.length() > 2) {
      assertThat(value).as(where).doesNotContain(original);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
