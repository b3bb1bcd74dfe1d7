package io.trainguard.samples.corpus;

import java.util.Objects;

/** An expected finding: Presidio entity name and code-point offsets, end exclusive. */
public record Span(String entity, int start, int end) {

  public Span {
    Objects.requireNonNull(entity, "entity");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("Invalid span: [" + start + ", " + end + ")");
    }
  }
}
