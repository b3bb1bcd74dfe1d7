package io.trainguard.jobs.documents;

import static io.trainguard.jobs.documents.Documents.EMAIL;
import static io.trainguard.jobs.documents.Documents.SSN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.format.DocumentLimits;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protect} on each document type, generated in the test: the decrypted text output is
 * exactly the extracted text with {@code <EMAIL_ADDRESS>} and {@code <US_SSN>} in place, the
 * metadata output names no one, and hostile or unreadable documents go whole to quarantine.
 */
class DocumentProtectTest {

  @TempDir
  static Path shared;
  static LocalKeyring key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    SparkTestSession.get();
    key = LocalKeyring.generate(shared.resolve("keyring.json"));
  }

  /** A protected run over one input folder, decrypted. */
  record Run(Path output, Path plain, ObjectNode manifest) {
    String text(String name) throws IOException {
      return Files.readString(plain.resolve(name + ".txt"));
    }

    JsonNode metadata(String name) throws IOException {
      return new ObjectMapper().readTree(plain.resolve(name + ".metadata.json").toFile());
    }

    /** The decrypted files, quarantined ones under {@code quarantine/}. */
    List<String> files() throws IOException {
      try (Stream<Path> all = Stream.concat(Files.walk(plain),
          Files.exists(quarantine()) ? Files.walk(quarantine()) : Stream.empty())) {
        return all.filter(Files::isRegularFile).map(p -> p.startsWith(quarantine())
            ? "quarantine/" + quarantine().relativize(p) : plain.relativize(p).toString())
            .sorted().toList();
      }
    }

    Path quarantine() {
      return plain.resolveSibling("quarantine");
    }

    JsonNode input(String name) {
      for (JsonNode in : manifest.path("inputs")) {
        if (in.path("path").asText().equals(name)) {
          return in;
        }
      }
      throw new AssertionError("no input " + name);
    }
  }

  Run protect(Map<String, byte[]> files, DocumentLimits limits) throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Files.write(input.resolve(f.getKey()), f.getValue());
    }
    return protect(input, limits);
  }

  Run protect(Path input, DocumentLimits limits) throws IOException {
    Path output = dir.resolve("out");
    new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(input.toString(),
        output.toString(), key.spec()).documentLimits(limits).commandLine("test").build())
        .execute();
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).quarantineTo(dir.resolve("quarantine").toString())
        .decrypt(output.toString(), plain.toString());
    ObjectNode manifest = ManifestReader.parse(
        Files.readAllBytes(output.resolve("_trainguard/manifest.json"))).document();
    assertThat(ManifestSchema.violations(manifest)).isEmpty();
    Verifier.Report verified = new Verifier(new Configuration())
        .verify(output.resolve(OutputLayout.MANIFEST).toString(), key.signer());
    assertThat(verified.problems()).isEmpty();
    assertThat(verified.outputsChecked()).isEqualTo(manifest.path("outputs").size());
    assertThat(manifest.path("accounting").path("balanced").asBoolean()).isTrue();
    return new Run(output, plain, manifest);
  }

  Run protectOne(String name, byte[] document) throws IOException {
    Run run = protect(Map.of(name, document), DocumentLimits.DEFAULTS);
    assertThat(run.files()).containsExactly(name + ".metadata.json", name + ".txt");
    String text = run.text(name);
    assertThat(text).doesNotContain(EMAIL, SSN, "ana.perez", "8049");
    assertThat(run.metadata(name).toString()).doesNotContain(EMAIL, SSN, "Perez");
    JsonNode in = run.input(name);
    assertThat(in.path("format").asText()).isEqualTo("document");
    assertThat(in.has("quarantine_reason")).isFalse();
    assertThat(in.path("records_quarantined").asLong()).isZero();
    assertThat(in.path("records_written").asLong()).isEqualTo(in.path("records").asLong());
    assertThat(kinds(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "data/" + name + ".metadata.json.enc", "metadata", "data/" + name + ".txt.enc", "data"));
    return run;
  }

  static Map<String, String> kinds(Run run) {
    Map<String, String> kinds = new TreeMap<>();
    run.manifest().path("outputs").forEach(o -> kinds.put(o.path("path").asText(),
        o.path("kind").asText()));
    return kinds;
  }

  @Test
  void pdfTextAndAuthorRedacted() throws IOException {
    Run run = protectOne("report.pdf", Documents.pdf(null, null));
    assertThat(run.text("report.pdf")).isEqualTo("\n" + REDACTED + "\n\n");
    JsonNode metadata = run.metadata("report.pdf").path("metadata");
    assertThat(metadata.path("dc:creator").asText()).isEqualTo("<PERSON>");
    assertThat(metadata.path("pdf:docinfo:creator").asText()).isEqualTo("<PERSON>");
    assertThat(metadata.path("dc:title").asText()).isEqualTo("Quarterly report");
    assertThat(metadata.path("Content-Type").asText()).isEqualTo("application/pdf");
    assertThat(run.input("report.pdf").path("findings").toString())
        .isEqualTo("{\"EMAIL_ADDRESS\":1,\"PERSON\":2,\"US_SSN\":1}");
    assertThat(run.manifest().path("findings").path("PERSON").path("fields").toString())
        .isEqualTo("[\"metadata:dc:creator\",\"metadata:pdf:docinfo:creator\"]");
  }

  @Test
  void docxTextAndAuthorsRedacted() throws IOException {
    Run run = protectOne("report.docx", Documents.docx());
    assertThat(run.text("report.docx")).isEqualTo(REDACTED);
    JsonNode metadata = run.metadata("report.docx").path("metadata");
    assertThat(metadata.path("dc:creator").asText()).isEqualTo("<PERSON>");
    assertThat(metadata.path("meta:last-author").asText()).isEqualTo("<PERSON>");
    assertThat(metadata.path("dc:title").asText()).isEqualTo("Quarterly report");
    assertThat(run.metadata("report.docx").toString()).doesNotContain("Lindqvist");
    assertThat(run.input("report.docx").path("records").asLong()).isEqualTo(2);
  }

  @Test
  void xlsxCellsRedacted() throws IOException {
    Run run = protectOne("contacts.xlsx", Documents.xlsx());
    assertThat(run.text("contacts.xlsx")).isEqualTo("Contacts\n\temail\tnote\n"
        + "\t<EMAIL_ADDRESS>\tSSN <US_SSN> was filed on time.\n\n\n");
  }

  @Test
  void pptxTextRedacted() throws IOException {
    Run run = protectOne("deck.pptx", Documents.pptx());
    assertThat(run.text("deck.pptx")).isEqualTo(REDACTED + "\n\n\n");
  }

  @Test
  void htmlTextAndMetaAuthorRedacted() throws IOException {
    Run run = protectOne("page.html", Documents.html());
    assertThat(run.text("page.html")).isEqualTo(
        "Contact <EMAIL_ADDRESS> about the quarterly report.\n\n"
        + "SSN <US_SSN> was filed on time.\n");
    assertThat(run.metadata("page.html").path("metadata").path("author").asText())
        .isEqualTo("<PERSON>");
  }

  @Test
  void emlBodyAndHeadersRedacted() throws IOException {
    Run run = protectOne("mail.eml", Documents.eml());
    assertThat(run.text("mail.eml")).isEqualTo("Contact <EMAIL_ADDRESS> about the quarterly"
        + " report.\r\nSSN <US_SSN> was filed on time.\r\n\n\n");
    JsonNode metadata = run.metadata("mail.eml").path("metadata");
    assertThat(metadata.path("Message-From").asText()).isEqualTo("<EMAIL_ADDRESS>");
    assertThat(metadata.path("Message-To").asText()).isEqualTo("<EMAIL_ADDRESS>");
    assertThat(metadata.path("Message:From-Name").asText()).isEqualTo("<EMAIL_ADDRESS>");
    assertThat(metadata.path("dc:creator").asText()).isEqualTo("<PERSON>");
    assertThat(metadata.path("dc:subject").asText()).isEqualTo("Quarterly report");
    assertThat(run.metadata("mail.eml").toString()).doesNotContain("team@example.org");
  }

  @Test
  void rtfTextAndAuthorRedacted() throws IOException {
    Run run = protectOne("memo.rtf", Documents.rtf());
    assertThat(run.text("memo.rtf")).isEqualTo(REDACTED + "\n");
    assertThat(run.metadata("memo.rtf").path("metadata").path("dc:creator").asText())
        .isEqualTo("<PERSON>");
  }

  @Test
  void odtTextRedacted() throws IOException {
    Run run = protectOne("memo.odt", Documents.odt());
    assertThat(run.text("memo.odt")).isEqualTo(REDACTED);
  }

  @Test
  void mailHeadersInEncodedWordsAreDecodedBeforeTheyAreRedacted() throws IOException {
    String base64 = java.util.Base64.getEncoder().encodeToString(
        "Reviewer ana.perez@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] mail = ("From: team@example.org\r\n"
        + "X-Reviewer: =?UTF-8?B?" + base64 + "?=\r\n"
        + "X-Note: =?UTF-8?Q?SSN_536-22-8049_filed?=\r\n"
        + "Subject: notes\r\nContent-Type: text/plain\r\n\r\nSee the notes.\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Run run = protectOne("notes.eml", mail);
    JsonNode metadata = run.metadata("notes.eml").path("metadata");
    assertThat(metadata.path("Message:Raw-Header:X-Reviewer").asText())
        .isEqualTo("Reviewer <EMAIL_ADDRESS>");
    assertThat(metadata.path("Message:Raw-Header:X-Note").asText())
        .isEqualTo("SSN <US_SSN> filed");
    assertThat(run.metadata("notes.eml").toString()).doesNotContain(base64);
  }

  @Test
  void anAttachedArchiveNoParserReadsQuarantinesTheMail() throws IOException {
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream entries = new java.util.zip.ZipOutputStream(zip)) {
      entries.putNextEntry(new java.util.zip.ZipEntry("report.docx"));
      entries.write(Documents.docx());
      entries.closeEntry();
    }
    byte[] mail = Documents.emlWithAttachment("The report is attached.", "report.zip",
        "application/zip", zip.toByteArray());
    Run run = protect(Map.of("mail.eml", mail), DocumentLimits.DEFAULTS);

    assertThat(run.plain()).doesNotExist();
    assertThat(kinds(run)).containsExactlyEntriesOf(Map.of("quarantine/mail.eml.enc",
        "quarantine"));
    assertThat(Files.readAllBytes(run.quarantine().resolve("mail.eml"))).isEqualTo(mail);
    JsonNode in = run.input("mail.eml");
    assertThat(in.path("quarantine_reason").asText()).isEqualTo("unsupported-document");
    assertThat(in.path("records").asLong()).isEqualTo(1);
    assertThat(in.path("records_quarantined").asLong()).isEqualTo(1);
  }

  @Test
  void valuesWrappedOverALineBreakAreRedactedOnBothLinesOfADocxAPdfAndAText()
      throws IOException {
    String[] lines = {"SSN 536-22-", "8045 on file, mail ana.perez@", "example.com or call +49 30",
        "1234567 today."};
    String body = "<w:p><w:r><w:t xml:space=\"preserve\">" + String.join(
        "</w:t><w:br/><w:t xml:space=\"preserve\">", lines) + "</w:t></w:r></w:p>"
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Mail jo.roe@</w:t></w:r></w:p></w:tc>"
        + "<w:tc><w:p><w:r><w:t>example.org</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Run run = protect(Map.of("memo.docx", Documents.rawDocx(body), "memo.pdf",
        Documents.pdfLines(lines), "memo.txt", text), DocumentLimits.DEFAULTS);

    String redacted = "SSN <US_SSN>\n<US_SSN> on file, mail <EMAIL_ADDRESS>\n"
        + "<EMAIL_ADDRESS> or call <PHONE_NUMBER>\n<PHONE_NUMBER> today.\n";
    assertThat(run.text("memo.docx"))
        .isEqualTo(redacted + "\tMail <EMAIL_ADDRESS>\n\t<EMAIL_ADDRESS>\n\n\n");
    assertThat(run.text("memo.pdf")).isEqualTo("\n" + redacted + "\n\n");
    assertThat(Files.readString(run.plain().resolve("memo.txt"))).isEqualTo(redacted);
  }

  @Test
  void valuesWrappedOverSeveralBreaksABlankLineOrWithNoSeparatorAreRedactedOnEveryLine()
      throws IOException {
    String[] lines = {"SSN 536-", "22-", "8045 on file, mail ana.perez@", "", "example.com or",
        "call +49 30", "", "1234567, IBAN DE89370400440532", "013000 and ana.pe",
        "rez@example.com today."};
    String body = "<w:p><w:r><w:t xml:space=\"preserve\">" + String.join(
        "</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">", lines)
        + "</w:t></w:r></w:p>";
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Run run = protect(Map.of("memo.docx", Documents.rawDocx(body), "memo.pdf",
        Documents.pdfLines(lines), "memo.txt", text), DocumentLimits.DEFAULTS);

    String redacted = "SSN <US_SSN>\n<US_SSN>\n<US_SSN> on file, mail <EMAIL_ADDRESS>\n\n"
        + "<EMAIL_ADDRESS> or\ncall <PHONE_NUMBER>\n\n<PHONE_NUMBER>, IBAN <IBAN_CODE>\n"
        + "<IBAN_CODE> and <EMAIL_ADDRESS>\n<EMAIL_ADDRESS> today.\n";
    assertThat(Files.readString(run.plain().resolve("memo.txt"))).isEqualTo(redacted);
    assertThat(run.text("memo.docx")).isEqualTo(redacted);
    assertThat(run.text("memo.pdf")).isEqualTo("\n" + redacted + "\n\n");
  }

  @Test
  void aNameCutWithNoSeparatorAtALineBreakIsRedactedOnBothLines() throws IOException {
    // #21: a wrap inside a name's word left "sin", "sen" and "nagh" in the decrypted text
    String[] lines = {"Please call Tam", "sin Pryce today. We wrote to Bertram Jørgen",
        "sen about it.", "Customer: Ida Bran", "nagh"};
    String body = "<w:p><w:r><w:t xml:space=\"preserve\">" + String.join(
        "</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">", lines)
        + "</w:t></w:r></w:p>";
    byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Run run = protect(Map.of("memo.docx", Documents.rawDocx(body), "memo.pdf",
        Documents.pdfLines(lines), "memo.txt", text), DocumentLimits.DEFAULTS);

    String redacted = "Please call <PERSON>\n<PERSON> today. We wrote to <PERSON>\n"
        + "<PERSON> about it.\nCustomer: <PERSON>\n<PERSON>\n";
    assertThat(Files.readString(run.plain().resolve("memo.txt"))).isEqualTo(redacted);
    assertThat(run.text("memo.docx")).isEqualTo(redacted);
    assertThat(run.text("memo.pdf")).isEqualTo("\n" + redacted + "\n\n");
  }

  @Test
  void aFieldsNameIsContextForItsValueInDocumentPropertiesCsvAndJsonLines() throws Exception {
    byte[] docx;
    try (org.apache.poi.xwpf.usermodel.XWPFDocument doc =
        new org.apache.poi.xwpf.usermodel.XWPFDocument();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("Nothing personal here.");
      doc.getProperties().getCustomProperties().addProperty("Employee SSN", "536228049");
      doc.getProperties().getCustomProperties().addProperty("Order count", "536228049");
      doc.write(out);
      docx = out.toByteArray();
    }
    Run run = protect(Map.of("hr.docx", docx,
        "hr.csv", "ssn,notes\non file 536228049,none\n".getBytes(StandardCharsets.UTF_8),
        "hr.jsonl", "{\"ssn\":\"on file 536228049\"}\n".getBytes(StandardCharsets.UTF_8)),
        DocumentLimits.DEFAULTS);

    JsonNode metadata = run.metadata("hr.docx").path("metadata");
    assertThat(metadata.path("custom:Employee SSN").asText()).isEqualTo("<US_SSN>");
    assertThat(metadata.path("custom:Order count").asText()).isEqualTo("536228049");
    assertThat(Files.readString(run.plain().resolve("hr.csv")))
        .isEqualTo("ssn,notes\non file <US_SSN>,none\n");
    assertThat(Files.readString(run.plain().resolve("hr.jsonl")))
        .isEqualTo("{\"ssn\":\"on file <US_SSN>\"}\n");
  }

  @Test
  void aCommentsAuthorTikaWritesIntoTheTextIsRedactedAsAPerson() throws IOException {
    // The name model leaves these alone in the sentence Tika writes ("Comment by NAME: note").
    String[] authors = {"Summer Rain", "tamsin pryce", "Ever Young", "jdoe"};
    Map<String, byte[]> docs = new java.util.HashMap<>();
    for (int i = 0; i < authors.length; i++) {
      docs.put("r" + i + ".docx",
          Documents.docxWithComment("The budget is final.", authors[i], "Agreed."));
    }
    Run run = protect(docs, DocumentLimits.DEFAULTS);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < authors.length; i++) {
      all.append(run.text("r" + i + ".docx"));
    }
    assertThat(all.toString()).isEqualTo(
        "The budget is final.\tComment by <PERSON>: Agreed.\n".repeat(authors.length));
  }

  @Test
  void commentAndAnnotationAuthorsOfXlsxPptxPdfAndRtfAreRedactedAsPersons() throws IOException {
    // The name model leaves these alone where Tika writes them; one-letter initials are kept.
    String[] authors = {"Summer Rain", "tamsin pryce", "Ever Young", "jdoe"};
    Map<String, byte[]> docs = commented(authors, "The budget is final.", "x.xlsx", "s.pptx",
        "p.pdf", "r.rtf", "o.odt", "b.xls");
    // RTF escapes in an author's name: \'e9 in the ANSI code page, \\u252 with its fallback
    docs.put("escaped.rtf", Documents.rtfWithAnnotation("The budget is final.",
        "Ren\\'e9e Fa\\u252?re", "Agreed."));
    // a line after a break in a table cell of another document is no comment's author
    docs.put("table.html", ("<html><body><table><tr><td>Budget<br>Note: final</td></tr></table>"
        + "<p>Note the date.</p></body></html>").getBytes(StandardCharsets.UTF_8));
    Run run = protect(docs, DocumentLimits.DEFAULTS);
    assertThat(run.text("table.html")).isEqualTo("\tBudget\nNote: final\n\nNote the date.\n");
    for (int i = 0; i < authors.length; i++) {
      String initials = shownInitials(authors[i]);
      assertThat(run.text("x" + i + ".xlsx"))
          .isEqualTo("Budget\n\tThe budget is final.\n<PERSON>: Agreed.\n\n\n");
      assertThat(run.text("s" + i + ".pptx")).isEqualTo(
          "The budget is final.\n\n\n<PERSON> (" + initials + ") - Agreed.\n\n");
      assertThat(run.text("p" + i + ".pdf"))
          .isEqualTo("\nThe budget is final.\n\n<PERSON>\nAgreed.\n\n\n");
      assertThat(run.text("r" + i + ".rtf"))
          .isEqualTo("The budget is final. " + initials + " <PERSON> Agreed. \n\n");
      // Tika writes no author of an ODT annotation, nor of an XLS cell comment
      assertThat(run.text("o" + i + ".odt")).isEqualTo("The budget is final. Agreed. \n");
      assertThat(run.text("b" + i + ".xls"))
          .isEqualTo("Budget\n\tThe budget is final.\n\nAgreed.\n\n");
    }
    assertThat(run.text("escaped.rtf")).isEqualTo(
        "The budget is final. <PERSON> <PERSON> Agreed. \n\n");
  }

  @Test
  void aCommentsAuthorNamedInTheTextBeforeTheCommentIsRedactedThereToo() throws IOException {
    // Tika writes each comment after the text it is on: the name comes first (PPT as PPTX)
    String[] authors = {"Summer Rain", "tamsin pryce", "jdoe"};
    Run run = protect(commented(authors, "Sent to %s today.", "d.docx", "x.xlsx", "s.pptx",
        "p.pdf", "r.rtf", "t.ppt"), DocumentLimits.DEFAULTS);
    for (int i = 0; i < authors.length; i++) {
      String initials = shownInitials(authors[i]);
      assertThat(run.text("t" + i + ".ppt")).isEqualTo(
          "\nSent to <PERSON> today.\n\n<PERSON> (" + initials + ") - Agreed.\n\n\n\n");
      assertThat(run.text("d" + i + ".docx"))
          .isEqualTo("Sent to <PERSON> today.\tComment by <PERSON>: Agreed.\n");
      assertThat(run.text("x" + i + ".xlsx"))
          .isEqualTo("Budget\n\tSent to <PERSON> today.\n<PERSON>: Agreed.\n\n\n");
      assertThat(run.text("s" + i + ".pptx")).isEqualTo(
          "Sent to <PERSON> today.\n\n\n<PERSON> (" + initials + ") - Agreed.\n\n");
      assertThat(run.text("p" + i + ".pdf"))
          .isEqualTo("\nSent to <PERSON> today.\n\n<PERSON>\nAgreed.\n\n\n");
      assertThat(run.text("r" + i + ".rtf"))
          .isEqualTo("Sent to <PERSON> today. " + initials + " <PERSON> Agreed. \n\n");
    }
  }

  /**
   * For each kind ({@code "x.xlsx"}: the name's prefix and the type) and each of
   * {@code authors}, a document {@code x0.xlsx}, ... whose text is {@code text} ({@code %s} the
   * author) carrying a comment or annotation by the author saying {@code Agreed.}.
   */
  static Map<String, byte[]> commented(String[] authors, String text, String... kinds)
      throws IOException {
    Map<String, byte[]> docs = new java.util.HashMap<>();
    for (String kind : kinds) {
      String prefix = kind.substring(0, kind.indexOf('.'));
      String type = kind.substring(kind.indexOf('.') + 1);
      for (int i = 0; i < authors.length; i++) {
        String t = text.formatted(authors[i]);
        docs.put(prefix + i + "." + type, switch (type) {
          case "docx" -> Documents.docxWithComment(t, authors[i], "Agreed.");
          case "xlsx" -> Documents.xlsxWithComment(t, authors[i], "Agreed.");
          case "xls" -> Documents.xlsWithComment(t, authors[i], "Agreed.");
          case "pptx" -> Documents.pptxWithComment(t, authors[i], "Agreed.");
          case "ppt" -> Documents.pptWithComment(t, authors[i], "Agreed.");
          case "pdf" -> Documents.pdfWithAnnotation(t, authors[i], "Agreed.");
          case "rtf" -> Documents.rtfWithAnnotation(t, authors[i], "Agreed.");
          case "odt" -> Documents.odtWithAnnotation(t, authors[i], "Agreed.");
          default -> throw new IllegalArgumentException(type);
        });
      }
    }
    return docs;
  }

  /** How an author's initials read in the output: one letter is kept. */
  static String shownInitials(String author) {
    return author.contains(" ") ? "<PERSON>" : Documents.initials(author);
  }

  @Test
  void anAuthorOnlyTheMetadataNamesIsRedactedInTheTextToo() throws IOException {
    // The name model leaves 'Summer Rain' alone without a cue; the metadata names the author
    String text = "Reviewed by the team. Summer Rain";
    List<String> types = List.of("docx", "xlsx", "pptx", "pdf", "odt", "rtf", "eml");
    Map<String, byte[]> docs = new java.util.HashMap<>();
    for (String type : types) {
      docs.put("a." + type, Documents.withMetadataAuthor(type, text, "Summer Rain"));
    }
    Run run = protect(docs, DocumentLimits.DEFAULTS);
    String redacted = "Reviewed by the team. <PERSON>";
    assertThat(run.text("a.docx")).isEqualTo(redacted + "\n");
    assertThat(run.text("a.xlsx")).isEqualTo("Budget\n\t" + redacted + "\n\n\n");
    assertThat(run.text("a.pptx")).isEqualTo(redacted + "\n\n\n\n");
    assertThat(run.text("a.pdf")).isEqualTo("\n" + redacted + "\n\n\n");
    assertThat(run.text("a.odt")).isEqualTo(redacted + "\n");
    assertThat(run.text("a.rtf")).isEqualTo(redacted + "\n\n");
    assertThat(run.text("a.eml")).isEqualTo(redacted + "\r\n\n\n");
  }

  @Test
  void aMetadataAuthorWrittenSurnameFirstIsRedactedInTheTextEitherWay() throws IOException {
    String text = "Reviewed by the team. Summer Rain, filed as Rain, Summer; Acme, Inc. paid.";
    Run run = protect(Map.of(
        "a.docx", Documents.withMetadataAuthor("docx", text, "Rain, Summer"),
        "a.pdf", Documents.withMetadataAuthor("pdf", text, "Rain, Summer"),
        "acme.docx", Documents.withMetadataAuthor("docx", text, "Acme, Inc.")),
        DocumentLimits.DEFAULTS);
    String redacted = "Reviewed by the team. <PERSON>, filed as <PERSON>; Acme, Inc. paid.";
    assertThat(run.text("a.docx")).isEqualTo(redacted + "\n");
    assertThat(run.text("a.pdf")).isEqualTo("\n" + redacted + "\n\n\n");
    assertThat(run.text("acme.docx")).isEqualTo(text + "\n");
  }

  @Test
  void aMetadataAuthorWithATitleANoteAMiddleInitialASuffixOrBesideOthersIsRedactedInTheText()
      throws IOException {
    String text = "Reviewed by the team. Summer Rain";
    String[] values = {"Dr. Summer Rain", "Summer Rain (Legal)", "Summer J. Rain",
        "Rain, Summer, Jr.", "RAIN Summer", "Ever Young, Summer Rain", "Ever Young and Summer Rain",
        "Ever Young & Summer Rain"};
    Map<String, byte[]> docs = new java.util.HashMap<>();
    for (int i = 0; i < values.length; i++) {
      docs.put("a" + i + ".docx", Documents.withMetadataAuthor("docx", text, values[i]));
    }
    Run run = protect(docs, DocumentLimits.DEFAULTS);
    for (int i = 0; i < values.length; i++) {
      assertThat(run.text("a" + i + ".docx")).as(values[i])
          .isEqualTo("Reviewed by the team. <PERSON>\n");
    }
  }

  @Test
  void theAuthorsOfTrackedChangesAreRedactedInTheText() throws IOException {
    String body = "<w:p><w:r><w:t xml:space=\"preserve\">Approved. </w:t></w:r>"
        + "<w:ins w:id=\"1\" w:author=\"Ever Young\" w:date=\"2026-01-01T00:00:00Z\"><w:r>"
        + "<w:t xml:space=\"preserve\">Ever Young agreed. </w:t></w:r></w:ins>"
        + "<w:del w:id=\"2\" w:author=\"Summer Rain\" w:date=\"2026-01-01T00:00:00Z\"><w:r>"
        + "<w:delText xml:space=\"preserve\">Old terms. </w:delText></w:r></w:del>"
        + "<w:r><w:t>Summer Rain signed.</w:t></w:r></w:p>";
    Run run = protect(Map.of("a.docx", Documents.rawDocx(body)), DocumentLimits.DEFAULTS);
    assertThat(run.text("a.docx"))
        .isEqualTo("Approved. <PERSON> agreed. Old terms. <PERSON> signed.\n");
  }

  @Test
  void anOdtAnnotationsAuthorAndAPdfAnnotationsAuthorWrittenSurnameFirstAreRedactedInTheText()
      throws IOException {
    String text = "Sent to Summer Rain today.";
    Run run = protect(Map.of("a.odt", Documents.odtWithAnnotation(text, "Summer Rain", "Agreed."),
        "a.pdf", Documents.pdfWithAnnotation(text, "Rain, Summer", "Agreed."),
        "b.pdf", Documents.pdfWithAnnotation(text, "Dr. Summer Rain", "Agreed.")),
        DocumentLimits.DEFAULTS);
    assertThat(run.text("a.odt")).isEqualTo("Sent to <PERSON> today. Agreed. \n");
    for (String pdf : List.of("a.pdf", "b.pdf")) {
      assertThat(run.text(pdf)).isEqualTo("\nSent to <PERSON> today.\n\n<PERSON>\nAgreed.\n\n\n");
    }
  }

  @Test
  void aMetadataAuthorIsRedactedInTheTextWhateverItsCase() throws IOException {
    String text = "Reviewed by the team. Summer Rain, then summer rain.";
    Run run = protect(Map.of("a.docx", Documents.withMetadataAuthor("docx", text, "SUMMER RAIN")),
        DocumentLimits.DEFAULTS);
    assertThat(run.text("a.docx")).isEqualTo("Reviewed by the team. <PERSON>, then <PERSON>.\n");
  }

  @Test
  void aMetadataAuthorThatIsNoNameLeavesTheWordsOfTheTextAlone() throws IOException {
    String text = "Acme Corp asked the Administrator and each user about Apache POI and the"
        + " Microsoft Office User guide.";
    String[] values = {"Acme Corp", "Administrator", "user", "Microsoft Office User",
        "Apache POI", "Apache", "ana.perez@example.com"};
    Map<String, byte[]> docs = new java.util.HashMap<>();
    for (int i = 0; i < values.length; i++) {
      docs.put("n" + i + ".docx", Documents.withMetadataAuthor("docx", text, values[i]));
    }
    docs.put("plain.docx", Documents.rawDocx("<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"));
    Run run = protect(docs, DocumentLimits.DEFAULTS);
    String plain = run.text("plain.docx");
    assertThat(plain).isEqualTo(text + "\n");
    for (int i = 0; i < values.length; i++) {
      assertThat(run.text("n" + i + ".docx")).isEqualTo(plain);
      assertThat(run.metadata("n" + i + ".docx").path("metadata").path("dc:creator").asText())
          .isEqualTo("<PERSON>");
    }
  }

  @Test
  void modernPptxCommentsAndThreadedXlsxCommentsAreReadAndTheirAuthorsArePersons()
      throws IOException {
    String text = "Sent to Summer Rain and Ever Young today.";
    byte[] pptx = Documents.pptxWithModernComment(text, "Summer Rain", "Agreed.", "Ever Young",
        "Done, mail ana.perez@example.com.");
    Run run = protect(Map.of("m.pptx", pptx,
        "t.xlsx", Documents.xlsxWithThreadedComment(text, "Summer Rain", "Agreed, SSN 536-22-8049."),
        "mail.eml", Documents.emlWithAttachment("Ask Summer Rain.", "m.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", pptx)),
        DocumentLimits.DEFAULTS);
    // attached to a mail, the presentation's comments are read and its authors are persons alike
    assertThat(run.text("mail.eml")).isEqualTo("Ask <PERSON>.\n\n\n\n"
        + "Sent to <PERSON> and <PERSON> today.\n\n\n\n\n\n\n\n<PERSON> (<PERSON>) - Agreed.\n"
        + "<PERSON> (<PERSON>) - Done, mail <EMAIL_ADDRESS>.\n\n\n");
    assertThat(run.text("m.pptx")).isEqualTo("Sent to <PERSON> and <PERSON> today.\n\n\n\n"
        + "<PERSON> (<PERSON>) - Agreed.\n<PERSON> (<PERSON>) - Done, mail <EMAIL_ADDRESS>.\n");
    assertThat(run.text("t.xlsx")).isEqualTo(
        "Budget\n\tSent to <PERSON> and Ever Young today.\nAgreed, SSN <US_SSN>.\n\n\n\n");
    assertThat(run.metadata("t.xlsx").path("metadata")
        .path("msoffice:comment-person-display-name").asText()).isEqualTo("<PERSON>");
  }

  @Test
  void valuesCutAtTheFootOfTwoPagesAreNoRunningLineAndAreRedactedOnBothPages()
      throws IOException {
    Run run = protect(Map.of("a.pdf", Documents.pdfPages("ACME Confidential", "Page %d of %d",
        new String[] {"Body one", "SSN 536-22-"}, new String[] {"8045 on file", "SSN 412-33-"},
        new String[] {"9901 today."})), DocumentLimits.DEFAULTS);
    String page = "\n\n\n\nACME Confidential\n\n";
    assertThat(run.text("a.pdf")).isEqualTo("\nACME Confidential\n\nBody one\nSSN <US_SSN>\n"
        + "\nPage 1 of 3" + page + "<US_SSN> on file\nSSN <US_SSN>\n\nPage 2 of 3" + page
        + "<US_SSN> today.\n\nPage 3 of 3\n\n\n");
  }

  @Test
  void aCommentAuthorInAScriptWrittenWithoutSpacesIsRedactedInsideTheTextsWords()
      throws IOException {
    Run run = protect(Map.of("m.pptx", Documents.pptxWithModernComment(
        "王伟说好。Ask Zoë Ångström today.", "王伟", "同意。", "Zoë Ångström", "Done.")),
        DocumentLimits.DEFAULTS);
    assertThat(run.text("m.pptx").lines().findFirst().orElseThrow())
        .isEqualTo("<PERSON>说好。Ask <PERSON> today.");
    // One letter of a Chinese name is its family name: initials "王" are a person too.
    assertThat(run.text("m.pptx")).contains("<PERSON> (<PERSON>) - 同意。").doesNotContain("王");
  }

  @Test
  void aValueCutByAPdfPageBreakIsRedactedOnBothPagesPastTheRunningHeaderAndFooter()
      throws IOException {
    Run run = protect(Map.of("memo.pdf", Documents.pdfPages("ACME Confidential",
        "Page %d of %d", new String[] {"Body one", "SSN 536-22-"},
        new String[] {"8045 on file, mail ana.pe"}, new String[] {"rez@example.com today."})),
        DocumentLimits.DEFAULTS);
    String page = "\n\n\n\nACME Confidential\n\n";
    assertThat(run.text("memo.pdf")).isEqualTo("\nACME Confidential\n\nBody one\nSSN <US_SSN>\n"
        + "\nPage 1 of 3" + page + "<US_SSN> on file, mail <EMAIL_ADDRESS>\n\nPage 2 of 3" + page
        + "<EMAIL_ADDRESS> today.\n\nPage 3 of 3\n\n\n");
  }

  @Test
  void encryptedCorruptAndBombDocumentsGoWholeToQuarantineAndTheRunGoesOn() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Map<String, byte[]> originals = new TreeMap<>();
    originals.put("secret.pdf", Documents.pdf("owner-secret", "user-secret"));
    originals.put("broken.docx", Documents.truncated(Documents.docx(), 0.5));
    originals.put("ok.docx", Documents.docx());
    for (Map.Entry<String, byte[]> f : originals.entrySet()) {
      Files.write(input.resolve(f.getKey()), f.getValue());
    }
    try (OutputStream out = Files.newOutputStream(input.resolve("bomb.odt"))) {
      Documents.odtBomb(out, 1 << 20); // 64 MB of XML in about 180 KB
    }
    assertThat(Files.size(input.resolve("bomb.odt"))).isLessThan(1 << 20);
    Run run = protect(input, new DocumentLimits(256L << 20, 100_000, Duration.ofMinutes(1), 4));

    assertThat(run.files()).containsExactly("ok.docx.metadata.json", "ok.docx.txt",
        "quarantine/bomb.odt", "quarantine/broken.docx", "quarantine/secret.pdf");
    for (String name : List.of("secret.pdf", "broken.docx")) {
      assertThat(Files.readAllBytes(run.quarantine().resolve(name)))
          .isEqualTo(originals.get(name));
    }
    assertThat(Files.mismatch(run.quarantine().resolve("bomb.odt"),
        input.resolve("bomb.odt"))).isEqualTo(-1);
    Map<String, String> reasons = new TreeMap<>();
    run.manifest().path("inputs").forEach(in -> reasons.put(in.path("path").asText(),
        in.path("quarantine_reason").asText("none") + " " + in.path("records").asLong() + "/"
            + in.path("records_quarantined").asLong()));
    assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "bomb.odt", "limit-exceeded 1/1",
        "broken.docx", "corrupt-document 1/1",
        "ok.docx", "none 2/0",
        "secret.pdf", "encrypted-document 1/1")));
    assertThat(kinds(run)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "data/ok.docx.metadata.json.enc", "metadata",
        "data/ok.docx.txt.enc", "data",
        "quarantine/bomb.odt.enc", "quarantine",
        "quarantine/broken.docx.enc", "quarantine",
        "quarantine/secret.pdf.enc", "quarantine")));
    assertThat(run.manifest().path("accounting").toString()).isEqualTo("{\"records_in\":5,"
        + "\"records_written\":2,\"records_quarantined\":3,\"records_dropped\":0,"
        + "\"balanced\":true}");
    assertThat(run.output().resolve("_SUCCESS")).exists();
    assertThat(Files.readString(run.output().resolve("_trainguard/report.html"))).contains(
        "<span class=\"note\" data-quarantine-reason=\"encrypted-document\">quarantined whole:"
        + " encrypted-document</span>");
  }

  @Test
  void aMacieFindingByPageThatLocalDetectionCannotPlaceQuarantinesTheDocument() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.write(input.resolve("named.docx"), Documents.docx());
    Files.write(input.resolve("mailed.docx"), Documents.docx());
    Path findings = dir.resolve("macie.json");
    Files.writeString(findings, """
        {"findings": [
          %s,
          %s]}
        """.formatted(pageFinding("f-1", "named.docx", "NAME"),
            pageFinding("f-2", "mailed.docx", "EMAIL_ADDRESS")));
    Path output = dir.resolve("out");
    new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(input.toString(),
        output.toString(), key.spec()).macie(List.of(findings.toString()), "docs").build())
        .execute();
    ObjectNode manifest = ManifestReader.parse(Files.readAllBytes(output.resolve(OutputLayout.MANIFEST))).document();
    assertThat(ManifestSchema.violations(manifest)).isEmpty();
    Map<String, String> reasons = new TreeMap<>();
    manifest.path("inputs").forEach(in -> reasons.put(in.path("path").asText(),
        in.path("quarantine_reason").asText("none")));
    // Local detection finds no PERSON in the text Macie flagged: fail closed. The e-mail Macie
    // saw is one local detection also found, so the document is redacted as usual.
    assertThat(reasons).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "mailed.docx", "none", "named.docx", "macie-finding-not-located")));
    assertThat(manifest.path("findings").path("EMAIL_ADDRESS").path("sources").path("both")
        .asLong()).isEqualTo(1);
  }

  private static String pageFinding(String id, String name, String type) {
    return """
        {"id": "%s", "category": "CLASSIFICATION",
         "resourcesAffected": {"s3Bucket": {"name": "raw"}, "s3Object": {"key": "docs/%s"}},
         "classificationDetails": {"jobId": "job-1", "result": {"sensitiveData": [
           {"category": "PERSONAL_INFORMATION", "detections": [
             {"type": "%s", "count": 1, "occurrences": {"pages": [{"pageNumber": 1}]}}]}]}}}
        """.formatted(id, name, type);
  }

  static final String REDACTED = "Contact <EMAIL_ADDRESS> about the quarterly report.\n"
      + "SSN <US_SSN> was filed on time.\n";
}
