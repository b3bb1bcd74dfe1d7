package io.trainguard.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.jobs.format.DocumentExtractor;
import io.trainguard.jobs.format.DocumentExtractor.RejectedException;
import io.trainguard.jobs.format.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tika extraction under limits, without Spark: timeout, text limit, zip bombs, embedding. */
class DocumentExtractorTest {

  static final DocumentLimits SMALL = new DocumentLimits(1 << 20, 100_000, Duration.ofMinutes(1),
      4);

  /** Everything a reader gets from {@link DocumentExtractor#text()}, and then the verdict. */
  static String extract(byte[] document, String name, DocumentLimits limits) throws IOException {
    try (DocumentExtractor extractor = new DocumentExtractor(new ByteArrayInputStream(document),
        name, limits)) {
      String text = new String(extractor.text().readAllBytes(), StandardCharsets.UTF_8);
      extractor.finish();
      return text;
    }
  }

  static RejectedException rejection(byte[] document, String name, DocumentLimits limits) {
    return (RejectedException) org.assertj.core.api.Assertions.catchThrowable(
        () -> extract(document, name, limits));
  }

  @Test
  void plainDocumentTextStreamsThrough() throws IOException {
    assertThat(extract(Documents.odt(), "memo.odt", SMALL)).isEqualTo(Documents.LINE_1 + "\n"
        + Documents.LINE_2 + "\n");
  }

  @Test
  void longOrdinaryDocumentIsNotMistakenForAZipBomb() throws IOException {
    byte[] docx = Documents.longDocx(3000); // about 1.9 million chars, past Tika's ratio threshold
    String text = extract(docx, "long.docx", DocumentLimits.DEFAULTS);
    assertThat(text.length()).isGreaterThan(1_500_000);
    assertThat(text.length()).isGreaterThan(docx.length);
    assertThat(text.lines().count()).isEqualTo(3000);
  }

  @Test
  void timeoutStopsWaitingForAParserThatNeverReturnsAndInterruptsIt() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    InputStream stuck = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          never.await();
          return -1;
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw new InterruptedIOException();
        }
      }
    };
    long start = System.nanoTime();
    try (DocumentExtractor extractor = new DocumentExtractor(stuck, "slow.pdf",
        new DocumentLimits(1 << 20, 1000, Duration.ofMillis(300), 4))) {
      assertThatThrownBy(() -> extractor.text().read())
          .isInstanceOf(RejectedException.class)
          .hasMessage("limit-exceeded: parse took longer than PT0.3S");
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("parser thread interrupted").isTrue();
  }

  @Test
  void zipBombStopsAtTheTextLimitBeforeAnyTextIsDelivered() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    Documents.odtBomb(bomb, 1 << 20); // 64 MB of content.xml
    long[] delivered = new long[1];
    RejectedException e;
    try (DocumentExtractor extractor = new DocumentExtractor(
        new ByteArrayInputStream(bomb.toByteArray()), "bomb.odt", SMALL)) {
      InputStream text = extractor.text();
      byte[] buffer = new byte[8192];
      e = (RejectedException) org.assertj.core.api.Assertions.catchThrowable(() -> {
        for (int n; (n = text.read(buffer)) >= 0; ) {
          delivered[0] += n;
        }
      });
    }
    assertThat(e.reason()).isEqualTo(DocumentExtractor.LIMIT);
    assertThat(e).hasMessage("limit-exceeded: more than 100000 chars of text");
    // the first parse, for the authors, crosses the limit: no text is given at all
    assertThat(delivered[0]).isZero();
  }

  @Test
  void zipBombUnderDefaultLimitsIsCaughtByTikasCompressionRatioCheck() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    Documents.odtBomb(bomb, 1 << 20);
    RejectedException e = rejection(bomb.toByteArray(), "bomb.odt", DocumentLimits.DEFAULTS);
    assertThat(e).hasMessage("limit-exceeded: suspected zip bomb (Tika's compression ratio or"
        + " nesting check)");
  }

  @Test
  void embeddedDocumentsAreParsedUpToTheDepthLimit() throws IOException {
    byte[] mail = ("From: a@example.org\r\nSubject: notes\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n"
        + "--b\r\nContent-Type: text/html; name=\"notes.html\"\r\n"
        + "Content-Disposition: attachment; filename=\"notes.html\"\r\n\r\n"
        + "<html><body><p>" + Documents.LINE_2 + "</p></body></html>\r\n"
        + "--b--\r\n").getBytes(StandardCharsets.UTF_8);
    String text = extract(mail, "mail.eml", SMALL);
    assertThat(text).contains("See the attachment.", Documents.LINE_2);
    assertThat(rejection(mail, "mail.eml", new DocumentLimits(1 << 20, 100_000,
        Duration.ofMinutes(1), 0))).hasMessage("limit-exceeded: documents embedded more than 0 deep");
  }

  @Test
  void anEmbeddedArchiveNoBundledParserReadsRejectsTheDocument() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream entries = new java.util.zip.ZipOutputStream(zip)) {
      entries.putNextEntry(new java.util.zip.ZipEntry("notes.txt"));
      entries.write(Documents.LINE_2.getBytes(StandardCharsets.UTF_8));
      entries.closeEntry();
    }
    byte[] mail = ("From: a@example.org\r\nSubject: notes\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n"
        + "--b\r\nContent-Type: application/octet-stream; name=\"notes.zip\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + java.util.Base64.getMimeEncoder().encodeToString(zip.toByteArray()) + "\r\n"
        + "--b--\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(rejection(mail, "mail.eml", SMALL)).hasMessage("unsupported-document: an embedded"
        + " application/zip that no bundled parser reads");
  }

  @Test
  void rejectionsNameTheirReasonAndNoContent() throws IOException {
    assertThat(rejection(Documents.pdf("owner", "user"), "secret.pdf", SMALL))
        .hasMessage("encrypted-document: password-protected or encrypted");
    RejectedException corrupt = rejection(Documents.truncated(Documents.docx(), 0.5), "a.docx",
        SMALL);
    assertThat(corrupt.reason()).isEqualTo(DocumentExtractor.CORRUPT);
    assertThat(corrupt.getMessage()).startsWith("corrupt-document: cannot be parsed (");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    assertThat(rejection(png, "picture.doc", SMALL))
        .hasMessage("unsupported-document: no parser for image/png");
  }
}
