package io.trainguard.jobs.format;

import io.trainguard.classifiers.Finding;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What happened to one file: records seen and findings per entity and field. No values. */
public final class FileStats implements Serializable {

  private final java.util.List<io.trainguard.classifiers.ColumnClassifier.ColumnPlan> plans =
      new java.util.ArrayList<>();
  private long records;
  private long valuesRedacted;
  private final Map<String, Long> findingsByEntity = new TreeMap<>();
  private final Map<String, Set<String>> fieldsByEntity = new TreeMap<>();

  public void countRecord() {
    records++;
  }

  /** Records the findings of one value of {@code field} (a column name or JSON path). */
  public void countFindings(String field, List<Finding> findings) {
    valuesRedacted++;
    for (Finding f : findings) {
      findingsByEntity.merge(f.entity(), 1L, Long::sum);
      fieldsByEntity.computeIfAbsent(f.entity(), e -> new TreeSet<>()).add(field);
    }
  }

  /** Records a column plan made for this file. */
  public void addPlan(io.trainguard.classifiers.ColumnClassifier.ColumnPlan plan) {
    plans.add(plan);
  }

  public java.util.List<io.trainguard.classifiers.ColumnClassifier.ColumnPlan> plans() {
    return plans;
  }

  public long records() {
    return records;
  }

  public long valuesRedacted() {
    return valuesRedacted;
  }

  public Map<String, Long> findingsByEntity() {
    return findingsByEntity;
  }

  public Map<String, Set<String>> fieldsByEntity() {
    return fieldsByEntity;
  }
}
