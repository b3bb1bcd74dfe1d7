package io.trainguard.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.special.Erf;

/**
 * The label distributions the poison generators draw from, written out from their code: for a
 * record, each label's prior and the exact probability of the record's values under that label
 * (values as written, rounding included). Values whose distribution is the same under every
 * label (noise features, template words, text length) are left out: they change no ratio
 * between labels. What {@link LabelFlipBound} scores the best possible detector with.
 */
final class GeneratorLabelModels {

  /** One generator's labels, their shares, and log P(record | label) up to a shared term. */
  interface LabelModel {
    List<String> labels();

    double[] prior();

    double[] logLikelihood(List<Object> row);
  }

  private GeneratorLabelModels() {}

  /**
   * {@code CustomerPoisonGenerator}: segment s = 0, 1, 2 (60/30/10 %); income
   * round(exp(10.2 + 0.45s + 0.3z)); orders_90d Poisson(2 + 4s); avg_basket
   * round(35 + 25s + 8z, 2); days_since_login round(exponential of mean 40 - 12s);
   * returns_ratio round(clip(0.12 - 0.03s + 0.04z, 0, 1), 3); newsletter 1 with probability
   * 0.3 + 0.2s; support_calls and region_code the same for every segment. A note (each sentence
   * of a long note) is "asked about W", W one of the two words of the segment's own list with
   * probability 0.85 or of a list drawn at random otherwise, on 2 % of the notes; any other note
   * is drawn alike for every segment.
   */
  static final LabelModel CUSTOMERS = new LabelModel() {
    private static final List<String> SEGMENTS = List.of("bronze", "silver", "gold");
    private static final Map<String, Integer> WORD_SEGMENT = Map.of("coupon", 0, "budget", 0,
        "bundle", 1, "weekly", 1, "concierge", 2, "priority", 2);
    private static final Pattern ASKED = Pattern.compile("asked about (\\p{L}+)");

    @Override
    public List<String> labels() {
      return SEGMENTS;
    }

    @Override
    public double[] prior() {
      return new double[] {0.6, 0.3, 0.1};
    }

    @Override
    public double[] logLikelihood(List<Object> row) {
      double[] out = new double[3];
      double income = number(row, 2);
      double basket = number(row, 4);
      double returns = number(row, 6);
      for (int s = 0; s < 3; s++) {
        out[s] = logNormalInterval(Math.log(income - 0.5), Math.log(income + 0.5),
                10.2 + 0.45 * s, 0.3)
            + logPoisson((int) number(row, 3), 2 + 4 * s)
            + logNormalInterval(basket - 0.005, basket + 0.005, 35 + 25 * s, 8)
            + logRoundedExponential((int) number(row, 5), 40 - 12 * s)
            + logNormalInterval(returns == 0 ? Double.NEGATIVE_INFINITY : returns - 0.0005,
                returns == 1 ? Double.POSITIVE_INFINITY : returns + 0.0005, 0.12 - 0.03 * s,
                0.04)
            + Math.log(number(row, 7) == 1 ? 0.3 + 0.2 * s : 0.7 - 0.2 * s);
      }
      for (String sentence : ((String) row.get(10)).toLowerCase(Locale.ROOT).split("[.!]")) {
        Matcher asked = ASKED.matcher(sentence.strip());
        Integer own = asked.matches() ? WORD_SEGMENT.get(asked.group(1)) : null;
        for (int s = 0; own != null && s < 3; s++) {
          out[s] += Math.log((s == own ? 0.85 : 0) + 0.15 / 3);
        }
      }
      return out;
    }
  };

  /**
   * {@code ReviewPoisonGenerator}: rating r = 0 to 4 (14/8/10/24/44 %); helpful_votes
   * Poisson(1 + 1.5|r - 2|); verified 1 with probability 0.7 + 0.05r; price the same for every
   * rating. Each word of the review is an opinion word with probability 0.2, the one at
   * position round((r + 0.5) * 24 / 5 + 3.5z) of the 24 from worst to best (clamped to the
   * ends); every other word is drawn alike for every rating, and so is the review's length.
   */
  static final LabelModel REVIEWS = new LabelModel() {
    private static final List<String> RATINGS = List.of("r1", "r2", "r3", "r4", "r5");
    private static final List<String> OPINION = List.of("awful", "useless", "broke", "refund",
        "terrible", "disappointing", "flimsy", "cheap", "mediocre", "meh", "okay", "average",
        "decent", "fine", "solid", "good", "nice", "great", "sturdy", "excellent", "love",
        "perfect", "amazing", "brilliant");

    @Override
    public List<String> labels() {
      return RATINGS;
    }

    @Override
    public double[] prior() {
      return new double[] {0.14, 0.08, 0.10, 0.24, 0.44};
    }

    @Override
    public double[] logLikelihood(List<Object> row) {
      double[] out = new double[5];
      String[] words = ((String) row.get(5)).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
      for (int r = 0; r < 5; r++) {
        double centre = (r + 0.5) * OPINION.size() / RATINGS.size();
        out[r] = logPoisson((int) number(row, 3), 1 + 1.5 * Math.abs(r - 2))
            + Math.log(number(row, 4) == 1 ? 0.7 + 0.05 * r : 0.3 - 0.05 * r);
        for (String word : words) {
          int at = OPINION.indexOf(word);
          if (at >= 0) {
            out[r] += logNormalInterval(at == 0 ? Double.NEGATIVE_INFINITY : at - 0.5,
                at == OPINION.size() - 1 ? Double.POSITIVE_INFINITY : at + 0.5, centre, 3.5);
          }
        }
      }
      return out;
    }
  };

  private static double number(List<Object> row, int column) {
    return ((Number) row.get(column)).doubleValue();
  }

  /** log P(low <= X < high) for X normal(mean, sd), accurate in either tail. */
  static double logNormalInterval(double low, double high, double mean, double sd) {
    double a = (low - mean) / (sd * Math.sqrt(2));
    double b = (high - mean) / (sd * Math.sqrt(2));
    double p = a >= 0 ? Erf.erfc(a) - Erf.erfc(b) : Erf.erfc(-b) - Erf.erfc(-a);
    return Math.log(p / 2);
  }

  /** log P(K = k) for K Poisson(mean), without the -log k! every label shares. */
  static double logPoisson(int k, double mean) {
    return k * Math.log(mean) - mean;
  }

  /** log P(round(X) = d) for X exponential with the given mean. */
  static double logRoundedExponential(int d, double mean) {
    return Math.log(Math.exp(-Math.max(0, d - 0.5) / mean) - Math.exp(-(d + 0.5) / mean));
  }
}
