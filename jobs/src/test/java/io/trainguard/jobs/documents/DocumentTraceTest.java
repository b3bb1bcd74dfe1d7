package io.trainguard.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.DebugLogCapture;
import io.trainguard.jobs.format.DocumentExtractor;
import io.trainguard.jobs.format.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/**
 * What parsing a document leaves outside its text: no spooled copy in the shared temp directory,
 * no document content in logs.
 */
public class DocumentTraceTest {

  private static final String CANARY = "zz9canary@example.org";

  /**
   * A DOCX no other test run writes (its text holds a fresh UUID), with more text than the
   * extractor buffers, so that its parser is still at work when the first text is read.
   */
  private static byte[] uniqueDocx() throws IOException {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("spool check " + UUID.randomUUID());
      java.util.Random random = new java.util.Random(7); // random words: no zip bomb
      for (int p = 0; p < 3_000; p++) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < 800; c++) {
          line.append(c % 6 == 5 ? ' ' : (char) ('a' + random.nextInt(26)));
        }
        doc.createParagraph().createRun().setText(line.toString());
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void ooxmlIsSpooledOnlyInsideAPrivateWorkDirectoryAndRemoved() throws Exception {
    byte[] docx = uniqueDocx();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> copies;
    try (DocumentExtractor extractor = new DocumentExtractor(new ByteArrayInputStream(docx),
        "report.docx", DocumentLimits.DEFAULTS)) {
      assertThat(extractor.text().read()).as("parsing has begun").isNotNegative();
      copies = copiesOf(docx, tmp);
      extractor.text().readAllBytes();
      extractor.finish();
    }
    assertThat(copies).as("Tika spools OOXML to a file").isNotEmpty();
    for (Path copy : copies) {
      assertThat(copy.getParent()).as("spooled in its own directory").isNotEqualTo(tmp);
      assertThat(copy.getParent().getFileName().toString()).startsWith("trainguard-work-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent())))
          .isEqualTo("rwx------");
      assertThat(copy).as("removed after the parse").doesNotExist();
    }
  }

  /** Files under {@code tmp} (two levels) whose bytes are exactly {@code document}. */
  private static List<Path> copiesOf(byte[] document, Path tmp) throws IOException {
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tmp, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(p) && Files.isReadable(p) && Files.size(p) == document.length
              && Arrays.equals(Files.readAllBytes(p), document)) {
            copies.add(p);
          }
        } catch (IOException | SecurityException vanished) {
          // other processes' temp files come and go
        }
      }
    } catch (java.io.UncheckedIOException vanished) {
      // a directory removed while walking
    }
    return copies;
  }

  @Test
  void pdfParserWarningsNeverQuoteTheDocument() throws Exception {
    byte[] pdf = pdfWithFontNamed(CANARY);
    String text;
    String logs;
    try (DebugLogCapture capture = new DebugLogCapture()) {
      text = DocumentExtractorTest.extract(pdf, "letter.pdf", DocumentExtractorTest.SMALL);
      logs = capture.text();
    }
    assertThat(text).contains("Dear reader");
    assertThat(logs).doesNotContain(CANARY);
  }

  /** One page drawn in a TrueType font that is not embedded, named {@code fontName}. */
  public static byte[] pdfWithFontNamed(String fontName) throws IOException {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      COSDictionary descriptor = new COSDictionary();
      descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
      descriptor.setItem(COSName.FONT_NAME, COSName.getPDFName(fontName));
      descriptor.setInt(COSName.FLAGS, 32);
      COSArray box = new COSArray();
      for (int v : new int[] {0, -200, 1000, 900}) {
        box.add(COSInteger.get(v));
      }
      descriptor.setItem(COSName.FONT_BBOX, box);
      descriptor.setInt(COSName.ITALIC_ANGLE, 0);
      descriptor.setInt(COSName.ASCENT, 900);
      descriptor.setInt(COSName.DESCENT, -200);
      descriptor.setInt(COSName.CAP_HEIGHT, 700);
      descriptor.setInt(COSName.STEM_V, 80);
      COSDictionary font = new COSDictionary();
      font.setItem(COSName.TYPE, COSName.FONT);
      font.setItem(COSName.SUBTYPE, COSName.TRUE_TYPE);
      font.setItem(COSName.BASE_FONT, COSName.getPDFName(fontName));
      font.setItem(COSName.ENCODING, COSName.WIN_ANSI_ENCODING);
      font.setItem(COSName.FONT_DESC, descriptor);
      COSDictionary fonts = new COSDictionary();
      fonts.setItem(COSName.getPDFName("F1"), font);
      PDResources resources = new PDResources();
      resources.getCOSObject().setItem(COSName.FONT, fonts);
      page.setResources(resources);
      PDStream content = new PDStream(doc);
      try (OutputStream s = content.createOutputStream()) {
        s.write("BT /F1 12 Tf 72 700 Td (Dear reader) Tj ET".getBytes(StandardCharsets.US_ASCII));
      }
      page.setContents(content);
      doc.save(out);
      return out.toByteArray();
    }
  }
}
