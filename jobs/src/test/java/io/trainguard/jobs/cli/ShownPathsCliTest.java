package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input and output roots whose names hold personal data are shown on stderr, stdout and in the
 * manifest as the manifest shows input names, as keyed pseudonyms; Macie warnings, printed before
 * the keys are open, mask the names of inputs and object keys as {@code <ENTITY>}.
 */
class ShownPathsCliTest {

  private static final String PSEUDONYM = "[a-z2-7]{26}";

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void rootsAndMacieObjectKeysWithPersonalDataArePseudonymsOnTheConsole() throws Exception {
    Path in = Files.createDirectories(dir.resolve("patient SSN 536-91-4827"));
    Files.writeString(in.resolve("zz9canary@example.org.csv"), "id,note\n1,hello\n");
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, """
        {"findings": [
          {"id": "f-1", "category": "CLASSIFICATION",
            "resourcesAffected": {"s3Bucket": {"name": "raw"},
              "s3Object": {"key": "raw/zz9canary@example.org.csv", "size": 1}},
            "classificationDetails": {"result": {"sensitiveData": [{"detections": [
              {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"cells": [
                 {"row": 2, "column": 2, "columnName": "note"}]}}]}]}}},
          {"id": "f-2", "category": "CLASSIFICATION",
            "resourcesAffected": {"s3Bucket": {"name": "raw"},
              "s3Object": {"key": "raw/mk7mackey@example.net.csv"}},
            "classificationDetails": {"result": {"sensitiveData": [{"detections": [
              {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"cells": [
                 {"row": 2, "column": 1}]}}]}]}}}]}
        """);
    Path out = dir.resolve("out zz9canary@example.org");
    String key = "local:" + dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", dir.resolve("key.json").toString())
        .code()).isZero();

    TrainguardCliTest.Run run = TrainguardCliTest.run("protect", "--input", in.toString(),
        "--output", out.toString(), "--key", key, "--macie", findings.toString(),
        "--macie-key-prefix", "raw/");

    assertThat(run.code()).as(run.err()).isZero();
    String shownIn = dir + "/name_US_SSN_" + PSEUDONYM;
    String shownOut = dir + "/name_EMAIL_ADDRESS_" + PSEUDONYM;
    assertThat(run.err().lines().toList()).anySatisfy(line -> assertThat(line)
        .matches("trainguard: protecting " + shownIn + " -> " + shownOut))
        .anySatisfy(line -> assertThat(line).matches("trainguard: warning: Macie: Macie findings"
            + " for <EMAIL_ADDRESS>\\.csv are stale \\(size differs\\): 1"
            + " occurrence used as column hints only"))
        .anySatisfy(line -> assertThat(line).matches("trainguard: warning: Macie: Macie reported"
            + " 1 occurrence in s3://raw/raw/<EMAIL_ADDRESS>\\.csv, which"
            + " is not among the inputs"));
    assertThat(run.out().lines().toList())
        .anySatisfy(line -> assertThat(line).matches("  manifest   " + shownOut
            + "/_trainguard/manifest.json \\(signed by .*\\)"))
        .anySatisfy(line -> assertThat(line).matches("  decrypt    trainguard decrypt --key "
            + key + " --input " + shownOut + " --output DIR"));
    JsonNode m = ManifestReader.parse(Files.readAllBytes(
        out.resolve(io.trainguard.jobs.manifest.OutputLayout.MANIFEST))).document();
    assertThat(m.path("run").path("input").asText()).matches("file:" + shownIn);
    assertThat(m.path("run").path("output").asText()).matches("file:" + shownOut);
    assertThat(m.path("run").path("command_line").asText()).contains("--input")
        .doesNotContain("536-91-4827").doesNotContain("zz9canary");
    for (String text : new String[] {run.out(), run.err(), m.toString()}) {
      assertThat(text).doesNotContain("536-91-4827").doesNotContain("zz9canary")
          .doesNotContain("mk7mackey");
    }
  }
}
