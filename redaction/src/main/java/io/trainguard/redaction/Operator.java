package io.trainguard.redaction;

/**
 * Turns one detected value into its protected form. Operators are immutable, validated when
 * built and {@link java.io.Serializable} so that Spark ships them to executors; they hold no key
 * material: keyed operators ({@code hash}, {@code tokenize}, {@code fpe}, {@code date_shift})
 * take their keys, and the record id, from the {@link RecordContext} of each call.
 *
 * <p>Apart from {@code keep}, an operator never returns its input when it cannot transform it (a
 * date it cannot parse, a digit string too short for FF1): it returns {@code <ENTITY>} instead,
 * as {@link Replace} does.
 */
public non-sealed interface Operator extends Action {

  /** The short name used in policies ({@code replace}, {@code mask}, ...). */
  String name();

  /**
   * The protected form of {@code value}, a span the detector attributed to {@code entity}.
   *
   * @throws IllegalStateException if the operator is keyed and {@code record} has no keys, or
   *     needs a record id and {@code record} has none
   */
  String apply(String entity, String value, RecordContext record);

  /** {@link #apply(String, String, RecordContext)} without keys or record id. */
  default String apply(String entity, String value) {
    return apply(entity, value, RecordContext.NONE);
  }

  /**
   * Whether the result may show part of the value as written (characters kept or masked one for
   * one, separators, a prefix): values found inside the span are then protected by their own
   * rules before this operator applies. True unless the result shows nothing of the value.
   */
  default boolean keepsPartOfValue() {
    return true;
  }

  @Override
  default String spec() {
    return name();
  }

  /**
   * Parses an operator spec as {@link Action#parse}, rejecting record actions.
   *
   * @throws IllegalArgumentException naming the spec and the allowed forms
   */
  static Operator parse(String spec) {
    if (Action.parse(spec) instanceof Operator operator) {
      return operator;
    }
    throw new IllegalArgumentException("Invalid operator: " + Specs.quote(spec)
        + " is a record action, not a string transform (allowed: " + Specs.OPERATORS + ")");
  }
}
