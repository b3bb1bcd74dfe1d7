package io.trainguard.jobs.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.TextProtector;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JSON Lines: one JSON value per line. String values (not keys) are scanned; a redacted string is
 * spliced into the original line at the offsets the streaming parser reports, so numbers,
 * spacing, key order and escapes elsewhere in the line stay byte-identical.
 */
final class JsonLinesRedactor implements RecordRedactor {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final TextProtector protector;

  JsonLinesRedactor(TextProtector protector) {
    this.protector = protector;
  }

  @Override
  public void redact(LineReader in, Writer out, FileStats stats) throws IOException {
    String line;
    while ((line = in.next()) != null) {
      int end = TextRedactor.contentEnd(line);
      if (line.substring(0, end).isBlank()) {
        out.write(line); // a blank line is not a record
        continue;
      }
      stats.countRecord();
      out.write(redactLine(line.substring(0, end), in.lineNumber(), stats));
      out.write(line, end, line.length() - end);
    }
  }

  private String redactLine(String json, long lineNumber, FileStats stats) throws IOException {
    StringBuilder out = null;
    int copied = 0;
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken token = p.nextToken();
      int depth = 0;
      do {
        if (token == null) {
          throw new MalformedRecordException("line " + lineNumber + ": incomplete JSON value");
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING) {
          int start = (int) p.currentTokenLocation().getCharOffset();
          String value = p.getText();
          int stop = (int) p.currentLocation().getCharOffset();
          String field = fieldPath(p.getParsingContext());
          String redacted;
          try {
            redacted = protector.protect(value, f -> stats.countFindings(field, f));
          } catch (RegexBudgetException e) {
            throw new UnscannableValueException("line " + lineNumber + ", field " + field, e);
          }
          if (redacted != value) {
            if (out == null) {
              out = new StringBuilder(json.length());
            }
            out.append(json, copied, start).append('"');
            out.append(JsonStringEncoder.getInstance().quoteAsString(redacted)).append('"');
            copied = stop;
          }
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
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Jackson's own message may quote input: report the location only.
      long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      throw new MalformedRecordException("line " + lineNumber + (column > 0 ? ", column "
          + column : "") + ": invalid JSON");
    }
    if (out == null) {
      return json;
    }
    return out.append(json, copied, json.length()).toString();
  }

  /** A field's path with array indexes folded: {@code user.emails[]}; {@code $} for the root. */
  static String fieldPath(JsonStreamContext context) {
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
