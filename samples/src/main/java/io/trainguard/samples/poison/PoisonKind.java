package io.trainguard.samples.poison;

/** The kinds of poison the generators inject; each names the detector expected to find it. */
public enum PoisonKind {
  OUTLIER,
  LABEL_FLIP,
  BACKDOOR_TRIGGER,
  CONFLICTING_DUPLICATE
}
