package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Pruning inside a bucket: each record's nearest others within the distance limit only. */
class CandidatePairsTest {

  private static final List<Row> MEMBERS = List.of(
      RowFactory.create("a", "0", Vectors.dense(0.0)),
      RowFactory.create("b", "0", Vectors.dense(1.0)),
      RowFactory.create("c", "1", Vectors.dense(3.0)),
      RowFactory.create("d", "1", Vectors.dense(4.0)));

  @Test
  void keepsEachRecordsNearestOthersWithTiesByNeighbourId() {
    List<String> pairs = CandidatePairs.within(MEMBERS, CandidatePairs.Metric.EUCLIDEAN, 2,
        Double.POSITIVE_INFINITY).stream()
        .map(r -> r.getString(0) + ">" + r.getString(2) + "=" + r.getDouble(4)).toList();
    assertThat(pairs).containsExactly("a>b=1.0", "a>c=3.0", "b>a=1.0", "b>c=2.0",
        "c>d=1.0", "c>b=2.0", "d>c=1.0", "d>b=3.0");
  }

  @Test
  void keepsEveryPairWithinTheDistanceLimit() {
    List<String> pairs = CandidatePairs.within(MEMBERS, CandidatePairs.Metric.EUCLIDEAN,
        Integer.MAX_VALUE, 2.0).stream().map(r -> r.getString(0) + ">" + r.getString(2))
        .toList();
    assertThat(pairs).containsExactly("a>b", "b>a", "b>c", "c>d", "c>b", "d>c");
  }
}
