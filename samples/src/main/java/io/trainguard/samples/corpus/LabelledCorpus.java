package io.trainguard.samples.corpus;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic labelled corpus for measuring detectors: per entity type, sentences with and
 * without context words and bare cell values; multi-entity sentences; and hard negatives that
 * must produce no finding. Every positive value is fictional; offsets are code points.
 *
 * <p>For {@code n} records per entity: {@code n} per entity type (context, plain and cell in
 * turn), {@code n} mixed records, and {@code (n + 1) / 2} per hard-negative kind (sentence and
 * cell in turn). Each group draws from its own seeded stream, so adding an entity type or a
 * negative kind does not change the records of the others.
 */
public final class LabelledCorpus {

  /** Every entity type the corpus labels, in Presidio's names. */
  public static final List<String> ENTITIES =
      EntityCatalog.TYPES.stream().map(EntityType::entity).toList();

  /** The entity types whose values carry a checksum (or check letter) that a detector can use. */
  public static final List<String> CHECKSUM_ENTITIES = List.of("CREDIT_CARD", "IBAN_CODE",
      "ABA_ROUTING_NUMBER", "US_NPI", "UK_NHS", "CA_SIN", "AU_TFN", "AU_ABN", "IN_AADHAAR",
      "PL_PESEL", "ES_NIF", "IT_FISCAL_CODE", "DE_TAX_ID", "SG_NRIC_FIN", "CRYPTO");

  /** The hard-negative kinds ({@code negative.<kind>} groups). */
  public static final List<String> NEGATIVE_KINDS =
      HardNegatives.KINDS.stream().map(HardNegatives.Kind::name).toList();

  /** Text before a value in some records, so that code points and UTF-16 indexes differ. */
  private static final List<String> NON_ASCII_PREFIXES = List.of("Café ☕ note — ",
      "Grüße 👋 ", "👩‍💻 ", "Ответ: ", "备注：", "Résumé ✓ ", "naïve façade 😀 ");

  private static final List<String> ENTITY_SHAPES = List.of("context", "plain", "cell");

  private LabelledCorpus() {}

  /** The corpus for {@code recordsPerEntity} and {@code seed}; same arguments, same records. */
  public static List<LabelledRecord> generate(int recordsPerEntity, long seed) {
    if (recordsPerEntity < 1) {
      throw new IllegalArgumentException("Invalid records per entity: " + recordsPerEntity);
    }
    List<LabelledRecord> records = new ArrayList<>();
    for (EntityType type : EntityCatalog.TYPES) {
      Random r = stream(seed, type.entity());
      for (int i = 0; i < recordsPerEntity; i++) {
        String shape = ENTITY_SHAPES.get(i % 3);
        String value = type.value().apply(r);
        TextBuilder b = new TextBuilder();
        if (shape.equals("cell")) {
          b.append(type.entity(), value);
        } else {
          prefix(r, b);
          List<String> templates =
              shape.equals("context") ? type.contextTemplates() : type.plainTemplates();
          b.fill(Draw.pick(r, templates), type.entity(), value);
        }
        records.add(b.build(id(type.entity(), shape, i)));
      }
    }
    Random mixed = stream(seed, "mixed");
    for (int i = 0; i < recordsPerEntity; i++) {
      records.add(mixed(mixed).build(id("mixed", "mixed", i)));
    }
    for (HardNegatives.Kind kind : HardNegatives.KINDS) {
      Random r = stream(seed, kind.name());
      for (int i = 0; i < (recordsPerEntity + 1) / 2; i++) {
        TextBuilder b = new TextBuilder();
        boolean cell = i % 2 == 1;
        if (cell) {
          b.append(kind.value().apply(r));
        } else {
          prefix(r, b);
          b.fill(Draw.pick(r, kind.templates()), null, kind.value().apply(r));
        }
        records.add(b.build(id("negative." + kind.name(), cell ? "cell" : "text", i)));
      }
    }
    return records;
  }

  /** Two to four context sentences of random entity types, sometimes with a decoy among them. */
  private static TextBuilder mixed(Random r) {
    record Part(String template, String entity, String value) {}
    List<Part> parts = new ArrayList<>();
    for (int i = Draw.between(r, 2, 4); i > 0; i--) {
      EntityType type = Draw.pick(r, EntityCatalog.TYPES);
      parts.add(new Part(Draw.pick(r, type.contextTemplates()), type.entity(),
          type.value().apply(r)));
    }
    if (r.nextBoolean()) {
      HardNegatives.Kind kind = Draw.pick(r, HardNegatives.KINDS);
      parts.add(r.nextInt(parts.size() + 1),
          new Part(Draw.pick(r, kind.templates()), null, kind.value().apply(r)));
    }
    TextBuilder b = new TextBuilder();
    prefix(r, b);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        b.append(r.nextInt(3) == 0 ? "\n" : " ");
      }
      b.fill(parts.get(i).template(), parts.get(i).entity(), parts.get(i).value());
    }
    return b;
  }

  private static void prefix(Random r, TextBuilder b) {
    if (r.nextInt(4) == 0) {
      b.append(Draw.pick(r, NON_ASCII_PREFIXES));
    }
  }

  private static Random stream(long seed, String group) {
    return new Random(seed * 1_000_003L + group.hashCode());
  }

  private static String id(String group, String shape, int n) {
    return String.format(Locale.ROOT, "%s:%s:%04d", group, shape, n);
  }

  /** Writes {@code records} as JSON Lines (UTF-8), one {@link LabelledRecord#toJson} a line. */
  public static void write(List<LabelledRecord> records, Writer out) throws IOException {
    for (LabelledRecord record : records) {
      out.write(record.toJson());
      out.write('\n');
    }
    out.flush();
  }

  /** {@code LabelledCorpus [OUT.jsonl] [--records N] [--seed S]}; without OUT, to stdout. */
  public static void main(String[] args) throws IOException {
    int n = 120;
    long seed = 42L;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> n = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> out = Path.of(args[i]);
      }
    }
    List<LabelledRecord> records = generate(n, seed);
    if (out == null) {
      write(records, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    } else {
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        write(records, w);
      }
      System.err.println("wrote " + records.size() + " records to " + out);
    }
  }
}
