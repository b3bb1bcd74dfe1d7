package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.util.QuantileSummaries;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {

  /** Each summary's count and (value, g, delta) triples, in order. */
  private static String of(QuantileSummaries s) {
    StringBuilder out = new StringBuilder(s.count() + ":");
    for (QuantileSummaries.Stats stats : s.sampled()) {
      out.append(Double.doubleToLongBits(stats.value())).append(',').append(stats.g())
          .append(',').append(stats.delta()).append(';');
    }
    return out.toString();
  }

  @Test
  void holdsTheSummarySparksInsertMakes() {
    Random random = new Random(3);
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1.0};
    for (int size : new int[] {0, 1, 7, 49_999, 50_000, 50_001, 230_017}) {
      for (double error : new double[] {1e-4, 1.0 / 400}) {
        QuantileSummaries spark =
            new ApproximatePercentile.PercentileDigest(error).quantileSummaries();
        QuantileSketch sketch = new QuantileSketch(error);
        for (int i = 0; i < size; i++) {
          double x = switch (i % 4) {
            case 0 -> random.nextGaussian();
            case 1 -> Math.floor(random.nextDouble() * 20); // ties
            case 2 -> Math.exp(5 * random.nextGaussian());
            default -> random.nextInt(50) == 0 ? special[random.nextInt(special.length)]
                : i % 1000;
          };
          spark = spark.insert(x);
          sketch.insert(x);
        }
        String expected = of(spark.compress());
        assertThat(of(sketch.summary())).as("%d values, error %s", size, error)
            .isEqualTo(expected);
      }
    }
  }
}
