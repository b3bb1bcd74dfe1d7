package io.trainguard.jobs.format;

import static io.trainguard.jobs.format.OrcFiles.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.redaction.OperatorKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.serde2.io.DateWritable;
import org.apache.hadoop.io.Text;
import org.apache.orc.CompressionKind;
import org.apache.orc.TypeDescription;
import org.apache.orc.mapred.OrcMap;
import org.apache.orc.mapred.OrcStruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ORC records through the record protocol, without Spark: exact values, schemas, compression. */
class OrcCodecTest {

  @TempDir
  Path dir;

  /** Protects the ORC file {@code in}; returns the data file's content. */
  OrcFiles.Content protect(Path in, ValueProtector protector, FileStats stats,
      PersonalNames names) throws IOException {
    AvroCodecTest.Sinks sinks = new AvroCodecTest.Sinks();
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(in.toUri());
    try (OrcCodec codec = new OrcCodec(FileSystem.getLocal(conf), path, conf, sinks, "t.orc",
        stats, names)) {
      new RecordProtector(protector, "t.orc", "record_id", MacieHints.NONE, FlaggedRecords.NONE)
          .protect(codec, stats);
    }
    Path data = dir.resolve("data.orc");
    Files.write(data, sinks.data.toByteArray());
    return OrcFiles.read(data);
  }

  @Test
  void aDateIsGeneralisedInItsTypeAColumnRuleDropsAColumnFromTheSchemaAndTheRestIsKept()
      throws IOException {
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, PEOPLE, OrcFiles.people().subList(0, 2), CompressionKind.SNAPPY);
    FileStats stats = new FileStats();
    OrcFiles.Content out = protect(in, TestSinks.protector("""
        default: replace
        entities:
          DATE_TIME: generalize[year]
        columns:
          ssn: drop_column
        """), stats, null);

    assertThat(out.schema()).isEqualTo(TypeDescription.fromString(PEOPLE.toString()
        .replace("ssn:string,", "")));
    assertThat(out.compression()).isEqualTo(CompressionKind.SNAPPY);
    OrcStruct first = out.records().get(0);
    assertThat(first.getFieldValue("birth_date"))
        .isEqualTo(new DateWritable((int) LocalDate.of(1985, 1, 1).toEpochDay()));
    assertThat(first.getFieldValue("email")).hasToString("<EMAIL_ADDRESS>");
    assertThat(first.getFieldValue("note")).hasToString("call <PHONE_NUMBER> after 5");
    OrcStruct input = OrcFiles.people().get(0);
    for (String untouched : List.of("record_id", "raw", "amount")) {
      assertThat(first.getFieldValue(untouched)).as(untouched)
          .isEqualTo(input.getFieldValue(untouched));
    }
    assertThat(stats.findingsByEntity()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "EMAIL_ADDRESS", 6L, "PHONE_NUMBER", 1L, "DATE_TIME", 1L));
  }

  @Test
  void theDefaultReplaceNullsTypedColumnsAsEveryOrcColumnHoldsNull() throws IOException {
    TypeDescription schema = TypeDescription.fromString(
        "struct<record_id:bigint,cc_cvc:int,cc_expiredate:string,dob:date>");
    OrcStruct r = new OrcStruct(schema);
    r.setFieldValue("record_id", new org.apache.hadoop.io.LongWritable(1));
    r.setFieldValue("cc_cvc", new org.apache.hadoop.io.IntWritable(123));
    r.setFieldValue("cc_expiredate", new Text("2031/07/01"));
    r.setFieldValue("dob", new DateWritable((int) LocalDate.of(1985, 3, 12).toEpochDay()));
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, List.of(r), CompressionKind.NONE);
    FileStats stats = new FileStats();

    OrcFiles.Content out = protect(in, TestSinks.STRICT, stats, null);

    assertThat(out.schema()).isEqualTo(schema);
    OrcStruct written = out.records().get(0);
    assertThat(written.getFieldValue("record_id")).hasToString("1");
    assertThat(written.getFieldValue("cc_cvc")).isNull();
    // planned by its values (dates) before its name (a card's expiry)
    assertThat(written.getFieldValue("cc_expiredate")).hasToString("<DATE_TIME>");
    assertThat(written.getFieldValue("dob")).isNull();
    assertThat(stats.nulledByField()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "cc_cvc", 1L, "dob", 1L));
  }

  @Test
  void aFindingsDropColumnAndAResultTooLongAreNullsCounted() throws IOException {
    TypeDescription schema = TypeDescription.fromString(
        "struct<note:string,code:varchar(12),attrs:map<string,string>>");
    OrcStruct r = new OrcStruct(schema);
    r.setFieldValue("note", new Text("call 212-555-0187 after 5"));
    r.setFieldValue("code", new Text("ann@ex.org"));
    @SuppressWarnings({"unchecked", "rawtypes"})
    OrcMap<Text, Text> attrs = new OrcMap(schema.findSubtype("attrs"));
    attrs.put(new Text("ann@example.com"), new Text("1"));
    attrs.put(new Text("plain"), new Text("2"));
    r.setFieldValue("attrs", attrs);
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, List.of(r), CompressionKind.NONE);
    FileStats stats = new FileStats();

    OrcFiles.Content out = protect(in, TestSinks.protector("""
        default: replace
        entities:
          PHONE_NUMBER: drop_column
        """), stats, null);

    assertThat(out.schema()).isEqualTo(schema);
    assertThat(out.lines()).containsExactly("{null, null, {<EMAIL_ADDRESS>=1, plain=2}}");
    assertThat(stats.nulledByField()).containsExactlyInAnyOrderEntriesOf(Map.of("code", 1L));
  }

  @Test
  void aRecordWhoseMapKeysProtectToOneKeyIsQuarantinedWholeAndNoEntryIsLost()
      throws IOException {
    TypeDescription schema = TypeDescription.fromString(
        "struct<id:bigint,attrs:map<string,string>>");
    OrcStruct merged = new OrcStruct(schema);
    merged.setFieldValue("id", new org.apache.hadoop.io.LongWritable(1));
    @SuppressWarnings({"unchecked", "rawtypes"})
    OrcMap<Text, Text> keys = new OrcMap(schema.findSubtype("attrs"));
    keys.put(new Text("ann@example.com"), new Text("a"));
    keys.put(new Text("bo@example.org"), new Text("b"));
    merged.setFieldValue("attrs", keys);
    OrcStruct single = new OrcStruct(schema);
    single.setFieldValue("id", new org.apache.hadoop.io.LongWritable(2));
    @SuppressWarnings({"unchecked", "rawtypes"})
    OrcMap<Text, Text> one = new OrcMap(schema.findSubtype("attrs"));
    one.put(new Text("cy@example.net"), new Text("d"));
    single.setFieldValue("attrs", one);
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, List.of(merged, single), CompressionKind.NONE);
    FileStats stats = new FileStats();
    AvroCodecTest.Sinks sinks = new AvroCodecTest.Sinks();
    Configuration conf = new Configuration();
    try (OrcCodec codec = new OrcCodec(FileSystem.getLocal(conf),
        new org.apache.hadoop.fs.Path(in.toUri()), conf, sinks, "t.orc", stats, null)) {
      new RecordProtector(TestSinks.STRICT, "t.orc", null, MacieHints.NONE, FlaggedRecords.NONE)
          .protect(codec, stats);
    }
    Path data = dir.resolve("data.orc");
    Files.write(data, sinks.data.toByteArray());
    Path quarantine = dir.resolve("quarantine.orc");
    Files.write(quarantine, sinks.quarantine.toByteArray());

    assertThat(OrcFiles.read(data).lines()).containsExactly("{2, {<EMAIL_ADDRESS>=d}}");
    assertThat(OrcFiles.read(quarantine).lines())
        .containsExactly("{1, {ann@example.com=a, bo@example.org=b}}");
    assertThat(stats.quarantined()).isEqualTo(1);
    assertThat(stats.written()).isEqualTo(1);
    assertThat(stats.nulledByField()).isEmpty();
  }

  @Test
  void fieldNamesHoldingPersonalDataAreShownAsPseudonyms() throws IOException {
    TypeDescription schema = TypeDescription.fromString(
        "struct<DE89370400440532013000:string,n:int>");
    OrcStruct r = new OrcStruct(schema);
    r.setFieldValue(0, new Text("kept"));
    r.setFieldValue(1, new org.apache.hadoop.io.IntWritable(7));
    Path in = dir.resolve("t.orc");
    OrcFiles.write(in, schema, List.of(r), CompressionKind.ZSTD);
    PersonalNames names = new PersonalNames(Analyzer.defaults(),
        OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

    OrcFiles.Content out = protect(in, TestSinks.STRICT, new FileStats(), names);

    String pseudonym = names.field("DE89370400440532013000");
    assertThat(pseudonym).startsWith("name_IBAN_CODE_");
    assertThat(out.schema().getFieldNames()).containsExactly(pseudonym, "n");
    assertThat(out.compression()).isEqualTo(CompressionKind.ZSTD);
    assertThat(out.lines()).containsExactly("{kept, 7}");
  }

  @Test
  void typeAttributesAndUserMetadataAreNotCopiedTheyCanHoldPersonalData() throws IOException {
    TypeDescription schema = TypeDescription.fromString(
        "struct<email:string,code:varchar(8),s:struct<n:decimal(5,2)>,l:array<string>>");
    schema.setAttribute("owner", "ann@example.com");
    schema.getChildren().get(0).setAttribute("comment", "write to bo@example.org");
    schema.getChildren().get(1).setAttribute("cy@example.net", "key");
    schema.getChildren().get(2).setAttribute("doc", "dee@example.com");
    schema.getChildren().get(2).getChildren().get(0).setAttribute("doc", "eve@example.com");
    schema.getChildren().get(3).getChildren().get(0).setAttribute("doc", "fay@example.com");
    OrcStruct r = new OrcStruct(schema);
    r.setFieldValue(0, new Text("gus@example.com"));
    r.setFieldValue(1, new Text("A-1"));
    OrcStruct inner = new OrcStruct(schema.getChildren().get(2));
    inner.setFieldValue(0, new org.apache.hadoop.hive.serde2.io.HiveDecimalWritable("1.25"));
    r.setFieldValue(2, inner);
    org.apache.orc.mapred.OrcList<Text> l =
        new org.apache.orc.mapred.OrcList<>(schema.getChildren().get(3));
    l.add(new Text("t"));
    r.setFieldValue(3, l);
    Path in = dir.resolve("t.orc");
    org.apache.orc.Writer writer = org.apache.orc.OrcFile.createWriter(
        new org.apache.hadoop.fs.Path(in.toUri()), org.apache.orc.OrcFile.writerOptions(
            new Configuration()).setSchema(schema).compress(CompressionKind.NONE));
    writer.addUserMetadata("owner",
        java.nio.charset.StandardCharsets.UTF_8.encode("hal@example.com"));
    org.apache.orc.mapred.OrcMapredRecordWriter<OrcStruct> rows =
        new org.apache.orc.mapred.OrcMapredRecordWriter<>(writer);
    rows.write(org.apache.hadoop.io.NullWritable.get(), r);
    rows.close(null);

    OrcFiles.Content out = protect(in, TestSinks.STRICT, new FileStats(), null);

    assertThat(out.schema()).isEqualTo(TypeDescription.fromString(
        "struct<email:string,code:varchar(8),s:struct<n:decimal(5,2)>,l:array<string>>"));
    assertThat(attributes(out.schema())).isEmpty();
    assertThat(out.lines()).containsExactly("{<EMAIL_ADDRESS>, A-1, {1.25}, [t]}");
    assertThat(new String(Files.readAllBytes(dir.resolve("data.orc")),
        java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("@example.");
  }

  /** The attribute names of {@code t} and of every type in it. */
  private static List<String> attributes(TypeDescription t) {
    List<String> names = new java.util.ArrayList<>(t.getAttributeNames());
    if (t.getChildren() != null) {
      t.getChildren().forEach(c -> names.addAll(attributes(c)));
    }
    return names;
  }

  @Test
  void aFileThatIsNotOrcFailsNamingThePartNeverItsBytes() throws IOException {
    Path notOrc = dir.resolve("t.orc");
    Files.writeString(notOrc, "ORC ann@example.com is no ORC file at all");
    assertThatThrownBy(() -> protect(notOrc, TestSinks.STRICT, new FileStats(), null))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("the footer: not an ORC file, truncated or corrupt");
  }
}
