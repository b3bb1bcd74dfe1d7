package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.Objects;

/**
 * A span of personal data in a text: Presidio entity name, offsets in Unicode code points
 * (start inclusive, end exclusive), confidence in [0, 1], the recognizer that found it and a
 * short explanation (pattern, check, context word). Holds no text from the input, so it can be
 * logged and counted freely.
 */
public record Finding(String entity, int start, int end, double score, String recognizer,
    String explanation) implements Serializable {

  public Finding {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(recognizer, "recognizer");
    Objects.requireNonNull(explanation, "explanation");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("Invalid span: [" + start + ", " + end + ")");
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("Invalid score: " + score);
    }
  }

  public Finding(String entity, int start, int end, double score, String recognizer) {
    this(entity, start, end, score, recognizer, "");
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  /** This finding with a new score and {@code reason} appended to its explanation. */
  public Finding rescored(double newScore, String reason) {
    return new Finding(entity, start, end, newScore, recognizer,
        explanation.isEmpty() ? reason : explanation + ", " + reason);
  }
}
