package io.trainguard.jobs.documents;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.poi.hslf.record.Comment2000;
import org.apache.poi.hslf.record.RecordTypes;
import org.apache.poi.hslf.usermodel.HSLFSlide;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFClientAnchor;
import org.apache.poi.hssf.usermodel.HSSFComment;
import org.apache.poi.hssf.usermodel.HSSFRichTextString;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small documents of every supported type, generated here (nothing downloaded). */
final class Documents {

  static final String EMAIL = "ana.perez@example.com";
  static final String SSN = "536-22-8049";
  static final String AUTHOR = "Ana Perez";
  static final String LINE_1 = "Contact " + EMAIL + " about the quarterly report.";
  static final String LINE_2 = "SSN " + SSN + " was filed on time.";

  private Documents() {}

  static byte[] pdf(String ownerPassword, String userPassword) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(72, 700);
        text.showText(LINE_1);
        text.newLineAtOffset(0, -16);
        text.showText(LINE_2);
        text.endText();
      }
      doc.getDocumentInformation().setAuthor(AUTHOR);
      doc.getDocumentInformation().setTitle("Quarterly report");
      if (userPassword != null) {
        StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword,
            userPassword, new AccessPermission());
        policy.setEncryptionKeyLength(128);
        doc.protect(policy);
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A PDF with one line of text per string. */
  static byte[] pdfLines(String... lines) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(72, 700);
        for (String line : lines) {
          text.showText(line);
          text.newLineAtOffset(0, -16);
        }
        text.endText();
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** A DOCX whose {@code word/document.xml} body is {@code bodyXml}, written as raw XML. */
  static byte[] rawDocx(String bodyXml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/"
          + "vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
          + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
      entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
          + "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
          + "</Relationships>");
      entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
          + "main\"><w:body>" + bodyXml + "</w:body></w:document>");
    }
    return out.toByteArray();
  }

  /** A DOCX whose text {@code text} carries a comment by {@code author} saying {@code note}. */
  static byte[] docxWithComment(String text, String author, String note) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/"
          + "vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
          + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
          + "<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
          + "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>");
      entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
          + "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
          + "</Relationships>");
      entry(zip, "word/_rels/document.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          + "relationships\"><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
          + "officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>"
          + "</Relationships>");
      entry(zip, "word/comments.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<w:comments " + w + "><w:comment w:id=\"0\" w:author=\"" + author + "\">"
          + "<w:p><w:r><w:t>" + note + "</w:t></w:r></w:p></w:comment></w:comments>");
      entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<w:document " + w + "><w:body><w:p><w:commentRangeStart w:id=\"0\"/>"
          + "<w:r><w:t>" + text + "</w:t></w:r><w:commentRangeEnd w:id=\"0\"/>"
          + "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p></w:body></w:document>");
    }
    return out.toByteArray();
  }

  /** An XLSX whose cell holding {@code text} carries a comment by {@code author}. */
  static byte[] xlsxWithComment(String text, String author, String note) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Budget");
      XSSFCell cell = sheet.createRow(0).createCell(0);
      cell.setCellValue(text);
      XSSFComment comment = sheet.createDrawingPatriarch()
          .createCellComment(new XSSFClientAnchor(0, 0, 0, 0, 2, 1, 4, 4));
      comment.setAuthor(author);
      comment.setString(new XSSFRichTextString(note));
      cell.setCellComment(comment);
      book.write(out);
      return out.toByteArray();
    }
  }

  /** An XLS whose cell holding {@code text} carries a comment by {@code author}. */
  static byte[] xlsWithComment(String text, String author, String note) throws IOException {
    try (HSSFWorkbook book = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      HSSFSheet sheet = book.createSheet("Budget");
      HSSFCell cell = sheet.createRow(0).createCell(0);
      cell.setCellValue(text);
      HSSFComment comment = sheet.createDrawingPatriarch()
          .createCellComment(new HSSFClientAnchor(0, 0, 0, 0, (short) 2, 1, (short) 4, 4));
      comment.setAuthor(author);
      comment.setString(new HSSFRichTextString(note));
      cell.setCellComment(comment);
      book.write(out);
      return out.toByteArray();
    }
  }

  /**
   * A PPT whose slide {@code text} carries a comment by {@code author}. POI has no call that
   * adds one: the {@code Comment2000} record goes where POI reads it, inside the slide's
   * ProgTags, ProgBinaryTag and BinaryTagData containers.
   */
  static byte[] pptWithComment(String text, String author, String note) throws IOException {
    try (HSLFSlideShow show = new HSLFSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      HSLFSlide slide = show.createSlide();
      HSLFTextBox box = slide.createTextBox();
      box.setAnchor(new Rectangle(50, 50, 500, 200));
      box.setText(text);
      Comment2000 comment = new Comment2000();
      comment.setAuthor(author);
      comment.setAuthorInitials(initials(author));
      comment.setText(note);
      ByteArrayOutputStream record = new ByteArrayOutputStream();
      comment.writeOut(record);
      byte[] tags = container(RecordTypes.ProgTags.typeID, container(
          RecordTypes.ProgBinaryTag.typeID, container(RecordTypes.BinaryTagData.typeID,
              record.toByteArray())));
      slide.getSheetContainer().appendChildRecord(
          org.apache.poi.hslf.record.Record.createRecordForType(
              RecordTypes.ProgTags.typeID, tags, 0, tags.length));
      show.write(out);
      return out.toByteArray();
    }
  }

  /** A PowerPoint record container of {@code type} holding {@code body}. */
  private static byte[] container(int type, byte[] body) {
    byte[] out = new byte[8 + body.length];
    out[0] = 0x0F; // version 0xF: a container
    out[2] = (byte) type;
    out[3] = (byte) (type >> 8);
    for (int b = 0; b < 4; b++) {
      out[4 + b] = (byte) (body.length >> (8 * b));
    }
    System.arraycopy(body, 0, out, 8, body.length);
    return out;
  }

  /** The first letter of each word of {@code author}, in upper case: {@code SR}. */
  static String initials(String author) {
    StringBuilder initials = new StringBuilder();
    for (String word : author.split(" ")) {
      initials.append(Character.toUpperCase(word.charAt(0)));
    }
    return initials.toString();
  }

  /** A PPTX whose slide {@code text} carries a comment by {@code author}. */
  static byte[] pptxWithComment(String text, String author, String note) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSLFSlide slide = show.createSlide();
      XSLFTextBox box = slide.createTextBox();
      box.setAnchor(new Rectangle(50, 50, 500, 200));
      box.setText(text);
      String p = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";
      String ct = "application/vnd.openxmlformats-officedocument.presentationml.";
      String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
      try {
        part(show.getPackage(), show.getPackagePart(), "/ppt/commentAuthors.xml",
            ct + "commentAuthors+xml", rel + "commentAuthors", "<p:cmAuthorLst " + p
            + "><p:cmAuthor id=\"0\" name=\"" + author + "\" initials=\"" + initials(author) + "\" lastIdx=\"1\""
            + " clrIdx=\"0\"/></p:cmAuthorLst>");
        part(show.getPackage(), slide.getPackagePart(), "/ppt/comments/comment1.xml",
            ct + "comments+xml", rel + "comments", "<p:cmLst " + p + "><p:cm authorId=\"0\""
            + " dt=\"2025-07-01T10:00:00.000\" idx=\"1\"><p:pos x=\"10\" y=\"10\"/><p:text>" + note
            + "</p:text></p:cm></p:cmLst>");
      } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
        throw new IOException(e);
      }
      show.write(out);
      return out.toByteArray();
    }
  }

  private static void part(org.apache.poi.openxml4j.opc.OPCPackage pkg,
      org.apache.poi.openxml4j.opc.PackagePart from, String name, String contentType,
      String relType, String xml)
      throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
    org.apache.poi.openxml4j.opc.PackagePartName partName =
        org.apache.poi.openxml4j.opc.PackagingURIHelper.createPartName(name);
    org.apache.poi.openxml4j.opc.PackagePart part = pkg.createPart(partName, contentType);
    try (OutputStream os = part.getOutputStream()) {
      os.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml)
          .getBytes(StandardCharsets.UTF_8));
    }
    from.addRelationship(partName, org.apache.poi.openxml4j.opc.TargetMode.INTERNAL, relType);
  }

  /** A PDF whose line {@code text} carries a sticky note by {@code author}. */
  static byte[] pdfWithAnnotation(String text, String author, String note) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      PDAnnotationText annotation = new PDAnnotationText();
      annotation.setRectangle(new PDRectangle(72, 650, 20, 20));
      annotation.setTitlePopup(author);
      annotation.setContents(note);
      page.getAnnotations().add(annotation);
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** An RTF whose paragraph {@code text} carries an annotation by {@code author}. */
  static byte[] rtfWithAnnotation(String text, String author, String note) {
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}\n"
        + "\\f0\\pard " + text + "{\\*\\atnid " + initials(author) + "}{\\*\\atnauthor " + author
        + "}\\chatn{\\*\\annotation{\\*\\atnref 0}\\pard " + note + "}\\par\n}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** An ODT whose paragraph {@code text} carries an annotation by {@code author}. */
  static byte[] odtWithAnnotation(String text, String author, String note) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      odtEntries(zip);
      entry(zip, "content.xml", ODF_CONTENT_HEAD.replace(" office:version=",
          " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=") + "<text:p>" + text
          + "<office:annotation><dc:creator>" + author + "</dc:creator>"
          + "<dc:date>2025-07-01T10:00:00</dc:date><text:p>" + note
          + "</text:p></office:annotation></text:p>" + ODF_CONTENT_TAIL);
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, String content)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  static byte[] docx() throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText(LINE_1);
      doc.createParagraph().createRun().setText(LINE_2);
      doc.getProperties().getCoreProperties().setCreator(AUTHOR);
      doc.getProperties().getCoreProperties().setLastModifiedByUser("Bo Lindqvist");
      doc.getProperties().getCoreProperties().setTitle("Quarterly report");
      doc.write(out);
      return out.toByteArray();
    }
  }

  /** A DOCX of {@code paragraphs} paragraphs of 100 pseudo-random lowercase words each. */
  static byte[] longDocx(int paragraphs) throws IOException {
    java.util.Random random = new java.util.Random(42);
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int p = 0; p < paragraphs; p++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 100; w++) {
          for (int c = 0, n = 2 + random.nextInt(8); c < n; c++) {
            text.append((char) ('a' + random.nextInt(26)));
          }
          text.append(' ');
        }
        doc.createParagraph().createRun().setText(text.toString());
      }
      doc.write(out);
      return out.toByteArray();
    }
  }

  static byte[] xlsx() throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Contacts");
      XSSFRow header = sheet.createRow(0);
      header.createCell(0).setCellValue("email");
      header.createCell(1).setCellValue("note");
      XSSFRow row = sheet.createRow(1);
      row.createCell(0).setCellValue(EMAIL);
      row.createCell(1).setCellValue(LINE_2);
      book.write(out);
      return out.toByteArray();
    }
  }

  static byte[] pptx() throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSLFTextBox box = show.createSlide().createTextBox();
      box.setAnchor(new Rectangle(50, 50, 500, 200));
      box.setText(LINE_1);
      box.addNewTextParagraph().addNewTextRun().setText(LINE_2);
      show.write(out);
      return out.toByteArray();
    }
  }

  static byte[] html() {
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Quarterly report</title>"
        + "<meta name=\"author\" content=\"" + AUTHOR + "\"></head>\n<body><p>" + LINE_1
        + "</p>\n<p>" + LINE_2 + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] eml() {
    return ("From: " + AUTHOR + " <" + EMAIL + ">\r\n"
        + "To: Team <team@example.org>\r\n"
        + "Subject: Quarterly report\r\n"
        + "Date: Tue, 1 Jul 2025 10:00:00 +0000\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n"
        + LINE_1 + "\r\n" + LINE_2 + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] rtf() {
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}"
        + "{\\info{\\author " + AUTHOR + "}}\n"
        + "\\f0\\pard " + LINE_1 + "\\par\n"
        + "\\pard " + LINE_2 + "\\par\n}").getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] odt() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      odtEntries(zip);
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write((ODF_CONTENT_HEAD + "<text:p>" + LINE_1 + "</text:p><text:p>" + LINE_2
          + "</text:p>" + ODF_CONTENT_TAIL).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /**
   * An ODT whose content.xml inflates to {@code paragraphs} copies of a 64-char paragraph (64 MB
   * for a million) from about a thousandth of that: a zip bomb, streamed, never held in memory.
   */
  static void odtBomb(OutputStream out, int paragraphs) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      odtEntries(zip);
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(ODF_CONTENT_HEAD.getBytes(StandardCharsets.UTF_8));
      byte[] paragraph = "<text:p>all work and no play makes a dull report</text:p>\n"
          .getBytes(StandardCharsets.UTF_8);
      byte[] block = new byte[paragraph.length * 1024];
      for (int i = 0; i < 1024; i++) {
        System.arraycopy(paragraph, 0, block, i * paragraph.length, paragraph.length);
      }
      for (int i = 0; i < paragraphs / 1024; i++) {
        zip.write(block);
      }
      zip.write(ODF_CONTENT_TAIL.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
  }

  /** The first {@code fraction} of {@code document}: a truncated, corrupt file. */
  static byte[] truncated(byte[] document, double fraction) {
    return Arrays.copyOf(document, (int) (document.length * fraction));
  }

  private static final String ODF_CONTENT_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<office:document-content"
      + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
      + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
      + "<office:body><office:text>";
  private static final String ODF_CONTENT_TAIL = "</office:text></office:body>"
      + "</office:document-content>\n";

  private static void odtEntries(ZipOutputStream zip) throws IOException {
    byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
    ZipEntry entry = new ZipEntry("mimetype");
    entry.setMethod(ZipEntry.STORED); // first and uncompressed, as ODF requires
    entry.setSize(mimetype.length);
    CRC32 crc = new CRC32();
    crc.update(mimetype);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(mimetype);
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest"
        + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
        + " manifest:version=\"1.2\">"
        + "<manifest:file-entry manifest:full-path=\"/\""
        + " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
        + "</manifest:manifest>\n").getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
