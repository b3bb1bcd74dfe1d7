package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSignatureTest {

  @TempDir
  static Path dir;
  static LocalKeyring key;
  static LocalKeyring other;

  @BeforeAll
  static void keys() {
    key = LocalKeyring.generate(dir.resolve("a.json"));
    other = LocalKeyring.generate(dir.resolve("b.json"));
  }

  static ObjectNode manifest() throws Exception {
    return (ObjectNode) CanonicalJson.MAPPER.readTree(
        "{\"manifest_version\": 1, \"config\": {\"threshold\": 0.50},"
            + " \"outputs\": [{\"path\": \"data/a.csv.enc\", \"size\": 745}]}");
  }

  @Test
  void canonicalBytesSortKeysAndNormalizeDecimals() throws Exception {
    assertThat(new String(CanonicalJson.bytes(manifest()), StandardCharsets.UTF_8)).isEqualTo(
        "{\"config\":{\"threshold\":0.5},\"manifest_version\":1,"
            + "\"outputs\":[{\"path\":\"data/a.csv.enc\",\"size\":745}]}");
  }

  @Test
  void signatureSurvivesReformattingButNotEdits() throws Exception {
    ObjectNode signed = ManifestSignature.sign(manifest(), key.signer());
    assertThat(signed.path("signature").path("algorithm").asText()).isEqualTo("Ed25519");
    assertThat(signed.path("signature").path("key_id").asText()).isEqualTo(key.keyId());
    ObjectNode reparsed = ManifestReader.parse(ManifestWriter.bytes(signed)).document();
    assertThat(ManifestSignature.check(reparsed, key.signer())).isNull();

    ObjectNode edited = reparsed.deepCopy();
    ((ObjectNode) edited.path("outputs").get(0)).put("size", 746);
    assertThat(ManifestSignature.check(edited, key.signer()))
        .isEqualTo("signature does not match the manifest's content");

    ObjectNode added = reparsed.deepCopy();
    added.put("note", "x");
    assertThat(ManifestSignature.check(added, key.signer()))
        .isEqualTo("signature does not match the manifest's content");
  }

  @Test
  void wrongKeyAndMissingSignatureAreNamed() throws Exception {
    ObjectNode signed = ManifestSignature.sign(manifest(), key.signer());
    assertThat(ManifestSignature.check(signed, other.signer())).isEqualTo(
        "manifest was signed by key " + key.keyId() + ", not " + other.keyId());
    assertThat(ManifestSignature.check(manifest(), key.signer()))
        .isEqualTo("manifest is not signed");
    ObjectNode forged = signed.deepCopy();
    ((ObjectNode) forged.path("signature")).put("value", "not base64!");
    assertThat(ManifestSignature.check(forged, key.signer()))
        .isEqualTo("signature is not valid base64");
  }

  @Test
  void reportEscapesEverythingItShows() throws Exception {
    ObjectNode m = manifest();
    m.putObject("run").put("id", "<script>alert(1)</script>");
    String html = ReportWriter.render(ManifestReader.read(m));
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;")
        .doesNotContain("http://").doesNotContain("https://");
  }
}
