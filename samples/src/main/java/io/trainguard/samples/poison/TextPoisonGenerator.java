package io.trainguard.samples.poison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Clean text classification data (label 0 = shipping complaints, 1 = billing questions; each
 * text mixes its class's words, a little of the other class's and neutral words) with injected
 * label flips, a backdoor trigger phrase whose records carry the target label, and duplicates
 * carrying the other label: exact ones (case and whitespace changed) and near ones (one letter
 * dropped). Each kind touches {@code rate} of the rows (at least one record).
 */
public final class TextPoisonGenerator {

  /** Columns: id, label, text. */
  public static final List<String> COLUMNS = List.of("id", "label", "text");
  /** The label the backdoor records carry. */
  public static final int TARGET_LABEL = 1;

  private static final String[][] CLASS_WORDS = {
      {"parcel", "courier", "delivery", "tracking", "shipment", "warehouse", "dispatch",
          "package", "delayed", "driver", "doorstep", "postcode", "damaged", "carton", "freight",
          "arrival", "transit", "depot", "signature", "collection"},
      {"invoice", "charge", "refund", "payment", "subscription", "receipt", "billing",
          "statement", "overcharged", "discount", "renewal", "balance", "credit", "pricing",
          "instalment", "debit", "fee", "voucher", "quote", "cancel"}};
  private static final String[] NEUTRAL = {"please", "help", "today", "again", "account",
      "order", "thanks", "still", "waiting", "since", "monday", "about", "really", "need",
      "soon", "update", "the", "my", "was", "not", "and", "with", "this", "week"};

  private TextPoisonGenerator() {}

  /** {@code rows} records (duplicates included), deterministic per {@code seed}. */
  public static PoisonedDataset generate(int rows, double rate, long seed, String trigger) {
    Random random = new Random(seed);
    int perKind = Math.max(1, (int) Math.round(rows * rate));
    int clean = rows - perKind;
    List<List<Object>> out = new ArrayList<>(rows);
    for (int i = 0; i < clean; i++) {
      int label = random.nextInt(2);
      out.add(new ArrayList<>(List.of(id(i), label, text(random, label))));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < clean; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Planter planter = new Planter(out, order);
    planter.flip(perKind, label -> 1 - (Integer) label);
    planter.plant(PoisonKind.BACKDOOR_TRIGGER, perKind, row -> {
      String[] words = ((String) row.get(2)).split(" ");
      int at = random.nextInt(words.length + 1);
      List<String> list = new ArrayList<>(List.of(words));
      list.add(at, trigger);
      row.set(1, TARGET_LABEL);
      row.set(2, String.join(" ", list));
      return true;
    });
    planter.copies(perKind, (i, source) -> {
      String text = (String) source.get(2);
      String copyText = i % 2 == 0 ? exactVariant(text) : nearVariant(random, text);
      return new ArrayList<>(List.of(id(clean + i), 1 - (Integer) source.get(1), copyText));
    });
    return planter.dataset(COLUMNS);
  }

  private static String text(Random random, int label) {
    int length = 12 + random.nextInt(7);
    List<String> words = new ArrayList<>(length);
    for (int w = 0; w < length; w++) {
      double p = random.nextDouble();
      String[] from = p < 0.45 ? CLASS_WORDS[label] : p < 0.5 ? CLASS_WORDS[1 - label] : NEUTRAL;
      words.add(from[random.nextInt(from.length)]);
    }
    return String.join(" ", words);
  }

  private static String exactVariant(String text) {
    String upper = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    return "  " + upper.replace(" ", "   ") + " ";
  }

  private static String nearVariant(Random random, String text) {
    int middle = text.length() / 4 + random.nextInt(text.length() / 2);
    while (text.charAt(middle) == ' ') {
      middle++;
    }
    return text.substring(0, middle) + text.substring(middle + 1);
  }

  private static String id(int i) {
    return "t" + (100000 + i);
  }
}
