package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class PoisoningDetectorsTest {

  private static PoisoningDetector fixed(List<Row> rows) {
    return input -> PoisoningReport.collect(PoisonFrames.frame(Flags.SCHEMA, rows));
  }

  @Test
  void combinesScoresAsNoisyOrAndUnitesReasons() {
    PoisoningDetector a = fixed(List.of(
        RowFactory.create("1", 0.5, List.of("feature_outlier:amount")),
        RowFactory.create("2", 1.0, List.of("conflicting_duplicate:exact"))));
    PoisoningDetector b = fixed(List.of(
        RowFactory.create("1", 0.6, List.of("label_flip:text")),
        RowFactory.create("2", 0.3, List.of("conflicting_duplicate:exact"))));
    Dataset<Row> data = PoisonFrames.frame(Flags.SCHEMA, List.of());
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(PoisoningDetectors.flags(data,
        PoisoningConfig.of("id", "label"), List.of(a, b)));
    assertThat(flags).hasSize(2);
    assertThat(flags.get(0).recordId()).isEqualTo("2");
    assertThat(flags.get(0).score()).isEqualTo(1.0);
    assertThat(flags.get(0).reasons()).containsExactly("conflicting_duplicate:exact");
    assertThat(flags.get(1).score()).isCloseTo(1 - 0.5 * 0.4, offset(1e-12));
    assertThat(flags.get(1).reasons())
        .containsExactly("feature_outlier:amount", "label_flip:text");
  }

  @Test
  void reportsCountsAndContamination() {
    Dataset<Row> flags = PoisonFrames.frame(Flags.SCHEMA, List.of(
        RowFactory.create("1", 0.8, List.of("feature_outlier:amount", "label_flip:text")),
        RowFactory.create("2", 0.5, List.of("feature_outlier:amount,age"))));
    PoisoningReport report = PoisoningReport.of(PoisoningReport.collect(flags), 40);
    assertThat(report.flagged()).isEqualTo(2);
    assertThat(report.contaminationEstimate()).isEqualTo(0.05);
    assertThat(report.countsByDetector())
        .isEqualTo(Map.of("feature_outlier", 2L, "label_flip", 1L));
    assertThat(report.countsByReason()).containsEntry("feature_outlier:amount", 1L)
        .containsEntry("feature_outlier:amount,age", 1L).containsEntry("label_flip:text", 1L);
  }

  @Test
  void scansAnEmptyDatasetWithoutFlags() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.IntegerType).add("amount", DataTypes.DoubleType)
        .add("text", DataTypes.StringType);
    PoisoningReport report = PoisoningDetectors.scan(PoisonFrames.frame(schema, List.of()),
        PoisoningConfig.of("id", "label").withTextColumns(List.of("text")));
    assertThat(report.flagged()).isZero();
    assertThat(report.contaminationEstimate()).isZero();
    assertThat(report.countsByReason()).isEmpty();
  }

  /** Equal scores rank by record id as Spark orders strings: by UTF-8 bytes, not UTF-16. */
  @Test
  void ranksEqualScoresByTheIdsUtf8Bytes() {
    String fullwidth = "\uFF21";
    String emoji = "\uD83D\uDE00";
    Dataset<Row> flags = PoisonFrames.frame(Flags.SCHEMA, List.of(
        RowFactory.create(emoji, 0.5, List.of("label_flip:text")),
        RowFactory.create(fullwidth, 0.5, List.of("label_flip:text")),
        RowFactory.create("z", 0.9, List.of("label_flip:text"))));
    assertThat(PoisoningReport.collect(flags)).extracting(PoisoningReport.Flag::recordId)
        .containsExactly("z", fullwidth, emoji)
        .isEqualTo(flags.orderBy(flags.col(Flags.SCORE).desc(), flags.col(Flags.RECORD_ID))
            .collectAsList().stream().map(r -> r.getString(0)).toList());
  }
}
