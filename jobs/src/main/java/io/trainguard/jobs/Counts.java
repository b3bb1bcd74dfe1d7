package io.trainguard.jobs;

/** A count and its noun for messages: {@code 1 file}, {@code 2 files}. */
public final class Counts {

  private Counts() {}

  /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1 (regular nouns only). */
  public static String of(long n, String noun) {
    return n + " " + noun(n, noun);
  }

  /** {@code noun} as {@code n} of it are counted: with an {@code s} unless {@code n} is 1. */
  public static String noun(long n, String noun) {
    return noun + (n == 1 ? "" : "s");
  }
}
