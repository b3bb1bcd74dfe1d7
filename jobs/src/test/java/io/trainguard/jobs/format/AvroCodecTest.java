package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.AvroFiles.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.redaction.OperatorKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avro records through the record protocol, without Spark: exact values, schemas and codecs. */
class AvroCodecTest {

  @TempDir
  Path dir;

  /** In-memory data and quarantine files. */
  static final class Sinks implements StreamSinks {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final ByteArrayOutputStream quarantine = new ByteArrayOutputStream();

    @Override
    public OutputStream data() {
      return data;
    }

    @Override
    public OutputStream quarantine() {
      return quarantine;
    }
  }

  /** Protects the Avro file {@code in} under {@code protector}; returns the data file's content. */
  AvroFiles.Content protect(Path in, ValueProtector protector, FileStats stats,
      PersonalNames names) throws IOException {
    Sinks sinks = new Sinks();
    try (InputStream input = Files.newInputStream(in)) {
      new RecordProtector(protector, "t.avro", "record_id", MacieHints.NONE,
          FlaggedRecords.NONE).protect(new AvroCodec(input, sinks, "t.avro", stats, names),
          stats);
    }
    Path data = dir.resolve("data.avro");
    Files.write(data, sinks.data.toByteArray());
    return AvroFiles.read(data);
  }

  AvroFiles.Content protect(List<GenericRecord> records, String policy, FileStats stats)
      throws IOException {
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, PEOPLE, records, CodecFactory.snappyCodec());
    return protect(in, TestSinks.protector(policy), stats, null);
  }

  @Test
  void aDateIsGeneralisedInItsTypeAColumnRuleDropsAFieldFromTheSchemaAndTheRestIsKept()
      throws IOException {
    FileStats stats = new FileStats();
    AvroFiles.Content out = protect(AvroFiles.people().subList(0, 2), """
        default: replace
        entities:
          DATE_TIME: generalize[year]
        columns:
          ssn: drop_column
        """, stats);

    Schema expected = new Schema.Parser().parse(PEOPLE.toString().replace(
        "{\"name\":\"ssn\",\"type\":[\"null\",\"string\"]},", ""));
    assertThat(out.schema()).isEqualTo(expected);
    assertThat(out.codec()).isEqualTo("snappy");
    GenericRecord first = out.records().get(0);
    assertThat(first.get("birth_date")).isEqualTo((int) LocalDate.of(1985, 1, 1).toEpochDay());
    assertThat(first.get("email")).hasToString("<EMAIL_ADDRESS>");
    assertThat(first.get("note")).hasToString("call <PHONE_NUMBER> after 5");
    assertThat(first.get("user")).hasToString(
        "{\"email\": \"<EMAIL_ADDRESS>\", \"team\": \"blue\"}");
    assertThat(first.get("attrs")).hasToString("{contact=<EMAIL_ADDRESS>}");
    GenericRecord input = AvroFiles.people().get(0);
    for (String untouched : List.of("record_id", "raw", "amount", "created")) {
      assertThat(first.get(untouched)).as(untouched).isEqualTo(input.get(untouched));
    }
    assertThat(stats.records()).isEqualTo(2);
    assertThat(stats.findingsByEntity()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "EMAIL_ADDRESS", 6L, "PHONE_NUMBER", 1L, "DATE_TIME", 1L));
  }

  @Test
  void aFindingsDropColumnNullsANullableValueAndEmptiesARequiredString() throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "note", "type": ["null", "string"]},
          {"name": "text", "type": "string"},
          {"name": "notes", "type": {"type": "array", "items": "string"}}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("note", "call 212-555-0187 after 5");
    r.put("text", "write to ann@example.com please");
    r.put("notes", List.of("nothing", "or ann@example.com"));
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r), CodecFactory.nullCodec());

    AvroFiles.Content out = protect(in, TestSinks.protector("""
        entities:
          EMAIL_ADDRESS: drop_column
          PHONE_NUMBER: drop_column
        """), new FileStats(), null);

    assertThat(out.schema()).isEqualTo(schema); // too late to change it: the values go
    assertThat(out.lines()).containsExactly(
        "{\"note\": null, \"text\": \"\", \"notes\": [\"nothing\", \"\"]}");
  }

  @Test
  void theDefaultReplaceMasksARequiredTypedFieldInItsTypeAndNullsAnOptionalOne()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "cc_cvc", "type": "int"},
          {"name": "cvv", "type": ["null", "int"]},
          {"name": "cc_expiredate", "type": "string"},
          {"name": "dob", "type": {"type": "int", "logicalType": "date"}},
          {"name": "birthday", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "cvc2", "type": "double"}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("cc_cvc", 123);
    r.put("cvv", 456);
    r.put("cc_expiredate", "2031/07/01");
    r.put("dob", (int) LocalDate.of(1985, 3, 12).toEpochDay());
    r.put("birthday", 479433600000L);
    r.put("cvc2", 789.0);
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r), CodecFactory.nullCodec());
    FileStats stats = new FileStats();

    AvroFiles.Content out = protect(in, TestSinks.STRICT, stats, null);

    assertThat(out.schema()).isEqualTo(schema);
    assertThat(out.lines()).containsExactly("{\"cc_cvc\": 0, \"cvv\": null, \"cc_expiredate\":"
        + " \"<DATE_TIME>\", \"dob\": 0, \"birthday\": 0, \"cvc2\": 0.0}");
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("cvv", 1L));
  }

  @Test
  void aResultThatDoesNotFitARequiredTypeFailsTheFileNamingTheFieldNotTheValue()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "dob", "type": {"type": "int", "logicalType": "date"}},
          {"name": "birthdate", "type": ["null", {"type": "int", "logicalType": "date"}]}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("dob", (int) LocalDate.of(1985, 3, 12).toEpochDay());
    r.put("birthdate", (int) LocalDate.of(1985, 3, 12).toEpochDay());
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r), CodecFactory.nullCodec());

    // a text the policy chose, unlike the default's <ENTITY>, is never replaced by another
    assertThatThrownBy(() -> protect(in, TestSinks.protector(
        "entities:\n  DATE_TIME: \"replace[unknown]\"\n"), new FileStats(), null))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INPUT))
        .hasMessage("Cannot protect t.avro at record 0, field dob: the operator's result does"
            + " not fit its int field without null (use drop_column or an operator that keeps"
            + " the type)");

    // the same under a policy that drops the required one: the optional one is nulled, counted
    FileStats stats = new FileStats();
    AvroFiles.Content out = protect(in, TestSinks.protector("columns:\n  dob: drop_column\n"),
        stats, null);
    assertThat(out.schema().getFields()).extracting(Schema.Field::name)
        .containsExactly("birthdate");
    assertThat(out.records().get(0).get("birthdate")).isNull();
    assertThat(stats.nulledByField()).containsExactlyEntriesOf(Map.of("birthdate", 1L));
  }

  @Test
  void mapsKeepTheirOrderUnionsTheirBranchesAndFieldNamesAreShownAsPseudonyms()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "DE89370400440532013000", "type": "string"},
          {"name": "any", "type": ["null", "long", "string", "bytes"]},
          {"name": "tags", "type": {"type": "map", "values": "string"}}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put(0, "kept");
    r.put(1, ByteBuffer.wrap(new byte[] {(byte) 0xff, 'x'}));
    r.put(2, new java.util.LinkedHashMap<>(Map.of("zz", "ann@example.com")));
    GenericRecord s = new GenericData.Record(schema);
    s.put(0, "kept too");
    s.put(1, 42L);
    java.util.LinkedHashMap<String, String> tags = new java.util.LinkedHashMap<>();
    tags.put("b", "2");
    tags.put("a", "1");
    s.put(2, tags);
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r, s), CodecFactory.deflateCodec(9));
    PersonalNames names = new PersonalNames(Analyzer.defaults(),
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

    AvroFiles.Content out = protect(in, TestSinks.STRICT, new FileStats(), names);

    String pseudonym = names.field("DE89370400440532013000");
    assertThat(pseudonym).startsWith("name_IBAN_CODE_");
    assertThat(out.schema().getFields()).extracting(Schema.Field::name)
        .containsExactly(pseudonym, "any", "tags");
    assertThat(out.codec()).isEqualTo("deflate");
    assertThat(out.lines()).containsExactly(
        "{\"" + pseudonym + "\": \"kept\", \"any\": \"\u00FFx\", \"tags\": {\"zz\":"
            + " \"<EMAIL_ADDRESS>\"}}",
        "{\"" + pseudonym + "\": \"kept too\", \"any\": 42, \"tags\": {\"b\": \"2\", \"a\":"
            + " \"1\"}}");
    assertThat(((ByteBuffer) out.records().get(0).get("any")).array())
        .isEqualTo(new byte[] {(byte) 0xff, 'x'});
  }

  @Test
  void aRecordWhoseMapKeysProtectToOneKeyIsQuarantinedWholeAndNoEntryIsLost()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "id", "type": "long"},
          {"name": "attrs", "type": {"type": "map", "values": "string"}}]}
        """);
    GenericRecord merged = new GenericData.Record(schema);
    merged.put(0, 1L);
    java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("ann@example.com", "a");
    keys.put("bo@example.org", "b");
    keys.put("plain", "c");
    merged.put(1, keys);
    GenericRecord single = new GenericData.Record(schema);
    single.put(0, 2L);
    java.util.LinkedHashMap<String, String> one = new java.util.LinkedHashMap<>();
    one.put("cy@example.net", "d");
    one.put("x", "e");
    single.put(1, one);
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(merged, single), CodecFactory.nullCodec());
    FileStats stats = new FileStats();
    Sinks sinks = new Sinks();
    try (InputStream input = Files.newInputStream(in)) {
      new RecordProtector(TestSinks.STRICT, "t.avro", null, MacieHints.NONE,
          FlaggedRecords.NONE).protect(new AvroCodec(input, sinks, "t.avro", stats, null), stats);
    }
    Path data = dir.resolve("data.avro");
    Files.write(data, sinks.data.toByteArray());
    Path quarantine = dir.resolve("quarantine.avro");
    Files.write(quarantine, sinks.quarantine.toByteArray());

    assertThat(AvroFiles.read(data).lines()).containsExactly(
        "{\"id\": 2, \"attrs\": {\"<EMAIL_ADDRESS>\": \"d\", \"x\": \"e\"}}");
    assertThat(AvroFiles.read(quarantine).lines()).containsExactly(
        "{\"id\": 1, \"attrs\": {\"ann@example.com\": \"a\", \"bo@example.org\": \"b\","
            + " \"plain\": \"c\"}}");
    assertThat(stats.quarantined()).isEqualTo(1);
    assertThat(stats.written()).isEqualTo(1);
    assertThat(stats.nulledByField()).isEmpty();
  }

  @Test
  void aNamedRecordPrunedDifferentlyUnderTwoPathsGetsASecondNameAndRecursiveRecordsAreKept()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "home", "type": {"type": "record", "name": "Address", "fields": [
            {"name": "email", "type": "string"}, {"name": "team", "type": "string"}]}},
          {"name": "work", "type": "Address"},
          {"name": "list", "type": {"type": "record", "name": "Node", "fields": [
            {"name": "value", "type": "string"}, {"name": "next", "type": ["null", "Node"]}]}}]}
        """);
    Schema address = schema.getField("home").schema();
    Schema node = schema.getField("list").schema();
    GenericRecord home = new GenericData.Record(address);
    home.put("email", "ann@example.com");
    home.put("team", "blue");
    GenericRecord work = new GenericData.Record(address);
    work.put("email", "bo@example.org");
    work.put("team", "red");
    GenericRecord second = new GenericData.Record(node);
    second.put("value", "n2");
    GenericRecord first = new GenericData.Record(node);
    first.put("value", "n1");
    first.put("next", second);
    GenericRecord r = new GenericData.Record(schema);
    r.put("home", home);
    r.put("work", work);
    r.put("list", first);
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r), CodecFactory.nullCodec());

    AvroFiles.Content out = protect(in, TestSinks.protector("""
        columns:
          home.email: drop_column
        """), new FileStats(), null);

    assertThat(out.schema().getField("home").schema().getFullName()).isEqualTo("Address");
    assertThat(out.schema().getField("work").schema().getFullName()).isEqualTo("Address_2");
    assertThat(out.schema().getField("list").schema()).isEqualTo(node);
    assertThat(out.lines()).containsExactly("{\"home\": {\"team\": \"blue\"}, \"work\":"
        + " {\"email\": \"<EMAIL_ADDRESS>\", \"team\": \"red\"}, \"list\": {\"value\":"
        + " \"n1\", \"next\": {\"value\": \"n2\", \"next\": null}}}");
  }

  @Test
  void schemaDocsDefaultsPropertiesAndAliasesAreNotCopiedTheyCanHoldPersonalData()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "R", "namespace": "t", "doc": "rows of ann@example.com",
         "x-owner": "bo@example.org", "aliases": ["Old"], "fields": [
          {"name": "email", "type": "string", "doc": "write to cy@example.net",
           "default": "dee@example.com", "x-example": "eve@example.com", "aliases": ["mail"]},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "doc": "fay@example.com",
           "symbols": ["A", "B"], "default": "A", "x-e": "gus@example.com"}},
          {"name": "note", "type": {"type": "string", "x-sample": "hal@example.com"}},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10,
           "scale": 2, "x-d": "ivy@example.com"}},
          {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 2,
           "doc": "jo@example.com"}},
          {"name": "tags", "type": {"type": "array", "items": "string", "x-a": "kim@example.com"},
           "default": ["lu@example.com"]},
          {"name": "attrs", "type": {"type": "map", "values": "string",
           "x-m": "max@example.com"}, "default": {}},
          {"name": "opt", "type": ["null", "string"], "default": null}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("email", "ann@example.com");
    r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "B"));
    r.put("note", "nothing");
    r.put("amount", ByteBuffer.wrap(new byte[] {'h', 'i'}));
    r.put("code", new GenericData.Fixed(schema.getField("code").schema(), new byte[] {'o', 'k'}));
    r.put("tags", List.of("t"));
    r.put("attrs", Map.of("k", "v"));
    Path in = dir.resolve("t.avro");
    try (org.apache.avro.file.DataFileWriter<GenericRecord> writer =
        new org.apache.avro.file.DataFileWriter<>(
            new org.apache.avro.generic.GenericDatumWriter<GenericRecord>(schema))) {
      writer.setMeta("owner", "ned@example.com");
      writer.create(schema, in.toFile());
      writer.append(r);
    }

    AvroFiles.Content out = protect(in, TestSinks.STRICT, new FileStats(), null);

    assertThat(out.schema().toString()).isEqualTo("{\"type\":\"record\",\"name\":\"R\","
        + "\"namespace\":\"t\",\"fields\":[{\"name\":\"email\",\"type\":\"string\"},"
        + "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"Kind\","
        + "\"symbols\":[\"A\",\"B\"],\"default\":\"A\"}},"
        + "{\"name\":\"note\",\"type\":\"string\"},"
        + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
        + "\"precision\":10,\"scale\":2}},"
        + "{\"name\":\"code\",\"type\":{\"type\":\"fixed\",\"name\":\"Code\",\"size\":2}},"
        + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
        + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"values\":\"string\"}},"
        + "{\"name\":\"opt\",\"type\":[\"null\",\"string\"]}]}");
    assertThat(out.lines()).containsExactly("{\"email\": \"<EMAIL_ADDRESS>\", \"kind\": \"B\","
        + " \"note\": \"nothing\", \"amount\": \"hi\", \"code\": [111, 107], \"tags\": [\"t\"],"
        + " \"attrs\": {\"k\": \"v\"}, \"opt\": null}");
    assertThat(new String(Files.readAllBytes(dir.resolve("data.avro")),
        java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("@example.");
  }

  /**
   * Attacker pass (#21): record, enum and fixed names, namespaces and enum symbols were copied
   * as they were; an identifier can be a person's name. Flagged ones are shown as pseudonyms, an
   * enum value as its symbol's, and the file stays readable.
   */
  @Test
  void typeNamesNamespacesAndEnumSymbolsHoldingPersonalDataAreShownAsPseudonyms()
      throws IOException {
    Schema schema = new Schema.Parser().parse("""
        {"type": "record", "name": "Jane_Roe", "namespace": "crm.Tamsin_Pryce", "fields": [
          {"name": "owner", "type": {"type": "enum", "name": "Maria_Garcia",
           "symbols": ["Jane_Roe", "B"], "default": "Jane_Roe"}},
          {"name": "code", "type": {"type": "fixed", "name": "Tamsin_Pryce", "size": 2}},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}}]}
        """);
    GenericRecord r = new GenericData.Record(schema);
    r.put("owner", new GenericData.EnumSymbol(schema.getField("owner").schema(), "Jane_Roe"));
    r.put("code", new GenericData.Fixed(schema.getField("code").schema(), new byte[] {'o', 'k'}));
    r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "B"));
    Path in = dir.resolve("t.avro");
    AvroFiles.write(in, schema, List.of(r), CodecFactory.nullCodec());
    PersonalNames names = new PersonalNames(Analyzer.defaults(),
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

    AvroFiles.Content out = protect(in, TestSinks.STRICT, new FileStats(), names);

    String jane = names.field("Jane_Roe");
    String namespace = names.field("crm.Tamsin_Pryce");
    String maria = names.field("Maria_Garcia");
    String tamsin = names.field("Tamsin_Pryce");
    assertThat(List.of(jane, namespace, maria, tamsin))
        .allMatch(n -> n.startsWith("name_PERSON_"));
    assertThat(out.schema().toString()).isEqualTo("{\"type\":\"record\",\"name\":\"" + jane
        + "\",\"namespace\":\"" + namespace + "\",\"fields\":[{\"name\":\"owner\",\"type\":"
        + "{\"type\":\"enum\",\"name\":\"" + maria + "\",\"symbols\":[\"" + jane + "\",\"B\"],"
        + "\"default\":\"" + jane + "\"}},{\"name\":\"code\",\"type\":{\"type\":\"fixed\","
        + "\"name\":\"" + tamsin + "\",\"size\":2}},{\"name\":\"kind\",\"type\":{\"type\":"
        + "\"enum\",\"name\":\"Kind\",\"symbols\":[\"A\",\"B\"]}}]}");
    assertThat(out.lines()).containsExactly("{\"owner\": \"" + jane + "\", \"code\": [111, 107],"
        + " \"kind\": \"B\"}");
    assertThat(new String(Files.readAllBytes(dir.resolve("data.avro")),
        java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Jane", "Roe", "Tamsin",
            "Pryce", "Maria", "Garcia");
  }

  @Test
  void aFileThatIsNotAvroOrIsTruncatedFailsNamingThePartNeverItsBytes() throws IOException {
    Path notAvro = dir.resolve("not.avro");
    Files.writeString(notAvro, "Obj\u0001 ann@example.com is no Avro header");
    assertThatThrownBy(() -> protect(notAvro, TestSinks.STRICT, new FileStats(), null))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("the header: not an Avro container file, truncated, corrupt or of an"
            + " unknown codec");

    Path whole = dir.resolve("t.avro");
    AvroFiles.write(whole, PEOPLE, AvroFiles.people(), CodecFactory.nullCodec());
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = dir.resolve("truncated.avro");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 40));
    assertThatThrownBy(() -> protect(truncated, TestSinks.STRICT, new FileStats(), null))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("record 0: corrupt or truncated data");
  }
}
