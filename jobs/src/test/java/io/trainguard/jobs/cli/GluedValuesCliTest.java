package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values glued to other words by a separator, or written with tabs or in odd groups, through
 * {@code protect} and {@code decrypt} with the defaults, in a text file, a CSV cell and a JSON
 * Lines string: no part of them is left in the decrypted data.
 */
class GluedValuesCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Text, then the parts of its personal values that must not be left. */
  private static final Map<String, List<String>> CASES = new LinkedHashMap<>();

  static {
    add("Ping @Jane Doe about the refund.", "Jane", "Doe");
    add("Assigned to Sales/Tamsin Pryce today.", "Tamsin", "Pryce");
    add("cc|Oskar von Trotha|HR", "Oskar", "Trotha");
    add("Escalated by Siobhán O'Sullivan@Support", "Siobhán", "O'Sullivan");
    add("Refund to IBAN DE89\t3704\t0044\t0532\t0130\t00 please", "DE89", "3704", "0044",
        "0532", "0130");
    add("Refund to IBAN GB82 WES T12 345 698 765 432 please", "GB82", "WES", "T12", "345",
        "698", "765", "432");
    add("Card 4111\t1111\t1111\t1111 was charged twice", "4111", "1111");
    add("Assigned to Sales_Jane Doe today.", "Jane", "Doe");
    add("Ask Tamsin Pryce_HR about it.", "Tamsin", "Pryce");
    add("Ping team.Oskar von Trotha now", "Oskar", "Trotha");
    add("cc-Siobhán O'Sullivan-HR", "Siobhán", "O'Sullivan");
    add("Ask Jane Roe-Sales about it.", "Jane", "Roe");
    add("Ask Tamsin Pryce-Sales now", "Tamsin", "Pryce");
    add("Assigned to jane_roe today.", "jane", "roe");
    add("Owner: JANE_ROE", "JANE", "ROE");
    add("Escalated to jane.roe yesterday", "jane", "roe");
    add("Assigned to john_smith today.", "john", "smith");
    add("Ticket assigned_to_jane_roe closed.", "jane", "roe");
    add("Export jane.roe.csv attached.", "jane", "roe");
    add("Owner: wei_li", "wei", "li");
    add("Owner: tamsin_pryce", "tamsin", "pryce");
    add("Attached jane_roe_notes.txt today.", "jane", "roe");
    add("Phone: 030\t1234567", "030", "1234567");
    add("Phone: (030)\t7654321", "030", "7654321");
    add("Card 4111  1111  1111  1111 was charged", "4111", "1111");
    add("Card 5555/5555/5555/4444 was charged", "5555", "4444");
    add("Card 4012.8888.8888.1881 was charged", "4012", "8888", "1881");
    add("Card 378 282 246 310 005 was charged", "378", "282", "246", "310", "005");
    add("Summer Rain, SSN 536-22-8045", "Summer", "Rain", "536", "8045");
    add("contact Summer Rain at summer.rain@example.com", "Summer", "Rain", "summer.rain");
    add("ping mike in accounting", "mike");
  }

  private static void add(String text, String... parts) {
    CASES.put(text, List.of(parts));
  }

  @TempDir
  Path dir;

  @Test
  void noPartOfAGluedValueIsLeftInAnyFormat() throws Exception {
    SparkTestSession.get();
    Path in = Files.createDirectories(dir.resolve("in"));
    StringBuilder txt = new StringBuilder();
    StringBuilder csv = new StringBuilder("id,text\n");
    StringBuilder jsonl = new StringBuilder();
    int id = 0;
    for (String text : CASES.keySet()) {
      txt.append(text).append('\n');
      csv.append(id).append(",\"").append(text.replace("\"", "\"\"")).append("\"\n");
      jsonl.append(JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("text", text)))
          .append('\n');
      id++;
    }
    Files.writeString(in.resolve("texts.txt"), txt);
    Files.writeString(in.resolve("texts.csv"), csv);
    Files.writeString(in.resolve("texts.jsonl"), jsonl);
    Path plain = protectAndDecrypt(in);

    List<String> left = new ArrayList<>();
    for (String file : List.of("texts.txt", "texts.csv", "texts.jsonl")) {
      List<String> lines = Files.readAllLines(plain.resolve(file));
      assertThat(lines).as(file).hasSize(file.equals("texts.csv") ? CASES.size() + 1
          : CASES.size());
      String output = String.join("\n", file.equals("texts.jsonl") ? lines.stream()
          .map(GluedValuesCliTest::text).toList() : lines);
      CASES.forEach((text, parts) -> parts.stream().filter(p -> standsIn(output, p))
          .forEach(p -> left.add(file + ": " + p)));
    }
    assertThat(left).isEmpty();
  }

  /**
   * Identifiers whose parts a dash or an underscore joins are not names: customer keys with
   * two capitals at the end ("CU-001965-YU") were redacted as people and places.
   */
  @Test
  void identifierCodesComeOutAsWritten() throws Exception {
    SparkTestSession.get();
    Path in = Files.createDirectories(dir.resolve("in"));
    String csv = "customer_key,segment,ticket,flag\n"
        + "CU-001965-YU,silver,ORD_2024_JA,mark_read\n"
        + "CU-000036-JA,gold,ORD_2024_LI,rose_gold\n"
        + "CU-001366-LI,bronze,ORD_2023_YU,max_value\n"
        + "CU-000514-UK,silver,ORD_2022_UK,bill_date\n";
    Files.writeString(in.resolve("customers.csv"), csv);
    assertThat(Files.readString(protectAndDecrypt(in).resolve("customers.csv"))).isEqualTo(csv);
  }

  /**
   * A JSON key and a CSV header that are a name written as an identifier are shown as their
   * pseudonyms; identifiers of common words stay as written.
   */
  @Test
  void aNameWrittenAsAnIdentifierIsNoKeyOrHeader() throws Exception {
    SparkTestSession.get();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("flags.jsonl"), "{\"jane_roe\":\"x\",\"mark_read\":true}\n");
    Files.writeString(in.resolve("flags.csv"), "id,JANE_ROE,rose_gold\n1,x,y\n");
    Path plain = protectAndDecrypt(in);
    var record = JSON.readTree(Files.readString(plain.resolve("flags.jsonl")));
    List<String> keys = new ArrayList<>();
    record.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0)).startsWith("name_PERSON_");
    assertThat(keys.get(1)).isEqualTo("mark_read");
    String header = Files.readAllLines(plain.resolve("flags.csv")).get(0);
    assertThat(header).startsWith("id,name_PERSON_").endsWith(",rose_gold")
        .doesNotContain("JANE").doesNotContain("ROE");
  }

  /** {@code in} protected with a fresh keyring and decrypted again; the decrypted folder. */
  private Path protectAndDecrypt(Path in) {
    Path keyFile = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    String key = "local:" + keyFile;
    Path out = dir.resolve("out");
    Run protect = TrainguardCliTest.run("protect", "--input", in.toString(), "--output",
        out.toString(), "--key", key);
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    Run decrypt = TrainguardCliTest.run("decrypt", "--key", key, "--input", out.toString(),
        "--output", plain.toString());
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    return plain;
  }

  /** The {@code text} string of a JSON Lines record, its escapes decoded. */
  private static String text(String line) {
    try {
      return JSON.readTree(line).path("text").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code part} stands in {@code text} with no letter or digit next to it. */
  private static boolean standsIn(String text, String part) {
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      int end = at + part.length();
      if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }
}
