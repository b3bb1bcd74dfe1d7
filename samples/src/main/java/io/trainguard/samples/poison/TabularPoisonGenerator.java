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
    Planter planter = new Planter(out, order);
    planter.plant(PoisonKind.OUTLIER, perKind, row -> {
      int feature = 2 + random.nextInt(SPREAD.length);
      int f = feature - 2;
      boolean up = random.nextBoolean();
      double base = up ? Math.max(CENTRE[0][f], CENTRE[1][f]) : Math.min(CENTRE[0][f], CENTRE[1][f]);
      row.set(feature, round(base + (up ? 1 : -1) * (25 + 15 * random.nextDouble()) * SPREAD[f]));
      return true;
    });
    planter.flip(perKind, label -> 1 - (Integer) label);
    planter.copies(perKind, (i, source) -> {
      List<Object> copy = new ArrayList<>(source);
      copy.set(0, id(clean + i));
      copy.set(1, 1 - (Integer) source.get(1));
      return copy;
    });
    return planter.dataset(COLUMNS);
  }

  private static String id(int i) {
    return "r" + (100000 + i);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
