package io.trainguard.redaction;

/** Replaces a value with a fixed text, by default the entity name in angle brackets. */
public record Replace(String replacement) implements Operator {

  /** {@code <ENTITY>}, as Presidio's default anonymizer does. */
  public static final Replace ENTITY_NAME = new Replace(null);

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String apply(String entity, String value) {
    return replacement == null ? "<" + entity + ">" : replacement;
  }
}
