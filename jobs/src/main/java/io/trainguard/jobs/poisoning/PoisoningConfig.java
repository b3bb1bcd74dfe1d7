package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.List;

/**
 * What to scan and how: the id and label columns, text columns, numeric feature columns (empty:
 * every numeric column other than id and label) and each detector's thresholds.
 */
public record PoisoningConfig(String idColumn, String labelColumn, List<String> textColumns,
    List<String> featureColumns, OutlierSettings outliers, LabelFlipSettings labelFlips,
    TriggerSettings triggers, DuplicateSettings duplicates) implements Serializable {

  public PoisoningConfig {
    textColumns = List.copyOf(textColumns);
    featureColumns = List.copyOf(featureColumns);
  }

  /** Defaults for every detector, numeric features auto-detected, no text columns. */
  public static PoisoningConfig of(String idColumn, String labelColumn) {
    return new PoisoningConfig(idColumn, labelColumn, List.of(), List.of(),
        OutlierSettings.defaults(), LabelFlipSettings.defaults(), TriggerSettings.defaults(),
        DuplicateSettings.defaults());
  }

  public PoisoningConfig withTextColumns(List<String> columns) {
    return new PoisoningConfig(idColumn, labelColumn, columns, featureColumns, outliers,
        labelFlips, triggers, duplicates);
  }

  public PoisoningConfig withFeatureColumns(List<String> columns) {
    return new PoisoningConfig(idColumn, labelColumn, textColumns, columns, outliers,
        labelFlips, triggers, duplicates);
  }

  public PoisoningConfig withOutliers(OutlierSettings settings) {
    return new PoisoningConfig(idColumn, labelColumn, textColumns, featureColumns, settings,
        labelFlips, triggers, duplicates);
  }

  public PoisoningConfig withLabelFlips(LabelFlipSettings settings) {
    return new PoisoningConfig(idColumn, labelColumn, textColumns, featureColumns, outliers,
        settings, triggers, duplicates);
  }

  public PoisoningConfig withTriggers(TriggerSettings settings) {
    return new PoisoningConfig(idColumn, labelColumn, textColumns, featureColumns, outliers,
        labelFlips, settings, duplicates);
  }

  public PoisoningConfig withDuplicates(DuplicateSettings settings) {
    return new PoisoningConfig(idColumn, labelColumn, textColumns, featureColumns, outliers,
        labelFlips, triggers, settings);
  }

  /**
   * Feature outlier settings. {@code contamination} is the expected share of poisoned records:
   * a value more than {@code fence} times beyond the quantiles at twice the contamination from
   * each end is flagged (see {@link FeatureStats}), and so is a record whose isolation forest
   * score reaches {@code minScore} (1: never, the forest only ranks). A feature with
   * |robust z| ≥ {@code zThreshold} is named. Label flips take their threshold from the same
   * {@code contamination} ({@link LabelFlipDetector}).
   */
  public record OutlierSettings(int trees, int sampleSize, double contamination, double minScore,
      double zThreshold, double fence, long seed) implements Serializable {

    public static OutlierSettings defaults() {
      return new OutlierSettings(100, 256, 0.02, 1.0, 3.5, 3.0, 17L);
    }
  }

  /**
   * Label-flip settings: text tokens are hashed to {@code textFeatures} values. The threshold
   * follows from the outlier settings' {@code contamination}.
   */
  public record LabelFlipSettings(int textFeatures) implements Serializable {

    public static LabelFlipSettings defaults() {
      return new LabelFlipSettings(1 << 12);
    }
  }

  /**
   * Backdoor trigger settings: a token or bigram in at least {@code minSupport} records and at
   * most {@code maxDocFraction} of all records, whose records carry one label with share
   * ≥ {@code minPurity} and lift (share / that label's base rate) ≥ {@code minLift}, and whose
   * label count is significant: the exact binomial probability of that many records or more with
   * the label, at its base rate, is at most {@code significance} divided by the number of terms
   * and labels that could reach that level (Bonferroni with Tarone's count: the chance that any
   * clean term passes stays below {@code significance}).
   * A bigram must also be a phrase: its records make up ≥ {@code minCohesion} of the records of
   * each of its two tokens (two common words that merely co-occur are not a trigger).
   */
  public record TriggerSettings(int minSupport, double maxDocFraction, double minPurity,
      double minLift, double minCohesion, double significance) implements Serializable {

    public static TriggerSettings defaults() {
      return new TriggerSettings(3, 0.05, 0.95, 1.5, 0.5, 0.01);
    }
  }

  /**
   * Duplicate settings: near duplicates have Jaccard ≥ {@code minJaccard} over character
   * {@code shingle}-grams of the normalised text, found by MinHash with {@code bands} bands of
   * {@code hashesPerBand} hashes.
   */
  public record DuplicateSettings(double minJaccard, int shingle, int bands, int hashesPerBand,
      int maxBucket, long seed) implements Serializable {

    public static DuplicateSettings defaults() {
      return new DuplicateSettings(0.8, 5, 10, 4, 200, 29L);
    }
  }
}
