package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCli;
import io.trainguard.jobs.format.AvroFiles;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.parquet.ParquetFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same outside texts through {@code detect} and through {@code protect} then
 * {@code decrypt}, in every input format and under every operator family: no value detect
 * reports survives an operator that removes it, and under {@code replace} protect's output is
 * exactly the text with detect's spans replaced.
 */
class DetectProtectAgreementTest {

  /** Texts per source; bench/leak sets more. */
  private static final int PER_SOURCE = Integer.getInteger("trainguard.leak.texts", 8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageType PARQUET = MessageTypeParser.parseMessageType(
      "message texts { required int64 id; optional binary text (STRING); }");
  private static final Schema AVRO = new Schema.Parser().parse("""
      {"type": "record", "name": "Text", "fields": [{"name": "id", "type": "long"},
       {"name": "text", "type": ["null", "string"]}]}""");
  /** Input file names; each holds every text, one record each, in order. */
  private static final List<String> FILES = List.of("texts.txt", "texts.csv", "texts.jsonl",
      "texts.parquet", "texts.avro", "texts.docx", "named.csv");
  /** Operator families: the policy's entity lines and the entities they keep. */
  private static final Map<String, String> POLICIES = new LinkedHashMap<>();

  static {
    POLICIES.put("replace", "default: replace");
    POLICIES.put("redact", "default: redact");
    POLICIES.put("hash", "default: hash");
    POLICIES.put("tokenize", "default: tokenize");
    POLICIES.put("mask", "default: \"mask[*,4]\"");
    POLICIES.put("fpe", "default: fpe");
    POLICIES.put("keep", "default: replace\nentities:\n  PERSON: keep\n  URL: keep");
    POLICIES.put("date_shift", "default: \"date_shift[-30,30]\"");
    POLICIES.put("generalize", "default: \"generalize[year]\"");
    POLICIES.put("drop_column", "default: drop_column");
  }

  /**
   * The files whose records are read as detect reads its lines. A column planned as PERSON is
   * replaced whole, and a text file or document remembers the names of earlier lines (a surname
   * alone after the full name), so protect replaces more there: both are held to no value left.
   */
  private static final Set<String> RECORDS = Set.of("texts.csv", "texts.jsonl", "texts.parquet",
      "texts.avro");
  /** What a policy keeps. */
  private static final Map<String, Set<String>> KEPT = Map.of("keep", Set.of("PERSON", "URL"));

  @TempDir
  static Path dir;

  private static List<String> texts;
  private static List<List<Span>> found;
  private static LocalKeyring key;
  private static final Map<String, Map<String, List<String>>> OUTPUTS = new LinkedHashMap<>();

  /** A detect finding, in UTF-16 offsets of its text. */
  record Span(String entity, int start, int end) {}

  @BeforeAll
  static void detectAndWriteInputs() throws IOException {
    texts = OutsideTexts.load(PER_SOURCE);
    Path in = Files.createDirectories(dir.resolve("in"));
    StringBuilder jsonl = new StringBuilder();
    StringBuilder txt = new StringBuilder();
    StringBuilder csv = new StringBuilder("id,text\n");
    StringBuilder named = new StringBuilder("id,full_name\n");
    List<Group> groups = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      ObjectNode line = JsonNodeFactory.instance.objectNode().put("id", i).put("text", text);
      jsonl.append(JSON.writeValueAsString(line)).append('\n');
      txt.append(text).append('\n');
      String quoted = '"' + text.replace("\"", "\"\"") + '"';
      csv.append(i).append(',').append(quoted).append('\n');
      named.append(i).append(',').append(quoted).append('\n');
      groups.add(new SimpleGroupFactory(PARQUET).newGroup().append("id", (long) i)
          .append("text", text));
      GenericRecord record = new GenericData.Record(AVRO);
      record.put("id", (long) i);
      record.put("text", text);
      records.add(record);
    }
    Files.writeString(in.resolve("texts.jsonl"), jsonl);
    Files.writeString(in.resolve("texts.txt"), txt);
    Files.writeString(in.resolve("texts.csv"), csv);
    Files.writeString(in.resolve("named.csv"), named);
    ParquetFiles.write(in.resolve("texts.parquet"), PARQUET, groups);
    AvroFiles.write(in.resolve("texts.avro"), AVRO, records, CodecFactory.nullCodec());
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      texts.forEach(text -> doc.createParagraph().createRun().setText(text));
      doc.write(bytes);
      Files.write(in.resolve("texts.docx"), bytes.toByteArray());
    }
    Path detected = dir.resolve("detected.jsonl");
    assertThat(TrainguardCli.run("detect", "--input", in.resolve("texts.jsonl").toString(),
        "--output", detected.toString())).isZero();
    found = new ArrayList<>();
    for (String line : Files.readAllLines(detected)) {
      JsonNode record = JSON.readTree(line);
      String text = texts.get(record.path("id").asInt());
      List<Span> spans = new ArrayList<>();
      for (JsonNode f : record.path("findings")) {
        spans.add(new Span(f.path("entity").asText(),
            text.offsetByCodePoints(0, f.path("start").asInt()),
            text.offsetByCodePoints(0, f.path("end").asInt())));
      }
      found.add(spans);
    }
    assertThat(found).hasSameSizeAs(texts);
    key = LocalKeyring.generate(dir.resolve("keyring.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"replace", "redact", "hash", "tokenize", "mask", "fpe", "keep",
      "date_shift", "generalize", "drop_column"})
  void noValueDetectFindsSurvivesProtect(String family) throws IOException {
    Map<String, List<String>> outputs = protect(family);
    Set<String> kept = KEPT.getOrDefault(family, Set.of());
    Map<String, String> table = new TreeMap<>();
    List<String> leaks = new ArrayList<>();
    StringBuilder figures = new StringBuilder("leak_" + family);
    outputs.forEach((file, records) -> {
      String output = String.join("\n", records.stream().filter(r -> r != null).toList());
      // a value is left when the output holds it more often than the input does outside the
      // spans reported for it (unreported, or inside another value an operator keeps part of)
      Map<String, Integer> allowed = new LinkedHashMap<>();
      int checked = 0;
      for (int i = 0; i < texts.size(); i++) {
        for (Span span : found.get(i)) {
          if (!kept.contains(span.entity())) {
            checked++;
            allowed.putIfAbsent(value(i, span), 0);
          }
        }
      }
      allowed.replaceAll((value, n) -> {
        int outside = 0;
        for (int i = 0; i < texts.size(); i++) {
          outside += count(outside(i, value), value);
        }
        return outside;
      });
      int leaked = 0;
      for (Map.Entry<String, Integer> value : allowed.entrySet()) {
        int left = count(output, value.getKey()) - value.getValue();
        if (left > 0) {
          leaked += left;
          leaks.add(file + ": " + left + " of " + value.getKey());
        }
      }
      table.put(file, family + " " + file + ": " + checked + " values, " + leaked + " left");
      String name = file.replace("texts.", "").replace('.', '_');
      figures.append(' ').append(name).append("_values=").append(checked).append(' ')
          .append(name).append("_left=").append(leaked);
    });
    System.out.println(figures); // a bench/ line: leak_FAMILY FILE_values=N FILE_left=N ...
    assertThat(leaks).as(String.join("\n", table.values())).isEmpty();
  }

  @Test
  void protectReplacesExactlyWhatDetectReports() throws IOException {
    Map<String, List<String>> outputs = protect("replace");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      expected.add(replaced(texts.get(i), found.get(i)));
    }
    Map<String, List<String>> disagreements = new TreeMap<>();
    outputs.forEach((file, records) -> {
      if (!RECORDS.contains(file)) {
        return; // a planned column is replaced whole; text files remember names across lines
      }
      for (int i = 0; i < texts.size(); i++) {
        if (!expected.get(i).equals(records.get(i))) {
          disagreements.computeIfAbsent(file, f -> new ArrayList<>())
              .add("record " + i + ": detect " + expected.get(i) + " | protect " + records.get(i));
        }
      }
    });
    System.out.println("agreement texts=" + texts.size() + " findings="
        + found.stream().mapToInt(List::size).sum() + " disagreeing_records="
        + disagreements.values().stream().mapToInt(List::size).sum());
    assertThat(disagreements).isEmpty();
  }

  /** Each input file's records after protect under {@code family} and decrypt, in order. */
  private static Map<String, List<String>> protect(String family) throws IOException {
    if (!OUTPUTS.containsKey(family)) {
      OUTPUTS.put(family, protectAndDecrypt(family));
    }
    return OUTPUTS.get(family);
  }

  private static Map<String, List<String>> protectAndDecrypt(String family) throws IOException {
    Path policy = Files.writeString(dir.resolve(family + ".yaml"),
        "version: 1\n" + POLICIES.get(family) + "\n");
    Path out = dir.resolve("out-" + family);
    new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(dir.resolve("in").toString(),
        out.toString(), key.spec()).policy(policy.toString()).build()).execute();
    Path plain = dir.resolve("plain-" + family);
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    Map<String, List<String>> outputs = new LinkedHashMap<>();
    outputs.put("texts.txt", Files.readAllLines(plain.resolve("texts.txt")));
    outputs.put("texts.docx", Files.readAllLines(plain.resolve("texts.docx.txt")).stream()
        .filter(line -> !line.isBlank()).toList());
    outputs.put("texts.csv", csv(plain.resolve("texts.csv"), "text"));
    outputs.put("named.csv", csv(plain.resolve("named.csv"), "full_name"));
    List<String> jsonl = new ArrayList<>();
    for (String line : Files.readAllLines(plain.resolve("texts.jsonl"))) {
      JsonNode text = JSON.readTree(line).get("text");
      jsonl.add(text == null || text.isNull() ? null : text.asText());
    }
    outputs.put("texts.jsonl", jsonl);
    List<String> parquet = new ArrayList<>();
    for (Group g : ParquetFiles.read(plain.resolve("texts.parquet"), new Configuration())
        .records()) {
      parquet.add(g.getType().containsField("text") && g.getFieldRepetitionCount("text") > 0
          ? g.getString("text", 0) : null);
    }
    outputs.put("texts.parquet", parquet);
    List<String> avro = new ArrayList<>();
    for (GenericRecord r : AvroFiles.read(plain.resolve("texts.avro")).records()) {
      Object text = r.getSchema().getField("text") == null ? null : r.get("text");
      avro.add(text == null ? null : text.toString());
    }
    outputs.put("texts.avro", avro);
    outputs.forEach((file, records) -> assertThat(records).as(family + " " + file)
        .hasSize(file.equals("texts.docx") ? records.size() : texts.size())); // a document's
    // paragraphs are its non-blank lines: one emptied or dropped whole is not among them
    return outputs;
  }

  private static List<String> csv(Path file, String column) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setMaxCharsPerColumn(-1);
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNullValue(null);
    CsvParser parser = new CsvParser(settings);
    List<String> values = new ArrayList<>();
    List<String[]> rows = parser.parseAll(file.toFile());
    int index = List.of(parser.getRecordMetadata().headers()).indexOf(column);
    for (String[] row : rows) {
      values.add(index < 0 || index >= row.length ? null : row[index]);
    }
    return values;
  }

  /** The text with every span replaced by {@code <ENTITY>}, as the replace operator writes. */
  private static String replaced(String text, List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort((a, b) -> Integer.compare(a.start(), b.start()));
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Span span : sorted) {
      if (span.start() < at) {
        continue; // inside the span before, replaced with it
      }
      out.append(text, at, span.start()).append('<').append(span.entity()).append('>');
      at = span.end();
    }
    return out.append(text.substring(at)).toString();
  }

  private static String value(int i, Span span) {
    return texts.get(i).substring(span.start(), span.end());
  }

  /**
   * Record {@code i}'s text with every reported span of {@code value} blanked out: the
   * occurrences that may stay (unreported, or inside another value an operator keeps part of).
   */
  private static String outside(int i, String value) {
    char[] chars = texts.get(i).toCharArray();
    for (Span span : found.get(i)) {
      if (value(i, span).equals(value)) {
        java.util.Arrays.fill(chars, span.start(), span.end(), '\u0000');
      }
    }
    return new String(chars);
  }

  /**
   * How often {@code value} stands in {@code text}: not where a letter or digit continues it on
   * either side (an {@code S} inside {@code <US_SSN>}, {@code 111} inside another number).
   */
  private static int count(String text, String value) {
    int n = 0;
    for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      int end = at + value.length();
      if (!(continues(value.codePointAt(0), text, at, true)
          || continues(value.codePointBefore(value.length()), text, end, false))) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code edge}, a letter or digit, has one beside it in {@code text} at {@code at}. */
  private static boolean continues(int edge, String text, int at, boolean before) {
    if (!Character.isLetterOrDigit(edge)) {
      return false;
    }
    if (before ? at == 0 : at == text.length()) {
      return false;
    }
    return Character.isLetterOrDigit(before ? text.codePointBefore(at) : text.codePointAt(at));
  }
}
