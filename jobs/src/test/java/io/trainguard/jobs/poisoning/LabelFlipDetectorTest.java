package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelFlipDetectorTest {

  @Test
  void flagsFlippedTabularLabelsNamingTheFeatures() {
    PoisonedDataset data = TabularPoisonGenerator.generate(1000, 0.02, 3L);
    PoisoningConfig config = PoisoningConfig.of("id", "label")
        .withFeatureColumns(List.of("amount", "age", "tenure", "visits", "balance"));
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(data), config));
    Set<String> flagged = flags.stream().map(PoisoningReport.Flag::recordId)
        .collect(Collectors.toSet());
    assertThat(flagged).containsAll(data.truth().get(PoisonKind.LABEL_FLIP));
    assertThat(data.poisonedIds()).containsAll(flagged);
    assertThat(flags).allSatisfy(f -> {
      assertThat(f.reasons()).containsExactly("label_flip:amount,age,tenure,visits,balance");
      assertThat(f.score()).isBetween(0.7, 1.0);
    });
  }

  @Test
  void flagsFlippedTextLabels() {
    PoisonedDataset data = TextPoisonGenerator.generate(1000, 0.02, 4L, "velorix");
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));
    Set<String> flagged = PoisoningReport.collect(
            new LabelFlipDetector().flags(PoisonFrames.frame(data), config)).stream()
        .map(PoisoningReport.Flag::recordId).collect(Collectors.toSet());
    Set<String> flips = data.truth().get(PoisonKind.LABEL_FLIP);
    long found = flips.stream().filter(flagged::contains).count();
    // 17 of 20 at 1,000 rows (fewer neighbours per record); the 0.9 goal is checked at 2,000
    // rows in PoisoningEvaluationTest
    assertThat(found).isGreaterThanOrEqualTo(17);
  }
}
