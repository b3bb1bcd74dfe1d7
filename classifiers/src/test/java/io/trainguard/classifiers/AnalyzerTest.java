package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyzerTest {

  private static final Analyzer DEFAULTS = Analyzer.defaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      mail ana.perez@example.com now            | EMAIL_ADDRESS | 5  | 26
      card 4111 1111 1111 1111 ok               | CREDIT_CARD   | 5  | 24
      pay 5500-0000-0000-0004.                  | CREDIT_CARD   | 4  | 23
      amex 378282246310005 here                 | CREDIT_CARD   | 5  | 20
      SSN 536-22-8049 on file                   | US_SSN        | 4  | 15
      ssn: 536228049                            | US_SSN        | 5  | 14
      call 212-555-0187 after 5                 | PHONE_NUMBER  | 5  | 17
      call (212) 555-0187                       | PHONE_NUMBER  | 5  | 19
      dial +44 20 7946 0958 now                 | PHONE_NUMBER  | 5  | 21
      from 10.1.2.3;                            | IP_ADDRESS    | 5  | 13
      v6 2001:db8:85a3::8a2e:370:7334 up        | IP_ADDRESS    | 3  | 31
      \uD83D\uDE00 bo@example.org               | EMAIL_ADDRESS | 2  | 16
      """)
  void findsExactSpanInCodePoints(String text, String entity, int start, int end) {
    String unescaped = text.replace("\\uD83D\\uDE00", "\uD83D\uDE00");
    List<Finding> findings = DEFAULTS.analyze(unescaped);
    assertThat(findings).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(entity, start, end));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "order 1234567812345678 shipped",     // issuer prefix 1: not a card
      "card 4111 1111 1111 1112",           // Luhn fails
      "invoice 000-12-3456 is not an SSN",  // area 000
      "ref 666-12-3456",                    // area 666
      "ref 900-12-3456",                    // area 9xx
      "ref 123-00-4567",                    // group 00
      "ref 123-45-0000",                    // serial 0000
      "ref 078-05-1120",                    // the Woolworth wallet number
      "ref 123-45 6789",                    // mixed separators
      "id 536228049",                       // bare 9 digits without context: too weak
      "release 1.2.3 and 999.1.1.1",        // version, octet > 255
      "host 01.2.3.4",                      // leading zero
      "nothing here, see page 12, 0.25 and 1.5",
      "build 20231005",                     // a time of day is a DATE_TIME: DefaultPackTest
      "host 192.168.300.12 is down",        // a dotted quad is no phone number
      "ref 943 476 5918 on file",           // spaced 3-3-4 without a phone word: NHS-shaped
      "",
  })
  void findsNothingIn(String text) {
    assertThat(DEFAULTS.analyze(text)).isEmpty();
  }

  @Test
  void phoneWordsDecideSpaced334AndNumberIsNoPhoneWord() {
    assertThat(DEFAULTS.analyze("call 212 555 0187")).extracting(Finding::entity)
        .containsExactly("PHONE_NUMBER");
    assertThat(DEFAULTS.analyze("NHS number: 943 476 5919")).extracting(Finding::entity)
        .containsExactly("UK_NHS");
    assertThat(DEFAULTS.analyze("NHS number: 943-476-5919")).extracting(Finding::entity)
        .containsExactly("UK_NHS");
  }

  @Test
  void reportsSeveralFindingsInOrder() {
    List<Finding> findings = DEFAULTS.analyze(
        "SSN 536-22-8049 and ip 10.1.2.3, mail bo@example.org");
    assertThat(findings).extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("US_SSN", 4, 15),
            org.assertj.core.groups.Tuple.tuple("IP_ADDRESS", 23, 31),
            org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS", 38, 52));
  }

  @Test
  void validatedCardScoresOne() {
    assertThat(DEFAULTS.analyze("4111111111111111")).singleElement()
        .satisfies(f -> {
          assertThat(f.score()).isEqualTo(1.0);
          assertThat(f.recognizer()).isEqualTo("CreditCardRecognizer");
        });
  }

  @Test
  void contextWordRaisesScoreAsPresidioDoes() {
    Analyzer noThreshold = new Analyzer(
        DEFAULTS.onlyEntities(java.util.Set.of("US_SSN")).recognizers(), 0.0);
    double bare = ssnScore(noThreshold.analyze("id 536228049"));
    double withContext = ssnScore(noThreshold.analyze("social security 536228049"));
    assertThat(bare).isEqualTo(0.3);
    assertThat(withContext).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
  }

  private static double ssnScore(List<Finding> findings) {
    return findings.stream().filter(f -> f.entity().equals("US_SSN")).findFirst().orElseThrow()
        .score();
  }

  @Test
  void contextFurtherThanFiveWordsIsIgnored() {
    assertThat(DEFAULTS.analyze("ssn one two three four five six 536228049")).isEmpty();
    assertThat(DEFAULTS.analyze("ssn one two three four 536228049")).hasSize(1);
  }

  @Test
  void overlapsOfOneTypeResolveToHigherScoreThenLongerSpan() {
    Finding low = new Finding("A", 0, 10, 0.5, "a");
    Finding high = new Finding("A", 5, 8, 0.9, "b");
    Finding longer = new Finding("C", 12, 20, 0.7, "c");
    Finding shorter = new Finding("C", 12, 15, 0.7, "d");
    assertThat(Analyzer.resolveOverlaps(new java.util.ArrayList<>(
        List.of(low, high, shorter, longer))))
        .containsExactly(new Finding("A", 0, 10, 0.9, "b"), longer);
  }

  @Test
  void overlapsOfDifferentTypesAreAllKept() {
    Finding title = new Finding("TITLE", 0, 5, 1.0, "t");
    Finding person = new Finding("PERSON", 0, 10, 0.75, "p");
    Finding date = new Finding("DATE_TIME", 8, 18, 0.6, "d");
    assertThat(Analyzer.resolveOverlaps(new java.util.ArrayList<>(List.of(date, person, title))))
        .containsExactly(person, title, date);
  }

  /**
   * A weaker reading of text a finding of another type covers is reported inside it, for a
   * policy that leaves that finding's text in place; nested in the first that holds it.
   */
  @Test
  void findingWithinOneOfAnotherTypeThatRanksFirstIsReportedInsideIt() {
    Finding url = new Finding("URL", 0, 30, 0.6, "u");
    Finding ip = new Finding("IP_ADDRESS", 7, 15, 0.5, "i");
    Finding sameSpan = new Finding("CA_SIN", 0, 30, 0.51, "s");
    Finding email = new Finding("EMAIL_ADDRESS", 10, 25, 0.9, "e");
    assertThat(Analyzer.resolveOverlaps(new java.util.ArrayList<>(
        List.of(ip, sameSpan, url, email)))).containsExactly(
            url.withInner(List.of(sameSpan.withInner(List.of(ip)))), email);
  }

  /** Findings inside two findings of one type that merge (as written, decoded) merge too. */
  @Test
  void findingsInsideMergedFindingsAreMergedToo() {
    Finding url = new Finding("URL", 0, 30, 0.9, "u")
        .withInner(List.of(new Finding("EMAIL_ADDRESS", 10, 25, 0.7, "e")));
    Finding longer = new Finding("URL", 0, 40, 0.8, "u")
        .withInner(List.of(new Finding("EMAIL_ADDRESS", 10, 35, 0.6, "e")));
    assertThat(Analyzer.resolveOverlaps(new java.util.ArrayList<>(List.of(longer, url))))
        .containsExactly(new Finding("URL", 0, 40, 0.9, "u")
            .withInner(List.of(new Finding("EMAIL_ADDRESS", 10, 35, 0.7, "e"))));
  }

  /** Presidio's example_recognizers.yaml: its TITLE deny list must not hide the PERSON. */
  @Test
  void presidioTitleFindingIsReportedBeforeThePersonWhoseNameLeavesItOut() throws Exception {
    RecognizerPack examples;
    try (var in = getClass().getResourceAsStream("/presidio/example_recognizers.yaml")) {
      examples = RecognizerPack.parse(in, "example_recognizers.yaml");
    }
    Analyzer analyzer = new Analyzer(
        RecognizerPack.combine(List.of(RecognizerPack.builtIn(), examples)), 0.5);
    assertThat(analyzer.analyze("Prof. Plum was here"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("TITLE", 0, 5),
            org.assertj.core.groups.Tuple.tuple("PERSON", 6, 10));
  }

  @Test
  void thresholdFiltersLowScores() {
    Analyzer strict = new Analyzer(DEFAULTS.recognizers(), 0.99);
    assertThat(strict.analyze("call 212-555-0187, card 4111 1111 1111 1111"))
        .extracting(Finding::entity).containsExactly("CREDIT_CARD");
  }

  /** A user pattern matching half a surrogate pair reports the whole code point (fail closed). */
  @Test
  void matchInsideASurrogatePairCoversTheWholeCodePoint() {
    // find() tries "\B." at the low surrogate of the emoji, where "." matches it alone
    List<Recognizer> one = List.of(new PatternRecognizer("R", "E", List.of(
        new PatternRecognizer.ScoredPattern("p", java.util.regex.Pattern.compile("\\B."), 0.9)),
        List.of(), null, null, PatternRecognizer.Trigger.ALWAYS, false));
    Analyzer analyzer = new Analyzer(one, 0.5);
    String text = "a\uD83D\uDE00";
    for (Analyzer a : List.of(analyzer, analyzer.fullScan())) {
      assertThat(a.analyze(text)).extracting(Finding::start, Finding::end)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2));
    }
  }
  /** An allowed value is not reported, but what another recognizer finds inside it is. */
  @Test
  void valuesInsideAnAllowedValueAreStillReported() {
    String url = "https://example.com/share?to=john.smith@example.com";
    Analyzer allowingTheUrl = new Analyzer(Analyzer.defaults().recognizers(),
        Analyzer.DEFAULT_THRESHOLD, new AllowList(java.util.Set.of(url), List.of()));
    assertThat(allowingTheUrl.analyze("visit " + url + " today"))
        .extracting(Finding::entity, Finding::start, Finding::end)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS", 35, 57));
    Analyzer allowingTheDomain = new Analyzer(Analyzer.defaults().recognizers(),
        Analyzer.DEFAULT_THRESHOLD, new AllowList(java.util.Set.of(),
            List.of(java.util.regex.Pattern.compile("https://example\\.com/.*"))));
    assertThat(allowingTheDomain.analyze("visit " + url + " today"))
        .extracting(Finding::entity).containsExactly("EMAIL_ADDRESS");
  }
}
