package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

  @Test
  void shortTemplatedNotesThatSayNothingAboutTheLabelFlagNothing() {
    // 500 rows, a note from ten templates and a label drawn independently of it (60/30/10):
    // the text's neighbours are identical notes with any label, so no disagreement is evidence.
    String[] templates = {"called customer", "no answer", "left voicemail", "email sent",
        "asked about delivery", "wants pricing info", "address changed", "card updated",
        "account reviewed", "prefers phone"};
    java.util.Random random = new java.util.Random(9L);
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("notes", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      double p = random.nextDouble();
      rows.add(RowFactory.create("n" + i, p < 0.6 ? "bronze" : p < 0.9 ? "silver" : "gold",
          templates[random.nextInt(templates.length)]));
    }
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("notes"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), config));

    assertThat(flags).isEmpty();
  }
}
