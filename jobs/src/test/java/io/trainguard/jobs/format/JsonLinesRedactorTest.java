package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.trainguard.jobs.format.LineReaderTest.utf8;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class JsonLinesRedactorTest {

  @Test
  void aKeyHoldingPersonalDataInsideAnArrayIsAPseudonymInTheFieldPathsTheManifestShows() {
    PersonalNames names = new PersonalNames(io.trainguard.classifiers.Analyzer.defaults(),
        io.trainguard.redaction.OperatorKeys.fromDatasetSecret(
            new byte[io.trainguard.redaction.OperatorKeys.SECRET_LENGTH]));

    assertThat(names.field("contacts[].jane.roe@example.org"))
        .matches("name_EMAIL_ADDRESS_[a-z2-7]{26}");
    assertThat(names.field("[].jane.roe@example.org")).matches("name_EMAIL_ADDRESS_[a-z2-7]{26}");
    assertThat(names.field("contacts[].name")).isEqualTo("contacts[].name");
  }



  static String redact(String jsonl, FileStats stats) throws IOException {
    return redact(TestSinks.STRICT, jsonl, MacieHints.NONE, stats);
  }

  static String redact(ValueProtector protector, String jsonl, MacieHints macie, FileStats stats)
      throws IOException {
    TestSinks out = new TestSinks();
    Format.JSONL.redactor(protector, "t.jsonl", null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(jsonl), 1 << 20), out, stats);
    return out.data.toString();
  }

  @Test
  void aPathMacieFlaggedWholeIsPlannedWholeAsInCsvAndParquet() throws IOException {
    MacieHints macie = new MacieHints(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
        java.util.Map.of(), java.util.Map.of(), java.util.Map.of("user.note", "US_SSN"));
    FileStats stats = new FileStats();
    assertThat(redact(TestSinks.STRICT, """
        {"id": 1, "user": {"note": "abc"}}
        {"id": 2, "user": {"note": "def"}}
        """, macie, stats)).isEqualTo("""
        {"id": 1, "user": {"note": "<US_SSN>"}}
        {"id": 2, "user": {"note": "<US_SSN>"}}
        """);
    assertThat(stats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("user.note=US_SSN");
  }

  @Test
  void aMacieOnlyFindingConfirmedByMacieMovesNoLocalFindingToBoth() throws IOException {
    MacieHints macie = new MacieHints(java.util.Map.of(),
        java.util.Map.of(0L, java.util.Map.of("note", java.util.Set.of("US_SSN"))),
        java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
        java.util.Map.of("note", "US_SSN"));
    FileStats stats = new FileStats();
    assertThat(redact(TestSinks.STRICT, """
        {"ssn": "536-22-8049", "note": "abc"}
        """, macie, stats)).isEqualTo("""
        {"ssn": "<US_SSN>", "note": "<US_SSN>"}
        """);
    assertThat(stats.provenance().get("US_SSN")).containsExactly(1, 1, 0);
  }

  @Test
  void numbersAreScannedAndPlannedLikeStrings() throws IOException {
    String in = """
        {"ssn": 536914827, "card": 4111111111111111, "phone": 12127365000}
        [4111111111111111]
        """;
    FileStats stats = new FileStats();
    assertThat(redact(in, stats)).isEqualTo("""
        {"ssn": "<US_SSN>", "card": "<CREDIT_CARD>", "phone": "<PHONE_NUMBER>"}
        ["<CREDIT_CARD>"]
        """);
    // what a gate on US_SSN counts
    assertThat(stats.findingsByEntity()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        java.util.Map.of("CREDIT_CARD", 2L, "PHONE_NUMBER", 1L, "US_SSN", 1L)));
  }

  @Test
  void untouchedNumbersKeepTheirBytesAndRedactedOnesStayNumbersWhenTheyCan() throws IOException {
    String in = "{\"n\": 1.50e0, \"big\": 123456789012345678901234567890, \"ok\": true,"
        + " \"x\": null, \"card\": 4.111111111111111E15, \"cards\": [[4111111111111111, 7]],"
        + " \"neg\": -0.0}\n";
    assertThat(redact(in, new FileStats())).isEqualTo("{\"n\": 1.50e0,"
        + " \"big\": 123456789012345678901234567890, \"ok\": true, \"x\": null,"
        + " \"card\": \"<CREDIT_CARD>\", \"cards\": [[\"<CREDIT_CARD>\", 7]], \"neg\": -0.0}\n");

    ValueProtector fpe = TestSinks.protector("""
        entities:
          CREDIT_CARD: "fpe[luhn]"
          US_SSN: "mask[*,5]"
        """);
    String out = redact(fpe, "{\"card\": 4111111111111111, \"ssn\": 536914827}\n",
        MacieHints.NONE, new FileStats());
    assertThat(out).matches("\\{\"card\": [1-9][0-9]{15}, \"ssn\": \"\\*{5}4827\"}\n")
        .doesNotContain("4111111111111111");
  }

  @Test
  void everyMacieTypeAtEveryFieldOfAnyValueType() throws IOException {
    // Amazon's own sample, one JSON document (Macie's record 0) on one line: an array of objects
    // holding numbers Macie flagged.
    String data = Files.readString(TestSinks.resource("aws-macie-reveal/s3/CreditCardDataSmall.json"))
        .replaceAll("\\s*\n\\s*", "") + "\n";
    MacieHints macie = TestSinks.macie(TestSinks.findingsFile(
        TestSinks.resource("aws-macie-reveal/findings/json.json")), "macie-workshop",
        "CreditCardDataSmall.json", 619);
    FileStats stats = new FileStats();
    String out = redact(TestSinks.STRICT, data, macie, stats);
    assertThat(out).isEqualTo(data
        .replace("4111111111111111", "\"<CREDIT_CARD>\"")
        .replaceAll("\"Name\": \"[^\"]+\"", "\"Name\": \"<PERSON>\"")
        .replace("\"CVV\": 111", "\"CVV\": \"<CREDIT_CARD_SECURITY_CODE>\""));
    assertThat(stats.provenance().get("CREDIT_CARD")).containsExactly(0, 0, 7);

    // Two types at one field: the e-mail found locally does not let the name through.
    String msg = "{\"msg\": \"zyx qwv zz9@example.org\"}\n";
    MacieHints both = TestSinks.macie(TestSinks.findings("t.jsonl",
        "NAME", "\"records\": [{\"recordIndex\": 0, \"jsonPath\": \"$.msg\"}]",
        "EMAIL_ADDRESS", "\"records\": [{\"recordIndex\": 0, \"jsonPath\": \"$.msg\"}]"),
        "t.jsonl");
    assertThat(redact(TestSinks.STRICT, msg, both, new FileStats()))
        .isEqualTo("{\"msg\": \"<PERSON>\"}\n");
  }

  @Test
  void aPathMacieListedOnlyInPartIsRedactedInEveryRecord() throws IOException {
    // Macie listed the first occurrences only (additionalOccurrences): the JSON path is flagged
    // for every record, array elements included, though nothing local reads these values.
    String findings = TestSinks.findings("t.jsonl",
        "NAME", "\"records\": [{\"recordIndex\": 0, \"jsonPath\": \"$.who\"}]",
        "USA_PASSPORT_NUMBER",
        "\"records\": [{\"recordIndex\": 1, \"jsonPath\": \"$.docs[1].no\"}]")
        .replace("\"result\": {", "\"result\": {\"additionalOccurrences\": true, ");
    MacieHints macie = TestSinks.macie(findings, "t.jsonl");
    String in = """
        {"who": "qq-17", "docs": [{"no": "kx-1"}], "other": "qq-17"}
        {"who": "zz-42", "docs": [{"no": "kx-2"}, {"no": "kx-3"}]}
        {"docs": [], "who": 7}
        """;
    FileStats stats = new FileStats();

    assertThat(redact(TestSinks.STRICT, in, macie, stats)).isEqualTo("""
        {"who": "<PERSON>", "docs": [{"no": "<US_PASSPORT>"}], "other": "qq-17"}
        {"who": "<PERSON>", "docs": [{"no": "<US_PASSPORT>"}, {"no": "<US_PASSPORT>"}]}
        {"docs": [], "who": "<PERSON>"}
        """);
    assertThat(stats.findingsByEntity()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        java.util.Map.of("PERSON", 3L, "US_PASSPORT", 3L)));
  }

  @Test
  void aColumnNameIsContextForItsValuesAndBlankSamplesStillPlanByName() throws IOException {
    String in = """
        {"ssn": 536914827}
        {"ssn": "212456789"}
        {"ssn": 345678912}
        {"ssn": 412583697}
        {"ssn": 536914823}
        """;
    FileStats stats = new FileStats();
    assertThat(redact(in, stats)).isEqualTo("{\"ssn\": \"<US_SSN>\"}\n".repeat(5));
    assertThat(stats.findingsByEntity()).containsOnlyKeys("US_SSN");

    StringBuilder blank = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      blank.append(i % 2 == 0 ? "{\"full_name\": \"\", \"password\": \"\"}\n"
          : "{\"full_name\": null}\n");
    }
    String late = "{\"full_name\": \"Zyx Qwv\", \"password\": \"zq-Wv7x\"}\n"
        + "{\"user\": {\"first_name\": \"Zyx\"}}\n"; // a path first seen after the sample
    FileStats lateStats = new FileStats();
    assertThat(redact(blank + late, lateStats)).isEqualTo(blank
        + "{\"full_name\": \"<PERSON>\", \"password\": \"<PASSWORD>\"}\n"
        + "{\"user\": {\"first_name\": \"<PERSON>\"}}\n");
    assertThat(lateStats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("full_name=PERSON", "password=PASSWORD", "user.first_name=PERSON");
  }

  @Test
  void columnRulesApplyToEveryValueWhateverItsCaseAndType() throws IOException {
    ValueProtector protector = TestSinks.protector("""
        columns:
          ssn: drop_column
          user.ssn: drop_column
          notes: redact
          "*_notes": "replace[gone]"
        """);
    String in = """
        {"ssn": "n/a", "user": {"ssn": 536914827, "id": 1}, "a": 1}
        {"SSN": "none", "notes": "nothing personal here", "Email_Notes": "ok", "b": [1]}
        {"b": 2, "ssn": null}
        """;
    assertThat(redact(protector, in, MacieHints.NONE, new FileStats())).isEqualTo("""
        {"user": {"id": 1}, "a": 1}
        {"notes": "", "Email_Notes": "gone", "b": [1]}
        {"b": 2}
        """);
  }

  @Test
  void aDroppedFieldLeavesWithItsCommaWhereverItIs() throws IOException {
    ValueProtector protector = TestSinks.protector("""
        entities:
          US_SSN: drop_column
        columns:
          "s*": drop_column
          "tags[]": drop_column
        """);
    String in = """
        {"s1": 1, "s2": "x", "a": {"s3": null}, "b": [ "k", {"s4": 2} ] , "s5": true}
        { "a" : 1 ,  "s" : 2 , "c": 3 }
        {"tags": ["x", "y"], "t": ["x"], "s": {"k": "v"}}
        ["a", "ssn 536-22-8049", "b"]
        {"note": "ssn 536-22-8049", "n": 1}
        """;
    // rules name leaf paths (a.s3 is not s*, s.k is), as in Parquet; an emptied object stays
    assertThat(redact(protector, in, MacieHints.NONE, new FileStats())).isEqualTo("""
        {"a": {"s3": null}, "b": [ "k", {"s4": 2} ]}
        { "a" : 1 , "c": 3 }
        {"tags": [], "t": ["x"], "s": {}}
        ["a", "b"]
        {"n": 1}
        """);
  }

  @Test
  void analyticsGeneralisesZipAndAge() throws IOException {
    ValueProtector analytics = TestSinks.protector(TestSinks.samplePolicy("analytics"));
    assertThat(redact(analytics, """
        {"zip": 94107, "age": 93}
        {"zip": "94107", "age": "37"}
        """, MacieHints.NONE, new FileStats())).isEqualTo("""
        {"zip": "941**", "age": "90+"}
        {"zip": "941**", "age": "35-39"}
        """);
  }

  @Test
  void splicesRedactedStringsAndKeepsEveryOtherByte() throws IOException {
    String in = """
        {"record_id": "a", "text": "SSN 536-22-8049 and ip 10.1.2.3", "label": "pos"}
        {"record_id":"b","text":"invoice 000-12-3456 is not an SSN","n":1.50e0,"ok":true}
        {"id": 3, "nested": {"emails": ["bo@example.org", "x"]}, "esc": "caf\\u00e9 \\"q\\""}
        """;
    FileStats stats = new FileStats();
    assertThat(redact(in, stats)).isEqualTo("""
        {"record_id": "a", "text": "SSN <US_SSN> and ip <IP_ADDRESS>", "label": "pos"}
        {"record_id":"b","text":"invoice 000-12-3456 is not an SSN","n":1.50e0,"ok":true}
        {"id": 3, "nested": {"emails": ["<EMAIL_ADDRESS>", "x"]}, "esc": "caf\\u00e9 \\"q\\""}
        """);
    assertThat(stats.records()).isEqualTo(3);
    assertThat(stats.fieldsByEntity().get("EMAIL_ADDRESS")).containsExactly("nested.emails[]");
    assertThat(stats.fieldsByEntity().get("US_SSN")).containsExactly("text");
  }

  @Test
  void plannedFieldsAreRedactedWhole() throws IOException {
    String in = "{\"user\": {\"full_name\": \"Qx Vz\"}, \"n\": 1}\n".repeat(3);
    FileStats stats = new FileStats();
    assertThat(redact(in, stats))
        .isEqualTo("{\"user\": {\"full_name\": \"<PERSON>\"}, \"n\": 1}\n".repeat(3));
    assertThat(stats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("user.full_name=PERSON");
  }

  @Test
  void personalKeysArePseudonymsAndEscapesInRedactedValuesAreReencoded() throws IOException {
    String in = "{\"bo@example.org\": \"mail bo@example.org\\n\\t\\\"now\\\"\","
        + " \"ana\\u0040example.com\": 1, \"b\\\"o\": 2}\r\n";
    String key = "\"name_EMAIL_ADDRESS_[a-z2-7]{26}\"";
    assertThat(redact(in, new FileStats())).matches("\\{" + key + ": \"mail <EMAIL_ADDRESS>"
        + "\\\\n\\\\t\\\\\"now\\\\\"\", " + key + ": 1, \"b\\\\\"o\": 2}\r\n");
  }

  @Test
  void unicodeBeforeTheValueDoesNotShiftTheSplice() throws IOException {
    String in = "{\"t\": \"\uD83D\uDE00 caf\u00e9 bo@example.org \uD83D\uDE00\"}\n";
    assertThat(redact(in, new FileStats()))
        .isEqualTo("{\"t\": \"\uD83D\uDE00 caf\u00e9 <EMAIL_ADDRESS> \uD83D\uDE00\"}\n");
  }

  @Test
  void scalarsAndBlankLines() throws IOException {
    FileStats stats = new FileStats();
    assertThat(redact("\"bo@example.org\"\n\n42\n", stats))
        .isEqualTo("\"<EMAIL_ADDRESS>\"\n\n42\n");
    assertThat(stats.records()).isEqualTo(2);
    assertThat(stats.fieldsByEntity().get("EMAIL_ADDRESS")).containsExactly("$");
  }

  @Test
  void invalidJsonNamesLineAndColumnButNoContent() {
    assertThatThrownBy(() -> redact("{\"a\": 1}\n{\"ssn\": 536-22-8049}\n", new FileStats()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("line 2, column 12: invalid JSON");
    assertThatThrownBy(() -> redact("{\"a\": \"bo@example.org\"\n", new FileStats()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("line 1")
        .hasMessageNotContaining("example");
    assertThatThrownBy(() -> redact("{} {}\n", new FileStats()))
        .hasMessage("line 1: more than one JSON value");
  }

  @Test
  void deeplyNestedJsonHitsTheParserLimit() {
    String deep = "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThatThrownBy(() -> redact(deep, new FileStats()))
        .hasMessage("line 1: JSON exceeds parser limits (nesting depth, string or number length)");
  }
}
