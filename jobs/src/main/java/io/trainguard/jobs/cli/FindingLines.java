package io.trainguard.jobs.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.classifiers.Finding;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.RecordCodec;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.ValueProtector;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code detect}'s report: one output line per record as the protocol scans it. The record's
 * line, read in step from its own reader, is checked and gives the id; the findings at
 * {@code $.text} give the rest.
 */
final class FindingLines implements RecordProtector.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LineReader lines;
  private final Writer out;
  private final String name;
  private final Detection.Skipped skipped;
  private final List<Finding> text = new ArrayList<>();
  private final Set<String> textMacie = new HashSet<>();

  FindingLines(LineReader lines, Writer out, String name, Detection.Skipped skipped) {
    this.lines = lines;
    this.out = out;
    this.name = name;
    this.skipped = skipped;
  }

  @Override
  public void malformed(RecordCodec.Record record) throws IOException {
    String line;
    do {
      line = lines.next();
    } while (line.isBlank());
    skipped.at(record.malformed());
  }

  @Override
  public void found(RecordCodec.Record record, int field, List<Finding> findings,
      Set<String> macie) {
    if (record.path(field).equals("text")) {
      text.addAll(findings);
      textMacie.addAll(macie);
    }
  }

  @Override
  public void scanned(RecordCodec.Record record) throws IOException {
    JsonNode line = nextRecord();
    try (JsonGenerator g = JSON.getFactory().createGenerator(nonClosing(out))) {
      g.writeStartObject();
      g.writeFieldName("id");
      g.writeTree(line.get("id"));
      g.writeArrayFieldStart("findings");
      Set<String> both = new HashSet<>();
      for (Finding f : text) {
        // as protect counts it: one local finding per entity Macie also reported is both
        String source = ValueProtector.MACIE.equals(f.recognizer()) ? "macie"
            : textMacie.contains(f.entity()) && both.add(f.entity()) ? "both" : "local";
        g.writeStartObject();
        g.writeStringField("entity", f.entity());
        g.writeNumberField("start", f.start());
        g.writeNumberField("end", f.end());
        g.writeNumberField("score",
            BigDecimal.valueOf(f.score()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
        g.writeStringField("source", source);
        g.writeStringField("recognizer", f.recognizer());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    text.clear();
    textMacie.clear();
  }

  /** The number of the next non-blank line, the next record's. */
  long nextLineNumber() throws IOException {
    String line;
    do {
      line = lines.next();
    } while (line != null && line.isBlank());
    return lines.lineNumber();
  }

  /** Checks every line up to {@code lineNumber} that the protocol has not yet reported. */
  void checkUpTo(long lineNumber) throws IOException {
    String line;
    while (lines.lineNumber() < lineNumber && (line = lines.next()) != null) {
      if (!line.isBlank()) {
        check(line);
      }
    }
  }

  /** The next non-blank line as a checked {"id", "text"} record. */
  private JsonNode nextRecord() throws IOException {
    String line;
    do {
      line = lines.next();
    } while (line.isBlank());
    return check(line);
  }

  private JsonNode check(String line) {
    long lineNumber = lines.lineNumber();
    JsonNode record;
    try {
      record = JSON.readTree(line);
    } catch (IOException e) {
      throw TrainguardException.input("Invalid JSON in " + name + " at line " + lineNumber);
    }
    if (record == null || !record.isObject() || !record.has("id")) {
      throw TrainguardException.input("Invalid record in " + name + " at line " + lineNumber
          + ": expected an object with \"id\" and \"text\"");
    }
    JsonNode text = record.get("text");
    if (text == null || !text.isTextual()) {
      throw TrainguardException.input("Invalid record in " + name + " at line " + lineNumber
          + ": \"text\" is missing or not a string");
    }
    return record;
  }

  private static Writer nonClosing(Writer w) {
    return new java.io.FilterWriter(w) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
