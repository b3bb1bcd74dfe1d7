package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  static List<String> lines(Reader reader, int max) throws IOException {
    LineReader r = new LineReader(reader, max);
    List<String> out = new ArrayList<>();
    String line;
    while ((line = r.next()) != null) {
      out.add(line);
    }
    return out;
  }

  @Test
  void keepsEachKindOfTerminator() throws IOException {
    assertThat(lines(new StringReader("a\nb\r\nc\rd"), 100))
        .containsExactly("a\n", "b\r\n", "c\r", "d");
    assertThat(lines(new StringReader(""), 100)).isEmpty();
    assertThat(lines(new StringReader("\n\n"), 100)).containsExactly("\n", "\n");
  }

  @Test
  void crlfSplitAcrossReadsStaysOneTerminator() throws IOException {
    String text = "x".repeat(65535) + "\r\n" + "y";
    assertThat(lines(new StringReader(text), 1 << 20))
        .containsExactly("x".repeat(65535) + "\r\n", "y");
    // A reader returning one char at a time exercises every buffer boundary.
    Reader trickle = new StringReader("ab\r\ncd\r\re\n") {
      @Override
      public int read(char[] cbuf, int off, int len) throws IOException {
        return super.read(cbuf, off, Math.min(len, 1));
      }
    };
    assertThat(lines(trickle, 100)).containsExactly("ab\r\n", "cd\r", "\r", "e\n");
  }

  @Test
  void countsLines() throws IOException {
    LineReader r = new LineReader(new StringReader("a\nb\n"), 100);
    r.next();
    assertThat(r.lineNumber()).isEqualTo(1);
    r.next();
    assertThat(r.lineNumber()).isEqualTo(2);
    assertThat(r.next()).isNull();
  }

  @Test
  void refusesLinesOverTheLimit() {
    String text = "ok\n" + "z".repeat(200_000) + "\n";
    assertThatThrownBy(() -> lines(new StringReader(text), 100_000))
        .isInstanceOf(LineReader.LineTooLongException.class)
        .hasMessage("line 2 is longer than 100000 chars");
  }
}
