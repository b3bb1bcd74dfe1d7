package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final Redactor redactor = Redactor.replaceAll();

  @Test
  void replacesEachSpanWithItsEntityName() {
    String text = "mail ana@example.com or call 212-555-0187.";
    List<Finding> findings = List.of(
        new Finding("EMAIL_ADDRESS", 5, 20, 0.9, "email"),
        new Finding("PHONE_NUMBER", 29, 41, 0.6, "phone"));
    assertThat(redactor.redact(text, findings))
        .isEqualTo("mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>.");
  }

  @Test
  void offsetsAreCodePointsSoSurrogatePairsStayIntact() {
    String text = "\uD83D\uDE00\uD83D\uDE00 bo@example.org \uD83D\uDE00";
    assertThat(redactor.redact(text, List.of(new Finding("EMAIL_ADDRESS", 3, 17, 1.0, "e"))))
        .isEqualTo("\uD83D\uDE00\uD83D\uDE00 <EMAIL_ADDRESS> \uD83D\uDE00");
  }

  @Test
  void combiningCharactersOutsideSpansSurvive() {
    String text = "Zoe\u0301 536-22-8049";
    assertThat(redactor.redact(text, List.of(new Finding("US_SSN", 5, 16, 0.5, "ssn"))))
        .isEqualTo("Zoe\u0301 <US_SSN>");
  }

  @Test
  void wholeValueAndEmptyCases() {
    assertThat(redactor.redact("4111111111111111",
        List.of(new Finding("CREDIT_CARD", 0, 16, 1.0, "c")))).isEqualTo("<CREDIT_CARD>");
    assertThat(redactor.redact("", List.of())).isEmpty();
    assertThat(redactor.redact("no findings", List.of())).isEqualTo("no findings");
  }

  @Test
  void findingsMayArriveInAnyOrder() {
    List<Finding> findings = List.of(new Finding("B", 4, 5, 1, "b"), new Finding("A", 0, 1, 1, "a"));
    assertThat(redactor.redact("x y z", findings)).isEqualTo("<A> y <B>");
  }

  /** Presidio's example_recognizers.yaml: a TITLE deny-list finding inside the PERSON. */
  @Test
  void overlappingFindingsAreRedactedAsTheirUnionNamedByTheLongest() {
    assertThat(redactor.redact("Prof. Plum was here", List.of(
        new Finding("TITLE", 0, 5, 1.0, "t"), new Finding("PERSON", 0, 10, 0.75, "p"))))
        .isEqualTo("<PERSON> was here");
    assertThat(redactor.redact("id 1234567890123 end", List.of(
        new Finding("X", 3, 10, 0.9, "x"), new Finding("Y", 6, 16, 0.5, "y"))))
        .isEqualTo("id <Y> end");
  }

  @Test
  void spansOfEqualLengthAreNamedByScoreThenStartThenEntity() {
    assertThat(redactor.redact("abcdefgh", List.of(
        new Finding("B", 2, 6, 0.5, "b"), new Finding("A", 0, 4, 0.9, "a"))))
        .isEqualTo("<A>gh");
    assertThat(redactor.redact("abcdefgh", List.of(
        new Finding("A", 2, 6, 0.9, "a"), new Finding("B", 0, 4, 0.9, "b"))))
        .isEqualTo("<B>gh");
    assertThat(redactor.redact("abcdefgh", List.of(
        new Finding("B", 0, 4, 0.9, "b"), new Finding("A", 0, 4, 0.9, "a"))))
        .isEqualTo("<A>efgh");
  }

  @Test
  void chainsOfOverlapsMergeIntoOneSpanButAdjacentSpansStayApart() {
    assertThat(redactor.redact("abcdefghij", List.of(new Finding("A", 0, 3, 1, "a"),
        new Finding("B", 2, 5, 1, "b"), new Finding("C", 4, 8, 1, "c"),
        new Finding("D", 8, 9, 1, "d")))).isEqualTo("<C><D>j");
  }

  @Test
  void findingsWhoseOperatorKeepsThemAddNothingToTheUnion() {
    Redactor keepTitles = new Redactor(Map.of("TITLE", new Keep()), Replace.ENTITY_NAME);
    assertThat(keepTitles.redact("Prof. Plum was here", List.of(
        new Finding("TITLE", 0, 5, 1.0, "t"), new Finding("PERSON", 0, 10, 0.75, "p"))))
        .isEqualTo("<PERSON> was here");
    assertThat(keepTitles.redact("Prof. Plum was here", List.of(
        new Finding("TITLE", 0, 5, 1.0, "t"), new Finding("PERSON", 4, 10, 0.75, "p"))))
        .isEqualTo("Prof<PERSON> was here");
    assertThat(keepTitles.redact("Prof. Plum", List.of(new Finding("TITLE", 0, 5, 1.0, "t"))))
        .isEqualTo("Prof. Plum");
  }

  @Test
  void textProtectorRedactsTheNameAndLeavesItsTitle() {
    TextProtector protector = new TextProtector(Analyzer.defaults(), redactor);
    // A title is no personal data.
    assertThat(protector.protect("Mr. John Smith's car", f -> { })).isEqualTo("Mr. <PERSON> car");
  }

  @Test
  void unicodeLookAlikesAreRedactedInTheOriginalText() {
    TextProtector protector = new TextProtector(Analyzer.defaults(), redactor);
    assertThat(protector.protect("card 4111\u00a01111\u20091111\u202f1111 ok", f -> { }))
        .isEqualTo("card <CREDIT_CARD> ok");
    assertThat(protector.protect("card 4111\u20071111\u20071111\u20071111", f -> { }))
        .isEqualTo("card <CREDIT_CARD>");
    assertThat(protector.protect("SSN 536\u201191\u20134827, mail ana\uff20example.com",
        f -> { })).isEqualTo("SSN <US_SSN>, mail <EMAIL_ADDRESS>");
    assertThat(protector.protect("\uD83D\uDE00 card \uff14\uff11\uff11\uff11 1111 1111 1111",
        f -> { })).isEqualTo("\uD83D\uDE00 card <CREDIT_CARD>");
  }

  @Test
  void analyticsPolicyGeneralisesATimestampToItsMonth() {
    Policy analytics = Policy.load(java.nio.file.Path.of("..", "samples", "policies",
        "analytics.yaml"));
    TextProtector protector = new TextProtector(Analyzer.defaults(), analytics.redactor(null));
    assertThat(protector.protect("seen 2024-03-05T12:00:00Z and 2025-08-02T09:15:00+02:00.",
        f -> { })).isEqualTo("seen 2024-03 and 2025-08.");
  }

  @Test
  void perEntityOperatorsWithFallback() {
    Redactor custom = new Redactor(Map.of("US_SSN", new Replace("***")), Replace.ENTITY_NAME);
    assertThat(custom.redact("a b", List.of(new Finding("US_SSN", 0, 1, 1, "s"),
        new Finding("EMAIL_ADDRESS", 2, 3, 1, "e")))).isEqualTo("*** <EMAIL_ADDRESS>");
  }

  @Test
  void textProtectorReturnsSameInstanceWhenNothingFound() {
    TextProtector protector = new TextProtector(Analyzer.defaults(), redactor);
    String clean = "nothing to see";
    java.util.List<List<Finding>> seen = new java.util.ArrayList<>();
    assertThat(protector.protect(clean, seen::add)).isSameAs(clean);
    assertThat(protector.protect("SSN 536-22-8049", seen::add)).isEqualTo("SSN <US_SSN>");
    assertThat(seen).hasSize(1);
  }

  @Test
  void keyedOperatorsTakeKeysAndRecordIdFromTheContext() {
    Redactor keyed = new Redactor(Map.of("US_SSN", new Fpe(false),
        "DATE_TIME", new DateShift(-30, 30)), new Tokenize());
    String text = "SSN 536-22-8049 on 1985-03-12 by ana@example.com";
    List<Finding> findings = List.of(new Finding("US_SSN", 4, 15, 1, "s"),
        new Finding("DATE_TIME", 19, 29, 1, "d"), new Finding("EMAIL_ADDRESS", 33, 48, 1, "e"));
    RecordContext record = RecordContext.of(TestKeys.KEYS, "r-7");
    String out = keyed.redact(text, findings, record);
    assertThat(out).isEqualTo("SSN 074-02-7304 on 1985-03-06 by "
        + new Tokenize().apply("EMAIL_ADDRESS", "ana@example.com", record));
    assertThat(keyed.redact(text, findings, record)).isEqualTo(out);
    assertThatThrownBy(() -> keyed.redact(text, findings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot apply fpe: no operator keys");
  }

  @Test
  void textProtectorPassesTheRecordContext() {
    TextProtector protector = new TextProtector(Analyzer.defaults(),
        new Redactor(Map.of(), new Hash()));
    String out = protector.protect("SSN 536-22-8049", RecordContext.of(TestKeys.KEYS), f -> { });
    assertThat(out).matches("SSN hash_US_SSN_[a-z2-7]{26}");
  }

  @Test
  void anEmailAddressInsideAKeptUrlIsReplaced() {
    Policy keepUrls = Policy.parse(new java.io.ByteArrayInputStream(
        "version: 1\nentities:\n  URL: keep\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "keep-urls.yaml");
    TextProtector protector = new TextProtector(Analyzer.defaults(), keepUrls.redactor(null));
    // "visit" lifts the URL to 0.95 over the address's 0.9: the address lies within it
    assertThat(protector.protect(
        "visit https://example.com/share?to=john.smith@example.com today", f -> { }))
        .isEqualTo("visit https://example.com/share?to=<EMAIL_ADDRESS> today");
    // "contact" lifts the address to 1.0: it ranks first
    assertThat(protector.protect(
        "visit https://example.com/contact?to=john.smith@example.com today", f -> { }))
        .isEqualTo("visit https://example.com/contact?to=<EMAIL_ADDRESS> today");
  }
  @Test
  void fpeOnAValueWithAFindingInsideWritesTheEntitySoThatEveryFpeOutputReversesToItsOriginal() {
    Redactor fpeUrls = new Redactor(Map.of("URL", new Fpe(false), "PHONE_NUMBER", new Tokenize()),
        Replace.ENTITY_NAME);
    String url = "https://example.com/u/123456/call?phone=212-555-0187";
    RecordContext record = RecordContext.of(TestKeys.KEYS);
    List<String> fellBack = new java.util.ArrayList<>();
    Finding phone = new Finding("PHONE_NUMBER", 44, 56, 0.95, "p");

    assertThat(fpeUrls.redact("see " + url, List.of(new Finding("URL", 4, 56, 0.95, "u", "",
        List.of(phone))), record, fellBack::add)).isEqualTo("see <URL>");
    assertThat(fellBack).containsExactly("URL");
    String alone = fpeUrls.redact(url, List.of(new Finding("URL", 0, 52, 0.95, "u")), record);
    assertThat(alone).isNotEqualTo(url);
    assertThat(new Fpe(false).reverse("URL", alone, TestKeys.KEYS)).isEqualTo(url);
    Redactor keepPhones = new Redactor(Map.of("URL", new Fpe(false), "PHONE_NUMBER", new Keep()),
        Replace.ENTITY_NAME);
    assertThat(keepPhones.redact("see " + url, List.of(new Finding("URL", 4, 56, 0.95, "u", "",
        List.of(phone))), record)).isEqualTo("see " + alone);
  }

  /** A mask shows the rest of its value: an address overlapping it is replaced first. */
  @Test
  void overlappingFindingsAreProtectedBeforeAnOperatorThatKeepsPartOfItsValue() {
    Redactor maskUrls = new Redactor(Map.of("URL", new Mask('*', 4, false)),
        Replace.ENTITY_NAME);
    assertThat(maskUrls.redact("https://example.com/ann@example.org", List.of(
        new Finding("URL", 0, 27, 0.6, "u"), new Finding("EMAIL_ADDRESS", 20, 35, 0.9, "e"))))
        .isEqualTo("****s://example.com/<EMAIL_ADDRESS>");
    Redactor hashUrls = new Redactor(Map.of("URL", new Hash()), Replace.ENTITY_NAME);
    assertThat(hashUrls.redact("https://example.com/ann@example.org", List.of(
        new Finding("URL", 0, 27, 0.6, "u"), new Finding("EMAIL_ADDRESS", 20, 35, 0.9, "e")),
        RecordContext.of(TestKeys.KEYS)))
        .isEqualTo(new Hash().apply("URL", "https://example.com/ann@example.org",
            RecordContext.of(TestKeys.KEYS)));
  }
}
