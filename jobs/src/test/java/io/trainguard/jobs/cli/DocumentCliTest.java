package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document limits on the command line. */
class DocumentCliTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void limitsFromOptionsQuarantineWhatExceedsThemAndTheRunSucceeds() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", key.toString()).code()).isZero();
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("long.html"), "<html><body><p>This paragraph is longer"
        + " than forty characters of text.</p></body></html>");
    Files.writeString(input.resolve("short.html"), "<html><body><p>Short.</p></body></html>");
    Path output = dir.resolve("out");
    TrainguardCliTest.Run run = TrainguardCliTest.run("protect", "--input", input.toString(),
        "--output", output.toString(), "--key", "local:" + key, "--max-document-chars", "40",
        "--no-progress");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode manifest = ManifestReader.parse(Files.readAllBytes(output.resolve(OutputLayout.MANIFEST))).document();
    Map<String, String> reasons = new TreeMap<>();
    manifest.path("inputs").forEach(in -> reasons.put(in.path("path").asText(),
        in.path("quarantine_reason").asText("none")));
    assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "long.html", "limit-exceeded", "short.html", "none")));
    assertThat(manifest.path("run").path("command_line").asText()).contains(
        "--max-document-mb 256 --max-document-chars 40 --document-timeout 120"
            + " --max-embedding-depth 4");
    assertThat(output.resolve("quarantine/long.html.enc")).exists();
    assertThat(output.resolve("data/short.html.txt.enc")).exists();
    assertThat(output.resolve("data/long.html.txt.enc")).doesNotExist();
  }

  @Test
  void invalidLimitsAreUsageErrors() {
    TrainguardCliTest.Run zero = TrainguardCliTest.run("protect", "--input", "in", "--output",
        dir.resolve("o").toString(), "--key", "local:k", "--document-timeout", "0");
    assertThat(zero.code()).isEqualTo(1);
    assertThat(zero.err()).isEqualTo("trainguard: error: Invalid value for option"
        + " '--document-timeout': '0' (allowed: 1 to 86400) (see 'trainguard protect"
        + " --help')\n");
    TrainguardCliTest.Run depth = TrainguardCliTest.run("protect", "--input", "in", "--output",
        dir.resolve("o").toString(), "--key", "local:k", "--max-embedding-depth", "-1");
    assertThat(depth.code()).isEqualTo(1);
    assertThat(depth.err()).isEqualTo("trainguard: error: Invalid value for option"
        + " '--max-embedding-depth': '-1' (allowed: 0 to 64) (see 'trainguard protect"
        + " --help')\n");
    assertThat(dir.resolve("o")).doesNotExist();
  }
}
