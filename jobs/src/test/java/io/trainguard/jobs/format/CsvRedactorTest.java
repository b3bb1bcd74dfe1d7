package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.trainguard.jobs.format.LineReaderTest.utf8;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CsvRedactorTest {


  static String redact(String csv, FileStats stats) throws IOException {
    return redact(TestSinks.STRICT, csv, MacieHints.NONE, stats);
  }

  static String redact(ValueProtector protector, String csv, MacieHints macie, FileStats stats)
      throws IOException {
    TestSinks out = new TestSinks();
    Format.CSV.redactor(protector, "t.csv", null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(csv), 1 << 20), out, stats);
    return out.data.toString();
  }

  @Test
  void everyMacieTypeInACellIsSatisfiedOrRedacted() throws IOException {
    MacieHints macie = TestSinks.macie(TestSinks.findings("t.csv",
        "NAME", "\"cells\": [{\"row\": 2, \"column\": 2, \"columnName\": \"msg\"}]",
        "EMAIL_ADDRESS", "\"cells\": [{\"row\": 2, \"column\": 2, \"columnName\": \"msg\"}]"),
        "t.csv");
    FileStats stats = new FileStats();
    // (two more rows, so that Macie's one flagged row does not plan the column)
    assertThat(redact(TestSinks.STRICT, "id,msg\n1,zyx qwv zz9@example.org\n2,ok\n3,ok\n", macie,
        stats)).isEqualTo("id,msg\n1,<PERSON>\n2,ok\n3,ok\n");
    assertThat(stats.provenance().get("EMAIL_ADDRESS")).containsExactly(0, 0, 1);
    assertThat(stats.provenance().get("PERSON")).containsExactly(0, 1, 0);
  }

  @Test
  void aColumnNameIsContextForItsValuesAndBlankSamplesStillPlanByName() throws IOException {
    FileStats stats = new FileStats();
    assertThat(redact("""
        id,ssn
        1,536914827
        2,212456789
        3,345678912
        4,412583697
        5,536914823
        """, stats)).isEqualTo("""
        id,ssn
        1,<US_SSN>
        2,<US_SSN>
        3,<US_SSN>
        4,<US_SSN>
        5,<US_SSN>
        """);
    assertThat(stats.findingsByEntity()).containsOnlyKeys("US_SSN");

    StringBuilder in = new StringBuilder("id,full_name,password\n");
    for (int i = 1; i <= 250; i++) {
      in.append(i).append(",,\n");
    }
    String head = in.toString();
    in.append("251,Zyx Qwv,zq-Wv7x\n");
    assertThat(redact(in.toString(), new FileStats()))
        .isEqualTo(head + "251,<PERSON>,<PASSWORD>\n");
  }

  @Test
  void columnRulesApplyToEveryValueWhateverTheCaseOfTheirName() throws IOException {
    ValueProtector protector = TestSinks.protector("""
        columns:
          ssn: drop_column
          notes: redact
          "*_notes": "replace[gone]"
        """);
    assertThat(redact(protector, """
        id,SSN,notes,Email_Notes
        1,n/a,nothing personal here,ok
        2,,,
        """, MacieHints.NONE, new FileStats())).isEqualTo("""
        id,notes,Email_Notes
        1,,gone
        2,,
        """);
  }

  @Test
  void analyticsGeneralisesZipAndAge() throws IOException {
    ValueProtector analytics = TestSinks.protector(TestSinks.samplePolicy("analytics"));
    assertThat(redact(analytics, "id,zip,age\n1,94107,93\n2,03601,37\n", MacieHints.NONE,
        new FileStats())).isEqualTo("id,zip,age\n1,941**,90+\n2,000**,35-39\n");
  }

  @Test
  void rewritesOnlyCellsWithPersonalData() throws IOException {
    String in = """
        record_id,email,card,note,label,score
        1,ana.perez@example.com,4111 1111 1111 1111,call 212-555-0187 after 5,1,0.25
        2,bo@example.org,5500-0000-0000-0004,order 1234567812345678 shipped,0,1.5
        3,,,"nothing here, see page 12",1,2.0
        ,,,mail cy@example.net,,
        """;
    FileStats stats = new FileStats();
    assertThat(redact(in, stats)).isEqualTo("""
        record_id,email,card,note,label,score
        1,<EMAIL_ADDRESS>,<CREDIT_CARD>,call <PHONE_NUMBER> after 5,1,0.25
        2,<EMAIL_ADDRESS>,<CREDIT_CARD>,order 1234567812345678 shipped,0,1.5
        3,,,"nothing here, see page 12",1,2.0
        ,,,mail <EMAIL_ADDRESS>,,
        """);
    assertThat(stats.records()).isEqualTo(4);
    assertThat(stats.findingsByEntity()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        java.util.Map.of("CREDIT_CARD", 2L, "EMAIL_ADDRESS", 3L, "PHONE_NUMBER", 1L)));
    assertThat(stats.fieldsByEntity().get("PHONE_NUMBER")).containsExactly("note");
  }

  @Test
  void keepsEveryOtherByteIncludingBomCrlfQuotesAndMultilineCells() throws IOException {
    String in = "\uFEFFid,text,n\r\n"
        + "1,\"multi\nline \"\"quoted\"\" cell\",007\r\n"
        + "\r\n"
        + "2,\"  padded  \",\"x\"\r\n"
        + "3,\"mail\r\nbo@example.org\",1";
    String expected = "\uFEFFid,text,n\r\n"
        + "1,\"multi\nline \"\"quoted\"\" cell\",007\r\n"
        + "\r\n"
        + "2,\"  padded  \",\"x\"\r\n"
        + "3,\"mail\r\n<EMAIL_ADDRESS>\",1";
    FileStats stats = new FileStats();
    assertThat(redact(in, stats)).isEqualTo(expected);
    assertThat(stats.records()).isEqualTo(3);
  }

  @Test
  void plannedColumnsAreRedactedWholeInEveryRow() throws IOException {
    StringBuilder in = new StringBuilder("id,customer_name,phone,note\n");
    StringBuilder expected = new StringBuilder("id,customer_name,phone,note\n");
    for (int i = 0; i < 250; i++) {
      // Unassigned area codes (x11) are only "possible" numbers; names not in any gazetteer.
      in.append(i).append(",Zyx Qwv").append(i).append(",").append(200 + i % 700)
          .append("-555-01").append(10 + i % 90).append(",ok\n");
      expected.append(i).append(",<PERSON>,<PHONE_NUMBER>,ok\n");
    }
    FileStats stats = new FileStats();
    assertThat(redact(in.toString(), stats)).isEqualTo(expected.toString());
    assertThat(stats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("customer_name=PERSON", "phone=PHONE_NUMBER");
    assertThat(stats.plans().get(1).sampleSize()).isEqualTo(ValueProtector.PLAN_SAMPLE_RECORDS);
    assertThat(stats.findingsByEntity()).containsEntry("PERSON", 250L)
        .containsEntry("PHONE_NUMBER", 250L);
  }

  @Test
  void quotesARedactedCellWhenItMust() {
    assertThat(CsvCodec.encode("a,b", false)).isEqualTo("\"a,b\"");
    assertThat(CsvCodec.encode("say \"hi\"", false)).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvCodec.encode("<US_SSN>", false)).isEqualTo("<US_SSN>");
    assertThat(CsvCodec.encode("<US_SSN>", true)).isEqualTo("\"<US_SSN>\"");
  }

  @Test
  void quoteInsideUnquotedCellIsLiteral() throws IOException {
    String in = "h1,h2\n5'10\",bo@example.org\n";
    assertThat(redact(in, new FileStats())).isEqualTo("h1,h2\n5'10\",<EMAIL_ADDRESS>\n");
  }

  @Test
  void raggedRowNamesRowAndLineButNoContent() {
    String in = "a,b\n1,2\n3,536-22-8049,extra\n";
    assertThatThrownBy(() -> redact(in, new FileStats()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("row 3 (line 3): expected 2 cells, found 3");
  }

  @Test
  void unterminatedQuoteIsMalformed() {
    String in = "a,b\n1,\"never closed\n2,3\n";
    assertThatThrownBy(() -> redact(in, new FileStats()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("row 2 (line 2): unterminated quoted cell");
  }

  @Test
  void textAfterClosingQuoteIsMalformed() {
    assertThatThrownBy(() -> redact("a,b\n\"x\"y,2\n", new FileStats()))
        .hasMessage("row 2, column 1: characters after a closing quote");
  }

  @Test
  void emptyFileAndHeaderOnly() throws IOException {
    assertThat(redact("", new FileStats())).isEmpty();
    FileStats stats = new FileStats();
    assertThat(redact("a,b\n", stats)).isEqualTo("a,b\n");
    assertThat(stats.records()).isZero();
  }

  @Test
  void valuesAnOperatorCannotTransformFallBackToTheEntityNameAndAreCounted() throws IOException {
    io.trainguard.redaction.Policy policy = io.trainguard.redaction.Policy.parse(
        new java.io.ByteArrayInputStream("""
            version: 1
            default: replace
            entities:
              US_SSN: fpe
              EMAIL_ADDRESS: fpe
            """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "fpe.yaml");
    ValueProtector protector = new ValueProtector(io.trainguard.classifiers.Analyzer.defaults(),
        policy, io.trainguard.redaction.OperatorKeys.fromDatasetSecret(
            new byte[io.trainguard.redaction.OperatorKeys.SECRET_LENGTH]));
    TestSinks out = new TestSinks();
    FileStats stats = new FileStats();
    Format.CSV.redactor(protector, "t.csv", null, MacieHints.NONE, FlaggedRecords.NONE).redact(new LineReader(utf8("""
        id,email,note
        1,bo@example.org,ssn 536-22-8049
        2,,mail ana@example.com
        """), 1 << 20), out, stats);

    // An e-mail has no digits for FF1: replaced, never passed through, and counted.
    assertThat(out.data.toString()).startsWith("id,email,note\n1,<EMAIL_ADDRESS>,ssn ")
        .doesNotContain("536-22-8049").endsWith("\n2,,mail <EMAIL_ADDRESS>\n");
    assertThat(out.data.toString()).containsPattern("ssn \\d{3}-\\d{2}-\\d{4}\n");
    assertThat(stats.fallbacksByEntity()).containsExactlyEntriesOf(
        java.util.Map.of("EMAIL_ADDRESS", 2L));
  }
}
