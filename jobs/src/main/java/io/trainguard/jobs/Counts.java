package io.trainguard.jobs;

import java.util.Locale;

/**
 * Numbers in messages, in one style: {@code 1,234 records}, {@code 1,234.5 MB}, {@code 3 min 05 s}.
 */
public final class Counts {

  private Counts() {}

  /** {@code n} and {@code noun}, with an {@code s} unless {@code n} is 1 (regular nouns only). */
  public static String of(long n, String noun) {
    return number(n) + " " + noun(n, noun);
  }

  /** {@code noun} as {@code n} of it are counted: with an {@code s} unless {@code n} is 1. */
  public static String noun(long n, String noun) {
    return noun + (n == 1 ? "" : "s");
  }

  /** {@code 1,234}. */
  public static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1,234.5}: one decimal. */
  public static String decimal(double x) {
    return String.format(Locale.ROOT, "%,.1f", x);
  }

  /** {@code 45 s}, {@code 3 min 05 s}, {@code 2 h 10 min}. */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%,d h %02d min", s / 3600, s % 3600 / 60);
  }
}
