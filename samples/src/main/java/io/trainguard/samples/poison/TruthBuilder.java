package io.trainguard.samples.poison;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Collects the poisoned record ids per kind while a generator runs. */
final class TruthBuilder {

  private final Map<PoisonKind, Set<String>> truth = new EnumMap<>(PoisonKind.class);

  void add(PoisonKind kind, String id) {
    truth.computeIfAbsent(kind, k -> new TreeSet<>()).add(id);
  }

  Map<PoisonKind, Set<String>> build() {
    Map<PoisonKind, Set<String>> out = new EnumMap<>(PoisonKind.class);
    truth.forEach((k, v) -> out.put(k, Set.copyOf(v)));
    return out;
  }
}
