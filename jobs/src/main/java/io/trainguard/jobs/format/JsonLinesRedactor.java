package io.trainguard.jobs.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JSON Lines: one JSON value per line. Field paths are planned from the first
 * {@value ValueProtector#PLAN_SAMPLE_RECORDS} lines (a planned field is redacted whole in every
 * record); other values (strings, numbers and booleans; not keys) are scanned. A redacted value
 * is spliced into the original line at the offsets the streaming parser reports, and a field
 * that {@code drop_column} drops is cut out with its comma, so numbers, spacing, key order and
 * escapes elsewhere in the line stay byte-identical.
 */
final class JsonLinesRedactor implements RecordRedactor {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  /** RFC 8259's number grammar: a result that matches is written back as a number. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
  /** Integer digits up to which an exponent form is read in plain digits. */
  private static final int MAX_PLAIN_DIGITS = 64;
  /** Paths planned at most per file; later ones are planned per value, unrecorded. */
  private static final int MAX_PLANNED_PATHS = 10_000;
  /** {@link #value}'s answer for a value whose field leaves the record. */
  private static final String DROPPED = new String("");

  private final ValueProtector protector;
  private final String file;
  private final String idField;
  private final MacieHints macie;
  private final FlaggedRecords flagged;
  /** The sink of the file being redacted, reused value after value. */
  private ValueProtector.CountingSink cells;

  JsonLinesRedactor(ValueProtector protector, String file, String idField, MacieHints macie,
      FlaggedRecords flagged) {
    this.protector = protector;
    this.file = file;
    this.idField = idField;
    this.macie = macie;
    this.flagged = flagged;
  }

  @Override
  public void redact(LineReader in, RecordSinks out, FileStats stats) throws IOException {
    cells = new ValueProtector.CountingSink(stats);
    List<String> head = new ArrayList<>();
    String line;
    while (head.size() < ValueProtector.PLAN_SAMPLE_RECORDS && (line = in.next()) != null) {
      head.add(line);
    }
    long firstLine = in.lineNumber() - head.size() + 1;
    Map<String, Optional<ColumnPlan>> plans = plan(head, stats);
    for (int i = 0; i < head.size(); i++) {
      write(head.get(i), firstLine + i, plans, out, stats);
    }
    head.clear();
    while ((line = in.next()) != null) {
      write(line, in.lineNumber(), plans, out, stats);
    }
  }

  private void write(String line, long lineNumber, Map<String, Optional<ColumnPlan>> plans,
      RecordSinks out, FileStats stats) throws IOException {
    int end = TextRedactor.contentEnd(line);
    if (line.substring(0, end).isBlank()) {
      out.data().write(line); // a blank line is not a record
      return;
    }
    stats.countRecord();
    RecordAction[] action = {null};
    String redacted = redactLine(line.substring(0, end), lineNumber, stats.records() - 1, plans,
        stats, action);
    if (action[0] == RecordAction.DROP_RECORD) {
      stats.countDropped();
    } else if (action[0] == RecordAction.QUARANTINE_RECORD) {
      stats.countQuarantined();
      out.quarantine().write(line);
    } else {
      stats.countWritten();
      out.data().write(redacted);
      out.data().write(line, end, line.length() - end);
    }
  }

  /** The value of a top-level string or number field {@code name} of one line, or null. */
  private static String topLevelValue(String json, String name) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals(name) && value.isScalarValue()) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Plans each field path from the string and number values of the sampled lines (a path seen
   * only empty, null or boolean there is planned by its name alone).
   */
  private Map<String, Optional<ColumnPlan>> plan(List<String> head, FileStats stats) {
    Map<String, List<String>> samples = new TreeMap<>();
    for (String line : head) {
      try (JsonParser p = JSON.createParser(line)) {
        JsonToken token;
        while ((token = p.nextToken()) != null) {
          if (token.isScalarValue()) {
            List<String> sample = samples.computeIfAbsent(fieldPath(p.getParsingContext()),
                k -> new ArrayList<>());
            if (token == JsonToken.VALUE_STRING) {
              sample.add(p.getText());
            } else if (token.isNumeric()) {
              sample.add(numberText(p.getText()));
            }
          }
        }
      } catch (IOException malformed) {
        // reported with its line number when the line is written
      }
    }
    Map<String, Optional<ColumnPlan>> plans = new HashMap<>();
    samples.forEach((path, values) -> plans.put(path, plan(path, values, stats)));
    return plans;
  }

  private Optional<ColumnPlan> plan(String path, List<String> sample, FileStats stats) {
    if (path.equals("$")) {
      return Optional.empty();
    }
    Optional<ColumnPlan> plan = protector.plan(path, sample);
    plan.ifPresent(stats::addPlan);
    return plan;
  }

  /** The plan of {@code path}; one first seen after the sample is planned by its name alone. */
  private ColumnPlan planOf(String path, Map<String, Optional<ColumnPlan>> plans,
      FileStats stats) {
    Optional<ColumnPlan> plan = plans.get(path);
    if (plan == null) {
      if (plans.size() >= MAX_PLANNED_PATHS) { // keys can be data: stay bounded
        return protector.plan(path, List.of()).orElse(null);
      }
      plan = plan(path, List.of(), stats);
      plans.put(path, plan);
    }
    return plan.orElse(null);
  }

  private String redactLine(String json, long lineNumber, long recordIndex,
      Map<String, Optional<ColumnPlan>> plans, FileStats stats, RecordAction[] recordAction)
      throws IOException {
    String idValue = idField == null ? null : topLevelValue(json, idField);
    String recordId = RecordRedactor.recordId(file, idValue, "line " + lineNumber);
    recordAction[0] = flagged.actionFor(idValue);
    if (recordAction[0] != null) {
      stats.countPoisoningAction();
    }
    Splice splice = new Splice(json);
    Deque<Entries> open = new ArrayDeque<>();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken token = p.nextToken();
      int entryStart = 0;
      String shownKey = null; // the current key's pseudonym when it holds personal data
      do {
        if (token == null) {
          throw new MalformedRecordException("line " + lineNumber + ": incomplete JSON value");
        }
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (token == JsonToken.FIELD_NAME) {
          entryStart = start;
          String shown = protector.names().field(p.currentName());
          shownKey = shown.equals(p.currentName()) ? null : shown;
        } else if (token.isStructStart()) {
          Entries parent = open.peek();
          if (parent != null) {
            parent.keep(parent.array ? start : entryStart, splice);
            shownKey = showKey(json, entryStart, shownKey, splice);
          }
          open.push(new Entries(token == JsonToken.START_ARRAY));
        } else if (token.isStructEnd()) {
          open.pop();
          if (!open.isEmpty()) {
            open.peek().ended(start + 1);
          }
        } else {
          Entries parent = open.peek();
          String text = p.getText(); // a string's end is known once it is read
          int stop = token == JsonToken.VALUE_STRING ? (int) p.currentLocation().getCharOffset()
              : start + text.length();
          if (parent != null && parent.array) {
            entryStart = start;
          }
          String replacement = value(p, token, text, lineNumber, recordIndex, recordId, plans,
              stats, recordAction);
          if (replacement == DROPPED && parent != null) {
            parent.drop(entryStart, stop, splice);
            shownKey = null;
          } else {
            if (parent != null) {
              parent.keep(entryStart, splice);
              parent.ended(stop);
              shownKey = showKey(json, entryStart, shownKey, splice);
            }
            if (replacement != null) {
              splice.replace(start, stop, replacement == DROPPED ? "null" : replacement);
            }
          }
        }
        if (!open.isEmpty()) {
          token = p.nextToken();
        }
      } while (!open.isEmpty());
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
    return splice.result();
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
   * The text that replaces the current scalar, {@code text} as written: null to keep it,
   * {@link #DROPPED} when its field leaves the record. Strings, numbers and booleans are values;
   * a result is written as a number or boolean when it still is one, else as a string.
   */
  private String value(JsonParser p, JsonToken token, String text, long lineNumber,
      long recordIndex, String recordId, Map<String, Optional<ColumnPlan>> plans, FileStats stats,
      RecordAction[] recordAction) throws IOException {
    String field = fieldPath(p.getParsingContext());
    boolean bool = token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    ColumnPlan plan = planOf(field, plans, stats);
    if (protector.columnAction(field, plan).orElse(null) == RecordAction.DROP_COLUMN) {
      return DROPPED;
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (bool) {
      plan = null; // a plan names what the column's text is: never true or false
    }
    String value = token.isNumeric() ? numberText(text) : text;
    ValueProtector.Outcome outcome;
    try {
      outcome = protector.protectValue(value, field, plan, macie.field(recordIndex, field),
          recordId, cells);
    } catch (RegexBudgetException e) {
      throw new UnscannableValueException("line " + lineNumber + ", field " + field, e);
    }
    if (outcome.action() == RecordAction.DROP_COLUMN) {
      return DROPPED;
    }
    if (outcome.action() != null) {
      if (recordAction[0] == null || outcome.action().compareTo(recordAction[0]) > 0) {
        recordAction[0] = outcome.action();
      }
      return null;
    }
    String result = outcome.value();
    if (result == value) {
      return null;
    }
    if (token.isNumeric() && JSON_NUMBER.matcher(result).matches()
        || bool && (result.equals("true") || result.equals("false"))) {
      return result;
    }
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(result)) + '"';
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
