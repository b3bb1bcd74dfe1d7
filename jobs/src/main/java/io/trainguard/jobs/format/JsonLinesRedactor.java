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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Lines: one JSON value per line. Field paths are planned from the first
 * {@value ValueProtector#PLAN_SAMPLE_RECORDS} lines (a planned field is redacted whole in every
 * record); other string values (not keys) are scanned; a redacted string is
 * spliced into the original line at the offsets the streaming parser reports, so numbers,
 * spacing, key order and escapes elsewhere in the line stay byte-identical.
 */
final class JsonLinesRedactor implements RecordRedactor {

  private static final JsonFactory JSON = JsonFactory.builder().build();

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
    Map<String, ColumnPlan> plans = plan(head, stats);
    for (int i = 0; i < head.size(); i++) {
      write(head.get(i), firstLine + i, plans, out, stats);
    }
    head.clear();
    while ((line = in.next()) != null) {
      write(line, in.lineNumber(), plans, out, stats);
    }
  }

  private void write(String line, long lineNumber, Map<String, ColumnPlan> plans,
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

  /** Plans each field path from the string values of the sampled lines. */
  private Map<String, ColumnPlan> plan(List<String> head, FileStats stats) {
    Map<String, List<String>> samples = new TreeMap<>();
    for (String line : head) {
      try (JsonParser p = JSON.createParser(line)) {
        JsonToken token;
        while ((token = p.nextToken()) != null) {
          if (token == JsonToken.VALUE_STRING) {
            samples.computeIfAbsent(fieldPath(p.getParsingContext()), k -> new ArrayList<>())
                .add(p.getText());
          }
        }
      } catch (IOException malformed) {
        // reported with its line number when the line is written
      }
    }
    Map<String, ColumnPlan> plans = new HashMap<>();
    samples.forEach((path, values) -> {
      if (!path.equals("$")) {
        protector.plan(path, values).ifPresent(plan -> {
          plans.put(path, plan);
          stats.addPlan(plan);
        });
      }
    });
    return plans;
  }

  private String redactLine(String json, long lineNumber, long recordIndex,
      Map<String, ColumnPlan> plans, FileStats stats, RecordAction[] recordAction)
      throws IOException {
    StringBuilder out = null;
    int copied = 0;
    String idValue = idField == null ? null : topLevelValue(json, idField);
    String recordId = RecordRedactor.recordId(file, idValue, "line " + lineNumber);
    recordAction[0] = flagged.actionFor(idValue);
    if (recordAction[0] != null) {
      stats.countPoisoningAction();
    }
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
        } else if (token == JsonToken.FIELD_NAME) {
          String shown = protector.names().field(p.currentName());
          if (!shown.equals(p.currentName())) { // a key holding personal data
            int start = (int) p.currentTokenLocation().getCharOffset();
            if (out == null) {
              out = new StringBuilder(json.length());
            }
            out.append(json, copied, start).append('"').append(shown).append('"');
            copied = endOfString(json, start);
          }
        } else if (token == JsonToken.VALUE_STRING) {
          int start = (int) p.currentTokenLocation().getCharOffset();
          String value = p.getText();
          int stop = (int) p.currentLocation().getCharOffset();
          String field = fieldPath(p.getParsingContext());
          ColumnPlan plan = plans.get(field);
          ValueProtector.CountingSink sink = cells.value(field);
          ValueProtector.Outcome outcome;
          try {
            outcome = plan != null
                ? protector.protectWhole(plan, value, field, recordId, sink)
                : protector.protect(value, field, recordId, sink);
            String macieEntity = macie.field(recordIndex, field);
            if (macieEntity != null && sink.found(macieEntity)) {
              stats.countAlsoMacie(macieEntity);
            } else if (macieEntity != null && outcome.action() == null) {
              outcome = protector.protectMacieValue(macieEntity, value, field, recordId, sink);
            }
          } catch (RegexBudgetException e) {
            throw new UnscannableValueException("line " + lineNumber + ", field " + field, e);
          }
          if (!value.isEmpty()) {
            stats.countCell(field, sink.foundAny());
          }
          String replacement = null;
          if (outcome.action() == RecordAction.DROP_COLUMN) {
            replacement = "null";
          } else if (outcome.action() != null) {
            if (recordAction[0] == null || outcome.action().compareTo(recordAction[0]) > 0) {
              recordAction[0] = outcome.action();
            }
          } else if (outcome.value() != value) {
            replacement = '"' + new String(JsonStringEncoder.getInstance()
                .quoteAsString(outcome.value())) + '"';
          }
          if (replacement != null) {
            if (out == null) {
              out = new StringBuilder(json.length());
            }
            out.append(json, copied, start).append(replacement);
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

  /** The offset just after the JSON string (key) that starts with the quote at {@code start}. */
  private static int endOfString(String json, int start) {
    int i = start + 1;
    while (json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
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
