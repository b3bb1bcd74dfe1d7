package io.trainguard.samples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic synthetic dataset with personal data in columns and in free text:
 * {@code customers.csv} (CSV with header) and {@code support/tickets.jsonl} (JSON Lines).
 * Every value is fictional: phone numbers use the 555-01xx range reserved for fiction, cards
 * are Luhn-valid test-style numbers, SSNs are structurally valid random numbers. It also plants
 * decoys that must survive redaction: Luhn-failing order numbers, invalid SSNs, version strings.
 */
public final class SampleDataset {

  /** The relative paths of the files {@link #write} creates. */
  public static final String CSV_FILE = "customers.csv";
  public static final String JSONL_FILE = "support/tickets.jsonl";

  private static final String[] FIRST = {"Ana", "Bo", "Chen", "Dana", "Elif", "Farid", "Grace",
      "Hiro", "Ines", "Jonas", "Kemi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa",
      "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe"};
  private static final String[] LAST = {"Perez", "Okafor", "Novak", "Schmidt", "Tanaka", "Rossi",
      "Kowalski", "Haddad", "Murphy", "Larsen", "Silva", "Nguyen", "Dubois", "Fischer", "Moreau",
      "Ivanova", "Costa", "Jensen", "Mehta", "Walsh"};
  private static final String[] DOMAINS = {"example.com", "example.org", "example.net",
      "mail.example.com"};
  private static final String[] PLANS = {"basic", "plus", "pro", "team"};
  private static final String[] TOPICS = {"billing", "login", "shipping", "refund", "profile"};

  private SampleDataset() {}

  /** What {@link #write} produced: record counts, and the personal values and decoys it wrote. */
  public record Summary(int csvRecords, int jsonlRecords, List<String> personalValues,
      List<String> decoys) {}

  /** Writes {@code rows} CSV records and as many JSON Lines records under {@code dir}. */
  public static Summary write(Path dir, int rows, long seed) throws IOException {
    Random random = new Random(seed);
    List<String> pii = new ArrayList<>();
    List<String> decoys = new ArrayList<>();
    Files.createDirectories(dir.resolve(JSONL_FILE).getParent());
    try (Writer csv = Files.newBufferedWriter(dir.resolve(CSV_FILE), StandardCharsets.UTF_8)) {
      csv.write("customer_id,name,email,phone,ssn,card_number,plan,monthly_spend,note\n");
      for (int i = 1; i <= rows; i++) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        String email = email(random, first, last);
        String phone = phone(random);
        String ssn = ssn(random);
        String card = card(random);
        String order = orderNumber(random);
        String invalidSsn = invalidSsn(random);
        pii.addAll(List.of(email, phone, ssn, card));
        if (i % 4 == 1) {
          decoys.addAll(List.of(order, invalidSsn));
        }
        String note = switch (i % 4) {
          case 0 -> "prefers contact at " + email;
          case 1 -> "order " + order + " delayed, ref " + invalidSsn;
          case 2 -> "asked to call back on " + phone + " after 5pm";
          default -> "no notes, \"VIP\" since v2.4.1";
        };
        csv.write(String.join(",", "C" + (10000 + i), first + " " + last, email, phone, ssn,
            card, pick(random, PLANS), String.format(Locale.ROOT, "%.2f", random.nextInt(50000) / 100.0),
            quote(note)));
        csv.write("\n");
      }
    }
    try (Writer jsonl = Files.newBufferedWriter(dir.resolve(JSONL_FILE), StandardCharsets.UTF_8)) {
      for (int i = 1; i <= rows; i++) {
        String email = email(random, pick(random, FIRST), pick(random, LAST));
        String ssn = ssn(random);
        String card = card(random);
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String order = orderNumber(random);
        switch (i % 3) {
          case 0 -> {
            pii.addAll(List.of(email, ip));
            decoys.add(order);
          }
          case 1 -> pii.addAll(List.of(card, ssn));
          default -> {
            pii.add(email);
            decoys.add(order);
          }
        }
        // Named in free text without drawing on the random stream, so other values stay put.
        String name = FIRST[i * 5 % FIRST.length] + " " + LAST[i * 3 % LAST.length];
        if (i % 3 != 0) {
          pii.add(name);
        }
        String text = switch (i % 3) {
          case 0 -> "Customer " + email + " reports a " + pick(random, TOPICS)
              + " issue from " + ip + "; order " + order + ".";
          case 1 -> "Hi, this is " + name + ". Please update card " + card + " on file. SSN "
              + ssn + " verified.";
          default -> "Ticket about " + pick(random, TOPICS) + ": spoke to " + name
              + ", who wrote from " + email + ", order " + order
              + " \u2014 caf\u00e9 \uD83D\uDE00 ok.";
        };
        jsonl.write("{\"ticket_id\": " + i + ", \"topic\": \"" + pick(random, TOPICS)
            + "\", \"text\": \"" + text + "\", \"priority\": " + (1 + random.nextInt(3))
            + ", \"escalated\": " + random.nextBoolean() + "}\n");
      }
    }
    return new Summary(rows, rows, Collections.unmodifiableList(pii),
        Collections.unmodifiableList(decoys));
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String email(Random r, String first, String last) {
    return first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT)
        + (r.nextInt(90) + 10) + "@" + pick(r, DOMAINS);
  }

  private static String phone(Random r) {
    return String.format(Locale.ROOT, "%d-555-01%02d", 201 + r.nextInt(700), r.nextInt(100));
  }

  /** Area 001-665 or 667-899, group 01-99, serial 0001-9999: passes every structural check. */
  private static String ssn(Random r) {
    int area;
    do {
      area = 1 + r.nextInt(899);
    } while (area == 666);
    return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(99),
        1 + r.nextInt(9999));
  }

  /** Area 000 or 666: never issued, so a detector must leave it alone. */
  private static String invalidSsn(Random r) {
    return String.format(Locale.ROOT, "%s-%02d-%04d", r.nextBoolean() ? "000" : "666",
        1 + r.nextInt(99), 1 + r.nextInt(9999));
  }

  /** A 16-digit Visa- or Mastercard-style number with a valid Luhn check digit, spaced. */
  private static String card(Random r) {
    StringBuilder digits = new StringBuilder(r.nextBoolean() ? "4" : "5" + (1 + r.nextInt(5)));
    while (digits.length() < 15) {
      digits.append(r.nextInt(10));
    }
    digits.append(luhnCheckDigit(digits));
    String d = digits.toString();
    String sep = r.nextBoolean() ? " " : "-";
    return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep
        + d.substring(12);
  }

  /** 16 digits starting with 1 whose Luhn check fails: an order number, not a card. */
  private static String orderNumber(Random r) {
    StringBuilder digits = new StringBuilder("1");
    while (digits.length() < 15) {
      digits.append(r.nextInt(10));
    }
    digits.append((luhnCheckDigit(digits) + 1 + r.nextInt(9)) % 10);
    return digits.toString();
  }

  static int luhnCheckDigit(CharSequence payload) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  private static String quote(String field) {
    if (field.contains(",") || field.contains("\"")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }

  /** Writes the sample dataset: {@code SampleDataset DIR [ROWS [SEED]]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SampleDataset DIR [ROWS [SEED]]");
      System.exit(1);
    }
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    Summary s = write(Path.of(args[0]), rows, seed);
    System.out.println("wrote " + s.csvRecords() + " CSV and " + s.jsonlRecords()
        + " JSON Lines records under " + args[0]);
  }
}
