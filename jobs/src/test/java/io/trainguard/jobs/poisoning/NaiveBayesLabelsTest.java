package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class NaiveBayesLabelsTest {

  /** Evidence reads in this JVM (local Spark: the tasks run here). */
  private static final AtomicLong READS = new AtomicLong();

  /** One slot: x below 5 or not; every read counted. */
  private static final NaiveBayesLabels.Evidence HALVES = new NaiveBayesLabels.Evidence() {
    @Override
    public int slots() {
      return 1;
    }

    @Override
    public int size(int slot) {
      return 2;
    }

    @Override
    public void of(Row row, NaiveBayesLabels.Pairs out) {
      READS.incrementAndGet();
      out.accept(0, row.getDouble(1) < 5 ? 0 : 1);
    }
  };

  @Test
  void theFitsAndTheScoresReadEachRecordsEvidenceOnce() {
    // 60 "a" at 1, 60 "b" at 9 and one "a" at 9: the first fit (all 121 counted) doubts the
    // odd record, the second counts 120 and doubts it again, the third counts the same 120 and
    // stops. The evidence is read once per record (121) and kept for the three fits and the
    // scores; read again by each fit and by the scores it was read 484 times.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(RowFactory.create("a", 1.0));
      rows.add(RowFactory.create("b", 9.0));
    }
    rows.add(RowFactory.create("a", 9.0));
    JavaRDD<Row> data = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext())
        .parallelize(rows, 2);

    READS.set(0);
    NaiveBayesLabels model = NaiveBayesLabels.fit(data, HALVES, 0.02, ScanInput.MAX_REFITS);
    List<Double> scores = new ArrayList<>();
    model.flipPosteriors().collect().forEach(p -> Arrays.stream(p).forEach(scores::add));
    model.release();

    assertThat(READS.get()).isEqualTo(121);
    // the odd record, not counted by the last fit: p(a | 9) = 1/62, flipped 0.02 * 61/62
    assertThat(scores.get(120)).isCloseTo(0.02 * 61 / 62 / (0.98 / 62 + 0.02 * 61 / 62),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(scores.subList(0, 120)).allSatisfy(p -> assertThat(p).isLessThan(0.5));
  }
}
