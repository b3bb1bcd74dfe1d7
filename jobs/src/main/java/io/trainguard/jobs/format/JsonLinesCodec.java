package io.trainguard.jobs.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON Lines: one JSON value per line, a {@link RecordCodec} whose values are the scalars
 * (strings, numbers and booleans; not keys) at their field paths ({@code user.emails[]}). A
 * changed value is spliced into the original line at the offsets the streaming parser reports,
 * and a value that leaves its record is cut out with its key and comma, so numbers, spacing, key
 * order and escapes elsewhere in the line stay byte-identical. Keys holding personal data are
 * shown as their pseudonyms.
 *
 * <p>A {@code .json} file whose first line opens a JSON value it does not close holds one JSON
 * document instead: each element of a top-level array (paths {@code [].field}, as Macie's
 * {@code $[i].field} fold) or the single object is one record, Macie's record 0, and the document
 * is written back with its own spacing and the commas between the elements kept.
 */
final class JsonLinesCodec implements RecordCodec {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** RFC 8259's number grammar: a result that matches is written back as a number. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
  /** Integer digits up to which an exponent form is read in plain digits. */
  private static final int MAX_PLAIN_DIGITS = 64;
  /** A value's replacement when it leaves its record. */
  private static final String REMOVED = new String("");

  private final LineReader in;
  private final RecordSinks out;
  private final PersonalNames names;
  /** Whether the file may hold one JSON document rather than JSON Lines. */
  private final boolean mayHoldDocument;
  private long records;
  /** The file's JSON document, once its first line showed it holds one. */
  private Document document;

  JsonLinesCodec(LineReader in, RecordSinks out, PersonalNames names, boolean mayHoldDocument) {
    this(in, out, names, mayHoldDocument, LineSlice.WHOLE);
  }

  /** The codec of {@code slice} of a file, whose records Macie counts from the file's first. */
  JsonLinesCodec(LineReader in, RecordSinks out, PersonalNames names, boolean mayHoldDocument,
      LineSlice slice) {
    this.in = in;
    this.out = out;
    this.names = names;
    this.mayHoldDocument = mayHoldDocument && slice.first();
    this.records = slice.recordsBefore();
  }

  /** Whether a file of this name may hold one JSON document: a {@code .json} file. */
  static boolean mayHoldDocument(String file) {
    String name = Compression.byFileName(file).map(c -> c.strip(file)).orElse(file);
    return name.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  @Override
  public List<String> open() {
    return List.of();
  }

  /** A line that is a bare value has no field to plan. */
  @Override
  public Typing typing(String path) {
    return path.equals("$") ? Typing.NONE : Typing.TEXT;
  }

  @Override
  public void layout(Set<String> dropped, Set<String> planned) {}

  @Override
  public RecordCodec.Record next() throws IOException {
    if (document != null) {
      return document.next();
    }
    String line = in.next();
    if (line == null) {
      return null;
    }
    long lineNumber = in.lineNumber();
    int end = TextRedactor.contentEnd(line);
    if (line.substring(0, end).isBlank()) {
      return new Line(line, lineNumber, -1, null); // a blank line is not a record
    }
    if (in.invalid(line)) {
      return new Line(line, lineNumber, records++, List.of()).asMalformed("line " + lineNumber
          + ": invalid UTF-8");
    }
    List<Token> tokens;
    try {
      tokens = parse(line.substring(0, end), lineNumber);
    } catch (MalformedRecordException e) {
      if (records > 0 || !mayHoldDocument || !opensDocument(line.substring(0, end))) {
        return new Line(line, lineNumber, records++, List.of()).asMalformed(e.getMessage());
      }
      String json = readDocument(line, lineNumber);
      if (in.invalid(json)) {
        throw new MalformedRecordException("JSON document at line " + lineNumber
            + ": invalid UTF-8");
      }
      document = new Document(json, lineNumber);
      return document.next();
    }
    return new Line(line, lineNumber, records++, tokens);
  }

  /** {@code first} and every line after it, bounded as one line is. */
  private String readDocument(String first, long firstLine) throws IOException {
    StringBuilder json = new StringBuilder(first);
    for (String line = in.next(); line != null; line = in.next()) {
      if (json.length() + line.length() > in.maxLineChars()) {
        throw new LineReader.LineTooLongException("JSON document", firstLine, in.maxLineChars());
      }
      json.append(line);
    }
    return json.toString();
  }

  /** Whether {@code json} opens an array or object that it does not close. */
  static boolean opensDocument(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_ARRAY || first == JsonToken.START_OBJECT) {
        p.skipChildren();
      }
      return false;
    } catch (JsonEOFException e) {
      return true;
    } catch (JsonProcessingException e) { // some errors at the end of input are not EOF's own
      return e.getLocation() != null && e.getLocation().getCharOffset() >= json.length();
    }
  }

  @Override
  public void writeData(RecordCodec.Record record) throws IOException {
    Line line = (Line) record;
    if (line.element >= 0) {
      document.lastData = document.writeBefore(out.data(), line.element, document.lastData);
      out.data().write(line.redacted(line.text));
      return;
    }
    if (line.tokens == null) {
      out.data().write(line.text);
      return;
    }
    int end = TextRedactor.contentEnd(line.text);
    out.data().write(line.redacted(line.text.substring(0, end)));
    out.data().write(line.text, end, line.text.length() - end);
  }

  @Override
  public void writeQuarantine(RecordCodec.Record record) throws IOException {
    Line line = (Line) record;
    if (line.element >= 0) {
      document.lastQuarantined = document.writeBefore(out.quarantine(), line.element,
          document.lastQuarantined);
    }
    out.quarantine().write(line.text);
  }

  /** Closes the document: what follows its last element, in each output that holds part of it. */
  @Override
  public void finish() throws IOException {
    if (document == null) {
      return;
    }
    if (document.lastData < 0) {
      out.data().write(document.json, 0, document.openingEnd());
    }
    out.data().write(document.json, document.closingStart(), document.json.length()
        - document.closingStart());
    if (document.lastQuarantined >= 0) {
      out.quarantine().write(document.json, document.closingStart(), document.json.length()
          - document.closingStart());
    }
  }

  /**
   * One JSON document (from the first non-blank line to the end of the file): its records are
   * the elements of a top-level array, or the single value.
   */
  private final class Document {
    final String json;
    /** The path prefix of the records' values: {@code []} for array elements. */
    final String prefix;
    final List<int[]> spans = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    int nextElement;
    /** The last element written to data and to quarantine, -1 before the first. */
    int lastData = -1;
    int lastQuarantined = -1;

    Document(String json, long firstLine) throws IOException {
      this.json = json;
      boolean array;
      try (JsonParser p = JSON.createParser(json)) {
        JsonToken t = p.nextToken();
        array = t == JsonToken.START_ARRAY;
        if (array) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            element(p, t, firstLine);
          }
        } else {
          element(p, t, firstLine);
        }
        if (p.nextToken() != null) {
          throw new MalformedRecordException("line " + (firstLine - 1
              + p.currentTokenLocation().getLineNr()) + ": more than one JSON value");
        }
      } catch (StreamConstraintsException e) {
        throw new MalformedRecordException("line " + firstLine + ": JSON exceeds parser limits"
            + " (nesting depth, string or number length)");
      } catch (JsonProcessingException e) {
        throw invalid(e, e.getLocation() == null ? firstLine
            : firstLine - 1 + e.getLocation().getLineNr());
      }
      this.prefix = array ? "[]" : "";
    }

    private void element(JsonParser p, JsonToken t, long firstLine) throws IOException {
      int start = (int) p.currentTokenLocation().getCharOffset();
      lines.add(firstLine - 1 + p.currentTokenLocation().getLineNr());
      int end;
      if (t.isStructStart()) {
        p.skipChildren();
        end = (int) p.currentTokenLocation().getCharOffset() + 1;
      } else {
        String text = p.getText();
        end = t == JsonToken.VALUE_STRING ? (int) p.currentLocation().getCharOffset()
            : start + text.length();
      }
      spans.add(new int[] {start, end});
    }

    Line next() throws IOException {
      if (nextElement == spans.size()) {
        return null;
      }
      int[] span = spans.get(nextElement);
      String text = json.substring(span[0], span[1]);
      long line = lines.get(nextElement);
      return new Line(text, line, 0, parse(text, line), prefix, nextElement++);
    }

    /**
     * Writes to {@code w} what precedes {@code element} there: the document's opening before the
     * first element written, else the separator before {@code element}. Returns
     * {@code element}.
     */
    int writeBefore(Writer w, int element, int last) throws IOException {
      if (last < 0) {
        w.write(json, 0, openingEnd());
      } else {
        int start = spans.get(element - 1)[1];
        w.write(json, start, spans.get(element)[0] - start);
      }
      return element;
    }

    /** The end of the text before the first element (the whole document when it has none). */
    int openingEnd() {
      return spans.isEmpty() ? json.length() : spans.get(0)[0];
    }

    /** The start of the text after the last element. */
    int closingStart() {
      return spans.isEmpty() ? json.length() : spans.get(spans.size() - 1)[1];
    }
  }

  /** One token of a line: a key, the start or end of an object or array, or a scalar. */
  private record Token(JsonToken type, int start, int stop, String text, String path,
      boolean topLevel) {}

  /** The tokens of one JSON value, checking it is one complete value. */
  private static List<Token> parse(String json, long lineNumber) throws IOException {
    List<Token> tokens = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken token = p.nextToken();
      int depth = 0;
      do {
        if (token == null) {
          throw new MalformedRecordException("line " + lineNumber + ": incomplete JSON value");
        }
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (token == JsonToken.FIELD_NAME) {
          tokens.add(new Token(token, start, start, p.currentName(), null, false));
        } else if (token.isStructStart() || token.isStructEnd()) {
          depth += token.isStructStart() ? 1 : -1;
          tokens.add(new Token(token, start, start + 1, null, null, false));
        } else {
          String text = p.getText(); // a string's end is known once it is read
          int stop = token == JsonToken.VALUE_STRING ? (int) p.currentLocation().getCharOffset()
              : start + text.length();
          JsonStreamContext context = p.getParsingContext();
          tokens.add(new Token(token, start, stop, text, fieldPath(context),
              context.inObject() && context.getParent() != null
                  && context.getParent().inRoot()));
        }
        if (depth > 0) {
          token = p.nextToken();
        }
      } while (depth > 0);
      if (p.nextToken() != null) {
        throw new MalformedRecordException("line " + lineNumber + ": more than one JSON value");
      }
    } catch (StreamConstraintsException e) {
      throw new MalformedRecordException("line " + lineNumber + ": JSON exceeds parser limits"
          + " (nesting depth, string or number length)");
    } catch (JsonProcessingException e) {
      throw invalid(e, lineNumber);
    }
    return tokens;
  }

  /** Jackson's error at {@code line}; its own message may quote input: the location only. */
  private static MalformedRecordException invalid(JsonProcessingException e, long line) {
    long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    return new MalformedRecordException("line " + line + (column > 0 ? ", column " + column
        : "") + ": invalid JSON");
  }

  /** A line: its text (terminator included) and, unless it is blank, its tokens and values. */
  private final class Line implements RecordCodec.Record {
    private final String text;
    private final long lineNumber;
    /** The index of the record among the file's non-blank lines, from 0, as Macie counts. */
    private final long index;
    /** The prefix of its values' paths ({@code []}: an array element), else empty. */
    private final String prefix;
    /** The index of the element it is in the file's JSON document, else -1. */
    private final int element;
    private final List<Token> tokens;
    /** The scalar tokens, in order: the record's values. */
    private final List<Token> values;
    /** Per value, its replacement as JSON ({@link #REMOVED}: it leaves), or null to keep it. */
    private String[] replacements;
    private String malformed;

    Line(String text, long lineNumber, long index, List<Token> tokens) {
      this(text, lineNumber, index, tokens, "", -1);
    }

    Line(String text, long lineNumber, long index, List<Token> tokens, String prefix,
        int element) {
      this.prefix = prefix;
      this.element = element;
      this.text = text;
      this.lineNumber = lineNumber;
      this.index = index;
      this.tokens = tokens;
      this.values = new ArrayList<>();
      if (tokens != null) {
        for (Token t : tokens) {
          if (t.type().isScalarValue()) {
            values.add(t);
          }
        }
      }
    }

    /** This line, a record that cannot be read for {@code why}. */
    Line asMalformed(String why) {
      malformed = why;
      return this;
    }

    @Override
    public boolean isRecord() {
      return tokens != null;
    }

    @Override
    public String malformed() {
      return malformed;
    }

    @Override
    public int size() {
      return values.size();
    }

    @Override
    public String path(int field) {
      String path = values.get(field).path();
      return prefix.isEmpty() ? path : path.equals("$") ? prefix
          : path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    @Override
    public Kind kind(int field) {
      JsonToken type = values.get(field).type();
      return type == JsonToken.VALUE_NULL ? Kind.NULL
          : type == JsonToken.VALUE_TRUE || type == JsonToken.VALUE_FALSE ? Kind.BOOLEAN
          : Kind.TEXT;
    }

    @Override
    public Data data(int field) {
      return values.get(field).type().isNumeric() ? Data.TYPED : Record.super.data(field);
    }

    @Override
    public String text(int field) {
      Token t = values.get(field);
      return t.type().isNumeric() ? numberText(t.text()) : t.text();
    }

    @Override
    public String id(String idField) {
      for (Token t : values) {
        if (t.topLevel() && t.path().equals(idField)) {
          return t.text();
        }
      }
      return null;
    }

    @Override
    public String position() {
      return element < 0 ? "line " + lineNumber : "element " + element + " at line " + lineNumber;
    }

    @Override
    public String where(int field) {
      return position() + ", field " + names.field(path(field));
    }

    @Override
    public Set<String> macie(MacieHints hints, int field) {
      return hints.field(index, path(field));
    }

    /**
     * A result is written as a number or boolean when it still is one, else as a string.
     */
    @Override
    public void replace(int field, String value) {
      JsonToken type = values.get(field).type();
      boolean bool = type == JsonToken.VALUE_TRUE || type == JsonToken.VALUE_FALSE;
      replacements()[field] = type.isNumeric() && JSON_NUMBER.matcher(value).matches()
          || bool && (value.equals("true") || value.equals("false")) ? value
          : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }

    /** The value leaves with its key and comma; a line that is a bare value becomes null. */
    @Override
    public void remove(int field) {
      replacements()[field] = REMOVED;
    }

    private String[] replacements() {
      if (replacements == null) {
        replacements = new String[values.size()];
      }
      return replacements;
    }

    /** {@code json} (the line without its terminator) with the replacements spliced in. */
    String redacted(String json) {
      Splice splice = new Splice(json);
      Deque<Entries> open = new ArrayDeque<>();
      int entryStart = 0;
      int value = 0;
      String shownKey = null; // the current key's pseudonym when it holds personal data
      for (Token t : tokens) {
        if (t.type() == JsonToken.FIELD_NAME) {
          entryStart = t.start();
          String shown = names.field(t.text());
          shownKey = shown.equals(t.text()) ? null : shown;
        } else if (t.type().isStructStart()) {
          Entries parent = open.peek();
          if (parent != null) {
            parent.keep(parent.array ? t.start() : entryStart, splice);
            shownKey = showKey(json, entryStart, shownKey, splice);
          }
          open.push(new Entries(t.type() == JsonToken.START_ARRAY));
        } else if (t.type().isStructEnd()) {
          open.pop();
          if (!open.isEmpty()) {
            open.peek().ended(t.stop());
          }
        } else {
          Entries parent = open.peek();
          if (parent != null && parent.array) {
            entryStart = t.start();
          }
          String replacement = replacements == null ? null : replacements[value];
          value++;
          if (replacement == REMOVED && parent != null) {
            parent.drop(entryStart, t.stop(), splice);
            shownKey = null;
          } else {
            if (parent != null) {
              parent.keep(entryStart, splice);
              parent.ended(t.stop());
              shownKey = showKey(json, entryStart, shownKey, splice);
            }
            if (replacement != null) {
              splice.replace(t.start(), t.stop(), replacement == REMOVED ? "null" : replacement);
            }
          }
        }
      }
      return splice.result();
    }
  }

  /**
   * Writes {@code shown} (a key holding personal data, as a pseudonym) over the key that starts
   * the kept member at {@code start}; null, the key to show next.
   */
  private static String showKey(String json, int start, String shown, Splice splice) {
    if (shown != null) {
      splice.replace(start, endOfString(json, start), '"' + shown + '"');
    }
    return null;
  }

  /** The offset just after the JSON string (key) that starts with the quote at {@code start}. */
  private static int endOfString(String json, int start) {
    int i = start + 1;
    while (json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  /**
   * A JSON number's digits as detectors read them: an exponent form of a whole number in plain
   * digits ({@code 4.111111111111111E15}: {@code 4111111111111111}), anything else as written.
   */
  static String numberText(String number) {
    if (number.indexOf('e') < 0 && number.indexOf('E') < 0) {
      return number;
    }
    try {
      BigDecimal decimal = new BigDecimal(number);
      return decimal.precision() - decimal.scale() > MAX_PLAIN_DIGITS ? number
          : decimal.toPlainString();
    } catch (NumberFormatException | ArithmeticException e) {
      return number;
    }
  }

  /** The text of a line with some of its ranges replaced or removed, in order. */
  private static final class Splice {
    private final String json;
    private StringBuilder out;
    private int copied;

    Splice(String json) {
      this.json = json;
    }

    void replace(int start, int stop, String text) {
      if (out == null) {
        out = new StringBuilder(json.length());
      }
      out.append(json, copied, start).append(text);
      copied = stop;
    }

    void remove(int start, int stop) {
      replace(start, stop, "");
    }

    String result() {
      return out == null ? json : out.append(json, copied, json.length()).toString();
    }
  }

  /**
   * The entries (members or elements) of one open object or array, so that a dropped one leaves
   * with its comma: after a previous entry, from that entry's end; as the first, up to the next
   * kept entry.
   */
  private static final class Entries {
    final boolean array;
    /** The end of the previous entry, -1 before the first. */
    private int lastEnd = -1;
    /** Whether every entry so far was dropped (the next kept one loses its leading comma). */
    private boolean onlyDropped;

    Entries(boolean array) {
      this.array = array;
    }

    void drop(int start, int end, Splice splice) {
      if (lastEnd < 0) {
        splice.remove(start, end);
        onlyDropped = true;
      } else {
        splice.remove(lastEnd, end);
      }
      lastEnd = end;
    }

    /** An entry starting at {@code start} is kept. */
    void keep(int start, Splice splice) {
      if (onlyDropped) {
        splice.remove(lastEnd, start);
        onlyDropped = false;
      }
    }

    void ended(int end) {
      lastEnd = end;
    }
  }

  /** A field's path with array indexes folded: {@code user.emails[]}; {@code $} for the root. */
  static String fieldPath(JsonStreamContext context) {
    if (context.inObject() && context.getParent() != null && context.getParent().inRoot()
        && context.getCurrentName() != null) {
      return context.getCurrentName(); // a top-level field, the common case
    }
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    if (parts.isEmpty()) {
      return "$";
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
