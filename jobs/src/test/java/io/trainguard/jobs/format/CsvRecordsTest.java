package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How CSV records are read: multi-line cells in work linear in their size, and bounded. */
class CsvRecordsTest {

  @ParameterizedTest
  @ValueSource(ints = {1_000, 4_000, 16_000})
  void aQuotedCellSpanningManyLinesIsParsedInWorkLinearInItsSize(int lines) throws IOException {
    String cell = "line of text\n".repeat(lines);
    String csv = "id,text\n1,\"" + cell + "end\"\n2,x\n";
    LineReader in = new LineReader(utf8(csv), 1 << 20);
    in.next(); // the header
    CsvCodec.Records records = new CsvCodec.Records(in, 2);

    CsvCodec.Item first = records.next();
    CsvCodec.Item second = records.next();

    assertThat(first.cells()).extracting(CsvCodec.Cell::value)
        .containsExactly("1", cell + "end");
    assertThat(first.text()).isEqualTo("1,\"" + cell + "end\"\n");
    assertThat(first.row()).isEqualTo(2);
    assertThat(second.cells()).extracting(CsvCodec.Cell::value).containsExactly("2", "x");
    assertThat(records.next()).isNull();
    // Each char is examined at most twice: once to find where the record ends, once to split it.
    assertThat(records.charsParsed()).isLessThanOrEqualTo(2L * csv.length());
  }

  @Test
  void aQuotedCellThatNeverClosesIsAMalformedRecordOfTheRestNamingItsRow() throws IOException {
    LineReader in = new LineReader(utf8("a,b\n1,2\n3,\"open\n\nmore \"\"x\"\"\n"), 1 << 20);
    in.next();
    CsvCodec.Records records = new CsvCodec.Records(in, 2);
    records.next();
    CsvCodec.Item item = records.next();
    assertThat(item.malformed()).isEqualTo("row 3 (line 3): unterminated quoted cell");
    assertThat(item.text()).isEqualTo("3,\"open\n\nmore \"\"x\"\"\n");
    assertThat(item.cells()).isEmpty();
    assertThat(records.next()).isNull();
  }

  @Test
  void quotesAcrossLinesEscapedQuotesAndCrLfEndTheRecordWhereTheQuoteCloses()
      throws IOException {
    String csv = "a,b\r\n\"x\"\"\r\n\"\"\",\"\r\n\r\n\"\r\nz,\"\"\r\n";
    LineReader in = new LineReader(utf8(csv), 1 << 20);
    in.next();
    CsvCodec.Records records = new CsvCodec.Records(in, 2);
    CsvCodec.Item item = records.next();
    assertThat(item.cells()).extracting(CsvCodec.Cell::value)
        .containsExactly("x\"\r\n\"", "\r\n\r\n");
    assertThat(item.text()).isEqualTo("\"x\"\"\r\n\"\"\",\"\r\n\r\n\"\r\n");
    assertThat(records.next().cells()).extracting(CsvCodec.Cell::value)
        .containsExactly("z", "");
  }
}
