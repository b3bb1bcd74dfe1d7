package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  @Test
  void noPointScoresAboveTheMaxScoreAndAFarOneReachesIt() {
    Random random = new Random(3);
    double[][] rows = new double[1000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {random.nextGaussian(), random.nextInt(5)};
    }
    IsolationForest forest = IsolationForest.grow(rows, 100, 256, 17L);
    double max = forest.maxScore();
    // a path of at least one step in every tree of 256 points: 2^(-1 / c(256))
    assertThat(max).isCloseTo(Math.pow(2, -1 / IsolationForest.averagePath(256)), offset(1e-15));
    for (int i = 0; i < 2000; i++) {
      double[] x = {random.nextGaussian() * Math.pow(10, random.nextInt(8)),
          random.nextInt(9) - 2};
      assertThat(forest.score(x)).isLessThanOrEqualTo(max);
    }
    assertThat(forest.score(new double[] {1e15, -1e15})).isCloseTo(max, offset(1e-9));
  }

  @Test
  void aForestOfOneRowScoresOneHalf() {
    IsolationForest forest = IsolationForest.grow(new double[][] {{1, 2}}, 10, 256, 17L);
    assertThat(forest.maxScore()).isEqualTo(0.5);
    assertThat(forest.score(new double[] {1e9, 0})).isEqualTo(0.5);
  }
}
