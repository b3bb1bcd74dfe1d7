package io.trainguard.redaction;

/** An operator whose output a holder of the {@link OperatorKeys} can turn back into its input. */
public interface Reversible extends Operator {

  /**
   * The value that {@link #apply} turned into {@code output} for {@code entity} under
   * {@code keys}.
   *
   * @throws IllegalArgumentException if {@code output} is not an output of this operator for
   *     {@code entity} under {@code keys} (altered, another key, another entity); the message
   *     never quotes {@code output}
   */
  String reverse(String entity, String output, OperatorKeys keys);
}
