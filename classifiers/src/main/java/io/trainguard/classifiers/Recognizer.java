package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

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
   * The digits and literals without which this recognizer finds nothing, declared so that the
   * analyzer's shared literal index admits it (one pass over the text for every recognizer)
   * instead of asking {@link #mightMatch}; empty to be asked.
   */
  default Optional<PatternRecognizer.Trigger> trigger() {
    return Optional.empty();
  }

  /**
   * Raw candidates in the text as the analyzer prepared it, reusing what it computed once for
   * every recognizer (profile, code points, the one-pass regex scan); the analyzer calls this.
   */
  default List<Finding> recognize(AnalyzedText text) {
    return recognize(text.text(), text.codePoints(), text.threshold());
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
