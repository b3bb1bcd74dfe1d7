package io.trainguard.jobs.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Generates {@code samples/macie/}: what Macie would report for the demo dataset in
 * {@code samples/data} uploaded to {@code s3://trainguard-demo-raw/demo/}: a findings export
 * ({@code findings.json}) and the job's discovery results ({@code discovery-results.jsonl.gz}).
 * Run {@link #main} to rewrite them; {@code MacieSamplesTest} checks they are current.
 */
final class SampleMacieFiles {

  static final String BUCKET = "trainguard-demo-raw";
  static final String KEY_PREFIX = "demo/";
  static final String JOB = "3ce05dbb7ec5505def334104bf2fa1a5";
  static final String OLD_JOB = "0b33ee1cd54f30bbaa9c0d3ad1b2c5e7";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Macie's US SSN identifier needs its keyword nearby (it has no e-mail identifier). */
  private static final Pattern SSN = Pattern.compile("\\bSSN \\d{3}-\\d{2}-\\d{4}\\b");
  private static final Pattern CARD = Pattern.compile("\\b\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{4}\\b");
  /** Findings list at most 15 occurrences per detection; discovery results list them all. */
  private static final int FINDING_OCCURRENCES = 15;

  private final Path data;

  SampleMacieFiles(Path samples) {
    this.data = samples.resolve("data");
  }

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args.length > 0 ? args[0] : "../samples");
    SampleMacieFiles files = new SampleMacieFiles(samples);
    Files.writeString(samples.resolve("macie/findings.json"), files.findingsJson());
    Files.write(samples.resolve("macie/discovery-results.jsonl.gz"), gzip(files.resultLines()));
  }

  /** The findings export, as {@code aws macie2 get-findings} prints it. */
  String findingsJson() throws IOException, NoSuchAlgorithmException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode findings = root.putArray("findings");
    ObjectNode customers = object("2d6f1c0e8f3a4b7e9c1d5a6b7c8d9e01", "customers.csv", "text/csv",
        JOB, "1", false);
    detection(customers, "NAME", cells("customers.csv", "name", FINDING_OCCURRENCES, false));
    findings.add(customers);
    ObjectNode tickets = object("7a1e2b3c4d5e6f708192a3b4c5d6e7f8", "support/tickets.jsonl",
        "application/x-ndjson", JOB, "2", false);
    detection(tickets, "USA_SOCIAL_SECURITY_NUMBER", records(SSN, FINDING_OCCURRENCES, false));
    findings.add(tickets);
    // An earlier job over an earlier version of customers.csv (its size differs): stale now.
    ObjectNode old = object("9f8e7d6c5b4a39281706f5e4d3c2b1a0", "customers.csv", "text/csv",
        OLD_JOB, "1", false);
    ObjectNode s3Object = (ObjectNode) old.at("/resourcesAffected/s3Object");
    s3Object.put("size", s3Object.get("size").asLong() - 120);
    s3Object.put("eTag", "5f2b51c3e2a4d8b1c9e0f7a6b5c4d3e2");
    ArrayNode addressCells = JSON.createArrayNode();
    for (int row : new int[] {2, 5, 8}) {
      addressCells.addObject().put("row", row).put("column", column("note"))
          .put("columnName", "note").putNull("cellReference");
    }
    detection(old, "ADDRESS", occurrences("cells", addressCells, 3, false));
    findings.add(old);
    for (var finding : findings) {
      // Macie lists at most 15 occurrences per detection in a finding and says when it left some out
      boolean partial = false;
      for (var item : finding.at("/classificationDetails/result/sensitiveData")) {
        for (var detection : item.get("detections")) {
          long listed = 0;
          for (var list : detection.get("occurrences")) {
            listed += list.size();
          }
          partial |= listed < detection.get("count").asLong();
        }
      }
      ((ObjectNode) finding.at("/classificationDetails/result"))
          .put("additionalOccurrences", partial);
    }
    return JSON.writeValueAsString(root) + "\n";
  }

  /** The discovery results of the current job, one JSON line per object, every occurrence. */
  String resultLines() throws IOException, NoSuchAlgorithmException {
    ObjectMapper compact = new ObjectMapper();
    ObjectNode customers = object("2d6f1c0e8f3a4b7e9c1d5a6b7c8d9e01", "customers.csv",
        "text/csv", JOB, "1", true);
    int rows = rows();
    detection(customers, "NAME", cells("customers.csv", "name", rows, true));
    detection(customers, "USA_SOCIAL_SECURITY_NUMBER", cells("customers.csv", "ssn", rows, true));
    detection(customers, "CREDIT_CARD_NUMBER",
        cells("customers.csv", "card_number", rows, true));
    ObjectNode tickets = object("7a1e2b3c4d5e6f708192a3b4c5d6e7f8", "support/tickets.jsonl",
        "application/x-ndjson", JOB, "2", true);
    detection(tickets, "USA_SOCIAL_SECURITY_NUMBER", records(SSN, Integer.MAX_VALUE, true));
    detection(tickets, "CREDIT_CARD_NUMBER", records(CARD, Integer.MAX_VALUE, true));
    return compact.writeValueAsString(numbersAsStrings(customers)) + "\n"
        + compact.writeValueAsString(numbersAsStrings(tickets)) + "\n";
  }

  /** Discovery results write every number as a string. */
  private static JsonNode numbersAsStrings(JsonNode node) {
    if (node.isNumber()) {
      return TextNode.valueOf(node.asText());
    }
    if (node instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(name -> o.set(name, numbersAsStrings(o.get(name))));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, numbersAsStrings(a.get(i)));
      }
    }
    return node;
  }

  /**
   * A finding, or with {@code result} a discovery result: no finding-only fields (count,
   * updatedAt, sample, archived, originType, additionalOccurrences) and custom data identifiers
   * only when they found something.
   */
  private ObjectNode object(String id, String file, String mimeType, String job, String part,
      boolean result) throws IOException, NoSuchAlgorithmException {
    byte[] bytes = Files.readAllBytes(data.resolve(file));
    String key = KEY_PREFIX + file;
    ObjectNode f = JSON.createObjectNode();
    f.put("schemaVersion", "1.0").put("id", id).put("accountId", "111122223333")
        .put("partition", "aws").put("region", "us-east-1").put("category", "CLASSIFICATION")
        .put("type", "SensitiveData:S3Object/Personal")
        .put("createdAt", "2026-11-20T09:14:03.512Z")
        .put("title", "The S3 object contains personal information.")
        .put("description", "The object contains personal information such as full names.");
    if (!result) {
      f.put("count", 1).put("updatedAt", "2026-11-20T09:14:03.512Z").put("sample", false)
          .put("archived", false);
    }
    f.putObject("severity").put("description", "Medium").put("score", 2);
    ObjectNode resources = f.putObject("resourcesAffected");
    resources.putObject("s3Bucket").put("arn", "arn:aws:s3:::" + BUCKET).put("name", BUCKET);
    resources.putObject("s3Object").put("bucketArn", "arn:aws:s3:::" + BUCKET).put("key", key)
        .put("path", BUCKET + "/" + key).put("extension", file.substring(file.lastIndexOf('.') + 1))
        .put("eTag", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)))
        .put("size", bytes.length).put("storageClass", "STANDARD").put("publicAccess", false)
        .put("lastModified", "2026-11-20T08:58:41.000Z");
    ObjectNode details = f.putObject("classificationDetails");
    details.put("jobId", job).put("jobArn", "arn:aws:macie2:us-east-1:111122223333:classification-job/"
        + job).put("detailedResultsLocation", "s3://trainguard-demo-macie-results/AWSLogs/111122223333"
            + "/Macie/us-east-1/" + job + "/111122223333/part-" + part + ".jsonl.gz");
    if (!result) {
      details.put("originType", "SENSITIVE_DATA_DISCOVERY_JOB");
    }
    ObjectNode classification = details.putObject("result");
    classification.putObject("status").put("code", "COMPLETE");
    classification.put("mimeType", mimeType).put("sizeClassified", bytes.length);
    classification.putArray("sensitiveData");
    if (!result) {
      classification.putObject("customDataIdentifiers").put("totalCount", 0)
          .putArray("detections");
    }
    return f;
  }

  private static void detection(ObjectNode finding, String type, ObjectNode detection) {
    ArrayNode sensitive = (ArrayNode) finding.at("/classificationDetails/result/sensitiveData");
    ObjectNode item = null;
    for (var existing : sensitive) {
      item = (ObjectNode) existing;
    }
    if (item == null) {
      item = sensitive.addObject().put("category", "PERSONAL_INFORMATION").put("totalCount", 0);
      item.putArray("detections");
    }
    long count = detection.get("count").asLong();
    item.put("totalCount", item.get("totalCount").asLong() + count);
    ((ArrayNode) item.get("detections")).add(detection.put("type", type));
  }

  /** A detection; a discovery result's ({@code result}) lists every kind, empty or not. */
  private static ObjectNode occurrences(String kind, ArrayNode list, long count, boolean result) {
    ObjectNode detection = JSON.createObjectNode().put("count", count);
    ObjectNode occurrences = detection.putObject("occurrences");
    if (result) {
      for (String k : List.of("lineRanges", "pages", "records", "cells")) {
        occurrences.putArray(k);
      }
    }
    occurrences.set(kind, list);
    return detection;
  }

  private int rows() throws IOException {
    return Files.readAllLines(data.resolve("customers.csv")).size() - 1;
  }

  private int column(String name) throws IOException {
    String header = Files.readAllLines(data.resolve("customers.csv")).get(0);
    return List.of(header.split(",")).indexOf(name) + 1;
  }

  /** Cells of {@code column} in the first {@code limit} data rows (row 1 is the header). */
  private ObjectNode cells(String file, String name, int limit, boolean result)
      throws IOException {
    ArrayNode cells = JSON.createArrayNode();
    int rows = rows();
    for (int row = 2; row < 2 + Math.min(rows, limit); row++) {
      ObjectNode cell = cells.addObject().put("row", row).put("column", column(name))
          .put("columnName", name);
      if (!result) {
        cell.putNull("cellReference");
      }
    }
    return occurrences("cells", cells, rows, result);
  }

  /** Records of tickets.jsonl whose {@code text} matches {@code pattern}, at most {@code limit}. */
  private ObjectNode records(Pattern pattern, int limit, boolean result) throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("support/tickets.jsonl"),
        StandardCharsets.UTF_8);
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (pattern.matcher(JSON.readTree(lines.get(i)).path("text").asText()).find()) {
        hits.add(i);
      }
    }
    ArrayNode records = JSON.createArrayNode();
    hits.stream().limit(limit).forEach(i -> records.addObject().put("recordIndex", i)
        .put("jsonPath", "$.text"));
    return occurrences("records", records, hits.size(), result);
  }

  static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
