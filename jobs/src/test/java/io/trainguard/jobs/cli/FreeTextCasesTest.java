package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every concrete case of issue #21 and those a new user found, run through {@code trainguard
 * detect} with its defaults: each text's findings are exactly the listed entities and spans.
 */
class FreeTextCasesTest {

  /** Text, then its findings as "ENTITY=covered text" (the first occurrence in the text). */
  private static final Map<String, List<String>> CASES = new LinkedHashMap<>();

  static {
    // Issue #21: names, addresses.
    add("Siobhán O'Sullivan complained about the noise.", "PERSON=Siobhán O'Sullivan");
    add("Nguyễn Văn An", "PERSON=Nguyễn Văn An");
    add("Spoke to Oluwaseun", "PERSON=Oluwaseun");
    add("Hi Bob", "PERSON=Bob");
    add("Customer: Ida Brannagh", "PERSON=Ida Brannagh");
    add("User: Tamsin Pryce", "PERSON=Tamsin Pryce");
    add("Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043",
        "LOCATION=1600 Amphitheatre Parkway, Mountain View, CA 94043");
    add("He lives at 221B Baker Street.", "LOCATION=221B Baker Street");
    add("Calle de Alcalá 45, 28014", "LOCATION=Calle de Alcalá 45, 28014");
    add("Unter den Linden 77, 10117", "LOCATION=Unter den Linden 77, 10117");
    // Issue #21: phone numbers in other countries' national formats after a phone word.
    add("Phone: 0151 23456789", "PHONE_NUMBER=0151 23456789");
    add("My phone number is 0176 98765432", "PHONE_NUMBER=0176 98765432");
    add("Phone: (11) 98765-4321", "PHONE_NUMBER=(11) 98765-4321");
    add("Phone: 021-6431-2287", "PHONE_NUMBER=021-6431-2287");
    add("Phone: (02) 9374 4000", "PHONE_NUMBER=(02) 9374 4000");
    add("Phone: 0470 12 34 56", "PHONE_NUMBER=0470 12 34 56");
    add("Call (415)555-0133 x204", "PHONE_NUMBER=(415)555-0133 x204");
    add("Phone: (415) 555-0133 ext. 12", "PHONE_NUMBER=(415) 555-0133 ext. 12");
    // Issue #21: dates.
    add("Paid on 3/14/22", "DATE_TIME=3/14/22");
    add("Date: 14.3.22", "DATE_TIME=14.3.22");
    add("Charged on 7-Jun-2020", "DATE_TIME=7-Jun-2020");
    add("Expires Aug-19", "DATE_TIME=Aug-19");
    add("She was born in 1964", "DATE_TIME=1964");
    // A new user's misses: names before an e-mail address.
    add("Thanks to Jane Doe <jane@example.org>", "PERSON=Jane Doe",
        "EMAIL_ADDRESS=jane@example.org");
    add("2019-03-02  Kim Larsen <kim@example.org>", "DATE_TIME=2019-03-02",
        "PERSON=Kim Larsen", "EMAIL_ADDRESS=kim@example.org");
    // Chinese, Japanese and Vietnamese names in Latin script.
    add("Please call Zhang Wei tomorrow.", "PERSON=Zhang Wei");
    add("Wang Xiu Ying signed the form.", "PERSON=Wang Xiu Ying");
    add("Takahashi Haruto signed the form.", "PERSON=Takahashi Haruto");
    add("Please call Sato Yuki tomorrow.", "PERSON=Sato Yuki");
    add("Nguyễn Văn An signed the form.", "PERSON=Nguyễn Văn An");
    add("Please call Tran Thi Mai tomorrow.", "PERSON=Tran Thi Mai");
    // Issue #21: a name of common words attached to a person's value; a lower-case given name
    // at work.
    add("Summer Rain, SSN 536-22-8045", "PERSON=Summer Rain", "US_SSN=536-22-8045");
    add("Summer Rain (DOB 04/12/1988)", "PERSON=Summer Rain", "DATE_TIME=04/12/1988");
    add("contact Summer Rain at summer.rain@example.com", "PERSON=Summer Rain",
        "EMAIL_ADDRESS=summer.rain@example.com");
    add("ping mike in accounting", "PERSON=mike");
    add("sarah from legal", "PERSON=sarah");
    add("Order Total, SSN 536-22-8045", "US_SSN=536-22-8045");
    add("mark from the list");
    // Postcodes and national numbers.
    add("Montréal QC H3B 1A7", "LOCATION=Montréal", "LOCATION=QC H3B 1A7");
    add("CPF: 111.444.777-35", "BRAZIL_CPF_NUMBER=111.444.777-35");
    add("Medicare card 2123 45670 1", "AU_MEDICARE=2123 45670 1");
  }

  private static void add(String text, String... findings) {
    CASES.put(text, List.of(findings));
  }

  private static Map<String, List<String>> found;
  private static Path dir;

  static List<String> texts() {
    return new ArrayList<>(CASES.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void detectFindsExactlyTheseSpans(String text) {
    List<String> expected = new ArrayList<>();
    for (String finding : CASES.get(text)) {
      String entity = finding.substring(0, finding.indexOf('='));
      String covered = finding.substring(entity.length() + 1);
      int start = text.codePointCount(0, text.indexOf(covered));
      expected.add(entity + "[" + start + "," + (start + covered.codePointCount(0,
          covered.length())) + ")=" + covered);
    }
    assertThat(found().get(text)).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** Runs {@code detect} once over every case. */
  private static synchronized Map<String, List<String>> found() {
    if (found != null) {
      return found;
    }
    try {
      dir = Files.createTempDirectory("free-text-cases");
      ObjectMapper json = new ObjectMapper();
      List<String> texts = texts();
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < texts.size(); i++) {
        in.append(json.writeValueAsString(Map.of("id", i, "text", texts.get(i)))).append('\n');
      }
      Path input = Files.writeString(dir.resolve("cases.jsonl"), in);
      Path output = dir.resolve("cases.out");
      TrainguardCliTest.Run run = TrainguardCliTest.run("detect", "--input", input.toString(),
          "--output", output.toString());
      assertThat(run.code()).as(run.err()).isZero();
      found = new LinkedHashMap<>();
      List<String> lines = Files.readAllLines(output);
      for (int i = 0; i < texts.size(); i++) {
        String text = texts.get(i);
        List<String> spans = new ArrayList<>();
        for (JsonNode f : json.readTree(lines.get(i)).get("findings")) {
          int start = f.get("start").asInt();
          int end = f.get("end").asInt();
          spans.add(f.get("entity").asText() + "[" + start + "," + end + ")="
              + text.substring(text.offsetByCodePoints(0, start),
                  text.offsetByCodePoints(0, end)));
        }
        found.put(text, spans);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void clean() throws IOException {
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
