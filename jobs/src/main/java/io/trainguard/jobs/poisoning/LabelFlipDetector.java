package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
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
    List<Column> label = List.of(col(config.labelColumn()).cast("string").as("label"));
    if (!features.isEmpty()) {
      List<Column> select = new ArrayList<>(label);
      String[] inputs = new String[features.size()];
      for (int f = 0; f < inputs.length; f++) {
        inputs[f] = "f" + f;
        select.add(col(features.get(f)).cast("double").as(inputs[f]));
      }
      select.add(Flags.idOf(config).as("id"));
      Dataset<Row> view = data.select(select.toArray(Column[]::new));
      long records = view.count();
      if (records == 0) {
        return out;
      }
      out = out.unionByName(flagged(view, NaiveBayesLabels.bins(view, inputs, records), config,
          Flags.reason(NAME, features)));
    }
    if (!config.textColumns().isEmpty()) {
      List<Column> select = new ArrayList<>(label);
      select.add(Columns.normalisedText(data, config.textColumns()).as("text"));
      select.add(Flags.idOf(config).as("id"));
      out = out.unionByName(flagged(data.select(select.toArray(Column[]::new)),
          NaiveBayesLabels.tokens(config.labelFlips().textFeatures()), config,
          Flags.reason(NAME, config.textColumns())));
    }
    return out;
  }

  /** The view's records whose label is more likely flipped than not, scored by that chance. */
  private static Dataset<Row> flagged(Dataset<Row> view, NaiveBayesLabels.Evidence evidence,
      PoisoningConfig config, String reason) {
    NaiveBayesLabels model = NaiveBayesLabels.fit(view, evidence,
        config.outliers().contamination(), MAX_REFITS);
    int id = view.columns().length - 1;
    Dataset<Row> scored = view.flatMap((FlatMapFunction<Row, Row>) row -> {
      double p = model.flipPosterior(row);
      return (p >= 0.5 ? List.of(RowFactory.create(row.getString(id), p))
          : List.<Row>of()).iterator();
    }, Encoders.row(SCORED));
    return Flags.of(scored, col("id"), col("p"), reason).localCheckpoint();
  }
}
