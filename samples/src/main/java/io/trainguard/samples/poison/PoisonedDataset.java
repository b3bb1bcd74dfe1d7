package io.trainguard.samples.poison;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A generated dataset with injected poison: column names, rows (values in column order; the
 * first column is the record id, the second the label), the ids of the poisoned records per
 * kind, and the label each record held before the poisoning changed it (label flips, backdoor
 * triggers). A conflicting duplicate pair puts both of its records in the truth: neither is the
 * "original" from the data's point of view.
 */
public record PoisonedDataset(List<String> columns, List<List<Object>> rows,
    Map<PoisonKind, Set<String>> truth, Map<String, Object> originalLabels) {

  public PoisonedDataset {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    truth = truth.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    originalLabels = Map.copyOf(originalLabels);
  }

  /** A dataset whose labels no poisoning changed in place. */
  public PoisonedDataset(List<String> columns, List<List<Object>> rows,
      Map<PoisonKind, Set<String>> truth) {
    this(columns, rows, truth, Map.of());
  }

  /** The ids of the records poisoned in any way. */
  public Set<String> poisonedIds() {
    return truth.values().stream().flatMap(Set::stream)
        .collect(Collectors.toUnmodifiableSet());
  }
}
