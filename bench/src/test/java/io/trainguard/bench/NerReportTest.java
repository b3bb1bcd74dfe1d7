package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NerReportTest {

  @Test
  void presidioSentencesKeepCodePointSpansMapTypesAndHoldOutOddTemplates(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("synth.json");
    Files.writeString(file, """
        [{"full_text": "Zoë Kowalski lives at 12 Elm Road, Leeds", "template_id": 4, "spans": [
           {"entity_type": "PERSON", "start_position": 0, "end_position": 12},
           {"entity_type": "STREET_ADDRESS", "start_position": 22, "end_position": 33},
           {"entity_type": "GPE", "start_position": 35, "end_position": 40}]},
         {"full_text": "😀 see https://example.org/", "template_id": 7, "spans": [
           {"entity_type": "DOMAIN_NAME", "start_position": 6, "end_position": 26},
           {"entity_type": "TITLE", "start_position": 0, "end_position": 1}]}]
        """, StandardCharsets.UTF_8);

    List<NerReport.Presidio> sentences = NerReport.presidio(file);

    assertThat(sentences).extracting(NerReport.Presidio::heldOut).containsExactly(false, true);
    assertThat(sentences.get(0).text().spans()).extracting(Finding::entity, Finding::start,
            Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PERSON", 0, 12),
            org.assertj.core.groups.Tuple.tuple("LOCATION", 22, 33),
            org.assertj.core.groups.Tuple.tuple("LOCATION", 35, 40));
    assertThat(sentences.get(1).text().spans()).extracting(Finding::entity)
        .containsExactly("URL", "TITLE");
  }
}
