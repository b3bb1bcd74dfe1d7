package io.trainguard.bench;

import io.trainguard.classifiers.CodePoints;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.Recognizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What Presidio's engine does before its later stages: every recognizer over the whole of every
 * string, no prefilter. Each string gets a fresh {@link CodePoints}; the raw candidates of all
 * recognizers are collected into one list and returned. No context scoring, threshold, allow
 * list or overlap resolution runs, so this does strictly less work per recognizer than the
 * analyzer would without its prefilter.
 */
final class PresidioStyleBaseline {

  private final List<Recognizer> recognizers;

  PresidioStyleBaseline(List<Recognizer> recognizers) {
    this.recognizers = List.copyOf(recognizers);
  }

  List<Finding> candidates(String text) {
    CodePoints codePoints = new CodePoints(text);
    List<Finding> all = new ArrayList<>();
    for (Recognizer recognizer : recognizers) {
      all.addAll(recognizer.recognize(text, codePoints));
    }
    return all;
  }
}
