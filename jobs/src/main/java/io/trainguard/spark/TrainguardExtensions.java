package io.trainguard.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Registers trainguard's SQL functions in every session built with
 * {@code spark.sql.extensions=io.trainguard.spark.TrainguardExtensions}: {@code tg_detect(text)}
 * and {@code tg_redact(text[, policy])}, see {@link SqlFunctions}.
 */
public final class TrainguardExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectFunction(SqlFunctions.detect());
    extensions.injectFunction(SqlFunctions.redact());
    return BoxedUnit.UNIT;
  }
}
