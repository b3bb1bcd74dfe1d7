package io.trainguard.samples.corpus;

import java.util.ArrayList;
import java.util.List;

/** Builds a text while recording the code-point span of every labelled value appended. */
final class TextBuilder {

  private final StringBuilder text = new StringBuilder();
  private final List<Span> spans = new ArrayList<>();
  private int codePoints;

  TextBuilder append(String literal) {
    text.append(literal);
    codePoints += literal.codePointCount(0, literal.length());
    return this;
  }

  TextBuilder append(String entity, String value) {
    int start = codePoints;
    append(value);
    spans.add(new Span(entity, start, codePoints));
    return this;
  }

  /** Appends {@code template} with its {@code {}} replaced by the labelled {@code value}. */
  TextBuilder fill(String template, String entity, String value) {
    int at = template.indexOf("{}");
    append(template.substring(0, at));
    if (entity == null) {
      append(value);
    } else {
      append(entity, value);
    }
    return append(template.substring(at + 2));
  }

  LabelledRecord build(String id) {
    return new LabelledRecord(id, text.toString(), spans);
  }
}
