package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FeatureOutlierDetectorTest {

  private static final PoisoningConfig CONFIG = PoisoningConfig.of("id", "label");

  @Test
  void ranksTenFarOutliersAboveEveryInlier() {
    PoisonedDataset data = TabularPoisonGenerator.generate(1000, 0.01, 5L);
    Set<String> outliers = data.truth().get(PoisonKind.OUTLIER);
    assertThat(outliers).hasSize(10);
    Dataset<Row> frame = PoisonFrames.frame(data);
    List<Row> ranked = new FeatureOutlierDetector()
        .score(frame, CONFIG)
        .orderBy(col(Flags.SCORE).desc()).limit(10).collectAsList();
    assertThat(ranked.stream().map(r -> r.getString(0)).collect(Collectors.toSet()))
        .isEqualTo(outliers);
  }

  @Test
  void flagsOutliersNamingTheFeatureThatExplainsThem() {
    PoisonedDataset data = TabularPoisonGenerator.generate(1000, 0.01, 5L);
    List<Row> flags = new FeatureOutlierDetector().flags(PoisonFrames.frame(data), CONFIG)
        .collectAsList();
    assertThat(flags.stream().map(r -> r.getString(0)).collect(Collectors.toSet()))
        .containsAll(data.truth().get(PoisonKind.OUTLIER));
    for (Row flag : flags) {
      assertThat(flag.getDouble(1)).isBetween(0.0, 1.0);
      assertThat(flag.<String>getList(2)).singleElement().asString()
          .matches("feature_outlier:[a-z]+(,[a-z]+)*");
    }
    Row one = flags.stream().filter(r -> data.truth().get(PoisonKind.OUTLIER)
        .contains(r.getString(0))).findFirst().orElseThrow();
    int column = data.columns().indexOf(one.<String>getList(2).get(0)
        .substring("feature_outlier:".length()).split(",")[0]);
    assertThat(column).isGreaterThan(1);
  }

  @Test
  void flagsExactlyTheValueBelowTheRangeOfAZeroOneFlag() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("label", DataTypes.IntegerType).add("flag", DataTypes.IntegerType)
        .add("amount", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(RowFactory.create("r" + i, i % 2, i == 50 ? -40 : i % 3 == 0 ? 1 : 0,
          100.0 + i));
    }
    List<PoisoningReport.Flag> flags = PoisoningReport.collect(new FeatureOutlierDetector()
        .flags(PoisonFrames.frame(schema, rows), CONFIG));
    assertThat(flags).extracting(PoisoningReport.Flag::recordId).containsExactly("r50");
    assertThat(flags.get(0).reasons()).containsExactly("feature_outlier:flag");
  }

  @Test
  void explainsWithRobustZScores() {
    double inf = Double.POSITIVE_INFINITY;
    FeatureStats stats = new FeatureStats(List.of("a", "b", "c"), new double[] {0, 10, 5},
        new double[] {1, 2, 0}, new double[] {-inf, -inf, -inf}, new double[] {inf, inf, inf});
    assertThat(FeatureOutlierDetector.explain(new double[] {9, 10, 5}, stats, 3.5))
        .isEqualTo("a");
    assertThat(FeatureOutlierDetector.explain(new double[] {4, 30, 5}, stats, 3.5))
        .isEqualTo("b,a");
    assertThat(FeatureOutlierDetector.explain(new double[] {1, 11, 6}, stats, 3.5))
        .isEqualTo("c");
  }

  @Test
  void namesOnlyTheFeaturesOutsideTheirFenceWhenAnyIs() {
    FeatureStats stats = new FeatureStats(List.of("a", "b", "c"), new double[] {0, 0, 0},
        new double[] {1, 1, 1}, new double[] {-10, -10, -10}, new double[] {10, 20, 10});
    assertThat(FeatureOutlierDetector.explain(new double[] {9, 19, -30}, stats, 3.5))
        .isEqualTo("c");
    assertThat(FeatureOutlierDetector.explain(new double[] {15, 30, -30}, stats, 3.5))
        .isEqualTo("c,a,b");
  }
}
