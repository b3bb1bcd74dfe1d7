package io.trainguard.samples.poison;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Plants poison in a generator's rows (the id first, the label second): records are taken in
 * turn from a shuffled order, one kind after the other, so a record gets at most one kind. Keeps
 * the poisoned ids per kind and the label each record held before planting changed it.
 */
final class Planter {

  private final List<List<Object>> rows;
  private final List<Integer> order;
  private final Map<PoisonKind, Set<String>> truth = new EnumMap<>(PoisonKind.class);
  private final Map<String, Object> originalLabels = new HashMap<>();
  private int next;

  /** Plants in {@code rows} (copies are appended to it), taking records in {@code order}. */
  Planter(List<List<Object>> rows, List<Integer> order) {
    this.rows = rows;
    this.order = order;
  }

  /**
   * Poisons the next {@code count} records that {@code poison} changes in place; a record it
   * returns false for (left as it was) is passed over.
   */
  void plant(PoisonKind kind, int count, Predicate<List<Object>> poison) {
    for (int planted = 0; planted < count; ) {
      List<Object> row = rows.get(order.get(next++));
      Object label = row.get(1);
      if (poison.test(row)) {
        if (!label.equals(row.get(1))) {
          originalLabels.put((String) row.get(0), label);
        }
        add(kind, (String) row.get(0));
        planted++;
      }
    }
  }

  /** Gives the next {@code count} records the label {@code other} picks for their own. */
  void flip(int count, UnaryOperator<Object> other) {
    plant(PoisonKind.LABEL_FLIP, count, row -> {
      row.set(1, other.apply(row.get(1)));
      return true;
    });
  }

  /**
   * Appends {@code count} copies, the i-th made by {@code copy.apply(i, source)} from the next
   * record: the source and its copy are both conflicting duplicates.
   */
  void copies(int count, BiFunction<Integer, List<Object>, List<Object>> copy) {
    for (int i = 0; i < count; i++) {
      List<Object> source = rows.get(order.get(next++));
      List<Object> made = copy.apply(i, source);
      rows.add(made);
      add(PoisonKind.CONFLICTING_DUPLICATE, (String) source.get(0));
      add(PoisonKind.CONFLICTING_DUPLICATE, (String) made.get(0));
    }
  }

  /** The rows as they are now, with the truth. */
  PoisonedDataset dataset(List<String> columns) {
    return new PoisonedDataset(columns, rows, truth, originalLabels);
  }

  private void add(PoisonKind kind, String id) {
    truth.computeIfAbsent(kind, k -> new TreeSet<>()).add(id);
  }
}
