package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.bench.GeneratorLabelModels.LabelModel;
import io.trainguard.bench.LabelFlipBound.Figures;
import io.trainguard.bench.LabelFlipBound.Scored;
import io.trainguard.samples.poison.CustomerPoisonGenerator;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.ReviewPoisonGenerator;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LabelFlipBoundTest {

  /**
   * The written-out distributions are the generators' own: on 20,000 clean records the
   * posteriors are calibrated. Per label, the sum of P(label | record) is the label's count
   * within four standard deviations, and the mean log P(true label | record) is the mean
   * entropy term it would be if the records were drawn from the model.
   */
  @Test
  void customerAndReviewModelsAreCalibratedOnCleanRecords() {
    assertCalibrated(CustomerPoisonGenerator.generate(20000, 0, 5L, false),
        GeneratorLabelModels.CUSTOMERS);
    assertCalibrated(CustomerPoisonGenerator.generate(20000, 0, 6L, true),
        GeneratorLabelModels.CUSTOMERS);
    assertCalibrated(ReviewPoisonGenerator.generate(20000, 0, 5L), GeneratorLabelModels.REVIEWS);
  }

  private static void assertCalibrated(PoisonedDataset data, LabelModel model) {
    int k = model.labels().size();
    double[] expected = new double[k];
    double[] variance = new double[k];
    long[] actual = new long[k];
    double logTrue = 0;
    double logExpected = 0;
    for (List<Object> row : data.rows()) {
      double[] p = LabelFlipBound.posterior(model, row);
      int y = model.labels().indexOf((String) row.get(1));
      actual[y]++;
      logTrue += Math.log(p[y]);
      for (int l = 0; l < k; l++) {
        expected[l] += p[l];
        variance[l] += p[l] * (1 - p[l]);
        logExpected += p[l] * Math.log(p[l]);
      }
    }
    for (int l = 0; l < k; l++) {
      assertThat((double) actual[l]).as(model.labels().get(l))
          .isCloseTo(expected[l], Offset.offset(4 * Math.sqrt(variance[l])));
    }
    int n = data.rows().size();
    assertThat(logTrue / n).isCloseTo(logExpected / n, Offset.offset(0.02));
  }

  /** Flip probability from the class comment: c(1 - p)/(K - 1) over (1 - c)p + c(1 - p)/(K - 1). */
  @Test
  void flippedRecordsScoreHighAndTheBestRecallCutsOnlyBetweenDistinctScores() {
    List<Scored> scored = List.of(new Scored(0.99, true, true), new Scored(0.9, true, true),
        new Scored(0.8, false, false), new Scored(0.6, true, false),
        new Scored(0.6, false, false), new Scored(0.1, true, false),
        new Scored(0.01, false, false));

    Figures f = LabelFlipBound.figures(scored);

    // at 1/2: five flagged, three flips; the ranking's precision is 1, 1, 2/3, 3/5 (the two
    // records at 0.6 are cut together), 4/6, 4/7: at least 0.9 only down to the second record
    assertThat(f.flips()).isEqualTo(4);
    assertThat(f.lessLikely()).isEqualTo(0.5);
    assertThat(f.flagged()).isEqualTo(5);
    assertThat(f.precision()).isEqualTo(0.6);
    assertThat(f.recall()).isEqualTo(0.75);
    assertThat(f.bestRecallAtPrecision90()).isEqualTo(0.5);
    assertThat(f.expectedRecall()).isCloseTo(3.89 / 4.0, Offset.offset(1e-12));
  }
}
