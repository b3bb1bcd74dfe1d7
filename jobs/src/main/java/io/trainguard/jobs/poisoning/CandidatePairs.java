package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Candidate neighbour pairs from MLlib LSH hashes without an all-pairs step: the hash tables are
 * grouped into bands (AND within a band, OR across bands); records sharing a band's hashes form
 * a bucket, buckets larger than {@code maxBucket} are split by a hash of the id, and distances are
 * computed only within buckets. Input columns: {@code id}, {@code label} (strings), {@code vec},
 * {@code hashes} (MLlib LSH output). Output: {@code id, label, nid, nlabel, dist}, one row per
 * ordered pair within {@code maxDistance}, and per record only its {@code nearest} closest
 * (by distance, then neighbour id) in each bucket: the union over buckets still holds each
 * record's {@code nearest} closest candidates overall, while the rows shuffled per record stay
 * at most {@code bands × nearest} instead of {@code bands × maxBucket}.
 */
final class CandidatePairs implements Serializable {

  private static final long serialVersionUID = 1L;
  static final StructType BANDED = new StructType()
      .add("band", DataTypes.StringType, false)
      .add("id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("vec", new VectorUDT(), false);
  static final StructType PAIRS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("nid", DataTypes.StringType, false)
      .add("nlabel", DataTypes.StringType, true)
      .add("dist", DataTypes.DoubleType, false);

  private final int bands;
  private final int hashesPerBand;
  private final int maxBucket;
  private final int nearest;
  private final double maxDistance;

  CandidatePairs(int bands, int hashesPerBand, int maxBucket, int nearest,
      double maxDistance) {
    this.bands = bands;
    this.hashesPerBand = hashesPerBand;
    this.maxBucket = maxBucket;
    this.nearest = nearest;
    this.maxDistance = maxDistance;
  }

  /** Distinct pairs: a pair found in several buckets once. */
  Dataset<Row> pairs(Dataset<Row> hashed) {
    return bucketPairs(hashed).groupBy("id", "label", "nid", "nlabel").agg(min("dist").as("dist"));
  }

  /** Pairs per bucket: a pair found in several buckets comes once per bucket, same distance. */
  Dataset<Row> bucketPairs(Dataset<Row> hashed) {
    int b = bands;
    int r = hashesPerBand;
    Dataset<Row> banded = hashed.select("id", "label", "vec", "hashes")
        .flatMap((FlatMapFunction<Row, Row>) row -> bandKeys(row, b, r).iterator(),
            Encoders.row(BANDED));
    Dataset<Row> split = banded
        .withColumn("size", count(lit(1)).over(Window.partitionBy("band")))
        .withColumn("part", pmod(xxhash64(col("id"), col("band")),
            ceil(col("size").divide(maxBucket))));
    int k = nearest;
    double max = maxDistance;
    return split.groupBy("band", "part")
        .agg(collect_list(struct(col("id"), col("label"), col("vec"))).as("members"))
        .flatMap((FlatMapFunction<Row, Row>) row -> within(row.getList(2), k, max)
            .iterator(), Encoders.row(PAIRS));
  }

  private static List<Row> bandKeys(Row row, int bands, int perBand) {
    List<Vector> hashes = row.getList(3);
    List<Row> out = new ArrayList<>(bands);
    for (int band = 0; band < bands; band++) {
      StringBuilder key = new StringBuilder().append(band);
      for (int h = band * perBand; h < (band + 1) * perBand && h < hashes.size(); h++) {
        key.append(':').append((long) hashes.get(h).apply(0));
      }
      out.add(RowFactory.create(key.toString(), row.getString(0), row.getString(1),
          row.get(2)));
    }
    return out;
  }

  /** Each member's {@code nearest} closest others within {@code maxDistance}, as pair rows. */
  static List<Row> within(List<Row> members, int nearest, double maxDistance) {
    int n = members.size();
    double[][] dist = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        dist[i][j] = distance(members.get(i).getAs(2), members.get(j).getAs(2));
        dist[j][i] = dist[i][j];
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] row = dist[i];
      int self = i;
      List<Integer> others = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j != i && row[j] <= maxDistance) {
          others.add(j);
        }
      }
      others.sort(Comparator.<Integer>comparingDouble(j -> row[j])
          .thenComparing(j -> members.get(j).getString(0)));
      Row a = members.get(self);
      for (int j : others.subList(0, Math.min(nearest, others.size()))) {
        Row b = members.get(j);
        out.add(RowFactory.create(a.getString(0), a.getString(1), b.getString(0),
            b.getString(1), row[j]));
      }
    }
    return out;
  }

  /** Jaccard distance between the sets of non-zero indices of {@code a} and {@code b}. */
  static double distance(Vector a, Vector b) {
    int[] x = a.toSparse().indices();
    int[] y = b.toSparse().indices();
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        shared++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - shared;
    return union == 0 ? 0 : 1 - (double) shared / union;
  }
}
