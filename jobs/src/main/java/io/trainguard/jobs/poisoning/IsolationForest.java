package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An isolation forest (Liu, Ting, Zhou 2008) grown on the driver from a sample and shipped to
 * executors: score = 2^(-E[h(x)] / c(ψ)), in (0, 1]; near 1 is anomalous, ≤ 0.5 is normal.
 */
final class IsolationForest implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double EULER_GAMMA = 0.5772156649015329;

  private final List<IsolationTree> trees;
  private final double normaliser;

  private IsolationForest(List<IsolationTree> trees, int sampleSize) {
    this.trees = trees;
    this.normaliser = averagePath(sampleSize);
  }

  /** Grows {@code trees} trees, each on {@code sampleSize} rows drawn without replacement. */
  static IsolationForest grow(double[][] rows, int trees, int sampleSize, long seed) {
    Random random = new Random(seed);
    int psi = Math.min(sampleSize, rows.length);
    int heightLimit = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
    List<IsolationTree> grown = new ArrayList<>(trees);
    int[] index = new int[rows.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    for (int t = 0; t < trees; t++) {
      double[][] sample = new double[psi][];
      for (int i = 0; i < psi; i++) {
        int j = i + random.nextInt(index.length - i);
        int swap = index[i];
        index[i] = index[j];
        index[j] = swap;
        sample[i] = rows[index[i]];
      }
      grown.add(IsolationTree.grow(sample, heightLimit, random));
    }
    return new IsolationForest(List.copyOf(grown), psi);
  }

  double score(double[] x) {
    double total = 0;
    for (IsolationTree tree : trees) {
      total += tree.pathLength(x);
    }
    return normaliser == 0 ? 0.5 : Math.pow(2, -(total / trees.size()) / normaliser);
  }

  /**
   * The highest score any point can get: a tree whose root splits puts every point at least one
   * step deep (a point beyond the sample is cut off at the root at the earliest), one that is a
   * leaf at c(its size).
   */
  double maxScore() {
    double total = 0;
    for (IsolationTree tree : trees) {
      total += tree.minPathLength();
    }
    return normaliser == 0 ? 0.5 : Math.pow(2, -(total / trees.size()) / normaliser);
  }

  /** c(n): average path length of an unsuccessful binary-search-tree search among n points. */
  static double averagePath(int n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return 2 * (Math.log(n - 1) + EULER_GAMMA) - 2.0 * (n - 1) / n;
  }
}
