package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.KnownSizeEstimation;
import org.apache.spark.sql.catalyst.expressions.aggregate.ApproximatePercentile;
import org.apache.spark.sql.catalyst.util.QuantileSummaries;

/**
 * What the detectors read, as plain Java rows ({@code label, f0, ..., [text,] id}: the label and
 * id as strings, the numeric features as doubles, the normalised text when there are text
 * columns), kept (memory, then disk) in blocks of up to {@link #BLOCK} records column by column
 * while the detectors run, and what several detectors share, computed once: the number of
 * records, records per label, the features' quantiles (fences and bins) and the labels' model of
 * the features. Passes over the rows are plain Java over partitions (Spark jobs, no SQL
 * queries).
 */
public final class ScanInput {

  /** The most times the labels' models are refitted on the records they do not doubt. */
  static final int MAX_REFITS = 4;
  /** The most records a block holds: Spark keeps or spills the cached rows a block at a time. */
  static final int BLOCK = 4096;

  private final PoisoningConfig config;
  private final List<String> features;
  private final Supplier<JavaRDD<Row>> view;
  private JavaRDD<Block> blocks;
  private JavaRDD<Row> rows;
  private Map<String, Long> labels;
  private NaiveBayesLabels.Evidence bins;
  private FeatureStats stats;
  private Sketches sketches;
  private NaiveBayesLabels featureModel;
  private boolean featureModelFitted;

  /** An input whose rows are those of {@code view}, made when a detector first reads them. */
  private ScanInput(PoisoningConfig config, List<String> features,
      Supplier<JavaRDD<Row>> view) {
    this.config = config;
    this.features = features;
    this.view = view;
  }

  /** The input of {@code data} under {@code config}, its values cast by Spark. */
  static ScanInput of(Dataset<Row> data, PoisoningConfig config) {
    List<String> features = Columns.features(data.schema(), config);
    List<Column> select = new ArrayList<>();
    select.add(col(config.labelColumn()).cast("string").as("label"));
    for (int f = 0; f < features.size(); f++) {
      select.add(col(features.get(f)).cast("double").as("f" + f));
    }
    if (!config.textColumns().isEmpty()) {
      select.add(Columns.normalisedText(config.textColumns()).as("text"));
    }
    select.add(Flags.idOf(config).as("id"));
    return new ScanInput(config, features,
        () -> data.select(select.toArray(Column[]::new)).toJavaRDD());
  }

  /**
   * The input of {@code rows} of {@code schema} under {@code config}, each value converted in
   * plain Java as Spark casts it; only for a schema {@link #converts} says this of.
   */
  static ScanInput of(JavaRDD<Row> rows, StructType schema, PoisoningConfig config) {
    List<String> features = Columns.features(schema, config);
    int label = schema.fieldIndex(config.labelColumn());
    int id = schema.fieldIndex(config.idColumn());
    int[] feature = features.stream().mapToInt(schema::fieldIndex).toArray();
    int[] text = config.textColumns().stream().mapToInt(schema::fieldIndex).toArray();
    int width = feature.length + (text.length > 0 ? 3 : 2);
    return new ScanInput(config, features, () -> rows.map(row -> {
      Object[] out = new Object[width];
      out[0] = string(row.get(label));
      for (int f = 0; f < feature.length; f++) {
        Object x = row.get(feature[f]);
        out[f + 1] = x == null ? null : ((Number) x).doubleValue();
      }
      if (text.length > 0) {
        StringBuilder joined = new StringBuilder();
        for (int t = 0; t < text.length; t++) {
          Object x = row.get(text[t]);
          joined.append(t == 0 ? "" : " ").append(x == null ? "" : x.toString());
        }
        out[width - 2] = Columns.normalise(joined.toString());
      }
      out[width - 1] = string(row.get(id));
      return new GenericRow(out);
    }));
  }

  /**
   * Whether {@link #of(JavaRDD, StructType, PoisoningConfig)} converts {@code schema}'s columns
   * as Spark casts them: a label, id or text column of text, whole numbers or booleans (written
   * as Java writes them), features of whole numbers or doubles.
   */
  static boolean converts(StructType schema, PoisoningConfig config) {
    List<String> text = new ArrayList<>(config.textColumns());
    text.add(config.labelColumn());
    text.add(config.idColumn());
    for (String column : text) {
      DataType type = schema.apply(column).dataType();
      if (type != DataTypes.StringType && type != DataTypes.LongType
          && type != DataTypes.IntegerType && type != DataTypes.BooleanType) {
        return false;
      }
    }
    for (String column : Columns.features(schema, config)) {
      DataType type = schema.apply(column).dataType();
      if (type != DataTypes.LongType && type != DataTypes.IntegerType
          && type != DataTypes.DoubleType) {
        return false;
      }
    }
    return true;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** Drops what this input keeps: its cached rows and the features' model. */
  synchronized void release() {
    if (blocks != null) {
      blocks.unpersist(false);
    }
    if (featureModel != null) {
      featureModel.release();
    }
  }

  /**
   * Up to {@link #BLOCK} records of the view, column by column, in few objects (Spark walks a
   * kept block's objects to estimate its size, and the collector every live one): labels and
   * texts as indices into a block's distinct ones, the ids in one string.
   */
  static final class Block implements Serializable, KnownSizeEstimation {
    private static final long serialVersionUID = 1L;
    /** The block's distinct labels and texts; per record, its index into them (-1: missing). */
    private final String[] names;
    private final int[] labels;
    /** Record by record, each record's features in order; NaN where {@code missing}. */
    private final double[] values;
    private final boolean[] missing;
    private final int[] texts;
    /** The ids one after another; record i's from {@code idEnds[i - 1]} to {@code idEnds[i]}. */
    private final String ids;
    private final int[] idEnds;
    private final boolean[] noId;
    private final int features;
    private final int size;
    /** Bytes the block takes on the heap, at most (see {@link #estimatedSize}). */
    private final long bytes;

    private Block(String[] names, int[] labels, double[] values, boolean[] missing, int[] texts,
        String ids, int[] idEnds, boolean[] noId, int features) {
      this.names = names;
      this.labels = labels;
      this.values = values;
      this.missing = missing;
      this.texts = texts;
      this.ids = ids;
      this.idEnds = idEnds;
      this.noId = noId;
      this.features = features;
      this.size = labels.length;
      long chars = ids.length();
      for (String name : names) {
        chars += name.length();
      }
      bytes = 64 + 16L * 8 + 8L * names.length + 40L * (names.length + 1) + 2 * chars
          + 4L * labels.length + 8L * values.length + missing.length
          + (texts == null ? 0 : 4L * texts.length) + 4L * idEnds.length + noId.length;
    }

    /**
     * Spark sizes a kept partition as it grows by walking every object of the blocks kept so
     * far, again at each estimate; a block knows its size: arrays' and strings' headers and
     * contents (each character as two bytes).
     */
    @Override
    public long estimatedSize() {
      return bytes;
    }

    /** The rows of {@code it} in blocks, made as they are read. */
    static Iterator<Block> of(Iterator<Row> it, int features, boolean text) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Block next() {
          List<Row> rows = new ArrayList<>(BLOCK);
          while (rows.size() < BLOCK && it.hasNext()) {
            rows.add(it.next());
          }
          return Block.of(rows, features, text);
        }
      };
    }

    private static Block of(List<Row> rows, int features, boolean text) {
      int size = rows.size();
      Map<String, Integer> names = new HashMap<>();
      int[] labels = new int[size];
      double[] values = new double[size * features];
      boolean[] missing = new boolean[size * features];
      int[] texts = text ? new int[size] : null;
      StringBuilder ids = new StringBuilder();
      int[] idEnds = new int[size];
      boolean[] noId = new boolean[size];
      for (int i = 0; i < size; i++) {
        Row row = rows.get(i);
        labels[i] = row.isNullAt(0) ? -1
            : names.computeIfAbsent(row.getString(0), s -> names.size());
        for (int f = 0; f < features; f++) {
          missing[i * features + f] = row.isNullAt(f + 1);
          values[i * features + f] = row.isNullAt(f + 1) ? Double.NaN : row.getDouble(f + 1);
        }
        if (text) {
          texts[i] = row.isNullAt(features + 1) ? -1
              : names.computeIfAbsent(row.getString(features + 1), s -> names.size());
        }
        String id = row.getString(row.length() - 1);
        noId[i] = id == null;
        ids.append(id == null ? "" : id);
        idEnds[i] = ids.length();
      }
      String[] distinct = new String[names.size()];
      names.forEach((name, i) -> distinct[i] = name);
      return new Block(distinct, labels, values, missing, texts, ids.toString(), idEnds, noId,
          features);
    }

    /** Its records as rows of the view, each value read from the block when asked for. */
    Iterator<Row> rows() {
      return new Iterator<>() {
        private int i;

        @Override
        public boolean hasNext() {
          return i < size;
        }

        @Override
        public Row next() {
          return new BlockRow(Block.this, i++);
        }
      };
    }
  }

  /** Record {@code i} of a block as a row of the view ({@code label, f0, ..., [text,] id}). */
  private static final class BlockRow extends GenericRow {
    private static final long serialVersionUID = 1L;
    private final Block block;
    private final int i;

    BlockRow(Block block, int i) {
      super((Object[]) null);
      this.block = block;
      this.i = i;
    }

    @Override
    public int length() {
      return block.features + (block.texts != null ? 3 : 2);
    }

    @Override
    public boolean isNullAt(int column) {
      if (column == 0) {
        return block.labels[i] < 0;
      } else if (column <= block.features) {
        return block.missing[i * block.features + column - 1];
      } else if (column == length() - 1) {
        return block.noId[i];
      }
      return block.texts[i] < 0;
    }

    @Override
    public double getDouble(int column) {
      if (column < 1 || column > block.features || isNullAt(column)) {
        return super.getDouble(column);
      }
      return block.values[i * block.features + column - 1];
    }

    @Override
    public String getString(int column) {
      return (String) get(column);
    }

    @Override
    public Object get(int column) {
      if (isNullAt(column)) {
        return null;
      } else if (column == 0) {
        return block.names[block.labels[i]];
      } else if (column <= block.features) {
        return block.values[i * block.features + column - 1];
      } else if (column == length() - 1) {
        return block.ids.substring(i == 0 ? 0 : block.idEnds[i - 1], block.idEnds[i]);
      }
      return block.names[block.texts[i]];
    }

    @Override
    public scala.collection.immutable.Seq<Object> toSeq() {
      return copy().toSeq();
    }

    /** Serialised as the values it reads, not its block. */
    private Object writeReplace() {
      return copy();
    }

    @Override
    public GenericRow copy() {
      Object[] values = new Object[length()];
      for (int c = 0; c < values.length; c++) {
        values[c] = get(c);
      }
      return new GenericRow(values);
    }
  }

  PoisoningConfig config() {
    return config;
  }

  List<String> features() {
    return features;
  }

  boolean hasText() {
    return !config.textColumns().isEmpty();
  }

  /** Position of the normalised text in a row (when {@link #hasText}). */
  int textColumn() {
    return features.size() + 1;
  }

  /** Position of the record id in a row. */
  int idColumn() {
    return features.size() + (hasText() ? 2 : 1);
  }

  /** The rows, kept (memory, then disk) in blocks from the first pass on. */
  synchronized JavaRDD<Row> rows() {
    if (rows == null) {
      int n = features.size();
      boolean text = hasText();
      blocks = view.get().mapPartitions(it -> Block.of(it, n, text))
          .persist(StorageLevel.MEMORY_AND_DISK());
      rows = blocks.flatMap(Block::rows);
    }
    return rows;
  }

  /** Records per label (a missing label under the null key), in one pass. */
  synchronized Map<String, Long> labels() {
    if (labels == null) {
      labels = Collections.unmodifiableMap(rows().treeAggregate(new HashMap<String, Long>(),
          (m, row) -> {
            m.merge(row.getString(0), 1L, Long::sum);
            return m;
          }, (a, b) -> {
            b.forEach((k, v) -> a.merge(k, v, Long::sum));
            return a;
          }));
    }
    return labels;
  }

  long records() {
    return labels().values().stream().mapToLong(Long::longValue).sum();
  }

  /** The features' quantile bins ({@link NaiveBayesLabels#bins}); null without features. */
  synchronized NaiveBayesLabels.Evidence bins() {
    if (bins == null && !features.isEmpty()) {
      bins = NaiveBayesLabels.bins(sketches().binQuantiles);
    }
    return bins;
  }

  /** The features' fences ({@link FeatureStats}); null without features. */
  synchronized FeatureStats stats() {
    if (stats == null && !features.isEmpty()) {
      stats = FeatureStats.of(features, sketches().fenceQuantiles, config.outliers().fence());
    }
    return stats;
  }

  /**
   * The quantiles of the fences and of the bins, from one pass: per partition and feature, a
   * mergeable sketch ({@link QuantileSketch}: Spark's {@link QuantileSummaries}, as
   * {@code percentile_approx} keeps them) for each, merged on the driver in partition order. The
   * fences' sketch has relative error 1/{@link FeatureStats#ACCURACY} and counts a NaN, the
   * bins' a quarter bin ({@code approxQuantile}'s accuracy) and leaves NaN out; a missing value
   * counts in neither.
   */
  private Sketches sketches() {
    if (sketches == null) {
      int n = features.size();
      int bins = NaiveBayesLabels.binCount(records());
      double fenceError = 1.0 / FeatureStats.ACCURACY;
      double binError = 1.0 / Math.min(Integer.MAX_VALUE, (long) Math.ceil(1.0 / (0.25 / bins)));
      List<QuantileSummaries[]> parts = rows().mapPartitions(it -> {
        QuantileSketch[] s = new QuantileSketch[2 * n];
        for (int f = 0; f < n; f++) {
          s[f] = new QuantileSketch(fenceError);
          s[n + f] = new QuantileSketch(binError);
        }
        while (it.hasNext()) {
          Row row = it.next();
          for (int f = 0; f < n; f++) {
            if (!row.isNullAt(f + 1)) {
              double x = row.getDouble(f + 1);
              s[f].insert(x);
              if (!Double.isNaN(x)) {
                s[n + f].insert(x);
              }
            }
          }
        }
        QuantileSummaries[] out = new QuantileSummaries[s.length];
        for (int i = 0; i < s.length; i++) {
          out[i] = s[i].summary();
        }
        return List.<QuantileSummaries[]>of(out).iterator();
      }).collect();
      double[] fenceLevels = FeatureStats.levels(config.outliers().contamination());
      double[] binLevels = NaiveBayesLabels.binLevels(bins);
      double[][] fences = new double[n][];
      double[][] cuts = new double[n][];
      for (int f = 0; f < n; f++) {
        fences[f] = quantiles(parts, f, fenceLevels);
        double[] q = quantiles(parts, n + f, binLevels);
        cuts[f] = q == null ? new double[0] : q;
      }
      sketches = new Sketches(fences, cuts);
    }
    return sketches;
  }

  /** The merged sketch {@code i}'s quantiles at {@code levels}; null when it holds no value. */
  private static double[] quantiles(List<QuantileSummaries[]> parts, int i, double[] levels) {
    QuantileSummaries merged = parts.get(0)[i];
    for (int p = 1; p < parts.size(); p++) {
      merged = merged.merge(parts.get(p)[i]);
    }
    if (merged.count() == 0) {
      return null;
    }
    scala.collection.immutable.Seq<Object> q =
        new ApproximatePercentile.PercentileDigest(merged).getPercentiles(levels);
    double[] out = new double[levels.length];
    for (int l = 0; l < out.length; l++) {
      out[l] = (Double) q.apply(l);
    }
    return out;
  }

  /** Per feature: the fences' quantiles (null: no value) and the bins' (empty: no value). */
  private record Sketches(double[][] fenceQuantiles, double[][] binQuantiles) {}

  /**
   * The labels' model of the numeric features alone, fitted once (label flips without text and
   * the trigger detector use it); null without features or records.
   */
  synchronized NaiveBayesLabels featureModel() {
    if (!featureModelFitted) {
      featureModelFitted = true;
      featureModel = features.isEmpty() || records() == 0 ? null
          : NaiveBayesLabels.fit(rows(), bins(), config.outliers().contamination(), MAX_REFITS);
    }
    return featureModel;
  }
}
