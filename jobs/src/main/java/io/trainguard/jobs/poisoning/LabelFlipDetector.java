package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
  /** The most times the model is refitted on the records it does not doubt. */
  private static final int MAX_REFITS = 4;
  private static final StructType SCORED = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("p", DataTypes.DoubleType, false);

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    List<String> features = Columns.features(data, config);
    List<String> columns = new ArrayList<>(features);
    columns.addAll(config.textColumns());
    String reason = Flags.reason(NAME, columns);
    if (config.textColumns().isEmpty()) {
      FittedFeatures fitted = features.isEmpty() ? null : fittedFeatures(data, config, features);
      return fitted == null ? Flags.empty(data.sparkSession())
          : flagged(fitted.view(), fitted.model(), reason);
    }
    Dataset<Row> view = view(data, config, features, true);
    long records = view.count();
    if (records == 0) {
      return Flags.empty(data.sparkSession());
    }
    NaiveBayesLabels.Evidence tokens =
        NaiveBayesLabels.tokens(config.labelFlips().textFeatures(), features.size() + 1);
    NaiveBayesLabels.Evidence evidence = features.isEmpty() ? tokens
        : NaiveBayesLabels.both(bins(view, features.size(), records), tokens);
    NaiveBayesLabels model = NaiveBayesLabels.fit(view, evidence,
        config.outliers().contamination(), MAX_REFITS);
    return flagged(view, model, reason);
  }

  /**
   * {@code label, f0, f1, ..., id}: the label as a string, the numeric {@code features} as
   * doubles and the record id, as {@link #featureModel} reads them.
   */
  static Dataset<Row> featureView(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    return view(data, config, features, false);
  }

  /** {@code label, f0, ..., [text,] id}: a {@link #featureView} with the normalised text. */
  private static Dataset<Row> view(Dataset<Row> data, PoisoningConfig config,
      List<String> features, boolean text) {
    List<Column> select = new ArrayList<>();
    select.add(col(config.labelColumn()).cast("string").as("label"));
    for (int f = 0; f < features.size(); f++) {
      select.add(col(features.get(f)).cast("double").as("f" + f));
    }
    if (text) {
      select.add(Columns.normalisedText(data, config.textColumns()).as("text"));
    }
    select.add(Flags.idOf(config).as("id"));
    return data.select(select.toArray(Column[]::new));
  }

  /** A {@link #featureView} and the labels' model fitted on it. */
  record FittedFeatures(Dataset<Row> view, NaiveBayesLabels model) {}

  /** Fitted models by the frame they were fitted on (weakly: while it is in use) and config. */
  private static final Map<Dataset<Row>, Map<List<Object>, Optional<FittedFeatures>>> FITTED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The {@link #featureModel} of {@code data}'s {@code features}, fitted once per frame and
   * configuration: the backdoor detector asks for the model this detector fits, and each fit is
   * several passes over the records. Null when {@code data} has no records.
   */
  static FittedFeatures fittedFeatures(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    return FITTED.computeIfAbsent(data, d -> new ConcurrentHashMap<>())
        .computeIfAbsent(List.of(config, features), k -> {
          Dataset<Row> view = featureView(data, config, features);
          return Optional.ofNullable(featureModel(view, config))
              .map(model -> new FittedFeatures(view, model));
        }).orElse(null);
  }

  /** The labels' model over a {@link #featureView}'s features; null when it has no records. */
  static NaiveBayesLabels featureModel(Dataset<Row> view, PoisoningConfig config) {
    long records = view.count();
    if (records == 0) {
      return null;
    }
    return NaiveBayesLabels.fit(view, bins(view, view.columns().length - 2, records),
        config.outliers().contamination(), MAX_REFITS);
  }

  /** The quantile bins of a view's features {@code f0} to {@code f<features - 1>}. */
  private static NaiveBayesLabels.Evidence bins(Dataset<Row> view, int features, long records) {
    String[] inputs = new String[features];
    for (int f = 0; f < features; f++) {
      inputs[f] = "f" + f;
    }
    return NaiveBayesLabels.bins(view, inputs, records);
  }

  /** The view's records whose label is more likely flipped than not, scored by that chance. */
  private static Dataset<Row> flagged(Dataset<Row> view, NaiveBayesLabels model, String reason) {
    int id = view.columns().length - 1;
    Dataset<Row> scored = view.flatMap((FlatMapFunction<Row, Row>) row -> {
      double p = model.flipPosterior(row);
      return (p >= 0.5 ? List.of(RowFactory.create(row.getString(id), p))
          : List.<Row>of()).iterator();
    }, Encoders.row(SCORED));
    return Flags.of(scored, col("id"), col("p"), reason).localCheckpoint();
  }
}
