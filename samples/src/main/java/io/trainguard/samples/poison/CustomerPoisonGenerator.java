package io.trainguard.samples.poison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A second, independent poisoned dataset, unlike {@link TabularPoisonGenerator} and
 * {@link TextPoisonGenerator} on purpose: a customer table with three unbalanced segments
 * ({@code bronze} 60 %, {@code silver} 30 %, {@code gold} 10 %), eight features on scales from
 * 0/1 flags to log-normal incomes (two of them pure noise), string ids, and a short templated
 * {@code notes} column whose templates are shared by every segment. Clean data also holds
 * legitimate exact duplicates (same label: a record loaded twice) and legitimate rare words
 * (one-off street names, and words that mostly one segment uses, 85 % of the time).
 * Poison, each kind on {@code rate} of the rows: far outliers in one feature (scaled up 30 to
 * 80 times or made negative), labels flipped to another segment, a made-up trigger word added
 * to the notes with the label set to {@code gold}, and copies carrying another segment. With
 * {@code longNotes} the notes are two to four sentences instead of two to six words (the
 * held-out variation).
 */
public final class CustomerPoisonGenerator {

  /** Columns: id, segment, eight features, notes. */
  public static final List<String> COLUMNS = List.of("customer_key", "segment", "income",
      "orders_90d", "avg_basket", "days_since_login", "returns_ratio", "newsletter",
      "support_calls", "region_code", "notes");
  /** The segment the backdoor records carry. */
  public static final String TARGET = "gold";

  private static final String[] SEGMENTS = {"bronze", "silver", "gold"};
  private static final double[] SHARE = {0.6, 0.3, 0.1};
  private static final int NOTES = 10;
  private static final String[] TEMPLATES = {"called customer", "no answer", "left voicemail",
      "email sent", "asked about %s", "wants %s info", "moved to %s", "complained about %s",
      "happy with %s", "follow up %s", "address changed", "card updated", "account reviewed",
      "prefers phone", "prefers email"};
  private static final String[] TOPICS = {"delivery", "pricing", "returns", "loyalty points",
      "the app", "invoices", "stock", "opening hours", "a voucher", "the website"};
  private static final String[][] SEGMENT_WORDS = {{"coupon", "budget"}, {"bundle", "weekly"},
      {"concierge", "priority"}};
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tor", "vu", "bel",
      "sha", "dor", "qui", "zan", "pel"};

  private CustomerPoisonGenerator() {}

  /** {@code rows} records (copies included), deterministic per {@code seed}. */
  public static PoisonedDataset generate(int rows, double rate, long seed, boolean longNotes) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    int perKind = rate <= 0 ? 0 : Math.max(1, (int) Math.round(rows * rate));
    int legitimateCopies = rows / 100;
    int base = rows - legitimateCopies - perKind / 2;
    List<List<Object>> out = new ArrayList<>(rows);
    for (int i = 0; i < base; i++) {
      int segment = segment(random);
      out.add(record(random, key(random, i), segment, longNotes));
    }
    Set<Integer> copied = new HashSet<>();
    for (int i = 0; i < legitimateCopies; i++) {
      int source = random.nextInt(base);
      copied.add(source);
      List<Object> copy = new ArrayList<>(out.get(source));
      copy.set(0, key(random, base + i));
      out.add(copy);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < base; i++) {
      if (!copied.contains(i)) {
        order.add(i);
      }
    }
    Collections.shuffle(order, random);
    Planter planter = new Planter(out, order);
    String trigger = madeUpWord(random, 4);
    planter.plant(PoisonKind.OUTLIER, perKind, row -> {
      int feature = 2 + random.nextInt(8);
      Object value = row.get(feature);
      double v = ((Number) value).doubleValue();
      double far = random.nextBoolean() ? (Math.abs(v) + 1) * (30 + 50 * random.nextDouble())
          : -(Math.abs(v) + 1) * (30 + 50 * random.nextDouble());
      row.set(feature, value instanceof Integer ? (int) Math.round(far) : round(far, 2));
      return true;
    });
    planter.flip(perKind, segment -> other(random, (String) segment));
    planter.plant(PoisonKind.BACKDOOR_TRIGGER, perKind, row -> {
      if (row.get(1).equals(TARGET)) {
        return false; // a trigger on a record already gold changes nothing
      }
      String notes = (String) row.get(10);
      row.set(10, random.nextBoolean() ? trigger + " " + notes : notes + " " + trigger);
      row.set(1, TARGET);
      return true;
    });
    planter.copies(perKind / 2, (i, source) -> {
      List<Object> copy = new ArrayList<>(source);
      copy.set(0, key(random, rows + i));
      copy.set(1, other(random, (String) source.get(1)));
      copy.set(10, ((String) source.get(10)).toUpperCase(Locale.ROOT));
      return copy;
    });
    Collections.shuffle(out, random);
    return planter.dataset(COLUMNS);
  }

  private static List<Object> record(Random random, String key, int segment, boolean longNotes) {
    List<Object> row = new ArrayList<>(COLUMNS.size());
    row.add(key);
    row.add(SEGMENTS[segment]);
    row.add(round(Math.exp(10.2 + 0.45 * segment + 0.3 * random.nextGaussian()), 0));
    row.add(Draws.poisson(random, 2 + 4 * segment));
    row.add(round(35 + 25 * segment + 8 * random.nextGaussian(), 2));
    row.add((int) Math.round(-Math.log(1 - random.nextDouble()) * (40 - 12 * segment)));
    row.add(round(Math.min(1, Math.max(0, 0.12 - 0.03 * segment
        + 0.04 * random.nextGaussian())), 3));
    row.add(random.nextDouble() < 0.3 + 0.2 * segment ? 1 : 0);
    row.add(Draws.poisson(random, 1.5));
    row.add(100 + random.nextInt(60));
    row.add(longNotes ? longNotes(random, segment) : notes(random, segment));
    return row;
  }

  private static String notes(Random random, int segment) {
    double p = random.nextDouble();
    if (p < 0.03) {
      return "visited " + madeUpWord(random, 2 + random.nextInt(2)) + " street";
    }
    if (p < 0.05) {
      String[] own = SEGMENT_WORDS[random.nextDouble() < 0.85 ? segment : random.nextInt(3)];
      return "asked about " + own[random.nextInt(own.length)];
    }
    String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
    return String.format(Locale.ROOT, template, TOPICS[random.nextInt(TOPICS.length)]);
  }

  private static String longNotes(Random random, int segment) {
    int sentences = 2 + random.nextInt(3);
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      String sentence = notes(random, segment);
      text.append(s == 0 ? "" : " ").append(Character.toUpperCase(sentence.charAt(0)))
          .append(sentence.substring(1)).append(random.nextInt(NOTES) == 0 ? "!" : ".");
    }
    return text.toString();
  }

  private static int segment(Random random) {
    double p = random.nextDouble();
    return p < SHARE[0] ? 0 : p < SHARE[0] + SHARE[1] ? 1 : 2;
  }

  private static String other(Random random, String segment) {
    List<String> others = new ArrayList<>(List.of(SEGMENTS));
    others.remove(segment);
    return others.get(random.nextInt(others.size()));
  }

  private static String madeUpWord(Random random, int syllables) {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return word.toString();
  }

  private static String key(Random random, int i) {
    return String.format(Locale.ROOT, "CU-%06d-%c%c", i, (char) ('A' + random.nextInt(26)),
        (char) ('A' + random.nextInt(26)));
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
