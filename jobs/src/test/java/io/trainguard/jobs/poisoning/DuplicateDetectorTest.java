package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {

  private static final StructType TEXT = new StructType().add("id", DataTypes.StringType)
      .add("label", DataTypes.IntegerType).add("text", DataTypes.StringType);
  private static final StructType TABLE = new StructType().add("id", DataTypes.IntegerType)
      .add("label", DataTypes.StringType).add("amount", DataTypes.DoubleType)
      .add("age", DataTypes.IntegerType);

  @Test
  void flagsExactlyTheConflictingExactAndNearPairs() {
    List<Row> rows = new ArrayList<>();
    String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create("d" + i, i % 2,
          words[i % 8] + " report number " + i + " about " + words[(i * 3) % 8] + " items"));
    }
    rows.add(RowFactory.create("x1", 0, "The parcel never arrived at my door this week"));
    rows.add(RowFactory.create("x2", 1, "  the PARCEL never   arrived at my door this week "));
    rows.add(RowFactory.create("s1", 1, "same label copies are harmless and stay unflagged"));
    rows.add(RowFactory.create("s2", 1, "Same label copies are harmless and stay unflagged"));
    rows.add(RowFactory.create("n1", 0, "refund requested for the duplicated invoice charge"));
    rows.add(RowFactory.create("n2", 1, "refund requested for the duplicated invoce charge"));
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new DuplicateDetector().flags(PoisonFrames.frame(TEXT, rows), config));
    assertThat(flags).containsExactly(
        new PoisoningReport.Flag("n1", 0.5, List.of("conflicting_duplicate:near")),
        new PoisoningReport.Flag("n2", 0.5, List.of("conflicting_duplicate:near")),
        new PoisoningReport.Flag("x1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("x2", 0.5, List.of("conflicting_duplicate:exact")));
  }

  @Test
  void copiesThatDifferOnlyInPunctuationCaseSpacingOrCompatibilityFormsAreExactDuplicates() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create("d" + i, i % 2, "order " + i + ", shipped on day " + (i * 7)));
    }
    rows.add(RowFactory.create("p1", 4, "Great phone. Battery lasts, screen is bright."));
    rows.add(RowFactory.create("p2", 1, "great phone! battery lasts - screen is bright!"));
    rows.add(RowFactory.create("u1", 5, "The \uFB01le opened\u00A0fine\uFF01"));
    rows.add(RowFactory.create("u2", 2, "the file opened fine"));
    rows.add(RowFactory.create("s1", 3, "Works as described, nothing more."));
    rows.add(RowFactory.create("s2", 3, "works as described - nothing more!"));
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new DuplicateDetector().flags(PoisonFrames.frame(TEXT, rows), config));

    assertThat(flags).containsExactly(
        new PoisoningReport.Flag("p1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("p2", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("u1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("u2", 0.5, List.of("conflicting_duplicate:exact")));
  }

  @Test
  void templatedNotesOnDifferentRecordsAreNotDuplicatesTheWholeRecordIs() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.StringType).add("income", DataTypes.DoubleType)
        .add("orders", DataTypes.IntegerType).add("notes", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(RowFactory.create("c" + i, i % 3 == 0 ? "gold" : "bronze", 20_000.0 + 917 * i,
          i % 7, i % 2 == 0 ? "called customer" : "no answer, left a voicemail today"));
    }
    rows.add(RowFactory.create("p1", "silver", 41_000.0, 3, "no answer, left a voicemail today"));
    rows.add(RowFactory.create("p2", "gold", 41_000.0, 3, "NO ANSWER, left a voicemail today"));
    rows.add(RowFactory.create("q1", "silver", 52_000.0, 4, "asked about the loyalty points"));
    rows.add(RowFactory.create("q2", "gold", 52_000.0, 4, "asked about the loyalty point"));
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("notes"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new DuplicateDetector().flags(PoisonFrames.frame(schema, rows), config));

    assertThat(flags).containsExactly(
        new PoisoningReport.Flag("p1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("p2", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("q1", 0.5, List.of("conflicting_duplicate:near")),
        new PoisoningReport.Flag("q2", 0.5, List.of("conflicting_duplicate:near")));
  }

  @Test
  void tabularGroupsScoreByTheShareOfTheirOwnLabel() {
    List<Row> rows = List.of(
        RowFactory.create(1, "a", 10.5, 30), RowFactory.create(2, "a", 10.5, 30),
        RowFactory.create(3, "b", 10.50, 30), RowFactory.create(4, "b", 10.5, 31),
        RowFactory.create(5, "a", 99.0, 40));
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(new DuplicateDetector()
        .flags(PoisonFrames.frame(TABLE, rows), PoisoningConfig.of("id", "label")));
    assertThat(flags).extracting(PoisoningReport.Flag::recordId).containsExactly("3", "1", "2");
    assertThat(flags.get(0).score()).isCloseTo(2.0 / 3, offset(1e-9));
    assertThat(flags.get(1).score()).isCloseTo(1.0 / 3, offset(1e-9));
  }

  @Test
  void aMissingValueIsNotAnotherFeaturesValue() {
    // 1 and 2 hold the same numbers, each missing another one: different records, no
    // duplicate; 3 and 4 are the same record with one value missing in both
    List<Row> rows = List.of(
        RowFactory.create(1, "a", null, 30), RowFactory.create(2, "b", 30.0, null),
        RowFactory.create(3, "a", null, 41), RowFactory.create(4, "b", null, 41));
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(new DuplicateDetector()
        .flags(PoisonFrames.frame(TABLE, rows), PoisoningConfig.of("id", "label")));
    assertThat(flags).containsExactly(
        new PoisoningReport.Flag("3", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("4", 0.5, List.of("conflicting_duplicate:exact")));
  }

  @Test
  void shinglesAreBinaryAndJaccardIsExact() {
    int[] a = DuplicateDetector.shingles("abcdef", 3);
    int[] b = DuplicateDetector.shingles("abcdeg", 3);
    assertThat(a).hasSize(4);
    assertThat(DuplicateDetector.distance(a, b))
        .isCloseTo(1 - 3.0 / 5, offset(1e-9));
  }

  @Test
  void aSeparatorIsWhatItsRegularExpressionMatches() {
    Pattern separator = Pattern.compile("[\\p{P}\\p{Z}\\s]");
    int matched = 0;
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      boolean expected = separator.matcher(new String(Character.toChars(c))).matches();
      assertThat(DuplicateDetector.separator(c)).as("U+%04X", c).isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    assertThat(matched).isGreaterThan(800);
  }

  @Test
  void theCanonicalTextJoinsTheRunsBetweenSeparatorsByOneSpace() {
    Pattern runs = Pattern.compile("[\\p{P}\\p{Z}\\s]+");
    assertThat(DuplicateDetector.canonical("  ¡hola,\u00a0mundo!!\u2029x\ud800y 𐄀z \t"))
        .isEqualTo("hola mundo x\ud800y z");
    Random random = new Random(5);
    String pool = " ,.-_!a7é\u00a0\u2028\t\n\u000b\ud800\u3000";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(random.nextInt(9) == 0 ? "𐄀" : String.valueOf(
            pool.charAt(random.nextInt(pool.length()))));
      }
      String expected = runs.matcher(text).replaceAll(" ").replaceAll("^ +| +$", "");
      assertThat(DuplicateDetector.canonical(text.toString())).as(text.toString())
          .isEqualTo(expected);
    }
  }

  @Test
  void shinglesAreSortedAndDistinct() {
    assertThat(DuplicateDetector.shingles("abab", 2))
        .containsExactly(IntStream.of(DuplicateDetector.shingles("ab", 2)[0],
            DuplicateDetector.shingles("ba", 2)[0]).sorted().toArray());
    assertThat(DuplicateDetector.shingles("ab", 3)).hasSize(1);
  }
}
