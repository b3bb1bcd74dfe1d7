package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** In-memory data and quarantine outputs, and the protector the format tests share. */
final class TestSinks implements RecordSinks {

  static final ValueProtector STRICT = new ValueProtector(Analyzer.defaults(), Policy.strict(),
      OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

  final StringWriter data = new StringWriter();
  final StringWriter quarantine = new StringWriter();

  @Override
  public Writer data() {
    return data;
  }

  @Override
  public Writer quarantine() {
    return quarantine;
  }

  /** A protector under the policy {@code yaml}, with an all-zero dataset secret. */
  static ValueProtector protector(String yaml) {
    return protector(Policy.parse(new ByteArrayInputStream(
        yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"));
  }

  static ValueProtector protector(Policy policy) {
    return new ValueProtector(Analyzer.defaults(), policy,
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));
  }

  /** A sample policy of samples/policies. */
  static Policy samplePolicy(String name) {
    return Policy.load(Path.of("..", "samples", "policies", name + ".yaml"));
  }

  /** A test resource's path. */
  static Path resource(String name) {
    try {
      return Path.of(TestSinks.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What the Macie findings {@code findings} (a findings file's text) say about the input
   * {@code relativePath} of {@code size} bytes (Macie's keys with {@code keyPrefix} stripped).
   */
  static MacieHints macie(String findings, String keyPrefix, String relativePath, long size) {
    try {
      Path file = Files.createTempFile("findings", ".json");
      Files.writeString(file, findings);
      try {
        return MacieFusion.run(List.of(file.toString()), keyPrefix, file.getParent().toString(),
            List.of(new DataFile("file:/in/" + relativePath, relativePath, size, null, null)),
            new Configuration()).hints().getOrDefault(relativePath, MacieHints.NONE);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #macie(String, String, String, long)} of findings about a file of any size. */
  static MacieHints macie(String findings, String relativePath) {
    return macie(findings, null, relativePath, 0);
  }

  /** A findings file holding the one finding (as {@code GetFindings} gives it) in {@code file}. */
  static String findingsFile(Path finding) {
    try {
      return "{\"findings\": [" + Files.readString(finding) + "]}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A findings file of one object {@code key} in which Macie found each {@code type} at the
   * locations given as {@code occurrences} JSON ({@code "cells": [...]} or
   * {@code "records": [...]}), in that order.
   */
  static String findings(String key, String... typeAndOccurrences) {
    StringBuilder detections = new StringBuilder();
    for (int i = 0; i < typeAndOccurrences.length; i += 2) {
      detections.append(i == 0 ? "" : ", ").append("{\"type\": \"").append(typeAndOccurrences[i])
          .append("\", \"count\": 1, \"occurrences\": {").append(typeAndOccurrences[i + 1])
          .append("}}");
    }
    return "{\"findings\": [{\"id\": \"f-1\", \"category\": \"CLASSIFICATION\","
        + " \"resourcesAffected\": {\"s3Bucket\": {\"name\": \"raw\"},"
        + " \"s3Object\": {\"key\": \"" + key + "\"}},"
        + " \"classificationDetails\": {\"jobId\": \"job-1\", \"result\": {\"sensitiveData\": ["
        + "{\"category\": \"PERSONAL_INFORMATION\", \"detections\": [" + detections + "]}]}}}]}";
  }
}
