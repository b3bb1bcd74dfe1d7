package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import io.trainguard.samples.poison.PoisonKind;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
        .score(frame, CONFIG, Columns.features(frame, CONFIG))
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
  void explainsWithRobustZScores() {
    String[] names = {"a", "b", "c"};
    double[] medians = {0, 10, 5};
    double[] scales = {1, 2, 0};
    assertThat(FeatureOutlierDetector.explain(new double[] {9, 10, 5}, medians, scales, names,
        3.5)).isEqualTo("a");
    assertThat(FeatureOutlierDetector.explain(new double[] {4, 30, 5}, medians, scales, names,
        3.5)).isEqualTo("b,a");
    assertThat(FeatureOutlierDetector.explain(new double[] {1, 11, 6}, medians, scales, names,
        3.5)).isEqualTo("c");
  }
}
