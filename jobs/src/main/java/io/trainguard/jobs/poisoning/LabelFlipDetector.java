package io.trainguard.jobs.poisoning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Label flips: records whose label their numeric features and text together make unlikely. One
 * {@link NaiveBayesLabels} model fitted on the data itself (numeric features in quantile bins,
 * the text columns' tokens hashed), each record scored with its own counts left out (it never
 * votes for its own label) and the model refitted without the records it doubts; records another
 * detector already explains (a trigger, a conflicting copy) are neither counted nor flagged. A
 * record's score is the probability that its label was flipped, given all its evidence and the
 * expected contamination; the {@link #threshold} follows from those probabilities. A text that
 * says nothing about labels (templated notes shared by every label) gives every label the same
 * likelihood, so it adds nothing. Reason: {@code label_flip:amount,age,notes} (the features and
 * text columns).
 */
public final class LabelFlipDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "label_flip";
  /** The precision and the recall the threshold aims at, as the model expects them. */
  static final double TARGET = 0.9;
  /** The flip probabilities are counted in this many equal bins to find the threshold. */
  static final int LEVELS = 10_000;

  @Override
  public List<PoisoningReport.Flag> detect(ScanInput input) {
    return detect(input, Set.of());
  }

  /**
   * The flags of records not in {@code explained} (record ids another detector flagged for a
   * reason that explains their label), fitted without those records: a backdoor record would
   * teach the target label another label's features, a conflicting copy both labels the same
   * record.
   */
  List<PoisoningReport.Flag> detect(ScanInput input, Set<String> explained) {
    PoisoningConfig config = input.config();
    List<String> columns = new ArrayList<>(input.features());
    columns.addAll(config.textColumns());
    String reason = Flags.reason(NAME, columns);
    if (input.records() == 0 || !input.hasText() && input.features().isEmpty()) {
      return List.of();
    }
    int id = input.idColumn();
    Set<String> left = new HashSet<>(explained);
    JavaRDD<Row> rows = explained.isEmpty() ? input.rows()
        : input.rows().filter(row -> !left.contains(row.getString(id)));
    double contamination = config.outliers().contamination();
    if (!input.hasText() && explained.isEmpty()) {
      return flagged(rows, input.featureModel(), id, reason);
    }
    NaiveBayesLabels.Evidence evidence;
    if (!input.hasText()) {
      evidence = input.bins();
    } else {
      NaiveBayesLabels.Evidence tokens =
          NaiveBayesLabels.tokens(config.labelFlips().textFeatures(), input.textColumn());
      evidence = input.features().isEmpty() ? tokens : NaiveBayesLabels.both(input.bins(), tokens);
    }
    NaiveBayesLabels model =
        NaiveBayesLabels.fit(rows, evidence, contamination, ScanInput.MAX_REFITS);
    try {
      return flagged(rows, model, id, reason);
    } finally {
      model.release();
    }
  }

  /**
   * The records whose flip probability reaches the {@link #threshold}, scored by it; {@code rows}
   * are those the model was fitted on.
   */
  private static List<PoisoningReport.Flag> flagged(JavaRDD<Row> rows, NaiveBayesLabels model,
      int id, String reason) {
    JavaRDD<double[]> scores = model.flipPosteriors().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Levels levels = scores.treeAggregate(new Levels(), Levels::add, Levels::merge);
      double threshold = threshold(levels.count, levels.sum);
      List<String> reasons = List.of(reason);
      return rows.zipPartitions(scores, (it, part) -> {
        double[] p = part.next();
        List<PoisoningReport.Flag> out = new ArrayList<>();
        for (int i = 0; it.hasNext(); i++) {
          Row row = it.next();
          if (p[i] >= threshold) {
            out.add(new PoisoningReport.Flag(row.getString(id), p[i], reasons));
          }
        }
        return out.iterator();
      }).collect();
    } finally {
      scores.unpersist(false);
    }
  }

  /**
   * The lowest flip probability to flag at, from every record's (per bin i of {@link #LEVELS}:
   * {@code count[i]} records, whose probabilities add up to {@code sum[i]}): flagging from the
   * highest probability down, the model expects the share of flips among the flagged records to
   * be their mean probability, and the share of all flips found to be their sum over the sum of
   * all. The threshold goes down until the expected recall reaches {@link #TARGET}, but not so far
   * that the expected precision falls below it; a record more likely flipped than not is always
   * flagged (1/2 at most). Probabilities near the contamination, none confident, leave it at 1/2.
   */
  static double threshold(long[] count, double[] sum) {
    double total = 0;
    for (double s : sum) {
      total += s;
    }
    double found = 0;
    long flagged = 0;
    double precise = 1;
    double recalled = 0;
    boolean recallReached = false;
    for (int i = LEVELS - 1; i >= 0; i--) {
      found += sum[i];
      flagged += count[i];
      double edge = (double) i / LEVELS;
      if (count[i] > 0 && found >= TARGET * flagged) {
        precise = edge;
      }
      if (!recallReached && found >= TARGET * total) {
        recallReached = true;
        recalled = edge;
      }
    }
    return Math.min(0.5, Math.max(precise, recalled));
  }

  /** Records and the sum of their flip probabilities per bin of {@link #LEVELS}. */
  private static final class Levels implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] count = new long[LEVELS];
    private final double[] sum = new double[LEVELS];

    Levels add(double[] scores) {
      for (double p : scores) {
        int i = Math.min(LEVELS - 1, (int) (p * LEVELS));
        count[i]++;
        sum[i] += p;
      }
      return this;
    }

    Levels merge(Levels other) {
      for (int i = 0; i < LEVELS; i++) {
        count[i] += other.count[i];
        sum[i] += other.sum[i];
      }
      return this;
    }
  }
}
