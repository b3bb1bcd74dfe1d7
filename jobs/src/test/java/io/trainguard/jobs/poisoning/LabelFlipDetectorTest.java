package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.CustomerPoisonGenerator;
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
    // 19 of the 20 flips; of the records planted with no poison, one is flagged
    assertThat(flips.stream().filter(flagged::contains).count()).isEqualTo(19);
    assertThat(flagged.stream().filter(id -> !data.poisonedIds().contains(id)).count())
        .isEqualTo(1);
  }

  @Test
  void shortTemplatedNotesThatSayNothingAboutTheLabelFlagOnlyTheOneNoteItsLabelNeverWrites() {
    // 500 rows, a note from ten templates and a label drawn independently of it (60/30/10 %):
    // identical notes carry every label, so they are no evidence (issue 23: 377 flagged). Drawn
    // from seed 9: bronze 299, silver 159, gold 42 records, and "left voicemail" on 18 bronze,
    // 23 silver and one gold record, n485. Exactly that one is flagged: scored without itself,
    // gold never writes its note. The first fit doubts it, the refit leaves it out (nothing else
    // changes): 499 records, 653 bronze, 341 silver and 89 gold tokens, the 22 words hashed to
    // 20 values, so "left" and "voicemail" each have the add-one share 19/673 under bronze,
    // 24/361 under silver and 1/109 under gold; with the shares (n + 1)/(499 + 3) of the labels
    // p(gold) = 0.0037 and the flip posterior at c = 0.02 is 0.73. A label this rare in a sample
    // this small is the one false flag the model makes on such notes (0.2 %, under the 1 % target).
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
    double gold = 42.0 / 502 * Math.pow(1.0 / 109, 2);
    double bronze = 300.0 / 502 * Math.pow(19.0 / 673, 2);
    double silver = 160.0 / 502 * Math.pow(24.0 / 361, 2);
    double p = gold / (gold + bronze + silver);
    double flipped = 0.02 * (1 - p) / 2;

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), config));

    assertThat(rows.get(485).getString(2)).isEqualTo("left voicemail");
    assertThat(flags).singleElement().satisfies(f -> {
      assertThat(f.recordId()).isEqualTo("n485");
      assertThat(f.score()).isCloseTo(flipped / (0.98 * p + flipped),
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(f.reasons()).containsExactly("label_flip:notes");
    });
  }

  @Test
  void cleanCustomersWithTemplatedNotesGetNoLabelFlip() {
    // 600 clean rows of three overlapping segments (60/30/10%) with templated notes: records of
    // one segment that sit among another's are legitimate, not evidence of a flipped label
    PoisonedDataset data = CustomerPoisonGenerator.generate(600, 0, 5L, false);
    PoisoningConfig config = PoisoningConfig.of("customer_key", "segment")
        .withTextColumns(List.of("notes"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(data), config));

    assertThat(flags).isEmpty();
  }

  @Test
  void flagsARecordWhoseLabelIsMoreLikelyFlippedThanNotAtTheExpectedContamination() {
    // one feature, 27 records: 13 "a" at 1, 13 "b" at 9 and one "a" at 9; bins: cube root of
    // 27 = 3, edges at the thirds (1 and 9), two of the three bins hold values. The odd record
    // is scored without itself, add-one over those two values: p(a | 9) = (14/28 * 1/15) /
    // (14/28 * 1/15 + 14/28 * 14/15) = 1/15, flip posterior c(1 - p) / ((1 - c)p + c(1 - p))
    // = 0.222 at c = 0.02: not flagged. At c = 0.2 it is 0.2 * 14/15 / (0.8/15 + 0.2 * 14/15)
    // = 7/9: flagged, and refitted without it the same.
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("x", DataTypes.DoubleType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 13; i++) {
      rows.add(RowFactory.create("a" + i, "a", 1.0));
      rows.add(RowFactory.create("b" + i, "b", 9.0));
    }
    rows.add(RowFactory.create("odd", "a", 9.0));
    PoisoningConfig config = PoisoningConfig.of("id", "label");
    PoisoningConfig.OutlierSettings o = config.outliers();
    PoisoningConfig contaminated = config.withOutliers(new PoisoningConfig.OutlierSettings(
        o.trees(), o.sampleSize(), 0.2, o.minScore(), o.zThreshold(), o.fence(), o.seed()));

    List<PoisoningReport.Flag> expected = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), config));
    List<PoisoningReport.Flag> high = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), contaminated));

    assertThat(expected).isEmpty();
    assertThat(high).singleElement().satisfies(f -> {
      assertThat(f.recordId()).isEqualTo("odd");
      assertThat(f.score()).isCloseTo(7.0 / 9, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(f.reasons()).containsExactly("label_flip:x");
    });
  }

  @Test
  void aRecordNeverVotesForItsOwnLabel() {
    // 60 "a" at 1, 60 "b" at 9 and one "a" at 9 (bins: edges 1 and 9). Counted with itself,
    // "a" holds 2 of its 62 add-one shares at 9 and the flip posterior is 0.38; left out, "a"
    // holds 1 of 62: p(a | 9) = 1/62, posterior 0.02 * 61/62 / (0.98/62 + 0.02 * 61/62)
    // = 61/110, flagged.
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("x", DataTypes.DoubleType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create("a" + i, "a", 1.0));
      rows.add(RowFactory.create("b" + i, "b", 9.0));
    }
    rows.add(RowFactory.create("odd", "a", 9.0));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(new LabelFlipDetector()
        .flags(PoisonFrames.frame(schema, rows), PoisoningConfig.of("id", "label")));

    assertThat(flags).singleElement().satisfies(f -> {
      assertThat(f.recordId()).isEqualTo("odd");
      assertThat(f.score()).isCloseTo(61.0 / 110, org.assertj.core.data.Offset.offset(1e-9));
    });
  }

  @Test
  void featuresAndTextAddUpToOneVerdict() {
    // "a": 90 records at x = 1 with the note "alpha", 5 at 9 with "alpha", 5 at 1 with "beta";
    // "b" the mirror image. One "a" at 9 with "beta": each view alone leaves "a" a chance
    // of 6/102 (flip posterior 0.25), both together of about 1/260 (flip posterior 0.84).
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("x", DataTypes.DoubleType)
        .add("notes", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      double x = i < 95 ? 1.0 : 9.0;
      String notes = i < 90 || i >= 95 ? "alpha" : "beta";
      rows.add(RowFactory.create("a" + i, "a", x, notes));
      rows.add(RowFactory.create("b" + i, "b", 10 - x, notes.equals("alpha") ? "beta" : "alpha"));
    }
    rows.add(RowFactory.create("odd", "a", 9.0, "beta"));
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("notes"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), config));

    assertThat(flags).singleElement().satisfies(f -> {
      assertThat(f.recordId()).isEqualTo("odd");
      assertThat(f.reasons()).containsExactly("label_flip:x,notes");
    });
  }

  @Test
  void theThresholdGoesBelowOneHalfUntilTheExpectedRecallIsReachedWhilePrecisionHolds() {
    // 300 records at 0.99, 50 at 0.45, 50 at 0.35, 1,000 at 0.01: 347 flips expected in all.
    // Down to 0.45 the flagged records hold 319.5 of them (0.92 of 347, reached) in 350 (0.913,
    // kept); 0.35 would add nothing the recall needs
    assertThat(threshold(new double[][] {{300, 0.99}, {50, 0.45}, {50, 0.35}, {1000, 0.01}}))
        .isEqualTo(0.45);
    // 300 at 0.99, 100 at 0.3: the recall needs 0.3, where the precision would be 327/400
    // (0.82): the threshold stays at 1/2
    assertThat(threshold(new double[][] {{300, 0.99}, {100, 0.3}, {10_000, 0.001}}))
        .isEqualTo(0.5);
    // the confident records alone reach the recall (297 of 317.2): 1/2, though precision
    // would allow 0.3
    assertThat(threshold(new double[][] {{300, 0.99}, {20, 0.45}, {20, 0.4}, {10, 0.3},
        {200, 0.001}})).isEqualTo(0.5);
    // nothing confident (every record at the contamination): 1/2
    assertThat(threshold(new double[][] {{20_000, 0.02}})).isEqualTo(0.5);
  }

  /** The threshold for groups of {records, flip probability}. */
  private static double threshold(double[][] groups) {
    long[] count = new long[LabelFlipDetector.LEVELS];
    double[] sum = new double[LabelFlipDetector.LEVELS];
    for (double[] g : groups) {
      int level = (int) Math.round(g[1] * LabelFlipDetector.LEVELS);
      count[level] += (long) g[0];
      sum[level] += g[0] * g[1];
    }
    return LabelFlipDetector.threshold(count, sum);
  }

  @Test
  void recordsADuplicateOrATriggerExplainsAreNeitherCountedNorFlagged() {
    // 60 "a" at 1, 60 "b" at 9, the odd "a" at 9 and five more "a" at 9 that another detector
    // flags (three backdoor triggers, two conflicting copies). Counted, the five make "a" at 9
    // look legitimate: p(a | 9) about 0.09, flip posterior 0.17 for each of the six. Left out,
    // the model is that of aRecordNeverVotesForItsOwnLabel: the odd one flagged at 61/110.
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("x", DataTypes.DoubleType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create("a" + i, "a", 1.0));
      rows.add(RowFactory.create("b" + i, "b", 9.0));
    }
    rows.add(RowFactory.create("odd", "a", 9.0));
    List<Row> explaining = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(RowFactory.create("t" + i, "a", 9.0));
      explaining.add(RowFactory.create("t" + i, 1.0, List.of(i < 3
          ? "backdoor_trigger:sha256=ab12cd34ef56,len=7" : "conflicting_duplicate:exact")));
    }
    PoisoningDetector others = input ->
        PoisoningReport.collect(PoisonFrames.frame(Flags.SCHEMA, explaining));
    PoisoningConfig config = PoisoningConfig.of("id", "label");

    List<PoisoningReport.Flag> alone = PoisoningReport.collect(
        new LabelFlipDetector().flags(PoisonFrames.frame(schema, rows), config));
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(PoisoningDetectors.flags(
        PoisonFrames.frame(schema, rows), config, List.of(new LabelFlipDetector(), others)));

    assertThat(alone).isEmpty();
    assertThat(flags).hasSize(6).filteredOn(f -> f.reasons().get(0).startsWith("label_flip"))
        .singleElement().satisfies(f -> {
          assertThat(f.recordId()).isEqualTo("odd");
          assertThat(f.score()).isCloseTo(61.0 / 110, org.assertj.core.data.Offset.offset(1e-9));
          assertThat(f.reasons()).containsExactly("label_flip:x");
        });
  }
}
