package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextRedactorTest {

  static String redact(String text, FileStats stats) throws IOException {
    StringWriter out = new StringWriter();
    Format.TEXT.redactor(CsvRedactorTest.PROTECTOR)
        .redact(new LineReader(utf8(text), 1 << 20), out, stats);
    return out.toString();
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
    assertThat(redact(text, stats)).isEqualTo("config follows\n<PRIVATE_KEY>\ndone\n");
    assertThat(stats.records()).isEqualTo(3);
    assertThat(stats.findingsByEntity()).containsEntry("PRIVATE_KEY", 1L);
  }

  @Test
  void truncatedKeyBlockIsRedactedToTheEnd() throws IOException {
    String text = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0abc\nxyz\n";
    assertThat(redact(text, new FileStats())).isEqualTo("<PRIVATE_KEY>\n");
  }
}
