package io.trainguard.jobs.parquet;

import io.trainguard.jobs.format.StreamOutputFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.ParquetCodec;
import io.trainguard.jobs.format.ParquetSinks;
import io.trainguard.jobs.format.RecordProtector;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.protect.MacieFusion;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated leaves, maps, unannotated binaries and typed leaves, without Spark. */
class ParquetRedactorTest {

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message t {
        required int64 id;
        repeated binary tags (STRING);
        optional group attrs (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional binary value (STRING);
          }
        }
        optional binary raw;
        optional int32 dob (DATE);
        optional int64 account_id;
      }
      """);
  private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe};

  @TempDir
  Path dir;

  static ValueProtector protector(Policy policy) {
    return new ValueProtector(Analyzer.defaults(), policy,
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));
  }

  static Group record(MessageType schema, long id, List<String> tags, Map<String, String> attrs,
      byte[] raw, String dob, Long accountId) {
    Group g = new SimpleGroup(schema);
    g.add("id", id);
    tags.forEach(t -> g.add("tags", t));
    if (attrs != null && schema.containsField("attrs")) {
      Group map = g.addGroup("attrs");
      attrs.forEach((k, v) -> map.addGroup("key_value").append("key", k).append("value", v));
    }
    g.add("raw", Binary.fromConstantByteArray(raw));
    if (dob != null && schema.containsField("dob")) {
      g.add("dob", (int) LocalDate.parse(dob).toEpochDay());
    }
    if (accountId != null) {
      g.add("account_id", accountId);
    }
    return g;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Redacts {@code records} written under {@code schema}; returns the data file. */
  Path redact(MessageType schema, List<Group> records, Policy policy, FileStats stats)
      throws IOException {
    return redact(schema, records, policy, MacieHints.NONE, stats);
  }

  Path redact(MessageType schema, List<Group> records, Policy policy, MacieHints macie,
      FileStats stats) throws IOException {
    Path in = dir.resolve("t.parquet");
    ParquetFiles.write(in, schema, records);
    return redact(in, policy, macie, stats);
  }

  /** Redacts the Parquet file {@code in}; returns the data file. */
  Path redact(Path in, Policy policy, MacieHints macie, FileStats stats) throws IOException {
    Path data = dir.resolve("data.parquet");
    ParquetSinks sinks = new ParquetSinks() {
      @Override
      public ParquetWriter<Group> data(MessageType s, CompressionCodecName codec,
          Set<String> personal) throws IOException {
        return ParquetEncryption.writer(new StreamOutputFile(Files.newOutputStream(data), "d"),
            s, codec, null, new Configuration());
      }

      @Override
      public ParquetWriter<Group> quarantine(MessageType s, CompressionCodecName codec) {
        throw new AssertionError("nothing is quarantined here");
      }
    };
    try (ParquetCodec codec = new ParquetCodec(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(in.toUri()), new Configuration()), sinks, "t.parquet",
        stats)) {
      new RecordProtector(protector(policy), "t.parquet", "id", macie,
          io.trainguard.jobs.format.FlaggedRecords.NONE).protect(codec, stats);
    }
    return data;
  }

  static Policy policy(String yaml) {
    return Policy.parse(new ByteArrayInputStream(utf8(yaml)), "test.yaml");
  }

  /** What Macie's findings file {@code findings} says about t.parquet. */
  MacieHints macie(String findings) throws IOException {
    Path file = dir.resolve("findings.json");
    Files.writeString(file, findings);
    return macie(file, null, "t.parquet", 0);
  }

  MacieHints macie(Path findings, String keyPrefix, String file, long size) {
    return MacieFusion.run(List.of(findings.toString()), keyPrefix, dir.toString(),
        List.of(new DataFile(dir.resolve(file).toUri().toString(), file, size, null, null)),
        new Configuration()).hints().getOrDefault(file, MacieHints.NONE);
  }

  static String findings(String... typeAndPath) {
    StringBuilder detections = new StringBuilder();
    for (int i = 0; i < typeAndPath.length; i += 2) {
      detections.append(i == 0 ? "" : ", ").append("{\"type\": \"").append(typeAndPath[i])
          .append("\", \"count\": 1, \"occurrences\": {\"records\": [{\"recordIndex\": 0,"
              + " \"jsonPath\": \"").append(typeAndPath[i + 1]).append("\"}]}}");
    }
    return "{\"findings\": [{\"id\": \"f-1\", \"category\": \"CLASSIFICATION\","
        + " \"resourcesAffected\": {\"s3Bucket\": {\"name\": \"raw\"},"
        + " \"s3Object\": {\"key\": \"t.parquet\"}}, \"classificationDetails\": {"
        + "\"result\": {\"sensitiveData\": [{\"category\": \"PERSONAL_INFORMATION\","
        + " \"detections\": [" + detections + "]}]}}}]}";
  }

  @Test
  void everyMacieTypeAtEveryLeafOfAnyType() throws IOException {
    // Amazon's sample: Macie reports ADDRESS and USA_SOCIAL_SECURITY_NUMBER at record 0's SSN and,
    // listing only the first occurrences (additionalOccurrences), flags $.SSN whole: every other
    // record's SSN is planned as the entity Macie listed most there.
    Path sample = dir.resolve("sample-data.parquet");
    Files.copy(Path.of(getClass().getResource("/aws-macie-reveal/s3/sample-data.parquet").getPath()),
        sample);
    Path finding = dir.resolve("finding.json");
    Files.writeString(finding, "{\"findings\": [" + Files.readString(Path.of(getClass()
        .getResource("/aws-macie-reveal/findings/parquet.json").getPath())) + "]}");
    MacieHints hints = macie(finding, "records", "sample-data.parquet", 8097);
    Path data = redact(sample, Policy.strict(), hints, new FileStats());
    List<Group> out = ParquetFiles.read(data, new Configuration()).records();
    assertThat(out.get(0).getString("SSN", 0)).isEqualTo("<LOCATION>");
    assertThat(out.subList(1, out.size())).extracting(g -> g.getString("SSN", 0)).hasSize(29)
        .containsOnly("<US_SSN>");

    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional int64 code;
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("code", 4417L);
    FileStats stats = new FileStats();
    Path typed = redact(schema, List.of(g), Policy.strict(),
        macie(findings("CREDIT_CARD_SECURITY_CODE", "$.code")), stats);
    assertThat(ParquetFiles.read(typed, new Configuration()).lines())
        .containsExactly("id: 1\n");
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("code", 1L));
    assertThat(stats.findingsByEntity()).containsOnlyKeys("CREDIT_CARD_SECURITY_CODE");
  }

  @Test
  void aColumnNameIsContextForItsValuesAndBlankSamplesStillPlanByName() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional int64 ssn;
          optional binary full_name (STRING);
        }
        """);
    List<Group> records = new java.util.ArrayList<>();
    long[] ssns = {536914827L, 212456789L, 345678912L, 412583697L, 536914823L};
    for (int i = 0; i < 251; i++) {
      Group g = new SimpleGroup(schema);
      g.add("id", (long) i);
      if (i < ssns.length) {
        g.add("ssn", ssns[i]);
      }
      if (i == 250) {
        g.add("full_name", "Zyx Qwv");
      }
      records.add(g);
    }
    FileStats stats = new FileStats();
    List<Group> out = ParquetFiles.read(redact(schema, records, Policy.strict(), stats),
        new Configuration()).records();
    for (int i = 0; i < ssns.length; i++) {
      assertThat(out.get(i).getFieldRepetitionCount("ssn")).isZero();
    }
    assertThat(stats.findingsByEntity()).containsOnlyKeys("US_SSN", "PERSON")
        .containsEntry("US_SSN", 5L);
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("ssn", 5L));
    assertThat(out.get(250).getString("full_name", 0)).isEqualTo("<PERSON>");
  }

  @Test
  void columnRulesApplyToEveryValueWhateverTheCaseOfTheirName() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional binary SSN (STRING);
          optional binary notes (STRING);
          optional binary Email_Notes (STRING);
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("SSN", "n/a");
    g.add("notes", "nothing personal here");
    g.add("Email_Notes", "ok");
    Path data = redact(schema, List.of(g), policy("""
        columns:
          ssn: drop_column
          notes: redact
          "*_notes": "replace[gone]"
        """), new FileStats());
    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema().containsField("SSN")).isFalse();
    assertThat(out.lines()).containsExactly("id: 1\nnotes: \nEmail_Notes: gone\n");
  }

  @Test
  void analyticsGeneralisesZipAndAge() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional binary zip (STRING);
          optional binary age (STRING);
          optional int32 patient_zip;
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("zip", "94107");
    g.add("age", "93");
    g.add("patient_zip", 94107);
    FileStats stats = new FileStats();
    Path data = redact(schema, List.of(g),
        Policy.load(Path.of("..", "samples", "policies", "analytics.yaml")), stats);
    assertThat(ParquetFiles.read(data, new Configuration()).lines())
        .containsExactly("id: 1\nzip: 941**\nage: 90+\n");
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("patient_zip", 1L));
  }

  @Test
  void binariesThatAreNotUtf8AndFixedLengthArraysAreScanned() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional binary raw;
          optional fixed_len_byte_array(27) fixed;
        }
        """);
    byte[] raw = concat(NOT_UTF8, utf8(" bin zz9canary@example.org"));
    byte[] fixed = utf8("fixed zz9canary@example.org");
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("raw", Binary.fromConstantByteArray(raw));
    g.add("fixed", Binary.fromConstantByteArray(fixed));
    Group plain = new SimpleGroup(schema);
    plain.add("id", 2L);
    plain.add("raw", Binary.fromConstantByteArray(NOT_UTF8));
    plain.add("fixed", Binary.fromConstantByteArray(utf8("nothing at all in these 27b")));
    FileStats stats = new FileStats();
    List<Group> out = ParquetFiles.read(redact(schema, List.of(g, plain), Policy.strict(), stats),
        new Configuration()).records();
    assertThat(out.get(0).getBinary("raw", 0).getBytes())
        .isEqualTo(concat(NOT_UTF8, utf8(" bin <EMAIL_ADDRESS>")));
    assertThat(out.get(0).getFieldRepetitionCount("fixed")).isZero();
    assertThat(out.get(1).getBinary("raw", 0).getBytes()).isEqualTo(NOT_UTF8);
    assertThat(out.get(1).getBinary("fixed", 0).getBytes())
        .isEqualTo(utf8("nothing at all in these 27b"));
    assertThat(stats.findingsByEntity()).containsExactlyEntriesOf(Map.of("EMAIL_ADDRESS", 2L));
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("fixed", 1L));
  }

  @Test
  void aTargetedValueWithoutTextFormIsNulledNeverPassed() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          optional int96 stamp;
          optional fixed_len_byte_array(16) token (UUID);
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("stamp", Binary.fromConstantByteArray(new byte[12]));
    g.add("token", Binary.fromConstantByteArray(new byte[16]));
    FileStats stats = new FileStats();
    Path data = redact(schema, List.of(g), policy("""
        columns:
          stamp: hash
        """), macie(findings("NAME", "$.token")), stats);
    assertThat(ParquetFiles.read(data, new Configuration()).lines())
        .containsExactly("id: 1\n");
    assertThat(stats.nulledByField()).isEqualTo(Map.of("stamp", 1L, "token", 1L));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void redactsRepeatedLeavesMapValuesAndUtf8BinariesAndNullsTypedResultsThatDoNotFit()
      throws IOException {
    FileStats stats = new FileStats();
    Path data = redact(SCHEMA, List.of(
        record(SCHEMA, 1, List.of("mail bo@example.org", "plain"),
            Map.of("k1", "ana@example.com is here"), utf8("x@example.com"), "1985-03-12",
            2125550187L),
        record(SCHEMA, 2, List.of(), Map.of("k2", "nothing"), NOT_UTF8, null, 5L)),
        Policy.strict(), stats);

    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema()).isEqualTo(SCHEMA);
    assertThat(out.lines()).containsExactly(
        record(SCHEMA, 1, List.of("mail <EMAIL_ADDRESS>", "plain"),
            Map.of("k1", "<EMAIL_ADDRESS> is here"), utf8("<EMAIL_ADDRESS>"), null,
            2125550187L).toString(),
        record(SCHEMA, 2, List.of(), Map.of("k2", "nothing"), utf8("<EMAIL_ADDRESS>"), null, 5L)
            .toString());
    assertThat(stats.plans()).extracting(p -> p.column() + "=" + p.entity())
        .containsExactly("raw=EMAIL_ADDRESS", "dob=DATE_TIME");
    assertThat(stats.fieldsByEntity().get("EMAIL_ADDRESS"))
        .containsExactly("attrs[].value", "raw", "tags[]");
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("dob", 1L));
    assertThat(stats.records()).isEqualTo(2);
    assertThat(stats.written()).isEqualTo(2);
  }

  @Test
  void aFieldNameHoldingADotBesideAGroupOfTheSameColumnPathIsReadAsItsOwnLeaf()
      throws IOException {
    // "user.visits" and the group's "visits": both column user.visits when joined with dots
    MessageType schema = org.apache.parquet.schema.Types.buildMessage()
        .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64).named("id")
        .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
        .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("user.visits")
        .optionalGroup()
        .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32).named("visits")
        .named("user")
        .named("t");
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add(1, "write to ann@example.com");
    g.addGroup("user").add("visits", 7);

    ParquetFiles.Content out = ParquetFiles.read(redact(schema, List.of(g), Policy.strict(),
        new FileStats()), new Configuration());

    assertThat(out.schema()).isEqualTo(schema);
    assertThat(out.lines()).containsExactly(
        "id: 1\nuser.visits: write to <EMAIL_ADDRESS>\nuser\n  visits: 7\n");
  }

  @Test
  void aRecordWhoseMapKeysProtectToOneKeyIsQuarantinedWholeAndNoEntryIsLost()
      throws IOException {
    java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("ann@example.com", "a");
    keys.put("bo@example.org", "b");
    Group merged = record(SCHEMA, 1, List.of(), keys, utf8("x"), null, null);
    Group single = record(SCHEMA, 2, List.of(), Map.of("cy@example.net", "d"), utf8("x"), null,
        null);
    Path in = dir.resolve("t.parquet");
    ParquetFiles.write(in, SCHEMA, List.of(merged, single));
    Path data = dir.resolve("data.parquet");
    Path quarantine = dir.resolve("quarantine.parquet");
    ParquetSinks sinks = new ParquetSinks() {
      @Override
      public ParquetWriter<Group> data(MessageType s, CompressionCodecName codec,
          Set<String> personal) throws IOException {
        return ParquetEncryption.writer(new StreamOutputFile(Files.newOutputStream(data), "d"),
            s, codec, null, new Configuration());
      }

      @Override
      public ParquetWriter<Group> quarantine(MessageType s, CompressionCodecName codec)
          throws IOException {
        return ParquetEncryption.writer(new StreamOutputFile(Files.newOutputStream(quarantine),
            "q"), s, codec, null, new Configuration());
      }
    };
    FileStats stats = new FileStats();
    try (ParquetCodec codec = new ParquetCodec(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(in.toUri()), new Configuration()), sinks, "t.parquet",
        stats)) {
      new RecordProtector(protector(Policy.strict()), "t.parquet", "id", MacieHints.NONE,
          io.trainguard.jobs.format.FlaggedRecords.NONE).protect(codec, stats);
    }

    assertThat(ParquetFiles.read(data, new Configuration()).lines()).containsExactly(
        record(SCHEMA, 2, List.of(), Map.of("<EMAIL_ADDRESS>", "d"), utf8("x"), null, null)
            .toString());
    assertThat(ParquetFiles.read(quarantine, new Configuration()).lines())
        .containsExactly(merged.toString());
    assertThat(stats.quarantined()).isEqualTo(1);
    assertThat(stats.written()).isEqualTo(1);
    assertThat(stats.nulledByField()).isEmpty();
  }

  @Test
  void dropColumnPrunesTheSchemaAndAMapThatLosesItsValueGoesWhole() throws IOException {
    Policy policy = Policy.parse(new ByteArrayInputStream(utf8("""
        version: 1
        columns:
          "attrs[].value": drop_column
          dob: drop_column
        """)), "drop.yaml");
    Path data = redact(SCHEMA, List.of(record(SCHEMA, 1, List.of("plain"), Map.of("k", "v"),
        utf8("text"), "1985-03-12", 9L)), policy, new FileStats());

    MessageType expected = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          repeated binary tags (STRING);
          optional binary raw;
          optional int64 account_id;
        }
        """);
    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema()).isEqualTo(expected);
    assertThat(out.lines()).containsExactly(
        record(expected, 1, List.of("plain"), null, utf8("text"), null, 9L).toString());
  }

  @Test
  void theDefaultReplaceMasksARequiredTypedColumnInItsTypeAndNullsAnOptionalOne()
      throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          required int32 cc_cvc;
          optional int32 cvv;
          required binary cc_expiredate (STRING);
          required int32 dob (DATE);
          required int64 birthday (TIMESTAMP(MILLIS,true));
          required int64 card_cvc (DECIMAL(10,2));
          required double cvc2;
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("cc_cvc", 123);
    g.add("cvv", 456);
    g.add("cc_expiredate", "2031/07/01");
    g.add("dob", (int) LocalDate.parse("1985-03-12").toEpochDay());
    g.add("birthday", 479433600000L);
    g.add("card_cvc", 78900L);
    g.add("cvc2", 789.0);
    FileStats stats = new FileStats();

    Path data = redact(schema, List.of(g), Policy.strict(), stats);

    ParquetFiles.Content out = ParquetFiles.read(data, new Configuration());
    assertThat(out.schema()).isEqualTo(schema);
    Group expected = new SimpleGroup(schema);
    expected.add("id", 1L);
    expected.add("cc_cvc", 0);
    expected.add("cc_expiredate", "<DATE_TIME>"); // planned by its values before its name
    expected.add("dob", 0);
    expected.add("birthday", 0L);
    expected.add("card_cvc", 0L);
    expected.add("cvc2", 0.0);
    assertThat(out.lines()).containsExactly(expected.toString());
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("cvv", 1L));
  }

  @Test
  void aResultThatDoesNotFitARequiredTypedColumnFailsTheFileWithoutTheValue() {
    MessageType schema = MessageTypeParser.parseMessageType("""
        message t {
          required int64 id;
          required int32 birth_date (DATE);
        }
        """);
    Group g = new SimpleGroup(schema);
    g.add("id", 1L);
    g.add("birth_date", (int) LocalDate.parse("1985-03-12").toEpochDay());
    Policy unknown = Policy.parse(new java.io.ByteArrayInputStream(
        "entities:\n  DATE_TIME: \"replace[unknown]\"\n".getBytes(
            java.nio.charset.StandardCharsets.UTF_8)), "unknown.yaml");
    // a text the policy chose, unlike the default's <ENTITY>, is never replaced by another
    assertThatThrownBy(() -> redact(schema, List.of(g), unknown, new FileStats()))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Cannot protect t.parquet at record 0, field birth_date: the operator's"
            + " result does not fit its required INT32 column (use drop_column or an operator"
            + " that keeps the type)");
  }
}
