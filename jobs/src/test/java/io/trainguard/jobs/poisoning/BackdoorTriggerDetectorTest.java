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
    PoisonedDataset withRareWords = new PoisonedDataset(data.columns(), rows, data.truth());

    List<BackdoorTriggerDetector.Trigger> triggers =
        new BackdoorTriggerDetector().triggers(PoisonFrames.frame(withRareWords), CONFIG);

    String expected = "backdoor_trigger:sha256=" + sha256("velorix").substring(0, 12) + ",len=7";
    assertThat(triggers).singleElement()
        .satisfies(t -> assertThat(t.reason()).isEqualTo(expected));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
