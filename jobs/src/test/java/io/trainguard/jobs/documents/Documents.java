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
    return docxParts(bodyXml, "");
  }

  /** A DOCX whose text {@code text} carries a comment by {@code author} saying {@code note}. */
  static byte[] docxWithComment(String text, String author, String note) throws IOException {
    return docxParts("<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>" + text
        + "</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/>"
        + "</w:r></w:p>", "<w:comment w:id=\"0\" w:author=\"" + author + "\"><w:p><w:r><w:t>"
        + note + "</w:t></w:r></w:p></w:comment>");
  }

  /**
   * A DOCX written as raw XML: {@code bodyXml} in {@code word/document.xml}, {@code commentsXml}
   * (when not empty) in {@code word/comments.xml}.
   */
  private static byte[] docxParts(String bodyXml, String commentsXml) throws IOException {
    String w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    String ct = "application/vnd.openxmlformats-";
    String rel = "http://schemas.openxmlformats.org/";
    StringBuilder types = new StringBuilder(override("/word/document.xml",
        ct + "officedocument.wordprocessingml.document.main+xml"));
    String rels = relationship("rId1", rel + "officeDocument/2006/relationships/officeDocument",
        "word/document.xml");
    if (!commentsXml.isEmpty()) {
      types.append(override("/word/comments.xml",
          ct + "officedocument.wordprocessingml.comments+xml"));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "[Content_Types].xml", XML
          + "<Types xmlns=\"" + rel + "package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"" + ct + "package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + types + "</Types>");
      entry(zip, "_rels/.rels", relationships(rels));
      if (!commentsXml.isEmpty()) {
        entry(zip, "word/_rels/document.xml.rels", relationships(relationship("rId2",
            rel + "officeDocument/2006/relationships/comments", "comments.xml")));
        entry(zip, "word/comments.xml", XML + "<w:comments " + w + ">" + commentsXml
            + "</w:comments>");
      }
      entry(zip, "word/document.xml", XML + "<w:document " + w + "><w:body>" + bodyXml
          + "</w:body></w:document>");
    }
    return out.toByteArray();
  }

  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private static String override(String part, String contentType) {
    return "<Override PartName=\"" + part + "\" ContentType=\"" + contentType + "\"/>";
  }

  private static String relationship(String id, String type, String target) {
    return "<Relationship Id=\"" + id + "\" Type=\"" + type + "\" Target=\"" + target + "\"/>";
  }

  private static String relationships(String body) {
    return XML + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
        + "relationships\">" + body + "</Relationships>";
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

  /**
   * A PPTX whose slide {@code text} carries a modern comment ({@code ppt/comments/
   * modernComment_*.xml}, authors in {@code ppt/authors.xml}) by {@code author} saying
   * {@code note}, and a reply by {@code replier} saying {@code reply}.
   */
  static byte[] pptxWithModernComment(String text, String author, String note, String replier,
      String reply) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSLFSlide slide = show.createSlide();
      XSLFTextBox box = slide.createTextBox();
      box.setAnchor(new Rectangle(50, 50, 500, 200));
      box.setText(text);
      String ns = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
          + " xmlns:p188=\"http://schemas.microsoft.com/office/powerpoint/2018/8/main\"";
      String ct = "application/vnd.ms-powerpoint.";
      String rel = "http://schemas.microsoft.com/office/2018/10/relationships/";
      String first = "{6E1A1D5B-8A37-4C1B-9A57-0E6F2C7D1A01}";
      String second = "{6E1A1D5B-8A37-4C1B-9A57-0E6F2C7D1A02}";
      try {
        part(show.getPackage(), show.getPackagePart(), "/ppt/authors.xml", ct + "authors+xml",
            rel + "authors", "<p188:authorLst " + ns + ">" + modernAuthor(first, author)
            + modernAuthor(second, replier) + "</p188:authorLst>");
        part(show.getPackage(), slide.getPackagePart(),
            "/ppt/comments/modernComment_100_3C0F1E2A.xml", ct + "comments+xml", rel
            + "comments", "<p188:cmLst " + ns + "><p188:cm id=\"{0B1C}\" authorId=\"" + first
            + "\" created=\"2025-07-01T10:00:00.000\"><p188:replyLst><p188:reply id=\"{0B1D}\""
            + " authorId=\"" + second + "\" created=\"2025-07-01T11:00:00.000\">"
            + modernText(reply) + "</p188:reply></p188:replyLst>" + modernText(note)
            + "</p188:cm></p188:cmLst>");
      } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
        throw new IOException(e);
      }
      show.write(out);
      return out.toByteArray();
    }
  }

  private static String modernAuthor(String id, String name) {
    return "<p188:author id=\"" + id + "\" name=\"" + name + "\" initials=\"" + initials(name)
        + "\" userId=\"" + name + "\" providerId=\"None\"/>";
  }

  private static String modernText(String text) {
    return "<p188:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-US\"/><a:t>" + text
        + "</a:t></a:r></a:p></p188:txBody>";
  }

  /**
   * An XLSX whose cell holding {@code text} carries a threaded comment ({@code xl/
   * threadedComments/*.xml}, its person in {@code xl/persons/person.xml}) by {@code person}
   * saying {@code note}, without the legacy comment Excel writes beside it.
   */
  static byte[] xlsxWithThreadedComment(String text, String person, String note)
      throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Budget");
      sheet.createRow(0).createCell(0).setCellValue(text);
      String ns = "xmlns=\"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments\"";
      String ct = "application/vnd.ms-excel.";
      String rel = "http://schemas.microsoft.com/office/2017/10/relationships/";
      String id = "{2D3F4A5B-6C7D-4E8F-9A0B-1C2D3E4F5A60}";
      try {
        part(book.getPackage(), book.getPackagePart(), "/xl/persons/person.xml",
            ct + "person+xml", rel + "person", "<personList " + ns + "><person displayName=\""
            + person + "\" id=\"" + id + "\" userId=\"" + person + "\" providerId=\"None\"/>"
            + "</personList>");
        part(book.getPackage(), sheet.getPackagePart(), "/xl/threadedComments/threadedComment1.xml",
            ct + "threadedcomments+xml", rel + "threadedComment", "<ThreadedComments " + ns
            + "><threadedComment ref=\"A1\" dT=\"2025-07-01T10:00:00.00\" personId=\"" + id
            + "\" id=\"{5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A80}\"><text>" + note + "</text>"
            + "</threadedComment></ThreadedComments>");
      } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
        throw new IOException(e);
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  /**
   * A PDF of one page per entry of {@code pages}, each line of a page on a line of its own,
   * {@code header} above them and {@code footer} below, {@code %d} and {@code %d} in the footer
   * replaced by the page's number and the number of pages.
   */
  static byte[] pdfPages(String header, String footer, String[]... pages) throws IOException {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int p = 0; p < pages.length; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
          text.beginText();
          text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          text.newLineAtOffset(72, 750);
          text.showText(header);
          text.newLineAtOffset(0, -50);
          for (String line : pages[p]) {
            text.showText(line);
            text.newLineAtOffset(0, -16);
          }
          text.endText();
          text.beginText();
          text.newLineAtOffset(72, 40);
          text.showText(String.format(footer, p + 1, pages.length));
          text.endText();
        }
      }
      doc.save(out);
      return out.toByteArray();
    }
  }

  /**
   * A document of type {@code extension} (docx, xlsx, pptx, pdf, odt, rtf or eml) holding
   * {@code text}, whose metadata names {@code author} as its author (a mail: as the display
   * name of its sender), {@code author} nowhere else.
   */
  static byte[] withMetadataAuthor(String extension, String text, String author)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (extension) {
      case "docx" -> {
        try (XWPFDocument doc = new XWPFDocument()) {
          doc.createParagraph().createRun().setText(text);
          doc.getProperties().getCoreProperties().setCreator(author);
          doc.getProperties().getCoreProperties().setLastModifiedByUser(author);
          doc.write(out);
        }
      }
      case "xlsx" -> {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
          book.createSheet("Budget").createRow(0).createCell(0).setCellValue(text);
          book.getProperties().getCoreProperties().setCreator(author);
          book.write(out);
        }
      }
      case "pptx" -> {
        try (XMLSlideShow show = new XMLSlideShow()) {
          XSLFTextBox box = show.createSlide().createTextBox();
          box.setAnchor(new Rectangle(50, 50, 500, 200));
          box.setText(text);
          show.getProperties().getCoreProperties().setLastModifiedByUser(author);
          show.write(out);
        }
      }
      case "pdf" -> {
        out.write(pdfLines(text));
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(out.toByteArray())) {
          doc.getDocumentInformation().setAuthor(author);
          out.reset();
          doc.save(out);
        }
      }
      case "odt" -> {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
          odtEntries(zip);
          entry(zip, "content.xml", ODF_CONTENT_HEAD + "<text:p>" + text + "</text:p>"
              + ODF_CONTENT_TAIL);
          entry(zip, "meta.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:"
              + "office:1.0\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
              + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\">"
              + "<office:meta><meta:initial-creator>" + author + "</meta:initial-creator>"
              + "<dc:creator>" + author + "</dc:creator></office:meta></office:document-meta>");
        }
      }
      case "rtf" -> out.write(("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}"
          + "{\\info{\\author " + author + "}}\n\\f0\\pard " + text + "\\par\n}")
          .getBytes(StandardCharsets.US_ASCII));
      case "eml" -> out.write(("From: " + author + " <team@example.org>\r\n"
          + "Subject: notes\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(extension);
    }
    return out.toByteArray();
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

  /** A mail from {@code team@example.org} saying {@code text}, {@code attachment} attached. */
  static byte[] emlWithAttachment(String text, String name, String contentType,
      byte[] attachment) {
    return ("From: team@example.org\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n"
        + "--b\r\nContent-Type: " + contentType + "; name=\"" + name + "\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + java.util.Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
        + "--b--\r\n").getBytes(StandardCharsets.UTF_8);
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
      entry(zip, "content.xml", ODF_CONTENT_HEAD + "<text:p>" + LINE_1 + "</text:p><text:p>"
          + LINE_2 + "</text:p>" + ODF_CONTENT_TAIL);
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
    entry(zip, "META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
        + " manifest:version=\"1.2\">"
        + "<manifest:file-entry manifest:full-path=\"/\""
        + " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
        + "</manifest:manifest>\n");
  }
}
