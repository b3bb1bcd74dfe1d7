package io.trainguard.redaction;

/** {@code keep}: leaves the value as it is; only ever chosen explicitly by a policy. */
public record Keep() implements Operator {

  @Override
  public String name() {
    return "keep";
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    return value;
  }
}
