package io.trainguard.bench;

import io.trainguard.classifiers.Finding;
import io.trainguard.samples.corpus.LabelledRecord;
import io.trainguard.samples.corpus.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a detector's findings against labelled records. Exact rule: a finding is a true positive
 * when its entity and code-point span equal a label's; overlap rule: same entity and any shared
 * code point. Each label is matched at most once; every other finding is a false positive.
 */
final class Scoreboard {

  private final Map<String, Tally> byEntity = new TreeMap<>();
  /** Findings on hard negatives: kind -> entity -> count. */
  private final Map<String, Map<String, Integer>> negativeFindings = new TreeMap<>();
  /** "LABEL -> FOUND" for labels missed because another entity claimed (part of) the span. */
  private final Map<String, Integer> confusions = new TreeMap<>();
  private int negativeRecords;
  private int negativeRecordsWithFindings;

  /** Scores one record. */
  void add(LabelledRecord record, List<Finding> findings) {
    for (Span label : record.spans()) {
      Tally t = tally(label.entity());
      t.support++;
      t.byShape.computeIfAbsent(record.shape(), s -> new int[2])[0]++;
    }
    boolean[] exactUsed = new boolean[findings.size()];
    boolean[] overlapUsed = new boolean[findings.size()];
    for (Span label : record.spans()) {
      Tally t = tally(label.entity());
      int exact = match(label, findings, exactUsed, true);
      if (exact >= 0) {
        t.truePositives++;
        t.byShape.get(record.shape())[1]++;
      } else {
        t.falseNegatives++;
        confusion(label, findings);
      }
      if (match(label, findings, overlapUsed, false) >= 0) {
        t.overlapTruePositives++;
      }
    }
    for (int i = 0; i < findings.size(); i++) {
      Tally t = tally(findings.get(i).entity());
      if (!exactUsed[i]) {
        t.falsePositives++;
      }
      if (!overlapUsed[i]) {
        t.overlapFalsePositives++;
      }
    }
    if (record.isNegative()) {
      negativeRecords++;
      if (!findings.isEmpty()) {
        negativeRecordsWithFindings++;
      }
      Map<String, Integer> kind = negativeFindings.computeIfAbsent(
          record.group().substring("negative.".length()), k -> new TreeMap<>());
      findings.forEach(f -> kind.merge(f.entity(), 1, Integer::sum));
    }
  }

  private static int match(Span label, List<Finding> findings, boolean[] used, boolean exact) {
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      boolean hit = f.entity().equals(label.entity()) && (exact
          ? f.start() == label.start() && f.end() == label.end()
          : f.start() < label.end() && label.start() < f.end());
      if (!used[i] && hit) {
        used[i] = true;
        return i;
      }
    }
    return -1;
  }

  private void confusion(Span label, List<Finding> findings) {
    for (Finding f : findings) {
      if (f.start() < label.end() && label.start() < f.end()) {
        String found = f.entity().equals(label.entity()) ? "(other boundaries)" : f.entity();
        confusions.merge(label.entity() + " -> " + found, 1, Integer::sum);
        return;
      }
    }
  }

  Tally tally(String entity) {
    return byEntity.computeIfAbsent(entity, e -> new Tally());
  }

  /** Every entity that was labelled or found. */
  List<String> entities() {
    return new ArrayList<>(byEntity.keySet());
  }

  /** The sum over {@code entities}. */
  Tally total(List<String> entities) {
    Tally sum = new Tally();
    entities.forEach(e -> sum.add(tally(e)));
    return sum;
  }

  Map<String, Map<String, Integer>> negativeFindings() {
    return negativeFindings;
  }

  Map<String, Integer> confusions() {
    return confusions;
  }

  int negativeRecords() {
    return negativeRecords;
  }

  int negativeRecordsWithFindings() {
    return negativeRecordsWithFindings;
  }
}
