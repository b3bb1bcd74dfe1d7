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
  /** Per partition of the rows fitted on: their evidence, read once for every fit. */
  private final transient JavaRDD<Block> blocks;
  /** Per partition of the rows fitted on: which records (by position) this fit counted. */
  private final transient JavaRDD<Pass> passes;
  /** Per label, slot and value: the log of the add-one share (made on first use). */
  private transient double[][][] logShares;

  private NaiveBayesLabels(Evidence evidence, Map<String, Integer> labels, double[][][] counts,
      double contamination, JavaRDD<Block> blocks, JavaRDD<Pass> passes) {
    this.evidence = evidence;
    this.labels = labels;
    this.counts = counts;
    this.contamination = contamination;
    this.blocks = blocks;
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
   * belong where they were planted. The records' evidence is read once and kept on the tasks
   * (per partition, in arrays) for every fit and the scores; each fit is one pass over it that
   * judges every record once, under the fit before it; which records a fit counted stays on the
   * tasks (a bit per record), so nothing is judged twice. {@link #release} the result when done.
   */
  static NaiveBayesLabels fit(JavaRDD<Row> rows, Evidence evidence, double contamination,
      int refits) {
    JavaRDD<Block> blocks = rows.mapPartitions(it -> List.of(Block.of(it, evidence)).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    NaiveBayesLabels model = fit(blocks, evidence, contamination, null);
    for (int i = 0; i < refits; i++) {
      NaiveBayesLabels refit = fit(blocks, evidence, contamination, model);
      model.passes.unpersist(false);
      boolean stable = refit.records == model.records;
      model = refit;
      if (stable) {
        break;
      }
    }
    return model;
  }

  /**
   * One pass over the blocks: the records {@code previous} does not doubt (every record with a
   * label without it) are marked and counted on each task, into arrays merged up a tree: per
   * label, slot and value, and (in an extra slot) records per label.
   */
  private static NaiveBayesLabels fit(JavaRDD<Block> blocks, Evidence evidence,
      double contamination, NaiveBayesLabels previous) {
    JavaRDD<Pass> passes = (previous == null
        ? blocks.map(block -> Pass.of(block, evidence, null, null))
        : blocks.zipPartitions(previous.passes,
            (it, before) -> List.of(Pass.of(it.next(), evidence, previous,
                before.next().counted())).iterator()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Counts counts = passes.treeAggregate(new Counts(evidence), (c, p) -> c.merge(p.counts()),
        Counts::merge);
    Map<String, Integer> labels = new HashMap<>();
    counts.byLabel.keySet().stream().sorted().forEach(l -> labels.put(l, labels.size()));
    double[][][] n = new double[labels.size()][][];
    counts.byLabel.forEach((label, c) -> n[labels.get(label)] = c);
    return new NaiveBayesLabels(evidence, labels, n, contamination, blocks, passes);
  }

  /** Drops what the fit keeps on the tasks (recomputed if used again). */
  void release() {
    passes.unpersist(false);
    blocks.unpersist(false);
  }

  /** One partition of a fit: the records it counted, by position, and their counts. */
  private record Pass(BitSet counted, Counts counts) implements Serializable {

    /** The records {@code previous} does not doubt, it having counted {@code before}. */
    static Pass of(Block block, Evidence evidence, NaiveBayesLabels previous, BitSet before) {
      Counts counts = new Counts(evidence);
      BitSet counted = new BitSet();
      int[] label = previous == null ? null : previous.indices(block);
      double[][][] of = new double[block.labels.length][][];
      Scratch scratch = new Scratch();
      for (int i = 0; i < block.size(); i++) {
        int name = block.label[i];
        if (name < 0) {
          continue;
        }
        if (previous == null || !previous.doubts(block, i, label[i], before.get(i), scratch)) {
          counted.set(i);
          if (of[name] == null) {
            of[name] = counts.of(block.labels[name]);
          }
          Counts.add(of[name], block, i);
        }
      }
      return new Pass(counted, counts);
    }
  }

  /**
   * One partition's records as evidence, read once: per record, its label (an index into
   * {@code labels}, -1 when missing) and its (slot, value) pairs as {@code slot << 32 | value},
   * sorted, a pair repeated as often as the record holds it, in {@code pairs[start[i],
   * start[i + 1])}.
   */
  private record Block(String[] labels, int[] label, int[] start, long[] pairs)
      implements Serializable {

    static Block of(Iterator<Row> rows, Evidence evidence) {
      Map<String, Integer> names = new HashMap<>();
      Buffer buffer = new Buffer();
      int[] label = new int[16];
      int[] start = new int[17];
      long[] pairs = new long[64];
      int n = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        if (n + 1 == label.length) {
          label = Arrays.copyOf(label, 2 * label.length);
          start = Arrays.copyOf(start, 2 * start.length);
        }
        label[n] = row.isNullAt(0) ? -1 : names.computeIfAbsent(row.getString(0), l -> names.size());
        buffer.read(row, evidence);
        int from = start[n];
        if (from + buffer.size > pairs.length) {
          pairs = Arrays.copyOf(pairs, Math.max(2 * pairs.length, from + buffer.size));
        }
        for (int i = 0; i < buffer.size; i++) {
          pairs[from + i] = (long) buffer.slot[i] << 32 | buffer.value[i];
        }
        Arrays.sort(pairs, from, from + buffer.size);
        start[++n] = from + buffer.size;
      }
      String[] labels = new String[names.size()];
      names.forEach((l, i) -> labels[i] = l);
      return new Block(labels, Arrays.copyOf(label, n), Arrays.copyOf(start, n + 1),
          Arrays.copyOf(pairs, start[n]));
    }

    int size() {
      return label.length;
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

    /** Counts the record's pairs into {@code c} (a label's counts), and the record. */
    static void add(double[][] c, Block block, int record) {
      c[c.length - 1][0]++;
      for (int i = block.start[record]; i < block.start[record + 1]; i++) {
        c[(int) (block.pairs[i] >>> 32)][(int) block.pairs[i]]++;
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
   * Whether all the record's evidence, or that of any one view alone, makes its label (an index,
   * -1: none) more likely flipped than not ({@code counted}: the fit counted it): such a record
   * is not counted in the next fit. A backdoor word makes its records look like the target label
   * to the text while their features say otherwise; counted, they would teach the model the
   * target label's features from other labels' records.
   */
  private boolean doubts(Block block, int record, int label, boolean counted,
      Scratch scratch) {
    if (label < 0) {
      return false;
    }
    double[][] views = logPosteriors(block.pairs, block.start[record], block.start[record + 1],
        counted ? label : -1, scratch);
    for (double[] view : views) {
      if (flipPosterior(view, label) >= 0.5) {
        return true;
      }
    }
    return false;
  }

  /** Each record's label as this model's index; -1 for none, one it does not know, or one label. */
  private int[] indices(Block block) {
    int[] byName = new int[block.labels.length];
    for (int j = 0; j < byName.length; j++) {
      byName[j] = labels.size() < 2 ? -1 : labels.getOrDefault(block.labels[j], -1);
    }
    int[] out = new int[block.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = block.label[i] < 0 ? -1 : byName[block.label[i]];
    }
    return out;
  }

  /**
   * Per partition of the rows the model was fitted on, each record's {@link #flipPosterior} in
   * order: the record scored with its own counts left out when the fit counted it.
   */
  JavaRDD<double[]> flipPosteriors() {
    return blocks.zipPartitions(passes, (Iterator<Block> it, Iterator<Pass> pass) -> {
      Block block = it.next();
      BitSet counted = pass.next().counted();
      int[] label = indices(block);
      double[] out = new double[block.size()];
      Scratch scratch = new Scratch();
      for (int i = 0; i < out.length; i++) {
        out[i] = label[i] < 0 ? 0 : flipPosterior(logPosteriors(block.pairs, block.start[i],
            block.start[i + 1], counted.get(i) ? label[i] : -1, scratch)[0], label[i]);
      }
      return List.of(out).iterator();
    });
  }

  /**
   * The probability that the record's label was flipped, given its evidence, when a share
   * {@code contamination} of labels was flipped to any other label alike: with p the model's
   * probability of the label and K labels, c(1 - p)/(K - 1) against (1 - c)p + c(1 - p)/(K - 1).
   */
  private double flipPosterior(double[] log, int label) {
    double p = share(log, label);
    int k = labels.size();
    double flipped = contamination * (1 - p) / (k - 1);
    return flipped / ((1 - contamination) * p + flipped);
  }

  /** Each label's probability given the record's evidence, labels in sorted order. */
  double[] posterior(Row row) {
    Buffer buffer = new Buffer().read(row, evidence);
    long[] pairs = new long[buffer.size];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = (long) buffer.slot[i] << 32 | buffer.value[i];
    }
    Arrays.sort(pairs);
    return normalised(logPosteriors(pairs, 0, pairs.length, -1)[0]);
  }

  /**
   * Unnormalised log probabilities of each label given all the evidence {@code pairs[from,
   * to)} (sorted {@code slot << 32 | value}, repeated as often as held), then (when there is
   * more than one view) given each view's alone; from add-one smoothed shares, the record's own
   * counts taken out of label {@code own}'s (-1: counted in none). The record never votes for
   * its own label.
   */
  private double[][] logPosteriors(long[] pairs, int from, int to, int own) {
    return logPosteriors(pairs, from, to, own, new Scratch());
  }

  /** {@link #logPosteriors(long[], int, int, int)} in {@code scratch}'s arrays (overwritten). */
  private double[][] logPosteriors(long[] pairs, int from, int to, int own, Scratch scratch) {
    int k = labels.size();
    int views = evidence.views();
    scratch.fit(evidence.slots(), to - from, views == 1 ? 1 : views + 1, k);
    int[] perSlot = scratch.perSlot;
    // The distinct pairs, each with how often the record holds it and its view.
    int runs = 0;
    int[] slot = scratch.slot;
    int[] value = scratch.value;
    int[] times = scratch.times;
    int[] viewOf = scratch.viewOf;
    for (int i = from; i < to;) {
      long pair = pairs[i];
      int j = i + 1;
      while (j < to && pairs[j] == pair) {
        j++;
      }
      int s = (int) (pair >>> 32);
      perSlot[s] += j - i;
      slot[runs] = s;
      value[runs] = (int) pair;
      times[runs] = j - i;
      viewOf[runs] = 1 + evidence.view(s);
      runs++;
      i = j;
    }
    double[][] log = scratch.log;
    double kept = records - (own >= 0 ? 1 : 0);
    double[][][] shares = logShares();
    for (int l = 0; l < k; l++) {
      boolean self = l == own;
      double prior = Math.log((perLabel[l] - (self ? 1 : 0) + 1) / (kept + k));
      for (double[] view : log) {
        view[l] = prior;
      }
      double[][] shared = shares[l];
      for (int r = 0; r < runs; r++) {
        int n = times[r];
        int s = slot[r];
        int v = value[r];
        double share = n * (!self ? shared[s][v] : Math.log((counts[l][s][v] - n + 1)
            / (totals[l][s] - perSlot[s] + seen[s])));
        log[0][l] += share;
        if (views > 1) {
          log[viewOf[r]][l] += share;
        }
      }
    }
    return log;
  }

  /**
   * The arrays {@link #logPosteriors} works in, kept from record to record of one pass (a
   * record's pairs, its distinct pairs' slots, values, counts and views, and its log posteriors).
   */
  private static final class Scratch {
    private int[] perSlot = new int[0];
    private int[] slot = new int[0];
    private int[] value = new int[0];
    private int[] times = new int[0];
    private int[] viewOf = new int[0];
    private double[][] log = new double[0][];

    /** Room for {@code pairs} pairs over {@code slots} slots; per-slot counts zeroed. */
    void fit(int slots, int pairs, int views, int labels) {
      if (perSlot.length != slots) {
        perSlot = new int[slots];
      } else {
        Arrays.fill(perSlot, 0);
      }
      if (slot.length < pairs) {
        int n = Math.max(pairs, 2 * slot.length);
        slot = new int[n];
        value = new int[n];
        times = new int[n];
        viewOf = new int[n];
      }
      if (log.length != views || log[0].length != labels) {
        log = new double[views][labels];
      }
    }
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

  /** {@code normalised(log)[label]}, computed alike without the other labels' shares. */
  private static double share(double[] log, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : log) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (double x : log) {
      sum += Math.exp(x - max);
    }
    return Math.exp(log[label] - max) / sum;
  }

  private static double[] normalised(double[] log) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : log) {
      max = Math.max(max, x);
    }
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
