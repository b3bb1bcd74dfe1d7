package io.trainguard.redaction;

/** A policy cannot be loaded; the message names the policy, the key path and what is allowed. */
public final class PolicyException extends IllegalArgumentException {
  public PolicyException(String message) {
    super(message);
  }
}
