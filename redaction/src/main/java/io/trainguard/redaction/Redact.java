package io.trainguard.redaction;

/** {@code redact}: removes the span, leaving nothing in its place. */
public record Redact() implements Operator {

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public boolean keepsPartOfValue() {
    return false;
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    return "";
  }
}
