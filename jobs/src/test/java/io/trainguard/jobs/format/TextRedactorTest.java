package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TextRedactorTest {

  static String redact(String text, FileStats stats) throws IOException {
    return redact(text, stats, new TestSinks());
  }

  static String redact(String text, FileStats stats, TestSinks out) throws IOException {
    Format.TEXT.redactor(TestSinks.STRICT, "t.txt", null, MacieHints.NONE)
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

  @Test
  void truncatedKeyBlockIsOneRecordToTheEnd() throws IOException {
    String text = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0abc\nxyz\n";
    TestSinks out = new TestSinks();
    assertThat(redact(text, new FileStats(), out)).isEmpty();
    assertThat(out.quarantine.toString()).isEqualTo(text);
  }
}
