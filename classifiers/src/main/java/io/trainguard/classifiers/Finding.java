package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.Objects;

/**
 * A span of personal data in a text: Presidio entity name, offsets in Unicode code points
 * (start inclusive, end exclusive), confidence in [0, 1] and the recognizer that found it.
 * Holds no text, so it can be logged and counted freely.
 */
public record Finding(String entity, int start, int end, double score, String recognizer)
    implements Serializable {

  public Finding {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(recognizer, "recognizer");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("Invalid span: [" + start + ", " + end + ")");
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("Invalid score: " + score);
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  public Finding withScore(double newScore) {
    return new Finding(entity, start, end, newScore, recognizer);
  }
}
