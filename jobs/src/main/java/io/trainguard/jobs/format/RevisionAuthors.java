package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The authors of a DOCX's tracked changes ({@code w:author} of {@code w:ins}, {@code w:del},
 * moves and format changes) and of an OpenDocument's annotations and tracked changes (their
 * {@code dc:creator}), which Tika writes nowhere: the text they wrote or changed is extracted,
 * and their names may stand in it.
 */
final class RevisionAuthors {

  private static final String WORDPROCESSING =
      "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";
  /** A DOCX's parts that hold text: the body, headers, footers, notes, comments. */
  private static final Pattern WORD_PARTS = Pattern.compile("word/[^/]*\\.xml");
  /** An OpenDocument's parts that hold text: the body and the styles' headers and footers. */
  private static final Pattern ODF_PARTS = Pattern.compile("content\\.xml|styles\\.xml");
  /** Names of authors taken from one document at most. */
  private static final int MAX_AUTHORS = 100_000;
  /** Chars of one author's name at most. */
  private static final int MAX_NAME = 200;

  private RevisionAuthors() {}

  /**
   * Adds to {@code authors} each person who made a tracked change or an annotation in the
   * document at {@code file} when {@code metadata} shows it is a DOCX or an OpenDocument.
   */
  static void addTo(Set<String> authors, Metadata metadata, Path file)
      throws IOException, SAXException, TikaException {
    String type = String.valueOf(metadata.get(Metadata.CONTENT_TYPE));
    Pattern parts = type.contains("wordprocessingml") ? WORD_PARTS
        : type.startsWith("application/vnd.oasis.opendocument.") ? ODF_PARTS : null;
    if (file == null || parts == null) {
      return;
    }
    try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
      for (ZipArchiveEntry part : Collections.list(zip.getEntries())) {
        if (parts.matcher(part.getName()).matches()) {
          try (InputStream in = zip.getInputStream(part)) {
            XMLReaderUtils.parseSAX(in, new Authors(authors), new ParseContext());
          }
        }
      }
    }
  }

  /** Collects {@code w:author} attributes and {@code dc:creator} elements. */
  private static final class Authors extends DefaultHandler {
    private final Set<String> authors;
    private final StringBuilder creator = new StringBuilder();
    private boolean inCreator;

    Authors(Set<String> authors) {
      this.authors = authors;
    }

    @Override
    public void startElement(String uri, String local, String q, Attributes atts)
        throws SAXException {
      String author = atts.getValue(WORDPROCESSING, "author");
      if (author != null) {
        add(author);
      }
      if (DUBLIN_CORE.equals(uri) && "creator".equals(local)) {
        inCreator = true;
        creator.setLength(0);
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inCreator && creator.length() <= MAX_NAME) {
        creator.append(ch, start, Math.min(length, MAX_NAME + 1));
      }
    }

    @Override
    public void endElement(String uri, String local, String q) throws SAXException {
      if (inCreator && DUBLIN_CORE.equals(uri) && "creator".equals(local)) {
        inCreator = false;
        if (creator.length() <= MAX_NAME) {
          add(creator.toString());
        }
      }
    }

    private void add(String author) throws SAXException {
      if (authors.size() >= MAX_AUTHORS) {
        throw new SAXException(new TikaMemoryLimitException("more than " + MAX_AUTHORS
            + " authors"));
      }
      authors.addAll(MetadataAuthors.names(author));
    }
  }
}
