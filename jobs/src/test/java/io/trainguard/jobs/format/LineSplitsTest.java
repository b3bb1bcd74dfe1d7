package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitsTest {

  /**
   * The slices of {@code bytes}, a file named {@code name}, cut every {@code splitBytes} on one
   * core, its ranges scanned in turn.
   */
  static List<LineSlice> slices(Format format, String name, byte[] bytes, long splitBytes)
      throws IOException {
    LineSplits.Plan plan = LineSplits.plan(format, name, bytes.length, splitBytes, 1);
    List<LineSplits.RangeScan> scans = new ArrayList<>();
    for (int r = 0; r < plan.ranges().size(); r++) {
      scans.add(plan.scan(r, offset -> new ByteArrayInputStream(bytes, (int) offset,
          bytes.length - (int) offset)));
    }
    return plan.slices(scans);
  }

  /** What protecting a file (or its slices, concatenated) wrote and counted. */
  record Protected(String data, String quarantine, FileStats stats) {}

  static Protected whole(Format format, String name, String text, ValueProtector protector,
      MacieHints macie) throws IOException {
    TestSinks out = new TestSinks();
    FileStats stats = new FileStats();
    format.redactor(protector, name, null, macie, FlaggedRecords.NONE)
        .redact(new LineReader(LineReaderTest.utf8(text), 1 << 20), out, stats);
    return new Protected(out.data.toString(), out.quarantine.toString(), stats);
  }

  /**
   * Each slice protected apart, as a task does, outputs concatenated in order; a CSV file's
   * quarantine parts are kept only when a record was quarantined, as protect keeps them.
   */
  static Protected split(Format format, String name, byte[] bytes, List<LineSlice> slices,
      ValueProtector protector, MacieHints macie) throws IOException {
    StringBuilder data = new StringBuilder();
    StringBuilder quarantine = new StringBuilder();
    FileStats stats = new FileStats();
    for (LineSlice slice : slices) {
      TestSinks out = new TestSinks();
      FileStats part = new FileStats();
      format.redactor(protector.forTask(), name, null, macie, FlaggedRecords.NONE, slice,
              from -> new ByteArrayInputStream(bytes, (int) from, bytes.length - (int) from), 0)
          .redact(new LineReader(new ByteArrayInputStream(bytes, (int) slice.start(),
              (int) slice.length()), 1 << 20, slice.linesBefore()), out, part);
      data.append(out.data);
      quarantine.append(out.quarantine);
      stats.addSlice(part);
    }
    return new Protected(data.toString(), stats.quarantined() == 0 ? ""
        : quarantine.toString(), stats);
  }

  /**
   * Splits {@code text} every {@code splitBytes} and checks it protects as the whole file (when
   * it splits at all: a range may hold no line start); its slices.
   */
  static List<LineSlice> splitsAsWhole(Format format, String name, String text, long splitBytes,
      ValueProtector protector, MacieHints macie) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<LineSlice> slices = slices(format, name, bytes, splitBytes);
    if (slices.isEmpty()) {
      return slices;
    }
    Protected whole = whole(format, name, text, protector, macie);
    Protected split = split(format, name, bytes, slices, protector, macie);
    assertThat(split.data()).isEqualTo(whole.data());
    assertThat(split.quarantine()).isEqualTo(whole.quarantine());
    assertThat(split.stats().records()).isEqualTo(whole.stats().records());
    assertThat(split.stats().written()).isEqualTo(whole.stats().written());
    assertThat(split.stats().quarantined()).isEqualTo(whole.stats().quarantined());
    assertThat(split.stats().findingsByEntity()).isEqualTo(whole.stats().findingsByEntity());
    assertThat(split.stats().fieldsByEntity()).isEqualTo(whole.stats().fieldsByEntity());
    assertThat(split.stats().untouchedFields()).isEqualTo(whole.stats().untouchedFields());
    assertThat(split.stats().plans()).isEqualTo(whole.stats().plans());
    return slices;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLineStraddlingABoundaryBelongsToTheRangeWhereItStarts() throws IOException {
    // id,note\n = 0..7, 1,aaaa\n = 8..14 (straddles 10), 2,bbbb\n = 15..21, 3,cccc\n = 22..28
    String csv = "id,note\n1,aaaa\n2,bbbb\n3,cccc\n";
    assertThat(slices(Format.CSV, "t.csv", utf8(csv), 10)).containsExactly(
        new LineSlice(0, 3, 0, 15, 0, 0),
        new LineSlice(1, 3, 15, 22, 2, 1),
        new LineSlice(2, 3, 22, 29, 3, 2));
    // a boundary exactly at a line's start: that line is the later range's
    assertThat(slices(Format.TEXT, "t.txt", utf8("abcd\nefgh\n"), 5)).containsExactly(
        new LineSlice(0, 2, 0, 5, 0, 0), new LineSlice(1, 2, 5, 10, 1, 1));
  }

  @Test
  void aRangeInsideOneLongLineOwnsNoSlice() throws IOException {
    String text = "a\n" + "x".repeat(30) + "\nb\n"; // ranges of 8: 1..3 hold no line start
    assertThat(slices(Format.TEXT, "t.txt", utf8(text), 8)).containsExactly(
        new LineSlice(0, 2, 0, 33, 0, 0), new LineSlice(1, 2, 33, 35, 2, 2));
    assertThat(slices(Format.TEXT, "t.txt", utf8("x".repeat(40) + "\n"), 8)).isEmpty();
  }

  @Test
  void aSplitInsideAMultiByteCharacterKeepsItWhole() throws IOException {
    // "é" is 2 bytes and "😀" 4: every split size cuts one of them somewhere
    String jsonl = "{\"n\":\"é\"}\n{\"n\":\"😀 ana.perez@example.com\"}\n{\"n\":\"😀😀\"}\n"
        + "{\"n\":\"plain\"}\n";
    byte[] bytes = utf8(jsonl);
    assertThat(bytes[11] & 0xff).isEqualTo(0x7b); // second line starts at 11
    for (long size = 1; size < bytes.length; size++) {
      splitsAsWhole(Format.JSONL, "t.jsonl", jsonl, size, TestSinks.STRICT, MacieHints.NONE);
    }
    // bytes 17..20 are the first emoji: a boundary at 19 leaves its line to the range of 11
    List<LineSlice> slices = slices(Format.JSONL, "t.jsonl", bytes, 19);
    assertThat(slices.get(0)).isEqualTo(new LineSlice(0, 3, 0, 46, 0, 0));
    assertThat(new String(bytes, 0, 46, StandardCharsets.UTF_8))
        .endsWith("ana.perez@example.com\"}\n");
  }

  @Test
  void aFileSmallerThanASplitOrEmptyIsReadWhole() throws IOException {
    assertThat(LineSplits.ranges(29, 29, 2)).isEqualTo(1);
    assertThat(slices(Format.CSV, "t.csv", utf8("id,note\n1,aaaa\n2,bbbb\n3,cccc\n"), 29))
        .isEmpty();
    assertThat(LineSplits.ranges(0, 10, 2)).isEqualTo(1);
    assertThat(LineSplits.scan(Format.CSV, "t.csv", new ByteArrayInputStream(new byte[0]), 0, 0, 0))
        .isEqualTo(new LineSplits.RangeScan(-1, 0, 0, false));
    assertThat(slices(Format.CSV, "t.csv", new byte[0], 10)).isEmpty();
    assertThat(slices(Format.JSONL, "t.jsonl", new byte[0], 1)).isEmpty();
  }

  @Test
  void aCsvHeaderIsReadOnceAndWrittenOnceWhateverTheSplitSize() throws IOException {
    // Macie flags the note of row 6 (file line 6): the slice holding it counts rows from the file
    MacieHints macie = TestSinks.macie(TestSinks.findings("t.csv", "NAME",
        "\"cells\": [{\"row\": 6, \"column\": 2, \"columnName\": \"note\"}]"), "t.csv");
    String csv = "id,note,email\n1,ok,\n\n2,Zyx Qwv,\n3,call 212-555-0188,\n4,zq,\n"
        + "5,ok,ana.perez@example.com\n6,ok,\n";
    for (long size : new long[] {1, 2, 7, 16, 40}) {
      assertThat(splitsAsWhole(Format.CSV, "t.csv", csv, size, TestSinks.STRICT, macie))
          .hasSizeGreaterThan(1);
    }
    Protected split = split(Format.CSV, "t.csv", utf8(csv),
        slices(Format.CSV, "t.csv", utf8(csv), 1), TestSinks.STRICT, macie);
    assertThat(split.data()).startsWith("id,note,email\n1,ok,\n\n2,")
        .containsOnlyOnce("id,note,email").contains("\n5,<PERSON>,<EMAIL_ADDRESS>\n");
  }

  @Test
  void aSplitCsvQuarantinesUnderOneHeader() throws IOException {
    ValueProtector protector = TestSinks.protector("""
        version: 1
        entities:
          EMAIL_ADDRESS: quarantine_record
        """);
    String csv = "id,note\n1,ok\n2,ok\n3,ana.perez@example.com\n4,ok\n5,bo@example.org\n";
    for (long size : new long[] {1, 5, 12, 30}) {
      splitsAsWhole(Format.CSV, "t.csv", csv, size, protector, MacieHints.NONE);
    }
    Protected split = split(Format.CSV, "t.csv", utf8(csv),
        slices(Format.CSV, "t.csv", utf8(csv), 12), protector, MacieHints.NONE);
    assertThat(split.quarantine()).isEqualTo("id,note\n3,ana.perez@example.com\n"
        + "5,bo@example.org\n");
  }

  @Test
  void aQuotedCellSpanningLinesReadsTheCsvWhole() throws IOException {
    byte[] csv = utf8("id,note\n1,ok\n2,\"two\nlines\"\n3,ok\n");
    assertThat(slices(Format.CSV, "t.csv", csv, 4)).isEmpty();
    // a quote inside an unquoted cell opens nothing
    splitsAsWhole(Format.CSV, "t.csv", "id,note\n1,ab\"c\n2,\"x,\"\"y\"\"\"\n3,ok\n", 4,
        TestSinks.STRICT, MacieHints.NONE);
  }

  @Test
  void crlfAndBareCrEndLinesAsTheLineReaderDoes() throws IOException {
    // a boundary between \r and \n: the line after \r\n starts at 3, not 2
    assertThat(slices(Format.TEXT, "t.txt", utf8("a\r\nb\r\n"), 2)).containsExactly(
        new LineSlice(0, 2, 0, 3, 0, 0), new LineSlice(1, 2, 3, 6, 1, 1));
    assertThat(slices(Format.TEXT, "t.txt", utf8("a\rb\rc"), 2)).containsExactly(
        new LineSlice(0, 3, 0, 2, 0, 0), new LineSlice(1, 3, 2, 4, 1, 1),
        new LineSlice(2, 3, 4, 5, 2, 2));
    String csv = "id,note\r\n1,ana.perez@example.com\r\n\r\n2,ok\r3,ok\r\n";
    for (long size = 1; size < csv.length(); size++) {
      splitsAsWhole(Format.CSV, "t.csv", csv, size, TestSinks.STRICT, MacieHints.NONE);
    }
  }

  @Test
  void aLastLineWithoutNewlineIsTheLastSlices() throws IOException {
    String jsonl = "{\"a\":\"ok\"}\n\n  \n{\"a\":\"ana.perez@example.com\"}\n{\"a\":\"end\"}";
    for (long size = 1; size < jsonl.length(); size++) {
      splitsAsWhole(Format.JSONL, "t.jsonl", jsonl, size, TestSinks.STRICT, MacieHints.NONE);
    }
    String text = "one\ntwo ana.perez@example.com\nthree";
    List<LineSlice> slices = splitsAsWhole(Format.TEXT, "t.txt", text, 10, TestSinks.STRICT,
        MacieHints.NONE);
    assertThat(slices.get(slices.size() - 1)).isEqualTo(new LineSlice(1, 2, 30, 35, 2, 2));
  }

  @Test
  void jsonLinesRecordsCountFromTheFilesFirstForMacie() throws IOException {
    MacieHints macie = TestSinks.macie(TestSinks.findings("t.jsonl", "NAME",
        "\"records\": [{\"recordIndex\": 3, \"jsonPath\": \"$.who\"}]"), "t.jsonl");
    String jsonl = "{\"who\":\"a\"}\n\n{\"who\":\"b\"}\n{\"who\":\"c\"}\n{\"who\":\"Zyx Qwv\"}\n"
        + "{\"who\":\"d\"}\n";
    for (long size : new long[] {1, 9, 20}) {
      splitsAsWhole(Format.JSONL, "t.jsonl", jsonl, size, TestSinks.STRICT, macie);
    }
    assertThat(whole(Format.JSONL, "t.jsonl", jsonl, TestSinks.STRICT, macie).data())
        .contains("{\"who\":\"<PERSON>\"}");
  }

  @Test
  void recordsThatMaySpanLinesReadTheFileWhole() throws IOException {
    String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n";
    assertThat(slices(Format.TEXT, "t.txt", utf8("a\nb\n" + key + "c\n"), 4)).isEmpty();
    // a longer run of dashes still opens a block
    assertThat(slices(Format.TEXT, "t.txt", utf8("a\n------BEGIN X\nc\n"), 4)).isEmpty();
    assertThat(slices(Format.TEXT, "t.txt", utf8("a\n----BEGIN X\nc\n"), 4)).hasSize(2);
    // a .json file whose first record opens a document; JSON Lines named .json split
    assertThat(slices(Format.JSONL, "t.json", utf8("[\n{\"a\": 1},\n{\"a\": 2}\n]\n"), 4))
        .isEmpty();
    assertThat(slices(Format.JSONL, "t.json", utf8("\n\n\n{\"a\": 1}\n{\"a\": 2}\n"), 2))
        .isEmpty(); // the first record is not in the first range: not checked, read whole
    splitsAsWhole(Format.JSONL, "t.json", "{\"a\": 1}\n{\"a\": \"ana.perez@example.com\"}\n",
        4, TestSinks.STRICT, MacieHints.NONE);
    // a line of Unicode spaces may be blank: not told apart here
    assertThat(slices(Format.JSONL, "t.jsonl", utf8("{}\n\u3000\n{}\n"), 3)).isEmpty();
  }

  @Test
  void everySliceOfAFileProtectsAColumnUnderThePlanOfTheFilesFirstRecords() throws IOException {
    int sampled = ValueProtector.PLAN_SAMPLE_RECORDS;
    StringBuilder mailsFirst = new StringBuilder("id,contact\n");
    StringBuilder wordsFirst = new StringBuilder("id,contact\n");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 1; i <= 2 * sampled; i++) {
      String mail = "user" + i + "@example.com";
      String word = "kiosk" + i;
      mailsFirst.append(i).append(',').append(i <= sampled ? mail : word).append('\n');
      wordsFirst.append(i).append(',').append(i <= sampled ? word : mail).append('\n');
      jsonl.append("{\"contact\":\"").append(i <= sampled ? mail : word).append("\"}\n");
    }
    long half = mailsFirst.length() / 2 + 1;
    List<LineSlice> slices = splitsAsWhole(Format.CSV, "t.csv", mailsFirst.toString(), half,
        TestSinks.STRICT, MacieHints.NONE);
    assertThat(slices).hasSize(2);
    // the later slice holds no mail, yet its column is redacted whole as the file's plan says
    assertThat(split(Format.CSV, "t.csv", utf8(mailsFirst.toString()), slices, TestSinks.STRICT,
        MacieHints.NONE).data()).endsWith("\n400,<EMAIL_ADDRESS>\n").doesNotContain("kiosk");
    splitsAsWhole(Format.CSV, "t.csv", wordsFirst.toString(), half, TestSinks.STRICT,
        MacieHints.NONE);
    assertThat(splitsAsWhole(Format.JSONL, "t.jsonl", jsonl.toString(), jsonl.length() / 3,
        TestSinks.STRICT, MacieHints.NONE)).hasSize(3);
  }

  @Test
  void errorsNameTheLineOfTheFile() throws IOException {
    byte[] bytes = utf8("{\"a\":1}\n{\"a\":2}\n{\"a\":\n");
    List<LineSlice> slices = slices(Format.JSONL, "t.jsonl", bytes, 9);
    LineSlice last = slices.get(slices.size() - 1);
    assertThatThrownBy(() -> Format.JSONL.redactor(TestSinks.STRICT, "t.jsonl", null,
            MacieHints.NONE, FlaggedRecords.NONE, last, from -> new ByteArrayInputStream(bytes, (int) from, bytes.length - (int) from), 0)
        .redact(new LineReader(new ByteArrayInputStream(bytes, (int) last.start(),
            (int) last.length()), 1 << 20, last.linesBefore()), new TestSinks(), new FileStats()))
        .isInstanceOf(MalformedRecordException.class).hasMessageStartingWith("line 3");
  }

  @Test
  void aLargeFileIsCutIntoEqualRangesInFullWavesOfTheCores() {
    long mib128 = 128L << 20;
    // 2 GB on 2 cores: 16 ranges, not 15 of 128 MiB and a last wave of one task
    assertThat(LineSplits.ranges(2_001_200_000L, mib128, 2)).isEqualTo(16);
    assertThat(LineSplits.ranges(2_001_200_000L, mib128, 1)).isEqualTo(15);
    // fewer ranges than cores: no more of them
    assertThat(LineSplits.ranges(300_000_000L, mib128, 200)).isEqualTo(3);
    // never more ranges than bytes
    assertThat(LineSplits.ranges(5, 1, 8)).isEqualTo(5);
    // equal: 16 ranges of 2,017,500,000 bytes, none of them the 4 MB tail of 128 MiB cuts
    long length = 2_017_500_000L;
    int n = LineSplits.ranges(length, mib128, 2);
    assertThat(n).isEqualTo(16);
    assertThat(LineSplits.rangeStart(0, n, length)).isZero();
    assertThat(LineSplits.rangeStart(n, n, length)).isEqualTo(length);
    for (int i = 0; i < n; i++) {
      assertThat(LineSplits.rangeStart(i + 1, n, length) - LineSplits.rangeStart(i, n, length))
          .isBetween(length / n, length / n + 1);
    }
  }

  @Test
  void aScanReadsTheSameWhereverTheStreamCutsItsReads() throws IOException {
    String[] pieces = {"a", ",", "\"", "\n", "\r", "\r\n", " ", "é", "\u3000", "-----BEGIN ", "-",
        "[", "{"};
    Random random = new Random(5);
    for (int t = 0; t < 60; t++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = utf8(text.toString());
      for (Format format : List.of(Format.CSV, Format.JSONL, Format.TEXT)) {
        for (long start = 0; start < bytes.length; start++) {
          int from = (int) Math.max(0, start - 1);
          long end = Math.min(bytes.length, start + 1 + random.nextInt(8));
          LineSplits.RangeScan whole = LineSplits.scan(format, "t.json",
              new ByteArrayInputStream(bytes, from, bytes.length - from), start, end,
              bytes.length);
          LineSplits.RangeScan byteByByte = LineSplits.scan(format, "t.json",
              new FilterInputStream(new ByteArrayInputStream(bytes, from, bytes.length - from)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                  return super.read(b, off, Math.min(len, 1));
                }
              }, start, end, bytes.length);
          assertThat(byteByByte).as("%s %s [%d, %d)", format, text, start, end)
              .isEqualTo(whole);
        }
      }
    }
  }

  @Test
  void aValueWrappedAtASliceBoundaryIsRedactedOnBothSidesOfIt() throws IOException {
    // "SSN 536-22-\n" is bytes 0..11: a split of 12 cuts the SSN at its wrap
    String text = "SSN 536-22-\n8045 on file.\nmail ana.pe\nrez@example.com now\n";
    List<LineSlice> slices = splitsAsWhole(Format.TEXT, "t.txt", text, 12, TestSinks.STRICT,
        MacieHints.NONE);
    assertThat(slices.get(0)).isEqualTo(new LineSlice(0, 4, 0, 12, 0, 0));
    assertThat(split(Format.TEXT, "t.txt", utf8(text), slices, TestSinks.STRICT,
        MacieHints.NONE).data()).isEqualTo("SSN <US_SSN>\n<US_SSN> on file.\n"
        + "mail <EMAIL_ADDRESS>\n<EMAIL_ADDRESS> now\n");
  }

  @Test
  void valuesWrappedOverSeveralLinesProtectInSlicesAsWhole() throws IOException {
    String text = "SSN 536-\n22-\n8045 on file.\nIBAN DE89 3704\n0044 0532\n0130 00 paid\n"
        + "mail ana.perez@\n\nexample.com now\ncard 4111111111\n111111 ok\n"
        + "xé".repeat(EDGE / 3) + " 536-22-\n8045 ünïcödé 😀\r\nend\n";
    for (long size = 1; size < utf8(text).length; size += size < 120 ? 1 : 97) {
      splitsAsWhole(Format.TEXT, "t.txt", text, size, TestSinks.STRICT, MacieHints.NONE);
    }
    assertThat(whole(Format.TEXT, "t.txt", text, TestSinks.STRICT, MacieHints.NONE).data())
        .startsWith("SSN <US_SSN>\n<US_SSN>\n<US_SSN> on file.\nIBAN <IBAN_CODE>\n")
        .endsWith(" <US_SSN>\n<US_SSN> ünïcödé 😀\r\nend\n");
  }

  private static final int EDGE = TextRedactor.EDGE_BYTES + 5;
}
