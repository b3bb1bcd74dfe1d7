package io.trainguard.redaction;

import java.util.regex.Pattern;

/**
 * {@code replace}: replaces a value with a fixed text, by default the entity name in angle
 * brackets ({@code replace[TEXT]} for another text).
 */
public record Replace(String replacement) implements Operator {

  /** {@code <ENTITY>}, as Presidio's default anonymizer does. */
  public static final Replace ENTITY_NAME = new Replace(null);

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z0-9_]+>");

  public Replace {
    if (replacement != null && replacement.isEmpty()) {
      throw new IllegalArgumentException("Invalid replacement: empty (use redact)");
    }
  }

  /** Whether {@code text} is all an entity's placeholder, {@code <ENTITY>}: nothing of a value. */
  public static boolean isPlaceholder(String text) {
    return PLACEHOLDER.matcher(text).matches();
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public boolean keepsPartOfValue() {
    return false;
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
