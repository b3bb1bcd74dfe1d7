package io.trainguard.jobs.format;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * PowerPoint's modern comments ({@code ppt/comments/modernComment_*.xml}, their authors in
 * {@code ppt/authors.xml}), which Tika 3.3 does not read, written as Tika writes a PPTX comment:
 * {@code <p class="slide-comment"><b>NAME (INITIALS) - </b>text</p>}, each comment and then its
 * replies, after the slides.
 */
final class ModernComments {

  private static final Pattern PART = Pattern.compile("ppt/comments/modernComment_[^/]*\\.xml");
  /** Authors of a presentation at most. */
  private static final int MAX_AUTHORS = 100_000;

  private record Author(String name, String initials) {}

  /** A comment's or reply's text and the id of its author. */
  private record Said(String authorId, String text) {}

  private ModernComments() {}

  /**
   * Writes the modern comments of the document at {@code file} to {@code out} when
   * {@code metadata} shows it is an OOXML presentation (macros or not); without a file, a
   * presentation is refused.
   */
  static void writeIfPresentation(Metadata metadata, Path file, ContentHandler out)
      throws IOException, SAXException, TikaException {
    String type = String.valueOf(metadata.get(Metadata.CONTENT_TYPE));
    if (!type.contains("presentationml") && !type.startsWith("application/vnd.ms-powerpoint.")) {
      return;
    }
    if (file == null) {
      throw new TikaException("a presentation not read from a file");
    }
    write(file.toFile(), out);
  }

  /** Writes the modern comments of the PPTX at {@code pptx} to {@code out}, if it has any. */
  private static void write(File pptx, ContentHandler out) throws IOException, SAXException,
      TikaException {
    try (ZipSecureFile zip = new ZipSecureFile(pptx)) {
      ZipArchiveEntry authorList = zip.getEntry("ppt/authors.xml");
      Map<String, Author> authors = new HashMap<>();
      if (authorList != null) {
        parse(zip, authorList, new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String q, Attributes atts)
              throws SAXException {
            if ("author".equals(local) && atts.getValue("id") != null) {
              if (authors.size() >= MAX_AUTHORS) {
                throw new SAXException(new TikaMemoryLimitException("more than " + MAX_AUTHORS
                    + " comment authors"));
              }
              authors.put(atts.getValue("id"), new Author(String.valueOf(atts.getValue("name")),
                  atts.getValue("initials")));
            }
          }
        });
      }
      List<ZipArchiveEntry> parts = new ArrayList<>();
      zip.getEntries().asIterator().forEachRemaining(e -> {
        if (PART.matcher(e.getName()).matches()) {
          parts.add(e);
        }
      });
      parts.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipArchiveEntry part : parts) {
        parse(zip, part, new Comments(authors, out));
      }
    }
  }

  private static void parse(ZipSecureFile zip, ZipArchiveEntry entry, DefaultHandler handler)
      throws IOException, SAXException, TikaException {
    try (InputStream in = zip.getInputStream(entry)) {
      XMLReaderUtils.parseSAX(in, handler, new ParseContext());
    }
  }

  private static void write(Author author, String text, ContentHandler out) throws SAXException {
    AttributesImpl comment = new AttributesImpl();
    comment.addAttribute("", "class", "class", "CDATA", "slide-comment");
    out.startElement("", "p", "p", comment);
    if (author != null) {
      String initials = author.initials() == null || author.initials().isBlank() ? ""
          : " (" + author.initials() + ")";
      out.startElement("", "b", "b", new AttributesImpl());
      characters(author.name() + initials + " - ", out);
      out.endElement("", "b", "b");
    }
    characters(text, out);
    out.endElement("", "p", "p");
    characters("\n", out);
  }

  private static void characters(String s, ContentHandler out) throws SAXException {
    out.characters(s.toCharArray(), 0, s.length());
  }

  /**
   * Writes the comments and replies of one part in order, each with its author, its paragraphs
   * one a line; a comment before its replies, which the XML holds first.
   */
  private static final class Comments extends DefaultHandler {
    /** Chars of one comment or reply at most, held until it is written. */
    private static final int MAX_CHARS = 1 << 20;
    private final Map<String, Author> authors;
    private final ContentHandler out;
    private final List<Said> replies = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String commentAuthor;
    private String commentText;
    private String replyAuthor;
    private boolean inText;

    Comments(Map<String, Author> authors, ContentHandler out) {
      this.authors = authors;
      this.out = out;
    }

    @Override
    public void startElement(String uri, String local, String q, Attributes atts) {
      switch (local) {
        case "cm" -> {
          commentAuthor = String.valueOf(atts.getValue("authorId"));
          commentText = "";
          replies.clear();
        }
        case "reply" -> replyAuthor = String.valueOf(atts.getValue("authorId"));
        case "txBody" -> text.setLength(0);
        case "p" -> {
          if (!text.isEmpty()) {
            text.append('\n');
          }
        }
        case "t" -> inText = true;
        default -> { }
      }
    }

    @Override
    public void endElement(String uri, String local, String q) throws SAXException {
      switch (local) {
        case "t" -> inText = false;
        case "txBody" -> {
          if (replyAuthor != null) {
            replies.add(new Said(replyAuthor, text.toString()));
          } else if (commentAuthor != null) {
            commentText = text.toString();
          }
        }
        case "reply" -> replyAuthor = null;
        case "cm" -> {
          if (commentAuthor != null) {
            write(authors.get(commentAuthor), commentText, out);
          }
          for (Said reply : replies) {
            write(authors.get(reply.authorId()), reply.text(), out);
          }
          commentAuthor = null;
          replies.clear();
        }
        default -> { }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      if (inText) {
        text.append(ch, start, length);
        if (text.length() > MAX_CHARS) {
          throw new SAXException(new TikaMemoryLimitException("a comment of more than "
              + MAX_CHARS + " chars"));
        }
      }
    }
  }
}
