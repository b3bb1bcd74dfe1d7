package io.trainguard.samples.poison;

import java.util.Random;

/** Random draws the poison generators share. */
final class Draws {

  private Draws() {}

  /** A Poisson-distributed count of mean {@code mean} (Knuth's product of uniforms). */
  static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}
