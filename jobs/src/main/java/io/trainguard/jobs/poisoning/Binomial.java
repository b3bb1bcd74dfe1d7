package io.trainguard.jobs.poisoning;

import java.util.Collection;
import java.util.Map;

/** Exact binomial tests for the detectors: tail probabilities and Tarone's correction. */
final class Binomial {

  private Binomial() {}

  /** P(X ≥ k) for X ~ Binomial(n, p), summed in log space from k upwards. */
  static double upperTail(long n, long k, double p) {
    if (k <= 0) {
      return 1;
    }
    if (k > n || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return 1;
    }
    double logPmf = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    double odds = p / (1 - p);
    double sum = 0;
    for (long i = k; i <= n; i++) {
      double term = Math.exp(logPmf);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
      logPmf += Math.log((double) (n - i) / (i + 1) * odds);
    }
    return Math.min(1, sum);
  }

  /**
   * Tarone's number of tests for a Bonferroni correction at family-wise error {@code alpha}: a
   * term in n records, tested for over-representation of a label with base rate p, can at best
   * reach p-value p^n, so only terms and labels with p^n ≤ alpha / m count among the m tests
   * (the smallest m with that count ≤ m). {@code termsBySupport}: support → number of terms.
   */
  static long taroneTests(Map<Long, Long> termsBySupport, Collection<Double> baseRates,
      double alpha) {
    long low = 1;
    long high = Math.max(1, termsBySupport.values().stream().mapToLong(x -> x).sum()
        * baseRates.size());
    while (low < high) {
      long m = (low + high) >>> 1;
      if (testable(termsBySupport, baseRates, alpha / m) <= m) {
        high = m;
      } else {
        low = m + 1;
      }
    }
    return low;
  }

  private static long testable(Map<Long, Long> termsBySupport, Collection<Double> baseRates,
      double level) {
    long out = 0;
    for (Map.Entry<Long, Long> e : termsBySupport.entrySet()) {
      for (double p : baseRates) {
        if (e.getKey() * Math.log(p) <= Math.log(level)) {
          out += e.getValue();
        }
      }
    }
    return out;
  }

  private static double logChoose(long n, long k) {
    long m = Math.min(k, n - k);
    double out = 0;
    for (long j = 1; j <= m; j++) {
      out += Math.log((double) (n - m + j) / j);
    }
    return out;
  }
}
