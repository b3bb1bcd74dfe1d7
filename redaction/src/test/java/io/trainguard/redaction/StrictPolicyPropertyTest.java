package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Under the strict policy no detected value survives verbatim, whatever surrounds it. */
class StrictPolicyPropertyTest {

  private static final List<String> FILLER = List.of("the", "record", "value", "was", "sent",
      "to", "and", "for", "with", "on", "ref", "caf\u00e9", "nai\u0308ve", "\uD83D\uDE00",
      "\u4e2d\u6587",
      ",", ".", ":", "(", ")");
  private static final List<Function<Random, String>> VALUES = List.of(
      StrictPolicyPropertyTest::email, StrictPolicyPropertyTest::ssn,
      StrictPolicyPropertyTest::card, StrictPolicyPropertyTest::ip,
      StrictPolicyPropertyTest::isoDate, StrictPolicyPropertyTest::awsAccessKey);

  @Test
  void noDetectedValueSurvives() {
    Analyzer analyzer = Analyzer.defaults();
    Policy strict = Policy.strict();
    Random random = new Random(20261125L);
    int detected = 0;
    int quarantined = 0;
    for (int i = 0; i < 400; i++) {
      String text = text(random);
      List<Finding> findings = strict.accepted(analyzer.analyze(text));
      RecordContext record = RecordContext.of(TestKeys.KEYS, "r-" + i);
      String out = strict.redactor("notes").redact(text, findings, record);
      Optional<RecordAction> action = strict.recordAction("notes", findings);
      for (Finding f : findings) {
        String value = text.substring(text.offsetByCodePoints(0, f.start()),
            text.offsetByCodePoints(0, f.end()));
        assertThat(out).as("record %d, %s", i, f.entity()).doesNotContain(value);
        assertThat(out).contains("<" + f.entity() + ">");
        if (f.entity().equals("AWS_ACCESS_KEY")) {
          assertThat(action).contains(RecordAction.QUARANTINE_RECORD);
        }
      }
      detected += findings.size();
      quarantined += action.isPresent() ? 1 : 0;
    }
    assertThat(detected).isGreaterThan(800);
    assertThat(quarantined).isPositive();
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int parts = 3 + random.nextInt(12);
    for (int p = 0; p < parts; p++) {
      boolean value = random.nextInt(3) == 0;
      text.append(value ? VALUES.get(random.nextInt(VALUES.size())).apply(random)
          : FILLER.get(random.nextInt(FILLER.size())));
      text.append(random.nextInt(5) == 0 ? "\n" : " ");
    }
    return text.toString();
  }

  private static String email(Random r) {
    return letters(r, 3 + r.nextInt(6)) + "." + letters(r, 2 + r.nextInt(6)) + "@"
        + letters(r, 4 + r.nextInt(5)) + (r.nextBoolean() ? ".com" : ".org");
  }

  private static String ssn(Random r) {
    int area = 1 + r.nextInt(665);
    return String.format("%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
  }

  private static String card(Random r) {
    char[] digits = new char[16];
    digits[0] = '4';
    for (int i = 1; i < 15; i++) {
      digits[i] = (char) ('0' + r.nextInt(10));
    }
    int sum = 0;
    for (int i = 14; i >= 0; i--) {
      int d = digits[i] - '0';
      sum += (14 - i) % 2 == 0 ? (d > 4 ? 2 * d - 9 : 2 * d) : d;
    }
    digits[15] = (char) ('0' + (10 - sum % 10) % 10);
    String card = new String(digits);
    return r.nextBoolean() ? card
        : card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " "
            + card.substring(12);
  }

  private static String ip(Random r) {
    return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "."
        + (1 + r.nextInt(254));
  }

  private static String isoDate(Random r) {
    return String.format("%d-%02d-%02d", 1950 + r.nextInt(70), 1 + r.nextInt(12),
        1 + r.nextInt(28));
  }

  private static String awsAccessKey(Random r) {
    StringBuilder key = new StringBuilder("AKIA");
    for (int i = 0; i < 16; i++) {
      key.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
    }
    return key.toString();
  }

  private static String letters(Random r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString();
  }
}
