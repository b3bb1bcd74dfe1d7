package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A {@code .json} file holding one JSON array or object, rather than JSON Lines. */
class JsonDocumentTest {

  static TestSinks protect(String file, String json, MacieHints macie, FileStats stats)
      throws IOException {
    TestSinks out = new TestSinks();
    Format.JSONL.redactor(TestSinks.STRICT, file, null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(utf8(json), 1 << 20), out, stats);
    return out;
  }

  @Test
  void eachElementOfAnArrayIsARecordWrittenBackInTheDocumentsShape() throws IOException {
    String in = """

        [
          {"id": 1, "email": "ann@example.com", "n": 7},
          {"id": 2, "note": "key AKIAIOSFODNN7EXAMPLE"},
          {
            "id": 3,
            "tags": ["x", "bob@example.org"]
          },
          "call 212-736-5000", 4
        ]
        """;
    FileStats stats = new FileStats();
    TestSinks out = protect("a/t.json", in, MacieHints.NONE, stats);
    assertThat(out.data).hasToString("""

        [
          {"id": 1, "email": "<EMAIL_ADDRESS>", "n": 7},
          {
            "id": 3,
            "tags": ["x", "<EMAIL_ADDRESS>"]
          },
          "call <PHONE_NUMBER>", 4
        ]
        """);
    assertThat(out.quarantine).hasToString("""
        [
          {"id": 2, "note": "key AKIAIOSFODNN7EXAMPLE"}
        ]
        """);
    assertThat(stats.findingsByEntity()).containsKeys("EMAIL_ADDRESS", "PHONE_NUMBER");
  }

  @Test
  void oneObjectIsOneRecordAndMacieFindingsAtArrayPathsApplyToEveryElement()
      throws IOException {
    String object = """
        {
          "name": "Zyx Qwv",
          "contact": {"mail": "zz9@example.org"}
        }
        """;
    assertThat(protect("t.json.gz", object, MacieHints.NONE, new FileStats()).data)
        .hasToString("""
        {
          "name": "<PERSON>",
          "contact": {"mail": "<EMAIL_ADDRESS>"}
        }
        """);

    // Macie counts a JSON file as record 0 and writes $[i].Name: folded, [].Name
    MacieHints macie = new MacieHints(Map.of(), Map.of(0L, Map.of("[].Name", Set.of("NAME"))),
        Map.of(), Map.of(), Map.of(), Map.of());
    assertThat(protect("t.json", """
        [{"Name": "Zyx Qwv"},
         {"Name": "Qwv Zyx", "ok": "yes"}]
        """, macie, new FileStats()).data).hasToString("""
        [{"Name": "<NAME>"},
         {"Name": "<NAME>", "ok": "yes"}]
        """);
  }

  @Test
  void oneRecordPerLineFilesAndMalformedDocumentsBehaveAsJsonLines() throws IOException {
    String lines = "{\"e\": \"ann@example.com\"}\n[\"bob@example.org\"]\n";
    String expected = "{\"e\": \"<EMAIL_ADDRESS>\"}\n[\"<EMAIL_ADDRESS>\"]\n";
    assertThat(protect("t.json", lines, MacieHints.NONE, new FileStats()).data)
        .hasToString(expected);
    assertThat(protect("t.jsonl", lines, MacieHints.NONE, new FileStats()).data)
        .hasToString(expected);

    assertThatThrownBy(() -> protect("t.jsonl", "[\n  {\"a\": 1}\n]\n", MacieHints.NONE,
        new FileStats())).isInstanceOf(MalformedRecordException.class)
        .hasMessage("line 1, column 2: invalid JSON");
    assertThatThrownBy(() -> protect("t.json", "[\n  {\"a\": 1},\n  {\"a\" 2}\n]\n",
        MacieHints.NONE, new FileStats())).isInstanceOf(MalformedRecordException.class)
        .hasMessage("line 3, column 8: invalid JSON");
    assertThatThrownBy(() -> protect("t.json", "{\n  \"a\": 1\n}\n{\"b\": 2}\n",
        MacieHints.NONE, new FileStats())).isInstanceOf(MalformedRecordException.class)
        .hasMessage("line 4: more than one JSON value");
  }
}
