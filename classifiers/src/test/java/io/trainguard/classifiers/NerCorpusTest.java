package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an annotated corpus splits: held out, validation and training parts never overlap. */
class NerCorpusTest {

  @TempDir
  Path dir;

  /** Ten documents of one sentence each, "D0" … "D9", each with the person "Ann Lee". */
  private List<Path> documents() throws IOException {
    StringBuilder conll = new StringBuilder();
    for (int d = 0; d < 10; d++) {
      conll.append("-DOCSTART- O\n\nD").append(d).append(" O\nAnn I-PER\nLee I-PER\n")
          .append("of O\nThe B-ORG\nSun I-ORG\n\n");
    }
    Path file = dir.resolve("docs.conll");
    Files.writeString(file, conll, StandardCharsets.UTF_8);
    return List.of(file);
  }

  private static List<String> firstTokens(List<NerCorpus.Sentence> sentences) {
    return sentences.stream().map(s -> s.tokens()[0]).toList();
  }

  @Test
  void holdsOutOneDocumentInFive() throws IOException {
    assertThat(firstTokens(NerCorpus.read(documents(), true))).containsExactly("D3", "D8");
    assertThat(firstTokens(NerCorpus.read(documents(), false)))
        .containsExactly("D0", "D1", "D2", "D4", "D5", "D6", "D7", "D9");
  }

  @Test
  void validationIsAFifthOfTheTrainingPartAndNoneOfTheHeldOutPart() throws IOException {
    assertThat(firstTokens(NerCorpus.readValidation(documents(), true, NerCorpus.DEFAULT_FOLD)))
        .containsExactly("D2", "D7");
    assertThat(firstTokens(NerCorpus.readValidation(documents(), false, NerCorpus.DEFAULT_FOLD)))
        .containsExactly("D0", "D1", "D4", "D5", "D6", "D9");
  }

  @Test
  void theFoldsPartTheTrainingPartAndLeaveTheHeldOutPartAlone() throws IOException {
    List<String> validated = new ArrayList<>();
    for (int fold = 0; fold < NerCorpus.FOLDS; fold++) {
      List<String> validation = firstTokens(NerCorpus.readValidation(documents(), true, fold));
      List<String> training = firstTokens(NerCorpus.readValidation(documents(), false, fold));
      assertThat(validation).hasSize(2).doesNotContainAnyElementsOf(training);
      assertThat(training).hasSize(6).doesNotContain("D3", "D8");
      validated.addAll(validation);
    }
    assertThat(validated).containsExactlyInAnyOrder("D0", "D1", "D2", "D4", "D5", "D6", "D7", "D9");
    assertThatThrownBy(() -> NerCorpus.readValidation(documents(), true, NerCorpus.FOLDS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsSpansAndDocumentStarts() throws IOException {
    NerCorpus.Sentence s = NerCorpus.read(documents(), true).get(0);
    assertThat(s.names()).containsExactly(new Span(1, 3, "PERSON"), new Span(4, 6,
        "ORGANIZATION"));
    assertThat(s.documentStart()).isTrue();
  }
}
