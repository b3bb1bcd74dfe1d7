package io.trainguard.redaction;

/**
 * {@code replace}: replaces a value with a fixed text, by default the entity name in angle
 * brackets ({@code replace[TEXT]} for another text).
 */
public record Replace(String replacement) implements Operator {

  /** {@code <ENTITY>}, as Presidio's default anonymizer does. */
  public static final Replace ENTITY_NAME = new Replace(null);

  public Replace {
    if (replacement != null && replacement.isEmpty()) {
      throw new IllegalArgumentException("Invalid replacement: empty (use redact)");
    }
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String spec() {
    return replacement == null ? name() : name() + "[" + replacement + "]";
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    return replacement == null ? "<" + entity + ">" : replacement;
  }
}
