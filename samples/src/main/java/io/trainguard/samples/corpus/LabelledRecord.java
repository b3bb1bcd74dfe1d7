package io.trainguard.samples.corpus;

import java.util.List;
import java.util.Locale;

/**
 * One corpus record: a text and the spans a perfect detector reports in it (none for a hard
 * negative). The id reads {@code group:shape:number}: group is an entity name, {@code mixed} or
 * {@code negative.<kind>}; shape is {@code context} (a sentence with context words),
 * {@code plain} (a sentence without any), {@code cell} (the bare value, as in a CSV cell),
 * {@code mixed} (several sentences and entities) or {@code text} (a hard-negative sentence).
 */
public record LabelledRecord(String id, String text, List<Span> spans) {

  public LabelledRecord {
    spans = List.copyOf(spans);
  }

  public String group() {
    return id.substring(0, id.indexOf(':'));
  }

  public String shape() {
    return id.substring(id.indexOf(':') + 1, id.lastIndexOf(':'));
  }

  public boolean isNegative() {
    return id.startsWith("negative.");
  }

  public boolean isCell() {
    return shape().equals("cell");
  }

  /** The text of {@code span}, cut at code-point offsets. */
  public String valueOf(Span span) {
    int from = text.offsetByCodePoints(0, span.start());
    return text.substring(from, text.offsetByCodePoints(from, span.end() - span.start()));
  }

  /** This record as one JSON Lines object: {@code {"id","text","spans":[{entity,start,end}]}}. */
  public String toJson() {
    StringBuilder b = new StringBuilder("{\"id\":");
    quote(b, id).append(",\"text\":");
    quote(b, text).append(",\"spans\":[");
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      b.append(i == 0 ? "" : ",").append("{\"entity\":");
      quote(b, s.entity()).append(",\"start\":").append(s.start()).append(",\"end\":")
          .append(s.end()).append('}');
    }
    return b.append("]}").toString();
  }

  private static StringBuilder quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
