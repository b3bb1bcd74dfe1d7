package io.trainguard.jobs;

/** A count and its noun for messages: {@code 1 file}, {@code 2 files}. */
public final class Counts {

  private Counts() {}

  /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1 (regular nouns only). */
  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
