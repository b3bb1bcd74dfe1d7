package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.NerCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Texts written by others, already in the repository with their licences: Presidio's demo text,
 * its ad-hoc tutorial request and presidio-research's synthetic set (MIT), the held-out parts of
 * Wikigold, BTC and WNUT 17 (CC BY 4.0), and the rows of the AWS Macie sample files (MIT-0).
 * Multi-line texts are split into lines; each line is one text, trimmed, without duplicates.
 */
final class OutsideTexts {

  private static final Path REPO = Path.of("..");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutsideTexts() {}

  /** At most {@code perSource} texts from each source, in a fixed order. */
  static List<String> load(int perSource) throws IOException {
    Set<String> texts = new LinkedHashSet<>();
    Path presidio = REPO.resolve("classifiers/src/test/resources/presidio");
    add(texts, Files.readAllLines(presidio.resolve("samples/demo_text.txt")), perSource);
    add(texts, List.of(JSON.readTree(presidio.resolve("tutorial/09_ad_hoc_analyze.json").toFile())
        .path("text").asText()), perSource);
    List<String> synthetic = new ArrayList<>();
    for (JsonNode sample : JSON.readTree(
        REPO.resolve("bench/presidio-research/synth_dataset_v2.json").toFile())) {
      synthetic.add(sample.path("full_text").asText());
    }
    add(texts, synthetic, perSource);
    Path ner = REPO.resolve("classifiers/src/train/ner");
    for (Path corpus : List.of(ner.resolve("wikigold/wikigold.conll"), ner.resolve("btc/h.conll"),
        ner.resolve("wnut17/dev.conll"))) {
      add(texts, NerCorpus.read(List.of(corpus), true).stream().map(NerCorpus.Sentence::text)
          .toList(), perSource);
    }
    Path macie = REPO.resolve("jobs/src/test/resources/aws-macie-reveal/s3");
    List<String> rows = Files.readAllLines(macie.resolve("sample-data.csv"), StandardCharsets.UTF_8);
    add(texts, rows.subList(1, rows.size()).stream().map(row -> row.replace(",", ", ")).toList(),
        perSource);
    List<String> cards = new ArrayList<>();
    for (JsonNode card : JSON.readTree(macie.resolve("CreditCardDataSmall.json").toFile())) {
      cards.add("Card " + card.path("Card Number").asText() + " of " + card.path("Name").asText()
          + ", CVV " + card.path("CVV").asText());
    }
    add(texts, cards, perSource);
    return List.copyOf(texts);
  }

  private static void add(Set<String> texts, List<String> source, int perSource) {
    int added = 0;
    for (String text : source) {
      for (String line : text.split("\\R")) {
        String trimmed = line.strip().replace("\uFEFF", "");
        if (added < perSource && !trimmed.isEmpty() && texts.add(trimmed)) {
          added++;
        }
      }
    }
  }
}
