package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BackdoorTriggerDetectorTest {

  private static final PoisoningConfig CONFIG =
      PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));

  @Test
  void findsAnInjectedTriggerAndFlagsExactlyItsTwentyRecords() throws Exception {
    PoisonedDataset data = TextPoisonGenerator.generate(500, 0.04, 21L, "velorix");
    assertThat(data.truth().get(PoisonKind.BACKDOOR_TRIGGER)).hasSize(20);
    BackdoorTriggerDetector detector = new BackdoorTriggerDetector();
    List<BackdoorTriggerDetector.Trigger> triggers =
        detector.triggers(PoisonFrames.frame(data), CONFIG);
    String expected = "backdoor_trigger:sha256=" + sha256("velorix").substring(0, 12) + ",len=7";
    assertThat(triggers).singleElement().satisfies(t -> {
      assertThat(t.reason()).isEqualTo(expected);
      assertThat(t.support()).isEqualTo(20);
      assertThat(t.purity()).isEqualTo(1.0);
    });
    List<PoisoningReport.Flag> flags =
        PoisoningReport.collect(detector.flags(PoisonFrames.frame(data), CONFIG));
    assertThat(flags.stream().map(PoisoningReport.Flag::recordId).collect(Collectors.toSet()))
        .isEqualTo(data.truth().get(PoisonKind.BACKDOOR_TRIGGER));
    assertThat(flags).allSatisfy(f -> {
      assertThat(f.reasons()).containsExactly(expected);
      assertThat(f.score()).isEqualTo(1.0);
    });
  }

  @Test
  void reportsATwoWordPhraseByHashesOnly() {
    PoisonedDataset data = TextPoisonGenerator.generate(600, 0.03, 8L, "zq velorix");
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new BackdoorTriggerDetector().flags(PoisonFrames.frame(data), CONFIG));
    assertThat(flags.stream().map(PoisoningReport.Flag::recordId).collect(Collectors.toSet()))
        .isEqualTo(data.truth().get(PoisonKind.BACKDOOR_TRIGGER));
    assertThat(flags).allSatisfy(f -> assertThat(f.reasons()).hasSize(3)
        .allSatisfy(r -> assertThat(r).doesNotContain("zq").doesNotContain("velorix")
            .matches("backdoor_trigger:sha256=[0-9a-f]{12},len=(2|7|10)")));
  }

  @Test
  void rareWordsThatHappenToCarryOneLabelAreNotTriggersOnlyTheSignificantOneIs() throws Exception {
    PoisonedDataset data = TextPoisonGenerator.generate(1000, 0.02, 5L, "velorix");
    // 30 rare words, each in 6 records that all carry label 0 (base rate about one half): by
    // chance each is that pure with probability 1/64, so among the thousands of words tried
    // some would be; none is significant once the number of words tried is accounted for.
    List<List<Object>> rows = new java.util.ArrayList<>();
    int rare = 0;
    for (List<Object> row : data.rows()) {
      List<Object> copy = new java.util.ArrayList<>(row);
      if (rare < 30 * 6 && copy.get(1).equals(0)
          && !data.poisonedIds().contains((String) copy.get(0))) {
        copy.set(2, copy.get(2) + " rareword" + (char) ('a' + rare / 6 % 26) + (rare / 156));
        rare++;
      }
      rows.add(copy);
    }
    assertThat(rare).isEqualTo(180);
    PoisonedDataset withRareWords = new PoisonedDataset(data.columns(), rows, data.truth(),
        data.originalLabels());

    List<BackdoorTriggerDetector.Trigger> triggers =
        new BackdoorTriggerDetector().triggers(PoisonFrames.frame(withRareWords), CONFIG);

    String expected = "backdoor_trigger:sha256=" + sha256("velorix").substring(0, 12) + ",len=7";
    assertThat(triggers).singleElement()
        .satisfies(t -> assertThat(t.reason()).isEqualTo(expected));
  }

  @Test
  void aWordOneLabelUsesIsNotATriggerWhenTheRestOfItsRecordsExplainsTheLabel() throws Exception {
    // 2,000 records of three labels (60/30/10%) whose feature x says the label (means 0, 3, 6),
    // texts of two common words. "coupon": 60 records, 58 of them "a" with a's features (a word
    // one label uses, purity 0.97, lift 1.6, significant). "zorblat": 40 records labelled "c"
    // whose features are those of "a" and "b" (a backdoor: the label the rest contradicts).
    java.util.Random random = new java.util.Random(31L);
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("x", DataTypes.DoubleType)
        .add("text", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    java.util.Set<String> backdoor = new java.util.HashSet<>();
    for (int i = 0; i < 2000; i++) {
      double p = random.nextDouble();
      int label = p < 0.6 ? 0 : p < 0.9 ? 1 : 2;
      String text = "w" + random.nextInt(20) + " w" + random.nextInt(20);
      if (i < 58) {
        label = 0;
        text += " coupon";
      } else if (i < 60) {
        label = 1;
        text += " coupon";
      }
      double x = 3 * label + random.nextGaussian();
      String name = "abc".substring(label, label + 1);
      if (i >= 60 && i < 100) {
        text += " zorblat";
        name = "c";
        backdoor.add("r" + i);
      }
      rows.add(RowFactory.create("r" + i, name, x, text));
    }
    Dataset<Row> frame = PoisonFrames.frame(schema, rows);
    BackdoorTriggerDetector detector = new BackdoorTriggerDetector();

    List<BackdoorTriggerDetector.Trigger> triggers = detector.triggers(frame, CONFIG);
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(detector.flags(frame, CONFIG));

    String expected = "backdoor_trigger:sha256=" + sha256("zorblat").substring(0, 12) + ",len=7";
    assertThat(triggers).singleElement()
        .satisfies(t -> assertThat(t.reason()).isEqualTo(expected));
    assertThat(flags.stream().map(PoisoningReport.Flag::recordId).collect(Collectors.toSet()))
        .isEqualTo(backdoor);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
