package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRedactorTest {

  static String redact(String text, FileStats stats) throws IOException {
    return redact(text, stats, new TestSinks());
  }

  /** {@code text} written as it is, with no finding: its lines are no value's parts. */
  static void assertKeptWithoutFindings(String text) throws IOException {
    FileStats stats = new FileStats();
    assertThat(redact(text, stats)).isEqualTo(text);
    assertThat(stats.findingsByEntity()).isEmpty();
  }

  static String redact(String text, FileStats stats, TestSinks out) throws IOException {
    Format.TEXT.redactor(TestSinks.STRICT, "t.txt", null, MacieHints.NONE, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(text), 1 << 20), out, stats);
    return out.data.toString();
  }

  @Test
  void redactsLinesAndKeepsTerminators() throws IOException {
    FileStats stats = new FileStats();
    assertThat(redact("mail bo@example.org\r\nnothing\n\nlast 536-22-8049", stats))
        .isEqualTo("mail <EMAIL_ADDRESS>\r\nnothing\n\nlast <US_SSN>");
    assertThat(stats.records()).isEqualTo(4);
  }

  @Test
  void aValueWrappedOverALineBreakIsRedactedOnBothLinesWhichKeepTheirTerminators()
      throws IOException {
    String text = "Reach ana.perez@\nexample.com or call +49 30\r\n1234567 today.\n"
        + "SSN 536-22-\n8045 on file; mail ana.perez@example.\ncom too.\n"
        + "IBAN DE89 3704 0044 \n0532 0130 00 for refunds, card 4111 1111\n1111 1111 ok.\n";
    FileStats stats = new FileStats();
    assertThat(redact(text, stats)).isEqualTo("Reach <EMAIL_ADDRESS>\n"
        + "<EMAIL_ADDRESS> or call <PHONE_NUMBER>\r\n<PHONE_NUMBER> today.\n"
        + "SSN <US_SSN>\n<US_SSN> on file; mail <EMAIL_ADDRESS>\n<EMAIL_ADDRESS> too.\n"
        + "IBAN <IBAN_CODE>\n<IBAN_CODE> for refunds, card <CREDIT_CARD>\n<CREDIT_CARD> ok.\n");
    assertThat(stats.records()).isEqualTo(9);
  }

  @Test
  void aValueWrappedOverSeveralBreaksOrOverABlankLineIsRedactedOnEveryLine() throws IOException {
    String text = "SSN 536-\n22-\n8045 on file.\nIBAN DE89 3704\n0044 0532\n0130 00 paid\n"
        + "mail ana.perez@\n\nexample.com now\ncall +49 30\r\n\r\n1234567 today\n";
    FileStats stats = new FileStats();
    assertThat(redact(text, stats)).isEqualTo("SSN <US_SSN>\n<US_SSN>\n<US_SSN> on file.\n"
        + "IBAN <IBAN_CODE>\n<IBAN_CODE>\n<IBAN_CODE> paid\n"
        + "mail <EMAIL_ADDRESS>\n\n<EMAIL_ADDRESS> now\n"
        + "call <PHONE_NUMBER>\r\n\r\n<PHONE_NUMBER> today\n");
    assertThat(stats.records()).isEqualTo(12);
  }

  @Test
  void aValueOverTwoBlankLinesIsRedactedOnBothOfItsLines() throws IOException {
    // A PDF's paragraph break inside a value: two blank lines (#21)
    String text = "mail ana.pe\n\n\nrez@example.com now\nSSN 536-22-\n\n\n8045 on file.\n"
        + "card 4111 1111\r\n\r\n\r\n1111 1111 ok\n";
    assertThat(redact(text, new FileStats())).isEqualTo(
        "mail <EMAIL_ADDRESS>\n\n\n<EMAIL_ADDRESS> now\nSSN <US_SSN>\n\n\n<US_SSN> on file.\n"
        + "card <CREDIT_CARD>\r\n\r\n\r\n<CREDIT_CARD> ok\n");
  }

  @Test
  void aValueWhosePartCannotEndOrStartOneIsRedactedOverMoreBlankLines() throws IOException {
    // #21: three blank lines or more part two texts as often as one value, but "536-22-" and
    // "ana.perez@" end no value, "@example.com" starts none, and "rez@" is an address's rest
    String text = "SSN 536-22-\n\n\n\n8045 on file.\nmail ana.perez@\n\n\n\n\n\nexample.com now\n"
        + "mail ana.perez\r\n\r\n\r\n\r\n@example.com now\nmail ana.pe\n\n\n\nrez@example.com now\n";
    assertThat(redact(text, new FileStats())).isEqualTo(
        "SSN <US_SSN>\n\n\n\n<US_SSN> on file.\nmail <EMAIL_ADDRESS>\n\n\n\n\n\n<EMAIL_ADDRESS> now\n"
        + "mail <EMAIL_ADDRESS>\r\n\r\n\r\n\r\n<EMAIL_ADDRESS> now\n"
        + "mail <EMAIL_ADDRESS>\n\n\n\n<EMAIL_ADDRESS> now\n");
  }

  @Test
  void numbersAndSentencesPartedByThreeBlankLinesAreNotJoinedIntoValues() throws IOException {
    // A card's halves and an SSN's parts without a separator ending the first part: two texts
    assertKeptWithoutFindings("4111 1111\n\n\n\n1111 1111\nRef 536 22\n\n\n\n8045 items\n"
        + "See section 4.\n\n\n\nexample follows.\n");
  }

  @Test
  void aTableOfNumbersPartedByBlankLinesIsNotJoinedIntoValues() throws IOException {
    // Joined, "4111 1111" and the next row would be a Luhn-valid card; three rows an SSN's print
    assertKeptWithoutFindings("4111 1111\n\n\n1111 1111\n\n536\n\n\n22\n\n8045\n");
  }

  @Test
  void aValueCutWithNoSeparatorAtTheBreakIsRedactedOnBothLines() throws IOException {
    String text = "mail ana.pe\nrez@example.com now\nIBAN DE89370400440532\n013000 paid\n"
        + "card 4111111111\n111111 ok\n";
    assertThat(redact(text, new FileStats())).isEqualTo(
        "mail <EMAIL_ADDRESS>\n<EMAIL_ADDRESS> now\nIBAN <IBAN_CODE>\n<IBAN_CODE> paid\n"
        + "card <CREDIT_CARD>\n<CREDIT_CARD> ok\n");
  }

  @Test
  void aNameCutWithNoSeparatorAtTheBreakIsRedactedOnBothLines() throws IOException {
    // #21: each line alone left "sin", "sen" and "nagh" (or the whole name) in plaintext
    String text = "Please call Tam\nsin Pryce today.\nWe wrote to Bertram Jørgen\nsen about it.\n"
        + "Customer: Ida Bran\nnagh\nContact Jane Ro\r\nebuck today\n";
    FileStats stats = new FileStats();
    assertThat(redact(text, stats)).isEqualTo("Please call <PERSON>\n<PERSON> today.\n"
        + "We wrote to <PERSON>\n<PERSON> about it.\nCustomer: <PERSON>\n<PERSON>\n"
        + "Contact <PERSON>\r\n<PERSON> today\n");
    assertThat(stats.records()).isEqualTo(8);
  }

  @Test
  void proseAndTablesWrappedBetweenWordsAreNotJoinedIntoNames() throws IOException {
    // Glued over the break, "the" and "re" are a word, "Send" and "it" no name; a capitalised
    // word ends a line before a dictionary word in lower case.
    assertKeptWithoutFindings("Look at the\nre port of the build. Please Send\nit back.\n"
        + "The Report\nfollows below.\nQty Unit\nbox 12\n2023 1187\n3315 4096\n");
  }

  @Test
  void aColumnOfNumbersIsNotJoinedIntoValuesOverItsLineBreaks() throws IOException {
    // Joined with no separator, two rows are one Visa number ("4111111111111111", Luhn-valid);
    // read on over three rows, "536 22 8045" is an SSN's print.
    assertKeptWithoutFindings("41111111\n11111111\n536\n22\n8045\n");
  }

  @Test
  void aTableOfNumbersIsNotJoinedIntoValuesOverItsLineBreaks() throws IOException {
    // Joined over the breaks, rows would read as 16 digits in groups of four ("2024 1187 3315
    // 4096"), digit runs of an SSN's length and a phone's: none passes its checksum or format.
    assertKeptWithoutFindings("2023 1187 3315 4096\n2024 1187 3315 4095\n2025 1190 3320 4100\n"
        + "536 22\n8045 12\n");
  }

  @Test
  void aPersonNamedOnOneLineIsRememberedForTheLinesAfterItInTheSameFile() throws IOException {
    String text = "Ryan Player won the final.\nPlayer said he was tired.\n";
    assertThat(redact(text, new FileStats()))
        .isEqualTo("<PERSON> won the final.\n<PERSON> said he was tired.\n");
    // Another file starts with no memory.
    assertThat(redact("Player said he was tired.\n", new FileStats()))
        .isEqualTo("Player said he was tired.\n");
  }

  @Test
  void privateKeyBlockIsOneRecordSoNoBodyLineSurvives() throws IOException {
    String text = """
        config follows
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACDxEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        -----END OPENSSH PRIVATE KEY-----
        done
        """;
    FileStats stats = new FileStats();
    TestSinks out = new TestSinks();
    // The strict policy quarantines a record that holds a credential: the whole block moves.
    assertThat(redact(text, stats, out)).isEqualTo("config follows\ndone\n");
    assertThat(out.quarantine.toString()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
        .endsWith("-----END OPENSSH PRIVATE KEY-----\n").hasLineCount(4);
    assertThat(stats.records()).isEqualTo(3);
    assertThat(stats.quarantined()).isEqualTo(1);
    assertThat(stats.written()).isEqualTo(2);
    assertThat(stats.findingsByEntity()).containsEntry("PRIVATE_KEY", 1L);
  }

  private static String redactWithMacie(String text, MacieHints macie, FileStats stats)
      throws IOException {
    TestSinks out = new TestSinks();
    Format.TEXT.redactor(TestSinks.STRICT, "t.txt", null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(text), 1 << 20), out, stats);
    return out.data.toString();
  }

  private static MacieHints lines(java.util.Map<Long, java.util.Map<Integer, String>> lines) {
    java.util.Map<Long, java.util.Map<Integer, java.util.Set<String>>> sets =
        new java.util.HashMap<>();
    lines.forEach((line, starts) -> starts.forEach((start, entity) -> sets
        .computeIfAbsent(line, l -> new java.util.HashMap<>()).put(start, java.util.Set.of(entity))));
    return new MacieHints(java.util.Map.of(), java.util.Map.of(), sets, java.util.Map.of(),
        java.util.Map.of(), java.util.Map.of());
  }

  /** A findings file: line 1 of notes.txt holds each Macie type at its start column. */
  private static String lineFindings(String... typesAndColumns) {
    StringBuilder detections = new StringBuilder();
    for (int i = 0; i < typesAndColumns.length; i += 2) {
      detections.append(i == 0 ? "" : ",").append("{\"type\": \"").append(typesAndColumns[i])
          .append("\", \"count\": 1, \"occurrences\": {\"lineRanges\": [{\"start\": 1,")
          .append(" \"end\": 1, \"startColumn\": ").append(typesAndColumns[i + 1]).append("}]}}");
    }
    return """
        {"findings": [{"id": "f-1", "category": "CLASSIFICATION",
          "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "notes.txt"}},
          "classificationDetails": {"result": {"sensitiveData": [
            {"category": "PERSONAL_INFORMATION", "detections": [%s]}]}}}]}
        """.formatted(detections);
  }

  private static final String KEEP_PERSONS = "version: 1\ndefault: replace\nentities:\n"
      + "  PERSON: keep\n  AWS_SECRET_KEY: quarantine_record\n";

  private static String redactWithMacie(ValueProtector protector, String text, MacieHints macie,
      TestSinks out, FileStats stats) throws IOException {
    Format.TEXT.redactor(protector, "notes.txt", null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(text), 1 << 20), out, stats);
    return out.data.toString();
  }

  @Test
  void everyMacieTypeWhereALineStartsIsRedactedNotOnlyOne() throws IOException {
    // Macie saw a passport number and a name at one place; the policy keeps names.
    MacieHints hints = TestSinks.macie(lineFindings("USA_PASSPORT_NUMBER", "5", "NAME", "5"),
        "notes.txt");
    FileStats stats = new FileStats();
    String out = redactWithMacie(TestSinks.protector(KEEP_PERSONS), "ref mq8macieonly\nok\n",
        hints, new TestSinks(), stats);
    assertThat(out).isEqualTo("ref <US_PASSPORT>\nok\n");
    assertThat(stats.findingsByEntity()).containsEntry("US_PASSPORT", 1L)
        .containsEntry("PERSON", 1L);
  }

  @Test
  void aMacieTypeAfterAnotherOnTheLineIsRedactedWhenTheFirstIsKept() throws IOException {
    MacieHints hints = TestSinks.macie(lineFindings("NAME", "5", "USA_PASSPORT_NUMBER", "18"),
        "notes.txt");
    String out = redactWithMacie(TestSinks.protector(KEEP_PERSONS),
        "ref Qxv Zorbl pp X99macie\n", hints, new TestSinks(), new FileStats());
    assertThat(out).isEqualTo("ref Qxv Zorbl pp <US_PASSPORT>\n");
  }

  @Test
  void aLaterMacieTypeOnTheLineGetsItsRecordAction() throws IOException {
    MacieHints hints = TestSinks.macie(lineFindings("NAME", "1", "AWS_CREDENTIALS", "11"),
        "notes.txt");
    TestSinks sinks = new TestSinks();
    FileStats stats = new FileStats();
    String out = redactWithMacie(TestSinks.protector(KEEP_PERSONS), "Qxv Zorbl k9macieaws\n",
        hints, sinks, stats);
    assertThat(out).isEmpty();
    assertThat(sinks.quarantine.toString()).isEqualTo("Qxv Zorbl k9macieaws\n");
    assertThat(stats.quarantined()).isEqualTo(1);
  }

  @Test
  void macieLineOccurrenceRedactsFromItsStartColumnToTheEndOfTheLine() throws IOException {
    FileStats stats = new FileStats();
    // A place no local recognizer knows, so that only Macie's line rule can redact it.
    String out = redactWithMacie("intro\nShip to: Quillby Hollowmere Farm\r\nthanks\n",
        lines(java.util.Map.of(2L, java.util.Map.of(10, "LOCATION"))), stats);
    assertThat(out).isEqualTo("intro\nShip to: <LOCATION>\r\nthanks\n");
    assertThat(stats.provenance().get("LOCATION")).containsExactly(0, 1, 0);
    assertThat(stats.findingsByEntity()).containsEntry("LOCATION", 1L);
  }

  @Test
  void macieWithoutColumnRedactsTheWholeLineAndSwallowsOverlappingLocalSpans()
      throws IOException {
    FileStats stats = new FileStats();
    // A name in lower case that no list holds, so that only Macie knows it is a person.
    String out = redactWithMacie("ysolde br\u00e9nnick mail ana@example.org\nkeep\n",
        lines(java.util.Map.of(1L, java.util.Map.of(0, "PERSON"))), stats);
    assertThat(out).isEqualTo("<PERSON>\nkeep\n");
    assertThat(stats.provenance().get("PERSON")).containsExactly(0, 1, 0);
  }

  @Test
  void macieAndLocalFindingOfTheSameEntityCountAsBothAndKeepTheLocalSpan() throws IOException {
    FileStats stats = new FileStats();
    String out = redactWithMacie("x \u00e9 SSN 536-22-8049 ok\n",
        lines(java.util.Map.of(1L, java.util.Map.of(9, "US_SSN"))), stats);
    assertThat(out).isEqualTo("x \u00e9 SSN <US_SSN> ok\n");
    assertThat(stats.provenance().get("US_SSN")).containsExactly(0, 0, 1);
  }

  @Test
  void macieColumnCountsCodePointsAndKeepsLocalFindingsBeforeIt() throws IOException {
    FileStats stats = new FileStats();
    // "\uD83D\uDE00" is one code point: column 23 is where "Bob" starts.
    String out = redactWithMacie("\uD83D\uDE00 bo@example.org name Bob Stone\n",
        lines(java.util.Map.of(1L, java.util.Map.of(23, "PERSON"))), stats);
    assertThat(out).isEqualTo("\uD83D\uDE00 <EMAIL_ADDRESS> name <PERSON>\n");
  }

  @Test
  void truncatedKeyBlockIsOneRecordToTheEnd() throws IOException {
    String text = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0abc\nxyz\n";
    TestSinks out = new TestSinks();
    assertThat(redact(text, new FileStats(), out)).isEmpty();
    assertThat(out.quarantine.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 4_000, 16_000})
  void aLongKeyBlockIsScannedForItsEndInWorkLinearInItsSize(int lines) throws IOException {
    String block = "-----BEGIN RSA PRIVATE KEY-----\n" + "TUlJRXBBSUJBQUtDQVFFQTN\n".repeat(lines)
        + "-----END RSA PRIVATE KEY-----\n";
    String text = "before\n" + block + "after\n";
    TextRedactor redactor = new TextRedactor(TestSinks.STRICT, "t.txt", MacieHints.NONE);
    TestSinks out = new TestSinks();
    FileStats stats = new FileStats();

    redactor.redact(new LineReader(utf8(text), 1 << 20), out, stats);

    assertThat(out.data.toString()).isEqualTo("before\nafter\n");
    assertThat(out.quarantine.toString()).isEqualTo(block);
    assertThat(stats.records()).isEqualTo(3);
    assertThat(redactor.keyBlockCharsScanned()).isLessThanOrEqualTo(text.length());
  }

  @Test
  void aKeyBlockLongerThanTheBoundIsAnInputErrorNamingItsFirstLine() {
    String text = "intro\n-----BEGIN RSA PRIVATE KEY-----\n"
        + ("A".repeat(999) + "\n").repeat(TextRedactor.MAX_BLOCK_CHARS / 1000 + 1)
        + "-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> redact(text, new FileStats()))
        .isInstanceOf(LineReader.LineTooLongException.class)
        .hasMessage("private key block at line 2 is longer than 1048576 chars");
  }
}
