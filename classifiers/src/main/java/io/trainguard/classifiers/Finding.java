package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A span of personal data in a text: Presidio entity name, offsets in Unicode code points
 * (start inclusive, end exclusive), confidence in [0, 1], the recognizer that found it and a
 * short explanation (pattern, check, context word), and the findings of other types that lie
 * within it and rank after it ({@code inner}, offsets in the same text): what a policy that
 * leaves part of this finding in place must still protect. Holds no text from the input, so it
 * can be logged and counted freely.
 */
public record Finding(String entity, int start, int end, double score, String recognizer,
    String explanation, List<Finding> inner) implements Serializable {

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
    inner = List.copyOf(inner);
  }

  public Finding(String entity, int start, int end, double score, String recognizer,
      String explanation) {
    this(entity, start, end, score, recognizer, explanation, List.of());
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
        explanation.isEmpty() ? reason : explanation + ", " + reason, inner);
  }

  /** This finding with {@code findings} inside it instead of its own. */
  public Finding withInner(List<Finding> findings) {
    return new Finding(entity, start, end, score, recognizer, explanation, findings);
  }

  /**
   * This finding and those inside it with their offsets moved: {@code toStart} maps a start,
   * {@code toEnd} an end. An inner finding moved onto an empty span is left out.
   */
  public Finding moved(IntUnaryOperator toStart, IntUnaryOperator toEnd) {
    List<Finding> moved = inner.isEmpty() ? inner : new ArrayList<>(inner.size());
    for (Finding f : inner) {
      if (toStart.applyAsInt(f.start) < toEnd.applyAsInt(f.end)) {
        moved.add(f.moved(toStart, toEnd));
      }
    }
    return new Finding(entity, toStart.applyAsInt(start), toEnd.applyAsInt(end), score,
        recognizer, explanation, moved);
  }
}
