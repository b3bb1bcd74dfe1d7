package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.List;

/**
 * Finds one entity type in text. Implementations are stateless and {@link Serializable} so that
 * Spark can ship them to executors; they must not retain or log the text they are given.
 */
public interface Recognizer extends Serializable {

  /** Unique name within a pack; a user pack overrides a built-in recognizer of the same name. */
  String name();

  /** The Presidio entity name this recognizer reports. */
  String entity();

  /** Lower-case words that, near a match, raise its score (Presidio's "context"). */
  List<String> context();

  /**
   * Whether this recognizer can match anything in the text {@code profile} describes; a cheap
   * test (digit count, required literals) that lets the analyzer skip most recognizers.
   */
  default boolean mightMatch(TextProfile profile) {
    return true;
  }

  /**
   * Raw candidates in {@code text}, offsets in code points, before context scoring and
   * thresholding. {@code codePoints} converts UTF-16 indexes of {@code text} to code points.
   */
  List<Finding> recognize(String text, CodePoints codePoints);

  /**
   * As {@link #recognize(String, CodePoints)}, but may leave out candidates that cannot reach
   * {@code threshold} even after the analyzer's context scoring (a saving, never a change in
   * what the analyzer reports).
   */
  default List<Finding> recognize(String text, CodePoints codePoints, double threshold) {
    return recognize(text, codePoints);
  }
}
