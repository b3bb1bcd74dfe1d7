package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.trainguard.jobs.format.LineReaderTest.utf8;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonLinesRedactorTest {


  static String redact(String jsonl, FileStats stats) throws IOException {
    TestSinks out = new TestSinks();
    Format.JSONL.redactor(TestSinks.STRICT, "t.jsonl", null, MacieHints.NONE, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(jsonl), 1 << 20), out, stats);
    return out.data.toString();
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
