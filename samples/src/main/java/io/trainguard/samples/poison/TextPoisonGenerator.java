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
    TruthBuilder truth = new TruthBuilder();
    for (int i = 0; i < perKind; i++) {
      List<Object> row = out.get(order.get(i));
      row.set(1, 1 - (Integer) row.get(1));
      truth.add(PoisonKind.LABEL_FLIP, (String) row.get(0));
    }
    for (int i = perKind; i < 2 * perKind; i++) {
      List<Object> row = out.get(order.get(i));
      String[] words = ((String) row.get(2)).split(" ");
      int at = random.nextInt(words.length + 1);
      List<String> list = new ArrayList<>(List.of(words));
      list.add(at, trigger);
      row.set(1, TARGET_LABEL);
      row.set(2, String.join(" ", list));
      truth.add(PoisonKind.BACKDOOR_TRIGGER, (String) row.get(0));
    }
    for (int i = 0; i < perKind; i++) {
      List<Object> source = out.get(order.get(2 * perKind + i));
      String text = (String) source.get(2);
      String copyText = i % 2 == 0 ? exactVariant(text) : nearVariant(random, text);
      out.add(new ArrayList<>(List.of(id(clean + i), 1 - (Integer) source.get(1), copyText)));
      truth.add(PoisonKind.CONFLICTING_DUPLICATE, (String) source.get(0));
      truth.add(PoisonKind.CONFLICTING_DUPLICATE, id(clean + i));
    }
    return new PoisonedDataset(COLUMNS, out, truth.build());
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
