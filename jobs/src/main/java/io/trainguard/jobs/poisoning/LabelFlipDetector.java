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
 * Label flips: records whose label their numeric features, or their text, make unlikely. Each
 * view is a {@link NaiveBayesLabels} model fitted on the data itself (numeric features in
 * quantile bins; the text columns' distinct tokens, hashed) and refitted without the records it
 * flags; a record is flagged when its label is more likely flipped than not, given the view and
 * the expected contamination, and that probability is its score. A text that says nothing about
 * labels (templated notes shared by every label) gives every label the same likelihood, so it
 * flags nothing. Reasons: {@code label_flip:amount,age} (features) and {@code label_flip:notes}
 * (text columns).
 */
public final class LabelFlipDetector implements PoisoningDetector {

  private static final long serialVersionUID = 1L;
  static final String NAME = "label_flip";
  /** The most times a view's model is refitted on the records it does not flag. */
  private static final int MAX_REFITS = 4;
  private static final StructType SCORED = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("p", DataTypes.DoubleType, false);

  @Override
  public Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    Dataset<Row> out = Flags.empty(data.sparkSession());
    List<String> features = Columns.features(data, config);
    if (!features.isEmpty()) {
      FittedFeatures fitted = fittedFeatures(data, config, features);
      if (fitted == null) {
        return out;
      }
      out = out.unionByName(flagged(fitted.view(), fitted.model(),
          Flags.reason(NAME, features)));
    }
    if (!config.textColumns().isEmpty()) {
      Dataset<Row> view = data.select(col(config.labelColumn()).cast("string").as("label"),
          Columns.normalisedText(data, config.textColumns()).as("text"),
          Flags.idOf(config).as("id"));
      NaiveBayesLabels model = NaiveBayesLabels.fit(view,
          NaiveBayesLabels.tokens(config.labelFlips().textFeatures()),
          config.outliers().contamination(), MAX_REFITS);
      out = out.unionByName(flagged(view, model, Flags.reason(NAME, config.textColumns())));
    }
    return out;
  }

  /**
   * {@code label, f0, f1, ..., id}: the label as a string, the numeric {@code features} as
   * doubles and the record id, as {@link #featureModel} reads them.
   */
  static Dataset<Row> featureView(Dataset<Row> data, PoisoningConfig config,
      List<String> features) {
    List<Column> select = new ArrayList<>();
    select.add(col(config.labelColumn()).cast("string").as("label"));
    for (int f = 0; f < features.size(); f++) {
      select.add(col(features.get(f)).cast("double").as("f" + f));
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
    String[] inputs = new String[view.columns().length - 2];
    for (int f = 0; f < inputs.length; f++) {
      inputs[f] = "f" + f;
    }
    return NaiveBayesLabels.fit(view, NaiveBayesLabels.bins(view, inputs, records),
        config.outliers().contamination(), MAX_REFITS);
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
