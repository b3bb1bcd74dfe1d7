package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.LineReaderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.RecognizerPack;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.parquet.ParquetFiles;
import io.trainguard.jobs.format.StreamOutputFile;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import io.trainguard.redaction.RecordAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one record protocol gives the same decisions and counts in CSV, JSON Lines, Parquet, Avro
 * and ORC.
 */
class RecordProtectorTest {

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message t {
        required binary id (STRING);
        optional binary note (STRING);
      }
      """);

  /** Three records (id, note), the second holding an email address. */
  private static final String[][] RECORDS = {
      {"1", "nothing"}, {"2", "mail ana.perez@example.com"}, {"3", "still nothing"}};

  @TempDir
  Path dir;

  /** What one format made of {@link #RECORDS}: data and quarantine, one line per record. */
  record Result(List<String> data, List<String> quarantine, FileStats stats) {}

  @Test
  void aFlaggedRecordIsScannedAndCountedAlikeInEveryFormat() throws IOException {
    FlaggedRecords flagged = new FlaggedRecords(Set.of("2"), RecordAction.QUARANTINE_RECORD);
    for (Result r : List.of(csv(TestSinks.STRICT, flagged), jsonLines(TestSinks.STRICT, flagged),
        parquet(TestSinks.STRICT, flagged), avro(TestSinks.STRICT, flagged),
        orc(TestSinks.STRICT, flagged))) {
      assertThat(r.stats().records()).isEqualTo(3);
      assertThat(r.stats().quarantined()).isEqualTo(1);
      assertThat(r.stats().poisoningActions()).isEqualTo(1);
      // the email in the quarantined record is counted where it was found, in every format
      assertThat(r.stats().findingsByEntity()).containsExactlyEntriesOf(
          Map.of("EMAIL_ADDRESS", 1L));
      // the quarantined record as it was read (CSV's quarantine starts with the header)
      assertThat(r.quarantine().get(r.quarantine().size() - 1))
          .contains("2").contains("mail ana.perez@example.com");
    }
  }

  @Test
  void dropColumnActsAlikeInEveryFormat() throws IOException {
    // a finding's drop_column: the value leaves its record where the format allows
    ValueProtector finding = TestSinks.protector("""
        entities:
          EMAIL_ADDRESS: drop_column
        """);
    assertThat(csv(finding, FlaggedRecords.NONE).data())
        .containsExactly("id,note", "1,nothing", "2,", "3,still nothing");
    assertThat(jsonLines(finding, FlaggedRecords.NONE).data()).containsExactly(
        "{\"id\": \"1\", \"note\": \"nothing\"}", "{\"id\": \"2\"}",
        "{\"id\": \"3\", \"note\": \"still nothing\"}");
    assertThat(orc(finding, FlaggedRecords.NONE).data())
        .containsExactly("{1, nothing}", "{2, null}", "{3, still nothing}");
    assertThat(parquet(finding, FlaggedRecords.NONE).data())
        .containsExactly("id=1 note=nothing", "id=2", "id=3 note=still nothing");
    assertThat(avro(finding, FlaggedRecords.NONE).data()).containsExactly(
        "{\"id\": \"1\", \"note\": \"nothing\"}", "{\"id\": \"2\", \"note\": null}",
        "{\"id\": \"3\", \"note\": \"still nothing\"}");

    // a column rule's drop_column: the column leaves every record and the header or schema
    ValueProtector rule = TestSinks.protector("""
        columns:
          note: drop_column
        """);
    assertThat(csv(rule, FlaggedRecords.NONE).data()).containsExactly("id", "1", "2", "3");
    assertThat(jsonLines(rule, FlaggedRecords.NONE).data())
        .containsExactly("{\"id\": \"1\"}", "{\"id\": \"2\"}", "{\"id\": \"3\"}");
    assertThat(parquet(rule, FlaggedRecords.NONE).data()).containsExactly("id=1", "id=2", "id=3");
    assertThat(avro(rule, FlaggedRecords.NONE).data()).containsExactly(
        "{\"id\": \"1\"}", "{\"id\": \"2\"}", "{\"id\": \"3\"}");
    assertThat(orc(rule, FlaggedRecords.NONE).data()).containsExactly("{1}", "{2}", "{3}");
  }

  @Test
  void aValueAUserPatternCannotScanIsLocatedByItsFieldsPseudonymNeverItsName()
      throws IOException {
    ValueProtector evil = new ValueProtector(new Analyzer(RecognizerPack.combine(List.of(
        RecognizerPack.builtIn(), RecognizerPack.parse(new java.io.ByteArrayInputStream("""
            recognizers:
              - name: EvilRecognizer
                supported_entity: EVIL
                patterns: [{name: nested, regex: "(.*,){11}x", score: 0.9}]
            """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "evil.yaml"))),
        Analyzer.DEFAULT_THRESHOLD), Policy.strict(),
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));
    String name = "ana.perez@example.com";
    String shown = evil.names().field(name);
    assertThat(shown).startsWith("name_EMAIL_ADDRESS_");
    String budget = ": Recognizer EvilRecognizer pattern nested exceeded its matching budget on a"
        + " value of 60 chars";
    String value = ",".repeat(60);

    assertThatThrownBy(() -> lines(evil, Format.CSV, "t.csv", "id," + name + "\n1,\"" + value
        + "\"\n", FlaggedRecords.NONE)).isInstanceOf(UnscannableValueException.class)
        .hasMessage("row 2, column " + shown + budget);
    assertThatThrownBy(() -> lines(evil, Format.JSONL, "t.jsonl", "{\"id\": \"1\", \"" + name
        + "\": \"" + value + "\"}\n", FlaggedRecords.NONE))
        .isInstanceOf(UnscannableValueException.class)
        .hasMessage("line 1, field " + shown + budget);
    org.apache.orc.TypeDescription schema = org.apache.orc.TypeDescription.fromString(
        "struct<id:string,`" + name + "`:string>");
    org.apache.orc.mapred.OrcStruct r = new org.apache.orc.mapred.OrcStruct(schema);
    r.setFieldValue(0, new org.apache.hadoop.io.Text("1"));
    r.setFieldValue(1, new org.apache.hadoop.io.Text(value));
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, List.of(r), org.apache.orc.CompressionKind.NONE);
    FileStats stats = new FileStats();
    Configuration conf = new Configuration();
    try (OrcCodec codec = new OrcCodec(org.apache.hadoop.fs.FileSystem.getLocal(conf),
        new org.apache.hadoop.fs.Path(in.toUri()), conf, new AvroCodecTest.Sinks(), "t.orc",
        stats, evil.names())) {
      assertThatThrownBy(() -> new RecordProtector(evil, "t.orc", "id", MacieHints.NONE,
          FlaggedRecords.NONE).protect(codec, stats))
          .isInstanceOf(UnscannableValueException.class)
          .hasMessage("record 0, field " + shown + budget);
    }
  }

  private Result csv(ValueProtector protector, FlaggedRecords flagged) throws IOException {
    StringBuilder in = new StringBuilder("id,note\n");
    for (String[] r : RECORDS) {
      in.append(r[0]).append(',').append(r[1]).append('\n');
    }
    return lines(protector, Format.CSV, "t.csv", in.toString(), flagged);
  }

  private Result jsonLines(ValueProtector protector, FlaggedRecords flagged) throws IOException {
    StringBuilder in = new StringBuilder();
    for (String[] r : RECORDS) {
      in.append("{\"id\": \"").append(r[0]).append("\", \"note\": \"").append(r[1])
          .append("\"}\n");
    }
    return lines(protector, Format.JSONL, "t.jsonl", in.toString(), flagged);
  }

  private static Result lines(ValueProtector protector, Format format, String file, String in,
      FlaggedRecords flagged) throws IOException {
    TestSinks out = new TestSinks();
    FileStats stats = new FileStats();
    format.redactor(protector, file, "id", MacieHints.NONE, flagged)
        .redact(new LineReader(utf8(in), 1 << 20), out, stats);
    return new Result(out.data.toString().lines().toList(),
        out.quarantine.toString().lines().toList(), stats);
  }

  private Result parquet(ValueProtector protector, FlaggedRecords flagged) throws IOException {
    Path in = dir.resolve("t.parquet");
    List<Group> records = new ArrayList<>();
    for (String[] r : RECORDS) {
      Group g = new SimpleGroup(SCHEMA);
      g.add("id", r[0]);
      g.add("note", r[1]);
      records.add(g);
    }
    ParquetFiles.write(in, SCHEMA, records);
    Path data = dir.resolve("data.parquet");
    Path quarantine = dir.resolve("quarantine.parquet");
    ParquetSinks sinks = new ParquetSinks() {
      @Override
      public ParquetWriter<Group> data(MessageType s, CompressionCodecName codec,
          Set<String> personal) throws IOException {
        return writer(data, s, codec);
      }

      @Override
      public ParquetWriter<Group> quarantine(MessageType s, CompressionCodecName codec)
          throws IOException {
        return writer(quarantine, s, codec);
      }
    };
    FileStats stats = new FileStats();
    try (ParquetCodec codec = new ParquetCodec(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(in.toUri()), new Configuration()), sinks, "t.parquet",
        stats)) {
      new RecordProtector(protector, "t.parquet", "id", MacieHints.NONE, flagged)
          .protect(codec, stats);
    }
    return new Result(flat(data), Files.exists(quarantine) ? flat(quarantine) : List.of(),
        stats);
  }

  private Result avro(ValueProtector protector, FlaggedRecords flagged) throws IOException {
    org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse("""
        {"type": "record", "name": "t", "fields": [{"name": "id", "type": "string"},
          {"name": "note", "type": ["null", "string"]}]}
        """);
    List<org.apache.avro.generic.GenericRecord> records = new ArrayList<>();
    for (String[] r : RECORDS) {
      org.apache.avro.generic.GenericRecord g = new org.apache.avro.generic.GenericData.Record(
          schema);
      g.put("id", r[0]);
      g.put("note", r[1]);
      records.add(g);
    }
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, records, org.apache.avro.file.CodecFactory.nullCodec());
    AvroCodecTest.Sinks sinks = new AvroCodecTest.Sinks();
    FileStats stats = new FileStats();
    try (java.io.InputStream input = Files.newInputStream(in)) {
      new RecordProtector(protector, "t.avro", "id", MacieHints.NONE, flagged)
          .protect(new AvroCodec(input, sinks, "t.avro", stats, null), stats);
    }
    Path data = dir.resolve("data.avro");
    Files.write(data, sinks.data.toByteArray());
    Path quarantine = dir.resolve("quarantine.avro");
    Files.write(quarantine, sinks.quarantine.toByteArray());
    return new Result(AvroFiles.read(data).lines(), sinks.quarantine.size() == 0 ? List.of()
        : AvroFiles.read(quarantine).lines(), stats);
  }

  private Result orc(ValueProtector protector, FlaggedRecords flagged) throws IOException {
    org.apache.orc.TypeDescription schema = org.apache.orc.TypeDescription.fromString(
        "struct<id:string,note:string>");
    List<org.apache.orc.mapred.OrcStruct> records = new ArrayList<>();
    for (String[] r : RECORDS) {
      org.apache.orc.mapred.OrcStruct g = new org.apache.orc.mapred.OrcStruct(schema);
      g.setFieldValue("id", new org.apache.hadoop.io.Text(r[0]));
      g.setFieldValue("note", new org.apache.hadoop.io.Text(r[1]));
      records.add(g);
    }
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, records, org.apache.orc.CompressionKind.NONE);
    AvroCodecTest.Sinks sinks = new AvroCodecTest.Sinks();
    FileStats stats = new FileStats();
    Configuration conf = new Configuration();
    try (OrcCodec codec = new OrcCodec(org.apache.hadoop.fs.FileSystem.getLocal(conf),
        new org.apache.hadoop.fs.Path(in.toUri()), conf, sinks, "t.orc", stats, null)) {
      new RecordProtector(protector, "t.orc", "id", MacieHints.NONE, flagged)
          .protect(codec, stats);
    }
    Path data = dir.resolve("data.orc");
    Files.write(data, sinks.data.toByteArray());
    Path quarantine = dir.resolve("quarantine.orc");
    Files.write(quarantine, sinks.quarantine.toByteArray());
    return new Result(OrcFiles.read(data).lines(), sinks.quarantine.size() == 0 ? List.of()
        : OrcFiles.read(quarantine).lines(), stats);
  }

  private static ParquetWriter<Group> writer(Path file, MessageType schema,
      CompressionCodecName codec) throws IOException {
    return ParquetEncryption.writer(new StreamOutputFile(Files.newOutputStream(file), "out"),
        schema, codec, null, new Configuration());
  }

  /** Each record as {@code field=value} pairs; a null field is left out. */
  private static List<String> flat(Path file) throws IOException {
    return ParquetFiles.read(file, new Configuration()).lines().stream()
        .map(l -> String.join(" ", l.strip().lines().map(String::strip)
            .map(f -> f.replaceFirst(": ", "=")).toList()))
        .toList();
  }
}
