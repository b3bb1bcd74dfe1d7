package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.DebugLogCapture;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest;
import io.trainguard.jobs.documents.DocumentTraceTest;
import io.trainguard.jobs.format.WorkDirectory;
import io.trainguard.jobs.parquet.ParquetFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" canary of issue #19: values and names planted in every place a protect run
 * reads (input and output roots, file and directory names, CSV headers and cells, JSON keys and
 * values, Parquet column names and values, Avro values and map keys, ORC values, text lines, a
 * document's text, property names and font, flagged record ids, Macie object keys, a line Macie
 * flags with two types, malformed CSV rows and JSON lines quarantined under
 * {@code --max-bad-records}), in every input format, with a Macie findings file, the poisoning
 * scan with feature outliers, lineage and
 * Spark's event log on. Protect and decrypt run through the command line; then every byte
 * trainguard wrote is searched for each canary as planted and in its common encodings: the
 * output (object names and contents), the plaintext after decryption, stdout and stderr of both
 * commands, every log event at DEBUG, Spark's event log and the temp directory's new files. The
 * private work directory ({@link WorkDirectory}, 0700, removed at exit) may hold plaintext by
 * design: it is checked to be private, and its file names are searched.
 */
class EveryPlaceCanaryTest {

  /** This run's own mark, so that no copy of these sources or docs elsewhere looks like a leak. */
  private static final String RUN = Long.toString(
      java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);

  /** Where each canary is planted, by what it is. */
  private static final Map<String, String> CANARIES = new LinkedHashMap<>();

  static {
    CANARIES.put("input root directory name", "536-91-4827");
    CANARIES.put("output root directory name", unique("oo5output@example.net"));
    CANARIES.put("file name", unique("zz9canary@example.org"));
    CANARIES.put("CSV header", unique("qq7header@example.net"));
    CANARIES.put("CSV cell", unique("cv1csvcell@example.com"));
    CANARIES.put("JSON key", unique("kk4jsonkey@example.net"));
    CANARIES.put("JSON value", unique("jv2jsonvalue@example.com"));
    CANARIES.put("JSON number", "536914827");
    CANARIES.put("Parquet column name", unique("pq6column@example.net"));
    CANARIES.put("Parquet value", unique("pv3parquetvalue@example.com"));
    CANARIES.put("Avro value", unique("av5avrovalue@example.com"));
    CANARIES.put("Avro map key", unique("ak6avrokey@example.net"));
    CANARIES.put("ORC value", unique("ov7orcvalue@example.com"));
    CANARIES.put("text line", unique("tv4textvalue@example.com"));
    CANARIES.put("text Macie flags with two types at one place", "mq8macieonly");
    CANARIES.put("document text", unique("dv5docvalue@example.com"));
    CANARIES.put("document property name", unique("pp3docprop@example.net"));
    CANARIES.put("PDF font name", unique("ff2fontname@example.net"));
    CANARIES.put("flagged record id", unique("ii8record@example.net"));
    CANARIES.put("Macie object key not among the inputs", unique("mk7mackey@example.net"));
    CANARIES.put("malformed CSV row", unique("mr1badrow@example.com"));
    CANARIES.put("malformed JSON line", unique("mj2badline@example.com"));
  }

  @TempDir
  Path dir;

  @AfterAll
  static void ordinarySession() {
    SparkTestSession.stop(); // the next class starts a session without event log
  }

  @Test
  void noCanaryEscapesAnywhere() throws Exception {
    Path in = Files.createDirectories(dir.resolve("patient SSN " + canary("input root directory name")));
    plant(in);
    Path findings = dir.resolve("findings.json");
    Files.writeString(findings, macieFindings());
    Path keyring = dir.resolve("key.json");
    LocalKeyring.generate(keyring);
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, """
        version: 1
        default: replace
        entities:
          PERSON: keep
        poisoning:
          action: flag
        """);
    Path out = dir.resolve("out " + canary("output root directory name"));
    Path events = Files.createDirectories(dir.resolve("events"));
    long started = System.currentTimeMillis();

    TrainguardCliTest.Run protect;
    TrainguardCliTest.Run decrypt;
    String logs;
    Path plain = dir.resolve("plain");
    try (DebugLogCapture capture = new DebugLogCapture()) {
      SparkTestSession.withEventLog(events);
      try {
        protect = TrainguardCliTest.run("protect", "--input", in.toString(),
            "--output", out.toString(), "--key", "local:" + keyring,
            "--policy", policy.toString(), "--id-column", "record_id", "--label-column", "label",
            "--macie", findings.toString(), "--macie-key-prefix", "raw/", "--progress",
            "--max-bad-records", "2");
        decrypt = TrainguardCliTest.run("decrypt", "--key", "local:" + keyring,
            "--input", out.toString(), "--output", plain.toString());
      } finally {
        SparkTestSession.stop(); // completes the event log
      }
      logs = capture.text();
    }
    assertThat(protect.code()).as(protect.err()).isZero();
    assertThat(decrypt.code()).as(decrypt.err()).isZero();
    assertThat(logs).as("DEBUG logs were captured").contains("DEBUG");
    assertThat(protect.err()).as("Macie warned about the objects")
        .contains("not among the inputs").contains("are stale");
    assertThat(Files.readString(out.resolve(io.trainguard.jobs.manifest.OutputLayout.OUTLIERS)))
        .contains("conflicting_duplicate");
    assertThat(Files.readString(out.resolve(io.trainguard.jobs.manifest.OutputLayout.MANIFEST)))
        .as("the malformed row and line were quarantined").contains("\"records_malformed\" : 2");

    List<String> leaks = new ArrayList<>();
    check("protect stdout", protect.out(), leaks);
    check("protect stderr", protect.err(), leaks);
    check("decrypt stdout", decrypt.out(), leaks);
    check("decrypt stderr", decrypt.err(), leaks);
    check("logs", logs, leaks);
    for (String event : read(files(events)).split("\n")) { // one JSON event a line
      check("Spark event log " + event.replaceFirst("^\\{\"Event\":\"([^\"]*)\".*", "$1"),
          event, leaks);
    }
    for (Path p : files(out)) {
      check("output object name " + out.relativize(p), out.relativize(p).toString(), leaks);
      check("output " + out.relativize(p), Files.readString(p, StandardCharsets.ISO_8859_1),
          leaks);
    }
    for (Path p : files(plain)) { // decrypt gives the original file names back, by design
      check("decrypted " + plain.relativize(p), Files.readString(p, StandardCharsets.ISO_8859_1),
          leaks);
    }
    Path work = WorkDirectory.get();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)))
        .isEqualTo("rwx------");
    for (Path p : files(work)) { // private, removed at exit: its contents may be plaintext
      check("work directory file name " + work.relativize(p), work.relativize(p).toString(),
          leaks);
    }
    for (Path temp : NoLeakCanaryTest.recentTempFiles(started, dir)) {
      if (temp.startsWith(work)) {
        continue;
      }
      check("temp file name " + temp, temp.toString(), leaks);
      try {
        check("temp file " + temp, Files.readString(temp, StandardCharsets.ISO_8859_1), leaks);
      } catch (java.nio.file.NoSuchFileException vanished) {
        // removed by its owner since it was listed
      }
    }
    assertThat(leaks).as("canaries found in the clear").isEmpty();
  }

  /** Writes the inputs holding the canaries, one or more per format. */
  private static void plant(Path in) throws Exception {
    Files.writeString(in.resolve(canary("file name") + ".csv"),
        "id," + canary("CSV header") + ",note\n1,x,write to " + canary("CSV cell") + "\n"
            + "2,\"" + canary("malformed CSV row") + "\"x,y\n");
    Path notes = Files.createDirectories(in.resolve("notes"));
    Files.writeString(notes.resolve("notes.jsonl"),
        "{\"id\":1,\"" + canary("JSON key") + "\":\"x\",\"text\":\"mail "
            + canary("JSON value") + "\",\"ssn\":" + canary("JSON number") + "}\n"
            + "{\"id\":2,\"text\":\"" + canary("malformed JSON line") + "\"\n");
    MessageType schema = Types.buildMessage()
        .required(PrimitiveTypeName.INT64).named("id")
        .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
        .named(canary("Parquet column name"))
        .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("note")
        .named("m");
    Group row = new SimpleGroup(schema);
    row.add("id", 1L);
    row.add(canary("Parquet column name"), "x");
    row.add("note", "reach " + canary("Parquet value") + " today");
    ParquetFiles.write(in.resolve("people.parquet"), schema, List.of(row));
    org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse("""
        {"type": "record", "name": "r", "fields": [{"name": "record_id", "type": "long"},
          {"name": "note", "type": "string"},
          {"name": "attrs", "type": {"type": "map", "values": "string"}}]}
        """);
    org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(
        avro);
    record.put("record_id", 1L);
    record.put("note", "reach " + canary("Avro value") + " today");
    record.put("attrs", Map.of(canary("Avro map key"), "x"));
    io.trainguard.jobs.format.AvroFiles.write(in.resolve("people.avro"), avro, List.of(record),
        org.apache.avro.file.CodecFactory.nullCodec()); // plaintext: searchable
    org.apache.orc.TypeDescription orc = org.apache.orc.TypeDescription.fromString(
        "struct<record_id:bigint,note:string>");
    org.apache.orc.mapred.OrcStruct orcRow = new org.apache.orc.mapred.OrcStruct(orc);
    orcRow.setFieldValue(0, new org.apache.hadoop.io.LongWritable(1));
    orcRow.setFieldValue(1, new org.apache.hadoop.io.Text("reach " + canary("ORC value")
        + " today"));
    io.trainguard.jobs.format.OrcFiles.write(in.resolve("people.orc"), orc, List.of(orcRow),
        org.apache.orc.CompressionKind.NONE);
    Files.writeString(in.resolve("memo.txt"), "mail " + canary("text line") + " today\n"
        + "ref " + canary("text Macie flags with two types at one place") + "\n");
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream docx = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("Write to " + canary("document text") + ".");
      doc.getProperties().getCustomProperties().addProperty(canary("document property name"),
          "yes");
      doc.write(docx);
      Files.write(notes.resolve("letter.docx"), docx.toByteArray());
    }
    Files.write(notes.resolve("font.pdf"),
        DocumentTraceTest.pdfWithFontNamed(canary("PDF font name")));
    StringBuilder train = new StringBuilder("record_id,label,amount\n");
    for (int i = 1; i <= 9; i++) {
      train.append("u").append(i).append(",").append(i % 2).append(",1").append(i).append(".5\n");
    }
    train.append(canary("flagged record id")).append(",0,13.5\n");
    Files.writeString(in.resolve("train.csv"), train.toString());
  }

  /**
   * Macie findings (keys under {@code raw/}): two types where line 2 of memo.txt starts, one for
   * a CSV input of another size (stale) and one for an object that is not an input.
   */
  private static String macieFindings() {
    return """
        {"findings": [
          {"id": "f-1", "category": "CLASSIFICATION",
            "resourcesAffected": {"s3Bucket": {"name": "raw-bucket"},
              "s3Object": {"key": "raw/memo.txt"}},
            "classificationDetails": {"result": {"sensitiveData": [
              {"category": "PERSONAL_INFORMATION", "detections": [
                {"type": "USA_PASSPORT_NUMBER", "count": 1, "occurrences": {"lineRanges": [
                   {"start": 2, "end": 2, "startColumn": 5}]}},
                {"type": "NAME", "count": 1, "occurrences": {"lineRanges": [
                   {"start": 2, "end": 2, "startColumn": 5}]}}]}]}}},
          {"id": "f-2", "category": "CLASSIFICATION",
            "resourcesAffected": {"s3Bucket": {"name": "raw-bucket"},
              "s3Object": {"key": "raw/%1$s.csv", "size": 1}},
            "classificationDetails": {"result": {"sensitiveData": [
              {"category": "PERSONAL_INFORMATION", "detections": [
                {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"cells": [
                   {"row": 2, "column": 3, "columnName": "note"}]}}]}]}}},
          {"id": "f-3", "category": "CLASSIFICATION",
            "resourcesAffected": {"s3Bucket": {"name": "raw-bucket"},
              "s3Object": {"key": "raw/%2$s.csv"}},
            "classificationDetails": {"result": {"sensitiveData": [
              {"category": "PERSONAL_INFORMATION", "detections": [
                {"type": "USA_SOCIAL_SECURITY_NUMBER", "count": 1, "occurrences": {"cells": [
                   {"row": 2, "column": 1}]}}]}]}}}]}
        """.formatted(canary("file name"), canary("Macie object key not among the inputs"));
  }

  private static String canary(String place) {
    return CANARIES.get(place);
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static String read(List<Path> files) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
    }
    return all.toString();
  }

  /** {@code canary} with this run's mark before its {@code @}. */
  static String unique(String canary) {
    return canary.replace("@", RUN + "@");
  }

  /**
   * A canary as planted and as URL encoding, HTML and JSON escaping and Base64 would write it:
   * {@code @} as {@code %40}, {@code &#64;}, {@code &#x40;} or {@code \u0040}, spaces as
   * {@code %20} or {@code +}.
   */
  static Set<String> forms(String canary) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(canary);
    forms.add(URLEncoder.encode(canary, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(canary, StandardCharsets.UTF_8).replace("+", "%20"));
    forms.add(canary.replace("@", "&#64;"));
    forms.add(canary.replace("@", "&#x40;"));
    forms.add(canary.replace("@", "\\u0040"));
    forms.add(Base64.getEncoder().withoutPadding()
        .encodeToString(canary.getBytes(StandardCharsets.UTF_8)));
    forms.add(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(canary.getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  private static void check(String where, String text, List<String> leaks) {
    CANARIES.forEach((place, canary) -> {
      for (String form : forms(canary)) {
        int at = text.indexOf(form);
        if (at >= 0) {
          leaks.add(place + (form.equals(canary) ? "" : " (as " + form + ")") + " in " + where
              + " after: " + text.substring(Math.max(0, at - 60), at));
          return;
        }
      }
    });
  }
}
