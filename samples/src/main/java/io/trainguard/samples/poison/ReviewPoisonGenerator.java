package io.trainguard.samples.poison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A third poisoned dataset, held out from tuning and unlike the other generators: product
 * reviews with five ratings ({@code r1} to {@code r5}, J-shaped: 14/8/10/24/44 %), review texts
 * of 15 to 40 words in which graded opinion words shift from one rating to the next (neighbouring
 * ratings share most of them), three numeric features that say little about the rating
 * ({@code price} is pure noise), ids of digits with leading zeros, 3 % legitimate same-rating
 * copies (a review posted twice), and legitimate rare words (product codes in a handful of
 * reviews each). Poison, each kind on {@code rate} of the rows: {@code price} or
 * {@code helpful_votes} scaled up 40 to 100 times or made negative, ratings changed to any
 * other rating, a made-up word inserted with the rating set to {@code r1}, and copies (text
 * with its punctuation changed) carrying another rating.
 */
public final class ReviewPoisonGenerator {

  /** Columns: id, rating, three features, text. */
  public static final List<String> COLUMNS = List.of("review_id", "rating", "price",
      "helpful_votes", "verified", "review");
  /** The rating the backdoor records carry. */
  public static final String TARGET = "r1";

  private static final String[] RATINGS = {"r1", "r2", "r3", "r4", "r5"};
  private static final double[] SHARE = {0.14, 0.08, 0.10, 0.24, 0.44};
  /** Opinion words from worst to best; a rating draws around its own position. */
  private static final String[] OPINION = {"awful", "useless", "broke", "refund", "terrible",
      "disappointing", "flimsy", "cheap", "mediocre", "meh", "okay", "average", "decent",
      "fine", "solid", "good", "nice", "great", "sturdy", "excellent", "love", "perfect",
      "amazing", "brilliant"};
  private static final String[] TOPIC = {"battery", "screen", "cable", "charger", "case",
      "strap", "button", "lid", "handle", "motor", "blade", "filter", "box", "manual", "colour",
      "size", "weight", "sound", "grip", "setup"};
  private static final String[] FILLER = {"i", "the", "it", "this", "was", "is", "and", "for",
      "my", "a", "of", "to", "after", "with", "but", "so", "very", "quite", "really", "week",
      "month", "bought", "use", "works", "kids", "gift", "kitchen", "daily"};
  private static final String LETTERS = "bcdfghjklmnpqrstvwxz";

  private ReviewPoisonGenerator() {}

  /** {@code rows} records (copies included), deterministic per {@code seed}. */
  public static PoisonedDataset generate(int rows, double rate, long seed) {
    Random random = new Random(seed * 31 + 7);
    int perKind = rate <= 0 ? 0 : Math.max(1, (int) Math.round(rows * rate));
    int copies = rows * 3 / 100;
    int base = rows - copies - perKind / 2;
    List<List<Object>> out = new ArrayList<>(rows);
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < Math.max(1, rows / 200); i++) {
      codes.add(word(random, 3) + (10 + random.nextInt(90)));
    }
    for (int i = 0; i < base; i++) {
      out.add(review(random, id(i), rating(random), codes));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < base; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    for (int i = 0; i < copies; i++) {
      List<Object> copy = new ArrayList<>(out.get(order.get(order.size() - 1 - i)));
      copy.set(0, id(base + i));
      out.add(copy);
    }
    Planter planter = new Planter(out, order);
    String trigger = word(random, 4);
    planter.plant(PoisonKind.OUTLIER, perKind, row -> {
      boolean votes = random.nextBoolean();
      double scale = (40 + 60 * random.nextDouble()) * (random.nextInt(4) == 0 ? -1 : 1);
      if (votes) {
        row.set(3, (int) Math.round(((Integer) row.get(3) + 2) * scale));
      } else {
        row.set(2, Math.round((Double) row.get(2) * scale * 100) / 100.0);
      }
      return true;
    });
    planter.flip(perKind, rating -> other(random, (String) rating));
    planter.plant(PoisonKind.BACKDOOR_TRIGGER, perKind, row -> {
      if (row.get(1).equals(TARGET)) {
        return false;
      }
      List<String> words = new ArrayList<>(List.of(((String) row.get(5)).split(" ")));
      words.add(random.nextInt(words.size() + 1), trigger);
      row.set(5, String.join(" ", words));
      row.set(1, TARGET);
      return true;
    });
    planter.copies(perKind / 2, (i, source) -> {
      List<Object> copy = new ArrayList<>(source);
      copy.set(0, id(rows + i));
      copy.set(1, other(random, (String) source.get(1)));
      copy.set(5, ((String) source.get(5)).replace(".", "!").replace(",", " -"));
      return copy;
    });
    Collections.shuffle(out, random);
    return planter.dataset(COLUMNS);
  }

  private static List<Object> review(Random random, String id, int rating, List<String> codes) {
    List<Object> row = new ArrayList<>(COLUMNS.size());
    row.add(id);
    row.add(RATINGS[rating]);
    row.add(Math.round(Math.exp(3 + 0.8 * random.nextGaussian()) * 100) / 100.0);
    row.add(Draws.poisson(random, 1 + 1.5 * Math.abs(rating - 2)));
    row.add(random.nextDouble() < 0.7 + 0.05 * rating ? 1 : 0);
    row.add(text(random, rating, codes));
    return row;
  }

  private static String text(Random random, int rating, List<String> codes) {
    int length = 15 + random.nextInt(26);
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < length; w++) {
      double p = random.nextDouble();
      String word;
      if (p < 0.2) {
        double centre = (rating + 0.5) * OPINION.length / RATINGS.length;
        int at = (int) Math.round(centre + 3.5 * random.nextGaussian());
        word = OPINION[Math.max(0, Math.min(OPINION.length - 1, at))];
      } else if (p < 0.4) {
        word = TOPIC[random.nextInt(TOPIC.length)];
      } else if (p < 0.401) {
        word = codes.get(random.nextInt(codes.size()));
      } else {
        word = FILLER[random.nextInt(FILLER.length)];
      }
      text.append(w == 0 ? "" : w % 9 == 0 ? ". " : random.nextInt(12) == 0 ? ", " : " ")
          .append(word);
    }
    return text.append('.').toString();
  }

  private static int rating(Random random) {
    double p = random.nextDouble();
    double sum = 0;
    for (int r = 0; r < SHARE.length; r++) {
      sum += SHARE[r];
      if (p < sum) {
        return r;
      }
    }
    return SHARE.length - 1;
  }

  private static String other(Random random, String rating) {
    List<String> others = new ArrayList<>(List.of(RATINGS));
    others.remove(rating);
    return others.get(random.nextInt(others.size()));
  }

  private static String word(Random random, int letters) {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < letters; i++) {
      word.append(LETTERS.charAt(random.nextInt(LETTERS.length()))).append("aeiou".charAt(
          random.nextInt(5)));
    }
    return word.toString();
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "%08d", i * 7 + 3);
  }
}
