package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Pruning inside a bucket: each record's nearest others within the Jaccard distance limit only. */
class CandidatePairsTest {

  /** Shingle sets: a and b share 2 of 3, c and d share 2 of 3, nothing else is shared. */
  private static final List<Row> MEMBERS = List.of(
      member("a", "0", 0, 1), member("b", "0", 0, 1, 2),
      member("c", "1", 3, 4), member("d", "1", 3, 4, 5));

  @Test
  void keepsEachRecordsNearestOthersWithTiesByNeighbourId() {
    List<String> pairs = CandidatePairs.within(MEMBERS, 2, Double.POSITIVE_INFINITY).stream()
        .map(r -> String.format(Locale.ROOT, "%s>%s=%.3f", r.getString(0), r.getString(2),
            r.getDouble(4))).toList();
    assertThat(pairs).containsExactly("a>b=0.333", "a>c=1.000", "b>a=0.333", "b>c=1.000",
        "c>d=0.333", "c>a=1.000", "d>c=0.333", "d>a=1.000");
  }

  @Test
  void keepsEveryPairWithinTheDistanceLimit() {
    List<String> pairs = CandidatePairs.within(MEMBERS, Integer.MAX_VALUE, 0.5).stream()
        .map(r -> r.getString(0) + ">" + r.getString(2)).toList();
    assertThat(pairs).containsExactly("a>b", "b>a", "c>d", "d>c");
  }

  private static Row member(String id, String label, int... shingles) {
    double[] ones = new double[shingles.length];
    java.util.Arrays.fill(ones, 1.0);
    return RowFactory.create(id, label, Vectors.sparse(8, shingles, ones));
  }
}
