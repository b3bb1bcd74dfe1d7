package io.trainguard.samples.poison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Clean tabular data (two classes, each a Gaussian cluster over five numeric features) with
 * injected far outliers, label flips and exact duplicates carrying the other label. Each kind
 * touches {@code rate} of the rows (at least one record); a record gets at most one kind.
 */
public final class TabularPoisonGenerator {

  /** Columns: id, label, then the numeric features. */
  public static final List<String> COLUMNS =
      List.of("id", "label", "amount", "age", "tenure", "visits", "balance");

  private static final double[][] CENTRE = {{120, 35, 4, 10, 2500}, {480, 52, 12, 3, 9000}};
  private static final double[] SPREAD = {40, 6, 2, 2, 900};

  private TabularPoisonGenerator() {}

  /** {@code rows} records (duplicates included), deterministic per {@code seed}. */
  public static PoisonedDataset generate(int rows, double rate, long seed) {
    Random random = new Random(seed);
    int perKind = Math.max(1, (int) Math.round(rows * rate));
    int clean = rows - perKind;
    List<List<Object>> out = new ArrayList<>(rows);
    for (int i = 0; i < clean; i++) {
      int label = random.nextInt(2);
      List<Object> row = new ArrayList<>();
      row.add(id(i));
      row.add(label);
      for (int f = 0; f < SPREAD.length; f++) {
        row.add(round(CENTRE[label][f] + random.nextGaussian() * SPREAD[f]));
      }
      out.add(row);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < clean; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    TruthBuilder truth = new TruthBuilder();
    for (int i = 0; i < perKind; i++) {
      List<Object> row = out.get(order.get(i));
      int feature = 2 + random.nextInt(SPREAD.length);
      int f = feature - 2;
      boolean up = random.nextBoolean();
      double base = up ? Math.max(CENTRE[0][f], CENTRE[1][f]) : Math.min(CENTRE[0][f], CENTRE[1][f]);
      row.set(feature, round(base + (up ? 1 : -1) * (25 + 15 * random.nextDouble()) * SPREAD[f]));
      truth.add(PoisonKind.OUTLIER, (String) row.get(0));
    }
    for (int i = perKind; i < 2 * perKind; i++) {
      List<Object> row = out.get(order.get(i));
      row.set(1, 1 - (Integer) row.get(1));
      truth.add(PoisonKind.LABEL_FLIP, (String) row.get(0));
    }
    for (int i = 0; i < perKind; i++) {
      List<Object> source = out.get(order.get(2 * perKind + i));
      List<Object> copy = new ArrayList<>(source);
      copy.set(0, id(clean + i));
      copy.set(1, 1 - (Integer) source.get(1));
      out.add(copy);
      truth.add(PoisonKind.CONFLICTING_DUPLICATE, (String) source.get(0));
      truth.add(PoisonKind.CONFLICTING_DUPLICATE, (String) copy.get(0));
    }
    return new PoisonedDataset(COLUMNS, out, truth.build());
  }

  private static String id(int i) {
    return "r" + (100000 + i);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
