package io.trainguard.redaction;

import java.io.Serializable;

/**
 * Turns one detected value into its protected form. Operators are immutable, validated when
 * built and {@link Serializable} so that Spark ships them to executors.
 */
public interface Operator extends Serializable {

  /** The short name used in policies ({@code replace}, {@code mask}, ...). */
  String name();

  /** The protected form of {@code value}, a span the detector attributed to {@code entity}. */
  String apply(String entity, String value);
}
