package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Hands out one byte per read: every buffer boundary, inside multi-byte chars too. */
  static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  static List<String> lines(LineReader r) throws IOException {
    List<String> out = new ArrayList<>();
    String line;
    while ((line = r.next()) != null) {
      out.add(line);
    }
    return out;
  }

  @Test
  void keepsEachKindOfTerminator() throws IOException {
    assertThat(lines(new LineReader(utf8("a\nb\r\nc\rd"), 100)))
        .containsExactly("a\n", "b\r\n", "c\r", "d");
    assertThat(lines(new LineReader(utf8(""), 100))).isEmpty();
    assertThat(lines(new LineReader(utf8("\n\n"), 100))).containsExactly("\n", "\n");
  }

  @Test
  void crlfAndMultiByteCharsSplitAcrossReads() throws IOException {
    String text = "x".repeat(65535) + "\r\n" + "y";
    assertThat(lines(new LineReader(utf8(text), 1 << 20)))
        .containsExactly("x".repeat(65535) + "\r\n", "y");
    byte[] mixed = "ab\r\ncaf\u00e9 \uD83D\uDE00\r\re\n".getBytes(StandardCharsets.UTF_8);
    assertThat(lines(new LineReader(trickle(mixed), 100)))
        .containsExactly("ab\r\n", "caf\u00e9 \uD83D\uDE00\r", "\r", "e\n");
  }

  @Test
  void countsLines() throws IOException {
    LineReader r = new LineReader(utf8("a\nb\n"), 100);
    r.next();
    assertThat(r.lineNumber()).isEqualTo(1);
    r.next();
    assertThat(r.lineNumber()).isEqualTo(2);
    assertThat(r.next()).isNull();
  }

  @Test
  void invalidUtf8FailsOnTheLineThatHoldsIt() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("ok 1\nok 2\nbad ".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3); // a lead byte followed by ASCII: malformed
    bytes.writeBytes("x\nok 4\n".getBytes(StandardCharsets.UTF_8));
    for (InputStream in : List.of(new ByteArrayInputStream(bytes.toByteArray()),
        trickle(bytes.toByteArray()))) {
      LineReader r = new LineReader(in, 100);
      assertThat(r.next()).isEqualTo("ok 1\n");
      assertThat(r.next()).isEqualTo("ok 2\n");
      assertThatThrownBy(r::next).isInstanceOf(CharacterCodingException.class);
      assertThat(r.lineNumber() + 1).isEqualTo(3);
    }
  }

  @Test
  void latin1IsNotUtf8() {
    byte[] latin1 = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> lines(new LineReader(new ByteArrayInputStream(latin1), 100)))
        .isInstanceOf(CharacterCodingException.class);
  }

  @Test
  void refusesLinesOverTheLimit() {
    String text = "ok\n" + "z".repeat(200_000) + "\n";
    assertThatThrownBy(() -> lines(new LineReader(utf8(text), 100_000)))
        .isInstanceOf(LineReader.LineTooLongException.class)
        .hasMessage("line 2 is longer than 100000 chars");
    // A first line that ends inside the buffer it overflows is still line 1.
    assertThatThrownBy(() -> lines(new LineReader(utf8("y".repeat(100_001) + "\n"), 100_000)))
        .hasMessage("line 1 is longer than 100000 chars");
  }
}
