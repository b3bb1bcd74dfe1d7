package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The scan's shared normalised text: compatibility forms folded (NFKC), Unicode white space
 * collapsed and invisible format characters dropped, so that a term or a copy cannot hide
 * behind how it is written.
 */
class NormalisedTextTest {

  private static final StructType TWO_TEXTS = new StructType().add("id", DataTypes.StringType)
      .add("t", DataTypes.StringType).add("u", DataTypes.StringType);
  private static final StructType TEXT = new StructType().add("id", DataTypes.StringType)
      .add("label", DataTypes.IntegerType).add("text", DataTypes.StringType);

  @Test
  void foldsCompatibilityFormsCollapsesUnicodeWhiteSpaceAndDropsInvisibleCharacters() {
    List<Row> rows = List.of(
        RowFactory.create("1", "\uFF23\uFF4F\uFF55\uFF50\uFF4F\uFF4E\u00A0\u2003CODE", null),
        RowFactory.create("2", "one\u3000two\u2028three\u202Ffour", "  \u0085five "),
        RowFactory.create("3", "zero\u200Bwidth soft\u00ADhyphen\uFEFF", "\uFB01le\t\n ok"),
        RowFactory.create("4", null, null));

    List<String> normalised = PoisonFrames.frame(TWO_TEXTS, rows)
        .select(Columns.normalisedText(List.of("t", "u"))).orderBy("id").collectAsList()
        .stream().map(r -> r.getString(0)).toList();

    assertThat(normalised).containsExactly("coupon code", "one two three four five",
        "zerowidth softhyphen file ok", "");
  }

  @Test
  void aTriggerWrittenInFullWidthLettersOrSplitByAnInvisibleCharacterIsOneTrigger()
      throws Exception {
    PoisonedDataset data = TextPoisonGenerator.generate(500, 0.04, 21L, "velorix");
    List<List<Object>> rows = new ArrayList<>();
    int hidden = 0;
    for (List<Object> row : data.rows()) {
      List<Object> copy = new ArrayList<>(row);
      String text = (String) copy.get(2);
      if (text.contains("velorix")) {
        copy.set(2, text.replace("velorix", hidden % 2 == 0
            ? "\uFF56\uFF45\uFF4C\uFF4F\uFF52\uFF49\uFF58" : "velo\u200Brix"));
        hidden++;
      }
      rows.add(copy);
    }
    assertThat(hidden).isEqualTo(20);
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));
    BackdoorTriggerDetector detector = new BackdoorTriggerDetector();
    PoisonedDataset hiding = new PoisonedDataset(data.columns(), rows, data.truth());

    List<BackdoorTriggerDetector.Trigger> triggers =
        detector.triggers(PoisonFrames.frame(hiding), config);
    List<PoisoningReport.Flag> flags =
        PoisoningReport.collect(detector.flags(PoisonFrames.frame(hiding), config));

    String expected = "backdoor_trigger:sha256=" + sha256("velorix").substring(0, 12) + ",len=7";
    assertThat(triggers).singleElement().satisfies(t -> {
      assertThat(t.reason()).isEqualTo(expected);
      assertThat(t.support()).isEqualTo(20);
    });
    assertThat(flags.stream().map(PoisoningReport.Flag::recordId).collect(Collectors.toSet()))
        .isEqualTo(data.truth().get(PoisonKind.BACKDOOR_TRIGGER));
  }

  @Test
  void aDuplicateHiddenWithNoBreakSpacesFullWidthLettersOrInvisibleCharactersIsExact() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create("d" + i, i % 2, "order " + i + ", shipped on day " + (i * 7)));
    }
    rows.add(RowFactory.create("w1", 0, "the parcel never arrived at my door"));
    rows.add(RowFactory.create("w2", 1,
        "\uFF54\uFF48\uFF45\u00A0parcel\u2007never\u3000arrived at my door"));
    rows.add(RowFactory.create("z1", 0, "refund requested for the duplicated invoice"));
    rows.add(RowFactory.create("z2", 1,
        "re\u200Bfund reques\u00ADted for the dupli\u2060cated in\uFEFFvoice"));
    PoisoningConfig config = PoisoningConfig.of("id", "label").withTextColumns(List.of("text"));

    List<PoisoningReport.Flag> flags = PoisoningReport.collect(
        new DuplicateDetector().flags(PoisonFrames.frame(TEXT, rows), config));

    assertThat(flags).containsExactly(
        new PoisoningReport.Flag("w1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("w2", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("z1", 0.5, List.of("conflicting_duplicate:exact")),
        new PoisoningReport.Flag("z2", 0.5, List.of("conflicting_duplicate:exact")));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
