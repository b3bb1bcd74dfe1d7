package io.trainguard.jobs.format;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.ToTextContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the text and metadata of one document with Apache Tika, under {@link DocumentLimits}.
 * The parser runs on its own thread and streams UTF-8 text through a small bounded buffer to
 * {@link #text()}, so a document's text is never held whole in memory. Embedded documents
 * (attachments, objects) are parsed into the same text, depth-limited; any failure in one of
 * them rejects the whole document, so nothing is skipped silently.
 *
 * <p>The parse timeout bounds the time the reader of {@link #text()} waits for the parser. When
 * it runs out, or the reader gives up, {@link #close()} interrupts the parser thread and closes
 * the buffer, so the parser stops at its next read of the input or write of text; a parser
 * spinning without doing either keeps its (daemon) thread until it returns — Java cannot kill a
 * thread — but the task has moved on. Failures never carry text from the document.
 */
public final class DocumentExtractor implements AutoCloseable {

  /** Quarantine reasons. */
  public static final String ENCRYPTED = "encrypted-document";
  public static final String CORRUPT = "corrupt-document";
  public static final String LIMIT = "limit-exceeded";
  public static final String UNSUPPORTED = "unsupported-document";

  /** Bound on embedded documents per document, whatever their depth. */
  static final int MAX_EMBEDDED_DOCUMENTS = 10_000;

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final byte[] END = new byte[0];

  /** A document that cannot be protected as text; the message names the reason, never content. */
  public static final class RejectedException extends IOException {
    private final String reason;

    RejectedException(String reason, String detail) {
      super(reason + ": " + detail);
      this.reason = reason;
    }

    /** One of the quarantine reasons of {@link DocumentExtractor}. */
    public String reason() {
      return reason;
    }
  }

  /** The metadata of a parsed document and of each embedded document, in parse order. */
  public record Extracted(Metadata metadata, List<Metadata> embedded) {}

  /**
   * Tika's default parsers, minus those that run external programs (exiftool, ffmpeg, ...), with
   * the logging of every parsing library off: they quote what they parse (PDFBox names a
   * document's fonts, for one).
   */
  private static final class Holder {
    static final AutoDetectParser PARSER = parser();

    private static AutoDetectParser parser() {
      Map<String, Level> off = new HashMap<>();
      for (String library : List.of("org.apache.tika", "org.apache.pdfbox", "org.apache.fontbox",
          "org.apache.xmpbox", "org.apache.poi", "org.apache.xmlbeans", "org.apache.james.mime4j",
          "org.apache.commons.compress", "com.drew", "org.gagravarr", "com.epam.parso")) {
        off.put(library, Level.OFF);
      }
      Configurator.setLevel(off);
      org.apache.poi.util.TempFile.setTempFileCreationStrategy(
          new org.apache.poi.util.DefaultTempFileCreationStrategy(WorkDirectory.get().toFile()));
      String config = "<properties><parsers>"
          + "<parser class=\"org.apache.tika.parser.DefaultParser\">"
          + "<parser-exclude class=\"org.apache.tika.parser.external.CompositeExternalParser\"/>"
          + "</parser></parsers></properties>";
      try (InputStream in = new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))) {
        return new AutoDetectParser(new TikaConfig(in));
      } catch (TikaException | IOException | SAXException e) {
        throw new IllegalStateException("Cannot configure Apache Tika", e);
      }
    }
  }

  private final DocumentLimits limits;
  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
  private final Thread worker;
  private final TextStream text = new TextStream();
  private volatile boolean closed;
  private volatile Extracted result;
  private volatile RejectedException failure;
  private final Set<String> authors = ConcurrentHashMap.newKeySet();
  private final Set<String> runningLines = ConcurrentHashMap.newKeySet();

  /** Starts parsing {@code in} (not closed here); {@code name} helps type detection. */
  public DocumentExtractor(InputStream in, String name, DocumentLimits limits) {
    this.limits = limits;
    this.worker = new Thread(() -> parse(in, name), "trainguard-document-parser");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * The extracted text as UTF-8. Reading throws {@link RejectedException} when the document is
   * rejected or a limit is crossed.
   */
  public InputStream text() {
    return text;
  }

  /**
   * The people the document names as its authors, all known before {@link #text()} gives its
   * first byte: the authors of its comments and annotations (a DOCX comment's author, a PDF
   * annotation's title, an XLSX cell comment's author, a PPT or PPTX comment's author and
   * initials (one Latin letter left), an RTF annotation's author and initials), the authors of
   * a DOCX's tracked changes ({@link RevisionAuthors}) and the people its metadata names
   * ({@link MetadataAuthors}), an embedded document's included.
   */
  public Set<String> authors() {
    return authors;
  }

  /**
   * The running headers and footers of a paged document, in {@link RunningLines#form}, all
   * known before {@link #text()} gives its first byte.
   */
  public Set<String> runningLines() {
    return runningLines;
  }

  /** After {@link #text()} reached its end: the metadata, or the rejection. */
  public Extracted finish() throws IOException {
    while (text.read() >= 0) {
      // a reader that stopped early still needs the parser's verdict
    }
    try {
      worker.join(limits.parseTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the document parser");
    }
    if (failure != null) {
      throw failure;
    }
    if (result == null) {
      throw new RejectedException(LIMIT, "parse took longer than " + limits.parseTimeout());
    }
    return result;
  }

  /** Stops the parser if it still runs. */
  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    chunks.clear();
  }

  /** Where Tika copies a document it needs as a file: this JVM's private work directory. */
  private static TemporaryResources spool() {
    TemporaryResources spool = new TemporaryResources();
    spool.setTemporaryFileDirectory(WorkDirectory.get());
    return spool;
  }

  /**
   * Parses the document twice from a copy in the work directory: first for its authors and
   * running lines only (Tika writes a comment after the text it is on, and an author may be
   * named before), then for the text, which no line of is given before every author is known.
   */
  private void parse(InputStream in, String name) {
    RunningLines pages = new RunningLines();
    TextHandler handler = new TextHandler(new AuthorLines(), limits.maxChars(), authors, pages);
    Embedded embedded = new Embedded(limits.maxEmbeddedDepth());
    try (TemporaryResources spool = spool();
        TikaInputStream input = TikaInputStream.get(
            new RtfAnnotationAuthors(CloseShieldInputStream.wrap(in), authors), spool,
            new Metadata())) {
      Path copy = input.getPath();
      Metadata first = parse(copy, name, handler, embedded);
      if (handler.limitReached || embedded.rejection != null) {
        failure = rejection(null, handler, embedded);
        return;
      }
      MetadataAuthors.addTo(authors, first);
      RevisionAuthors.addTo(authors, first, copy);
      for (Metadata e : embedded.metadata) {
        MetadataAuthors.addTo(authors, e);
      }
      for (String author : List.copyOf(authors)) { // a comment's 'Rain, Summer' or 'Dr. ...'
        authors.addAll(MetadataAuthors.names(author));
      }
      runningLines.addAll(pages.running());
      handler = new TextHandler(new BufferedWriter(new OutputStreamWriter(new Sink(),
          StandardCharsets.UTF_8), 8192), limits.maxChars(), authors, null);
      embedded = new Embedded(limits.maxEmbeddedDepth());
      Metadata metadata = parse(copy, name, handler, embedded);
      if (handler.limitReached || embedded.rejection != null) {
        failure = rejection(null, handler, embedded);
      } else if (!parsedBySomeParser(metadata)) {
        failure = new RejectedException(UNSUPPORTED, "no parser for "
            + metadata.get(Metadata.CONTENT_TYPE));
      } else {
        result = new Extracted(metadata, List.copyOf(embedded.metadata));
      }
    } catch (Throwable t) { // OutOfMemoryError and StackOverflowError included: fail closed
      failure = rejection(t, handler, embedded);
    } finally {
      end();
    }
  }

  /** One parse of the document at {@code copy}, its text written to {@code handler}. */
  private static Metadata parse(Path copy, String name, TextHandler handler, Embedded embedded)
      throws IOException, SAXException, TikaException {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    try (TikaInputStream tis = TikaInputStream.get(copy, metadata)) {
      Holder.PARSER.parse(tis, new BodyContentHandler(handler), metadata, embedded.context);
    }
    ModernComments.writeIfPresentation(metadata, copy, handler);
    handler.writer.flush();
    return metadata;
  }

  /**
   * Archives and compressed files: they hold documents, and none of their parsers is bundled,
   * so one embedded in a document would be skipped silently.
   */
  private static final Set<MediaType> ARCHIVES = Stream.of("zip", "x-tar", "gzip", "x-gzip",
      "x-bzip", "x-bzip2", "x-xz", "zstd", "x-lzma", "x-lz4", "x-lzip", "x-compress",
      "x-7z-compressed", "x-rar-compressed", "vnd.rar", "x-archive", "x-cpio", "x-gtar",
      "x-arj", "vnd.ms-cab-compressed").map(MediaType::application).collect(Collectors.toSet());

  private static boolean isArchive(MediaType type) {
    MediaTypeRegistry registry = MediaTypeRegistry.getDefaultRegistry();
    for (MediaType t = type; t != null; t = registry.getSupertype(t)) {
      if (ARCHIVES.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean parsedBySomeParser(Metadata metadata) {
    return Arrays.stream(metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY))
        .anyMatch(p -> !p.endsWith(".DefaultParser") && !p.endsWith(".EmptyParser")
            && !p.endsWith(".AutoDetectParser"));
  }

  /** Why a parse failed: a limit this class enforces, else what the exception chain says. */
  private RejectedException rejection(Throwable t, TextHandler handler, Embedded embedded) {
    if (handler.limitReached) {
      return new RejectedException(LIMIT, "more than " + limits.maxChars() + " chars of text");
    }
    if (embedded.rejection != null) {
      return embedded.rejection;
    }
    return classify(t);
  }

  private RejectedException classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String type = c.getClass().getSimpleName();
      if (type.equals("EncryptedDocumentException") || type.equals("InvalidPasswordException")) {
        return new RejectedException(ENCRYPTED, "password-protected or encrypted");
      }
      if (String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("zip bomb")) {
        return new RejectedException(LIMIT, "suspected zip bomb (Tika's compression ratio or"
            + " nesting check)");
      }
      if (c instanceof OutOfMemoryError || c instanceof StackOverflowError
          || type.equals("TikaMemoryLimitException") || type.equals("WriteLimitReachedException")) {
        return new RejectedException(LIMIT, "parser resource limit (" + type + ")");
      }
      if (closed || c instanceof InterruptedException || c instanceof InterruptedIOException) {
        return new RejectedException(LIMIT, "parse stopped");
      }
    }
    return new RejectedException(CORRUPT, "cannot be parsed ("
        + (t == null ? "unknown" : t.getClass().getSimpleName()) + ")");
  }

  /** Signals the end of text; the reader then sees {@link #failure} or {@link #result}. */
  private void end() {
    try {
      while (!closed && !chunks.offer(END, 100, TimeUnit.MILLISECONDS)) {
        // the reader is redacting: wait for room
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The first parse's text, kept only to find each DOCX comment's author in it, which Tika
   * writes as {@code Comment by NAME: } at the start of a line or after a tab.
   */
  private final class AuthorLines extends Writer {
    private static final Pattern COMMENT_AUTHOR =
        Pattern.compile("(?:^|\t)Comment by ([^:\t\n]{1,200}): ");
    /** Chars of a line kept at most: the rest of a longer line is read past them. */
    private static final int MAX_KEPT = 1 << 16;
    /** Chars of a line kept when it is cut: more than any author's pattern. */
    private static final int OVERLAP = 256;
    private final StringBuilder line = new StringBuilder();

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      if (closed) {
        throw new InterruptedIOException("document parse stopped");
      }
      for (int i = off; i < off + len; i++) {
        line.append(chars[i]);
        if (chars[i] == '\n') {
          scan();
          line.setLength(0);
        } else if (line.length() >= MAX_KEPT) {
          scan();
          // NUL: what is kept is no line's start
          line.replace(0, line.length() - OVERLAP, "\0");
        }
      }
    }

    private void scan() {
      Matcher author = COMMENT_AUTHOR.matcher(line);
      while (author.find()) {
        String name = author.group(1).strip();
        if (!name.isEmpty()) {
          authors.add(name);
        }
      }
    }

    @Override
    public void flush() {
      scan();
    }

    @Override
    public void close() {
      flush();
    }
  }

  /** The parser side of the buffer: text in chunks of {@value #CHUNK_BYTES} bytes. */
  private final class Sink extends OutputStream {
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int count;

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        flush();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (count == buffer.length) {
          flush();
        }
        int n = Math.min(len, buffer.length - count);
        System.arraycopy(b, off, buffer, count, n);
        count += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      if (count == 0) {
        return;
      }
      byte[] chunk = count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
      try {
        while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
          if (closed) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("document parse stopped");
      }
      if (closed) {
        throw new InterruptedIOException("document parse stopped");
      }
      buffer = new byte[CHUNK_BYTES];
      count = 0;
    }
  }

  /** The reader side: counts the time spent waiting for the parser against the timeout. */
  private final class TextStream extends InputStream {
    private byte[] current = new byte[0];
    private int pos;
    private boolean eof;
    private long waitedNanos;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos == current.length && !next()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean next() throws IOException {
      if (eof) {
        return false;
      }
      long budget = limits.parseTimeout().toNanos() - waitedNanos;
      long start = System.nanoTime();
      byte[] chunk;
      try {
        chunk = budget > 0 ? chunks.poll(budget, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading document text");
      }
      waitedNanos += System.nanoTime() - start;
      if (chunk == null) {
        close();
        throw new RejectedException(LIMIT, "parse took longer than " + limits.parseTimeout());
      }
      if (chunk == END) {
        eof = true;
        if (failure != null) {
          throw failure;
        }
        return false;
      }
      current = chunk;
      pos = 0;
      return true;
    }
  }

  /**
   * Plain text of the body, counted: past the limit the parse stops. The authors Tika marks out
   * are collected: the text of a {@code <div class="annotationTitle">} (a PDF annotation's), in
   * a table cell of a {@code <div class="sheet">} the text after a {@code <br/>} up to its first
   * {@code ": "} (an XLSX cell comment's, which Tika writes as {@code NAME: note}), and the bold
   * {@code NAME (INITIALS) - } of a {@code <p class="slide-comment">} (a PPTX comment's).
   */
  private static final class TextHandler extends ToTextContentHandler {
    /** Chars of an author at most: past them, what is read is no author. */
    private static final int MAX_AUTHOR = 200;
    /** How Tika writes a PPTX comment's author and initials, in bold before the comment. */
    private static final Pattern SLIDE_COMMENT_AUTHOR =
        Pattern.compile("(.*?)(?: \\(([^()]*)\\))? - ", Pattern.DOTALL);

    final Writer writer;
    private final long maxChars;
    private final Set<String> authors;
    /** Fed the text of each page when running lines are looked for, else null. */
    private final RunningLines pages;
    /** The depth of the {@code div} of the page being read (0: none). */
    private int pageDiv;
    private final StringBuilder author = new StringBuilder();
    private boolean inTitle;
    private boolean inCell;
    private boolean afterBreak;
    private boolean inSlideComment;
    private boolean inBold;
    /** Open {@code div}s, and the depth of the one of the sheet being read (0: none). */
    private int divs;
    private int sheetDiv;
    private long chars;
    volatile boolean limitReached;

    TextHandler(Writer writer, long maxChars, Set<String> authors, RunningLines pages) {
      super(writer);
      this.writer = writer;
      this.maxChars = maxChars;
      this.authors = authors;
      this.pages = pages;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
        throws SAXException {
      String kind = atts.getValue("class");
      switch (localName) {
        case "div" -> {
          divs++;
          if ("sheet".equals(kind)) {
            sheetDiv = divs;
          }
          if ("page".equals(kind) && pages != null && pageDiv == 0) {
            pageDiv = divs;
            pages.startPage();
          }
          inTitle = "annotationTitle".equals(kind);
        }
        case "td", "th" -> inCell = true;
        case "br" -> afterBreak = inCell && sheetDiv > 0;
        case "p" -> inSlideComment = "slide-comment".equals(kind);
        case "b" -> inBold = inSlideComment;
        default -> { }
      }
      if (inTitle && "div".equals(localName) || afterBreak && "br".equals(localName)
          || inBold && "b".equals(localName)) {
        author.setLength(0);
      }
      super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (localName) {
        case "div" -> {
          if (inTitle) {
            add(author.toString());
            inTitle = false;
          }
          if (divs == pageDiv) {
            pageDiv = 0;
            pages.endPage();
          }
          if (divs-- == sheetDiv) {
            sheetDiv = 0;
          }
        }
        case "td", "th" -> {
          inCell = false;
          afterBreak = false;
        }
        case "b" -> {
          if (inBold) {
            Matcher slide = SLIDE_COMMENT_AUTHOR.matcher(author);
            add(slide.matches() ? slide.group(1) : author.toString());
            if (slide.matches() && slide.group(2) != null) {
              addInitials(slide.group(2));
            }
            inBold = false;
          }
        }
        case "p" -> inSlideComment = false;
        default -> { }
      }
      super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      count(length);
      if (pageDiv > 0) {
        pages.characters(ch, start, length);
      }
      if ((inTitle || afterBreak || inBold) && author.length() <= MAX_AUTHOR) {
        author.append(ch, start, Math.min(length, MAX_AUTHOR + 2));
        int colon = author.indexOf(": ");
        if (afterBreak && (colon >= 0 || author.length() > MAX_AUTHOR)) {
          add(colon >= 0 ? author.substring(0, colon) : "");
          afterBreak = false;
        }
      }
      super.characters(ch, start, length);
    }

    private void add(String name) {
      String stripped = name.strip();
      if (!stripped.isEmpty() && stripped.length() <= MAX_AUTHOR) {
        authors.add(stripped);
      }
    }

    private void addInitials(String initials) {
      if (TextRedactor.isSearchableName(initials.strip())) {
        add(initials);
      }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      count(length);
      if (pageDiv > 0) {
        pages.characters(ch, start, length);
      }
      super.ignorableWhitespace(ch, start, length);
    }

    private void count(int length) throws SAXException {
      chars += length;
      if (chars > maxChars) {
        limitReached = true;
        throw new SAXException("extracted text limit reached");
      }
    }
  }

  /** Parses embedded documents into the same text, at most {@code maxDepth} deep. */
  private final class Embedded implements EmbeddedDocumentExtractor {
    private final ParseContext context = new ParseContext();
    private final int maxDepth;
    private final List<Metadata> metadata = new ArrayList<>();
    private int depth;
    private volatile RejectedException rejection;

    Embedded(int maxDepth) {
      this.maxDepth = maxDepth;
      context.set(Parser.class, Holder.PARSER);
      context.set(EmbeddedDocumentExtractor.class, this);
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return true; // skipping one would lose its text silently
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata embedded,
        boolean outputHtml) throws SAXException, IOException {
      if (rejection != null) {
        throw rejection;
      }
      if (depth >= maxDepth) {
        throw reject(new RejectedException(LIMIT, "documents embedded more than " + maxDepth
            + " deep"));
      }
      if (metadata.size() >= MAX_EMBEDDED_DOCUMENTS) {
        throw reject(new RejectedException(LIMIT, "more than " + MAX_EMBEDDED_DOCUMENTS
            + " embedded documents"));
      }
      metadata.add(embedded);
      depth++;
      try (TemporaryResources spool = spool();
          TikaInputStream tis = TikaInputStream.get(
              new RtfAnnotationAuthors(CloseShieldInputStream.wrap(stream), authors), spool,
              embedded)) {
        Holder.PARSER.parse(tis, new EmbeddedContentHandler(new BodyContentHandler(handler)),
            embedded, context);
        try {
          // the parser of a presentation read it from a file: its modern comments are read there
          ModernComments.writeIfPresentation(embedded, tis.hasFile() ? tis.getPath() : null,
              handler);
          RevisionAuthors.addTo(authors, embedded, tis.hasFile() ? tis.getPath() : null);
        } catch (SAXException e) {
          throw reject(classify(e));
        }
      } catch (TikaException | IOException | RuntimeException e) {
        // parsers may swallow what an embedded document throws: remember it
        throw reject(classify(e));
      } finally {
        depth--;
      }
      MediaType type = MediaType.parse(embedded.get(Metadata.CONTENT_TYPE));
      if (type != null && isArchive(type.getBaseType()) && !parsedBySomeParser(embedded)) {
        throw reject(new RejectedException(UNSUPPORTED, "an embedded " + type.getBaseType()
            + " that no bundled parser reads"));
      }
    }

    private RejectedException reject(RejectedException e) {
      if (rejection == null) {
        rejection = e;
      }
      return rejection;
    }
  }
}
