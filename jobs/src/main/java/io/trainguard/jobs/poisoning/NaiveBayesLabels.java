package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A naive Bayes model of labels, fitted on the data itself: each record's evidence is a set of
 * (slot, value) pairs (a numeric feature and its quantile bin, or the text and a hashed token);
 * per label and slot, the add-one smoothed share of its evidence with each value, and the
 * label's share of the records. From it, the probability that a record's label was flipped at
 * an expected contamination. Input rows: {@code label} (string) first; the {@link Evidence}
 * reads the rest.
 */
final class NaiveBayesLabels implements Serializable {

  private static final long serialVersionUID = 1L;
  /** The most bins per numeric feature, whatever the number of records. */
  static final int MAX_BINS = 64;

  /** A record's evidence: (slot, value) pairs, each value below its slot's size. */
  interface Evidence extends Serializable {
    /** Number of slots; {@code size(slot)}: number of values a slot can take. */
    int slots();

    int size(int slot);

    /** Each pair as {@code out.accept(slot, value)}; a missing value gives none. */
    void of(Row row, Pairs out);

    /** Number of views (kinds of evidence: numeric features, text); {@code view(slot)}: its. */
    default int views() {
      return 1;
    }

    default int view(int slot) {
      return 0;
    }
  }

  /** Receives evidence pairs. */
  interface Pairs {
    void accept(int slot, int value);
  }

  private final Evidence evidence;
  private final Map<String, Integer> labels;
  /** Per label, slot and value: the counted records' evidence; per label and slot: its sum. */
  private final double[][][] counts;
  private final double[][] totals;
  private final double[] perLabel;
  /** Per slot: how many of its values the counted records hold. */
  private final int[] seen;
  private final double contamination;
  private final long records;
  /** Per partition of the rows fitted on: which records (by position) this fit counted. */
  private final transient JavaRDD<Pass> passes;
  /** Per label, slot and value: the log of the add-one share (made on first use). */
  private transient double[][][] logShares;

  private NaiveBayesLabels(Evidence evidence, Map<String, Integer> labels, double[][][] counts,
      double contamination, JavaRDD<Pass> passes) {
    this.evidence = evidence;
    this.labels = labels;
    this.counts = counts;
    this.contamination = contamination;
    this.passes = passes;
    int k = labels.size();
    int slots = evidence.slots();
    totals = new double[k][slots];
    perLabel = new double[k];
    seen = new int[slots];
    for (int s = 0; s < slots; s++) {
      for (int v = 0; v < evidence.size(s); v++) {
        boolean any = false;
        for (int l = 0; l < k; l++) {
          totals[l][s] += counts[l][s][v];
          any |= counts[l][s][v] > 0;
        }
        seen[s] += any ? 1 : 0;
      }
    }
    long n = 0;
    for (int l = 0; l < k; l++) {
      perLabel[l] = counts[l][slots][0];
      n += (long) perLabel[l];
    }
    records = n;
  }

  /**
   * Fitted, then refitted without the records it {@link #doubts} until that set stops changing
   * (at most {@code refits} times): flipped labels would otherwise teach the model that they
   * belong where they were planted. Each fit is one pass that judges every record once, under
   * the fit before it; which records a fit counted stays on the tasks (a bit per record), so
   * nothing is judged twice. {@link #release} the result when done.
   */
  static NaiveBayesLabels fit(JavaRDD<Row> rows, Evidence evidence, double contamination,
      int refits) {
    NaiveBayesLabels model = fit(rows, evidence, contamination, null);
    for (int i = 0; i < refits; i++) {
      NaiveBayesLabels refit = fit(rows, evidence, contamination, model);
      model.release();
      boolean stable = refit.records == model.records;
      model = refit;
      if (stable) {
        break;
      }
    }
    return model;
  }

  /**
   * One pass over the rows: the records {@code previous} does not doubt (every record with a
   * label without it) are marked and counted on each task, into arrays merged up a tree: per
   * label, slot and value, and (in an extra slot) records per label.
   */
  private static NaiveBayesLabels fit(JavaRDD<Row> rows, Evidence evidence,
      double contamination, NaiveBayesLabels previous) {
    JavaRDD<Pass> passes = (previous == null
        ? rows.mapPartitions(it -> List.of(Pass.of(it, evidence, null, null)).iterator())
        : rows.zipPartitions(previous.passes,
            (it, before) -> List.of(Pass.of(it, evidence, previous, before.next().counted()))
                .iterator()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Counts counts = passes.treeAggregate(new Counts(evidence), (c, p) -> c.merge(p.counts()),
        Counts::merge);
    Map<String, Integer> labels = new HashMap<>();
    counts.byLabel.keySet().stream().sorted().forEach(l -> labels.put(l, labels.size()));
    double[][][] n = new double[labels.size()][][];
    counts.byLabel.forEach((label, c) -> n[labels.get(label)] = c);
    return new NaiveBayesLabels(evidence, labels, n, contamination, passes);
  }

  /** Drops what the fit keeps on the tasks (recomputed if used again). */
  void release() {
    passes.unpersist(false);
  }

  /** One partition of a fit: the records it counted, by position, and their counts. */
  private record Pass(BitSet counted, Counts counts) implements Serializable {

    /** The records {@code previous} does not doubt, it having counted {@code before}. */
    static Pass of(Iterator<Row> rows, Evidence evidence, NaiveBayesLabels previous,
        BitSet before) {
      Counts counts = new Counts(evidence);
      BitSet counted = new BitSet();
      Buffer pairs = new Buffer();
      for (int i = 0; rows.hasNext(); i++) {
        Row row = rows.next();
        if (row.isNullAt(0)) {
          continue;
        }
        pairs.read(row, evidence);
        if (previous == null || !previous.doubts(row, pairs, before.get(i))) {
          counted.set(i);
          counts.add(row.getString(0), pairs);
        }
      }
      return new Pass(counted, counts);
    }
  }

  /** One record's evidence pairs; read anew for each record. */
  private static final class Buffer implements Pairs {
    private int[] slot = new int[32];
    private int[] value = new int[32];
    private int size;

    Buffer read(Row row, Evidence evidence) {
      size = 0;
      evidence.of(row, this);
      return this;
    }

    @Override
    public void accept(int s, int v) {
      if (size == slot.length) {
        slot = Arrays.copyOf(slot, 2 * size);
        value = Arrays.copyOf(value, 2 * size);
      }
      slot[size] = s;
      value[size] = v;
      size++;
    }
  }

  /** Per label: counts per slot and value, records in the last slot. */
  private static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, double[][]> byLabel = new HashMap<>();
    private final int[] sizes;

    Counts(Evidence evidence) {
      sizes = new int[evidence.slots() + 1];
      Arrays.setAll(sizes, s -> s < evidence.slots() ? evidence.size(s) : 1);
    }

    private double[][] of(String label) {
      return byLabel.computeIfAbsent(label, l -> {
        double[][] values = new double[sizes.length][];
        Arrays.setAll(values, s -> new double[sizes[s]]);
        return values;
      });
    }

    void add(String label, Buffer pairs) {
      double[][] c = of(label);
      c[sizes.length - 1][0]++;
      for (int i = 0; i < pairs.size; i++) {
        c[pairs.slot[i]][pairs.value[i]]++;
      }
    }

    /** Adds {@code other}'s counts to these ({@code other} unchanged). */
    Counts merge(Counts other) {
      other.byLabel.forEach((label, b) -> {
        double[][] a = of(label);
        for (int s = 0; s < a.length; s++) {
          for (int v = 0; v < a[s].length; v++) {
            a[s][v] += b[s][v];
          }
        }
      });
      return this;
    }
  }

  /**
   * Whether all the record's evidence, or that of any one view alone, makes its label more
   * likely flipped than not ({@code counted}: the fit counted it): such a record is not counted
   * in the next fit. A backdoor word makes its records look like the target label to the text
   * while their features say otherwise; counted, they would teach the model the target label's
   * features from other labels' records.
   */
  private boolean doubts(Row row, Buffer pairs, boolean counted) {
    Integer label = label(row);
    if (label == null) {
      return false;
    }
    double[][] views = logPosteriors(row, pairs, counted);
    for (double[] view : views) {
      if (flipPosterior(view, label) >= 0.5) {
        return true;
      }
    }
    return false;
  }

  private Integer label(Row row) {
    return row.isNullAt(0) || labels.size() < 2 ? null : labels.get(row.getString(0));
  }

  /**
   * Per partition of {@code rows} (the rows the model was fitted on), each record's
   * {@link #flipPosterior} in order: the record scored with its own counts left out when the
   * fit counted it.
   */
  JavaRDD<double[]> flipPosteriors(JavaRDD<Row> rows) {
    return rows.zipPartitions(passes, (Iterator<Row> it, Iterator<Pass> pass) -> {
      BitSet counted = pass.next().counted();
      Buffer pairs = new Buffer();
      double[] out = new double[16];
      int i = 0;
      for (; it.hasNext(); i++) {
        if (i == out.length) {
          out = Arrays.copyOf(out, 2 * i);
        }
        out[i] = flipPosterior(it.next(), pairs, counted.get(i));
      }
      return List.of(Arrays.copyOf(out, i)).iterator();
    });
  }

  /**
   * The probability that the record's label was flipped, given its evidence, when a share
   * {@code contamination} of labels was flipped to any other label alike: with p the model's
   * probability of the label and K labels, c(1 - p)/(K - 1) against (1 - c)p + c(1 - p)/(K - 1).
   * p leaves the record itself out of the counts when the fit {@code counted} it (it never votes
   * for its own label).
   */
  private double flipPosterior(Row row, Buffer pairs, boolean counted) {
    Integer label = label(row);
    return label == null ? 0
        : flipPosterior(logPosteriors(row, pairs.read(row, evidence), counted)[0], label);
  }

  private double flipPosterior(double[] log, int label) {
    double p = normalised(log)[label];
    int k = labels.size();
    double flipped = contamination * (1 - p) / (k - 1);
    return flipped / ((1 - contamination) * p + flipped);
  }

  /** Each label's probability given the record's evidence, labels in sorted order. */
  double[] posterior(Row row) {
    return normalised(logPosteriors(row, new Buffer().read(row, evidence), false)[0]);
  }

  /**
   * Unnormalised log probabilities of each label given all the record's evidence, then (when
   * there is more than one view) given each view's alone; from add-one smoothed shares, and with
   * {@code leaveOut} the record's own counts taken out of its label's; {@code evidence}: the
   * record's pairs.
   */
  private double[][] logPosteriors(Row row, Buffer evidence, boolean leaveOut) {
    int k = labels.size();
    int own = leaveOut ? labels.get(row.getString(0)) : -1;
    int slots = this.evidence.slots();
    int[] pairs = new int[slots];
    Map<Long, Integer> times = new HashMap<>();
    for (int i = 0; i < evidence.size; i++) {
      pairs[evidence.slot[i]]++;
      times.merge((long) evidence.slot[i] << 32 | evidence.value[i], 1, Integer::sum);
    }
    int views = this.evidence.views();
    double[][] log = new double[views == 1 ? 1 : views + 1][k];
    double kept = records - (leaveOut ? 1 : 0);
    double[][][] shares = logShares();
    for (int l = 0; l < k; l++) {
      double self = l == own ? 1 : 0;
      double prior = Math.log((perLabel[l] - self + 1) / (kept + k));
      for (double[] view : log) {
        view[l] = prior;
      }
      for (Map.Entry<Long, Integer> pair : times.entrySet()) {
        int s = (int) (pair.getKey() >>> 32);
        int v = (int) (long) pair.getKey();
        int n = pair.getValue();
        double share = n * (self == 0 ? shares[l][s][v] : Math.log((counts[l][s][v] - n + 1)
            / (totals[l][s] - pairs[s] + seen[s])));
        log[0][l] += share;
        if (views > 1) {
          log[1 + this.evidence.view(s)][l] += share;
        }
      }
    }
    return log;
  }

  private double[][][] logShares() {
    if (logShares == null) {
      double[][][] out = new double[counts.length][evidence.slots()][];
      for (int l = 0; l < out.length; l++) {
        for (int s = 0; s < out[l].length; s++) {
          out[l][s] = new double[evidence.size(s)];
          for (int v = 0; v < out[l][s].length; v++) {
            out[l][s][v] = Math.log((counts[l][s][v] + 1) / (totals[l][s] + seen[s]));
          }
        }
      }
      logShares = out;
    }
    return logShares;
  }

  private static double[] normalised(double[] log) {
    double max = Arrays.stream(log).max().orElse(0);
    double sum = 0;
    double[] out = new double[log.length];
    for (int l = 0; l < log.length; l++) {
      out[l] = Math.exp(log[l] - max);
      sum += out[l];
    }
    for (int l = 0; l < log.length; l++) {
      out[l] /= sum;
    }
    return out;
  }

  /**
   * log(P(label | evidence) / P(label)): how much more likely the record's evidence is under
   * {@code label} than under the labels' mixture; 0 for a label the model does not know.
   */
  double logLift(Row row, String label) {
    Integer l = labels.get(label);
    return l == null ? 0 : Math.log(posterior(row)[l])
        - Math.log((perLabel[l] + 1) / (records + labels.size()));
  }

  /** Bins per numeric feature: the cube root of the records, at least 2, at most {@link #MAX_BINS}. */
  static int binCount(long records) {
    return (int) Math.max(2, Math.min(MAX_BINS, Math.ceil(Math.cbrt(records))));
  }

  /** The quantiles i / bins (0 < i < bins) that cut a feature into {@code bins} bins. */
  static double[] binLevels(int bins) {
    double[] levels = new double[bins - 1];
    for (int i = 1; i < bins; i++) {
      levels[i - 1] = (double) i / bins;
    }
    return levels;
  }

  /**
   * Numeric features (doubles in the row after the label) cut into bins at their quantiles
   * {@link #binLevels} (per feature, none when it has no value), ties merged: bins follow any
   * distribution's shape (skewed, discrete, heavy-tailed) and a far outlier lands in an end
   * bin. A missing value leaves its feature out.
   */
  static Evidence bins(double[][] quantiles) {
    double[][] edges = new double[quantiles.length][];
    for (int f = 0; f < quantiles.length; f++) {
      edges[f] = Arrays.stream(quantiles[f]).distinct().sorted().toArray();
    }
    return new Evidence() {
      private static final long serialVersionUID = 1L;

      @Override
      public int slots() {
        return edges.length;
      }

      @Override
      public int size(int slot) {
        return edges[slot].length + 1;
      }

      @Override
      public void of(Row row, Pairs out) {
        for (int f = 0; f < edges.length; f++) {
          if (!row.isNullAt(f + 1) && !Double.isNaN(row.getDouble(f + 1))) {
            out.accept(f, bin(edges[f], row.getDouble(f + 1)));
          }
        }
      }
    };
  }

  /**
   * The tokens (runs of letters and digits) of the text in the row's {@code column}, each
   * occurrence hashed to one of {@code buckets} values: a word a review repeats counts each time,
   * as in a multinomial model of text.
   */
  static Evidence tokens(int buckets, int column) {
    return new Evidence() {
      private static final long serialVersionUID = 1L;

      @Override
      public int slots() {
        return 1;
      }

      @Override
      public int size(int slot) {
        return buckets;
      }

      @Override
      public void of(Row row, Pairs out) {
        if (row.isNullAt(column)) {
          return;
        }
        String text = row.getString(column);
        Tokens.each(text, (start, end) ->
            out.accept(0, Math.floorMod(Tokens.hash(text, start, end), buckets)));
      }
    };
  }

  /** The evidence of {@code first} and then of {@code second}, in slots of their own. */
  static Evidence both(Evidence first, Evidence second) {
    return new Evidence() {
      private static final long serialVersionUID = 1L;

      @Override
      public int slots() {
        return first.slots() + second.slots();
      }

      @Override
      public int size(int slot) {
        return slot < first.slots() ? first.size(slot) : second.size(slot - first.slots());
      }

      @Override
      public void of(Row row, Pairs out) {
        first.of(row, out);
        second.of(row, (slot, value) -> out.accept(first.slots() + slot, value));
      }

      @Override
      public int views() {
        return first.views() + second.views();
      }

      @Override
      public int view(int slot) {
        return slot < first.slots() ? first.view(slot)
            : first.views() + second.view(slot - first.slots());
      }
    };
  }

  /** The number of edges at or below x. */
  static int bin(double[] edges, double x) {
    int low = 0;
    int high = edges.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (edges[mid] <= x) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
