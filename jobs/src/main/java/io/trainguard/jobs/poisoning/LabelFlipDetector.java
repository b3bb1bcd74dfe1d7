package io.trainguard.jobs.poisoning;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Label flips: records whose label their numeric features and text together make unlikely. One
 * {@link NaiveBayesLabels} model fitted on the data itself (numeric features in quantile bins,
 * the text columns' tokens hashed), each record scored with its own counts left out (it never
 * votes for its own label) and the model refitted without the records it doubts; a
 * record is flagged when its label is more likely flipped than not, given all its evidence and
 * the expected contamination, and that probability is its score. A text that says nothing about
 * labels (templated notes shared by every label) gives every label the same likelihood, so it
 * adds nothing. Reason: {@code label_flip:amount,age,notes} (the features and text columns).
 */
public final class LabelFlipDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "label_flip";

  @Override
  public List<PoisoningReport.Flag> detect(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    List<String> columns = new ArrayList<>(input.features());
    columns.addAll(config.textColumns());
    String reason = Flags.reason(NAME, columns);
    if (!input.hasText()) {
      NaiveBayesLabels model = input.featureModel();
      return model == null ? List.of() : flagged(input, model, reason);
    }
    if (input.records() == 0) {
      return List.of();
    }
    NaiveBayesLabels.Evidence tokens =
        NaiveBayesLabels.tokens(config.labelFlips().textFeatures(), input.textColumn());
    NaiveBayesLabels.Evidence evidence = input.features().isEmpty() ? tokens
        : NaiveBayesLabels.both(input.bins(), tokens);
    NaiveBayesLabels model = NaiveBayesLabels.fit(input.rows(), evidence,
        config.outliers().contamination(), ScanInput.MAX_REFITS);
    try {
      return flagged(input, model, reason);
    } finally {
      model.release();
    }
  }

  /** The records whose label is more likely flipped than not, scored by that chance. */
  private static List<PoisoningReport.Flag> flagged(ScanInput input, NaiveBayesLabels model,
      String reason) {
    int id = input.idColumn();
    List<String> reasons = List.of(reason);
    return model.flipPosteriors(input.rows()).filter(scored -> scored._2() >= 0.5)
        .map(scored -> new PoisoningReport.Flag(scored._1().getString(id), scored._2(), reasons))
        .collect();
  }
}
