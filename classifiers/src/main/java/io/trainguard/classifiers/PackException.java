package io.trainguard.classifiers;

/** A recognizer pack cannot be loaded; the message names the pack, recognizer and pattern. */
public final class PackException extends IllegalArgumentException {
  public PackException(String message) {
    super(message);
  }
}
