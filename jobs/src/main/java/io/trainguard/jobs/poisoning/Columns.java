package io.trainguard.jobs.poisoning;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column resolution shared by the detectors. */
final class Columns {

  private Columns() {}

  /** The configured feature columns, or every numeric column other than id and label. */
  static List<String> features(StructType schema, PoisoningConfig config) {
    if (!config.featureColumns().isEmpty()) {
      return config.featureColumns();
    }
    List<String> out = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (field.dataType() instanceof NumericType && !field.name().equals(config.idColumn())
          && !field.name().equals(config.labelColumn())) {
        out.add(field.name());
      }
    }
    return out;
  }

  /** The text columns joined by a space, then {@link #normalise normalised}. */
  static Column normalisedText(List<String> textColumns) {
    Column[] parts = textColumns.stream().map(c -> coalesce(col(c).cast("string"), lit("")))
        .toArray(Column[]::new);
    return udf((UDF1<String, String>) Columns::normalise, DataTypes.StringType)
        .apply(concat_ws(" ", parts));
  }

  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");

  /**
   * Text as written, whatever its look-alikes: compatibility forms folded (NFKC: full-width
   * letters, ligatures, no-break spaces), invisible format characters (zero-width spaces, soft
   * hyphens) dropped, lower case, each run of Unicode white space one space, trimmed.
   */
  static String normalise(String text) {
    String folded = INVISIBLE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
        .replaceAll("").toLowerCase(Locale.ROOT);
    return WHITE_SPACE.matcher(folded).replaceAll(" ").trim();
  }
}
