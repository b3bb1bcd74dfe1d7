package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.output.Decryptor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are data: file and directory names, CSV headers, JSON keys and document property names
 * holding personal data are shown as keyed pseudonyms everywhere protect writes; the original
 * paths come back only through decrypt. Record ids in the outliers file likewise.
 */
class PersonalNamesTest {

  private static final String EMAIL = "zz9canary@example.org";
  private static final String SSN_DIR = "patient SSN 536-91-4827";
  /** What must not appear, also in URL-encoded forms (@ as %40, spaces as %20). */
  private static final List<String> TRACES = List.of("zz9canary", "536-91-4827");
  private static final String PSEUDONYM = "[a-z2-7]{26}";

  @TempDir
  static Path shared;
  static SparkSession spark;
  static LocalKeyring key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    key = LocalKeyring.generate(shared.resolve("keyring.json"));
  }

  @Test
  void namesWithPersonalDataArePseudonymsInEveryOutputAndComeBackOnDecrypt() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve(EMAIL + ".csv"), "id," + EMAIL + ",note\n1,x,hello\n");
    Path patient = Files.createDirectories(in.resolve(SSN_DIR));
    Files.writeString(patient.resolve("notes.jsonl"),
        "{\"id\":1,\"" + EMAIL + "\":\"x\",\"text\":\"hi\"}\n");
    Files.write(patient.resolve("letter.docx"), docxWithCustomProperty(EMAIL));
    Files.writeString(in.resolve("people.csv"), "id,note\n1,x\n");
    Path out = dir.resolve("out");

    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .commandLine("trainguard protect --input " + in).build()).execute();

    List<String> written = relativeFiles(out);
    assertThat(written).contains("data/people.csv.enc")
        .anyMatch(p -> p.matches("data/name_EMAIL_ADDRESS_" + PSEUDONYM + "\\.csv\\.enc"))
        .anyMatch(p -> p.matches("data/name_US_SSN_" + PSEUDONYM + "/notes\\.jsonl\\.enc"))
        .anyMatch(p -> p.matches("data/name_US_SSN_" + PSEUDONYM + "/letter\\.docx\\.txt\\.enc"))
        .contains("_trainguard/names.enc");
    List<String> leaks = new ArrayList<>();
    for (String p : written) {
      check("object name " + p, p, leaks);
      check(p, Files.readString(out.resolve(p), StandardCharsets.ISO_8859_1), leaks);
    }
    JsonNode m = ManifestReader.parse(Files.readAllBytes(out.resolve(OutputLayout.MANIFEST))).document();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("names").path("renamed_inputs").asInt()).isEqualTo(3);
    assertThat(m.path("inputs").findValuesAsText("path")).contains("people.csv")
        .anyMatch(p -> p.matches("name_EMAIL_ADDRESS_" + PSEUDONYM + "\\.csv"));

    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    assertThat(relativeFiles(plain)).containsExactlyInAnyOrder(EMAIL + ".csv", "people.csv",
        SSN_DIR + "/notes.jsonl", SSN_DIR + "/letter.docx.txt",
        SSN_DIR + "/letter.docx.metadata.json");
    assertThat(Files.readString(plain.resolve(EMAIL + ".csv")))
        .matches("id,name_EMAIL_ADDRESS_" + PSEUDONYM + ",note\n1,x,hello\n");
    assertThat(Files.readString(plain.resolve(SSN_DIR + "/notes.jsonl")))
        .matches("\\{\"id\":1,\"name_EMAIL_ADDRESS_" + PSEUDONYM + "\":\"x\",\"text\":\"hi\"}\n");
    assertThat(Files.readString(plain.resolve(SSN_DIR + "/letter.docx.metadata.json")))
        .doesNotContain(EMAIL).containsPattern("\"name_EMAIL_ADDRESS_" + PSEUDONYM + "\"");
    assertThat(Files.readString(plain.resolve("people.csv"))).isEqualTo("id,note\n1,x\n");
    assertThat(leaks).isEmpty();

    LocalKeyring other = LocalKeyring.generate(dir.resolve("other.json"));
    new io.trainguard.jobs.output.Rewrapper(new Configuration(), key, other)
        .rewrap(out.toString());
    Path again = dir.resolve("again");
    new Decryptor(new Configuration(), other).decrypt(out.toString(), again.toString());
    assertThat(relativeFiles(again)).as("names survive a rewrap").isEqualTo(relativeFiles(plain));
  }

  @Test
  void decryptRefusingADestinationThatIsTakenNamesItsRestoredNamesAsPseudonymsOnly()
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve(EMAIL + ".csv"), "id,note\n1,x\n");
    Files.writeString(Files.createDirectories(in.resolve(SSN_DIR)).resolve("notes.jsonl"),
        "{\"id\":1}\n");
    Path out = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .build()).execute();
    Path taken = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(taken.resolve(EMAIL + ".csv"), "mine\n");
    Path blocked = Files.createDirectories(dir.resolve("blocked"));
    Files.writeString(blocked.resolve(SSN_DIR), "mine\n");

    TrainguardException exists = org.junit.jupiter.api.Assertions.assertThrows(
        TrainguardException.class,
        () -> new Decryptor(new Configuration(), key).decrypt(out.toString(), taken.toString()));
    TrainguardException notADirectory = org.junit.jupiter.api.Assertions.assertThrows(
        TrainguardException.class,
        () -> new Decryptor(new Configuration(), key).decrypt(out.toString(), blocked.toString()));

    String email = "name_EMAIL_ADDRESS_" + PSEUDONYM + "\\.csv";
    assertThat(exists.getMessage()).matches("Cannot decrypt data/" + email + "\\.enc: "
        + java.util.regex.Pattern.quote(taken.toString()) + "/<original of " + email + "> exists");
    String ssn = "name_US_SSN_" + PSEUDONYM;
    assertThat(notADirectory.getMessage()).matches("Cannot decrypt data/" + ssn
        + "/notes\\.jsonl\\.enc: " + java.util.regex.Pattern.quote(blocked.toString())
        + "/<original of " + ssn + "> is not a directory");
    assertThat(Files.readString(taken.resolve(EMAIL + ".csv"))).isEqualTo("mine\n");
    assertThat(Files.readString(blocked.resolve(SSN_DIR))).isEqualTo("mine\n");
  }

  @Test
  void outlierIdsAreKeyedPseudonymsWhenTheIdColumnHoldsPersonalData() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    StringBuilder csv = new StringBuilder("record_id,label,amount\n");
    for (int i = 1; i <= 9; i++) {
      csv.append("user").append(i).append("@example.com,").append(i % 2).append(",1").append(i)
          .append(".5\n");
    }
    csv.append(EMAIL).append(",0,13.5\n"); // a duplicate of row 3 with the other label
    Files.writeString(in.resolve("t.csv"), csv.toString());
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: flag\n  detectors:\n"
        + "    feature_outliers: {enabled: false}\n    label_flips: {enabled: false}\n"
        + "    backdoor_triggers: {enabled: false}\n");
    Path out = dir.resolve("out");
    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .policy(policy.toString()).idColumn("record_id")
        .poisoning("label", List.of(), List.of()).build()).execute();

    List<String> lines = Files.readAllLines(out.resolve(OutputLayout.OUTLIERS));
    assertThat(lines).hasSize(2).allMatch(l -> l.matches("\\{\"file\":\"t\\.csv\","
        + "\"record_id\":\"id_" + PSEUDONYM + "\",\"score\":0\\.5,"
        + "\"reasons\":\\[\"conflicting_duplicate:exact\"]}"));
    assertThat(String.join("\n", lines)).doesNotContain(EMAIL).doesNotContain("@example.com");
  }

  @Test
  void parquetFieldNamesWithPersonalDataArePseudonymsInTheSchemaWritten() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.Types.buildMessage()
        .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64).named("id")
        .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
        .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named(EMAIL)
        .optionalGroup()
        .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32).named("ref 536-91-4827")
        .named("user")
        .named("m");
    org.apache.parquet.example.data.Group row =
        new org.apache.parquet.example.data.simple.SimpleGroup(schema);
    row.add("id", 1L);
    row.add(EMAIL, "x");
    row.addGroup("user").add("ref 536-91-4827", 7);
    io.trainguard.jobs.parquet.ParquetFiles.write(in.resolve("t.parquet"), schema, List.of(row));
    Path out = dir.resolve("out");

    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .build()).execute();

    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    var content = io.trainguard.jobs.parquet.ParquetFiles.read(plain.resolve("t.parquet"),
        new Configuration());
    assertThat(content.schema().getFields()).extracting(org.apache.parquet.schema.Type::getName)
        .hasSize(3).satisfies(names -> {
          assertThat(names.get(0)).isEqualTo("id");
          assertThat(names.get(1)).matches("name_EMAIL_ADDRESS_" + PSEUDONYM);
          assertThat(names.get(2)).isEqualTo("user");
        });
    assertThat(content.schema().getType("user").asGroupType().getFieldName(0))
        .matches("name_US_SSN_" + PSEUDONYM);
    assertThat(content.lines()).singleElement().satisfies(line -> assertThat(line)
        .matches("id: 1\nname_EMAIL_ADDRESS_" + PSEUDONYM + ": x\nuser\n  name_US_SSN_"
            + PSEUDONYM + ": 7\n"));
    List<String> leaks = new ArrayList<>();
    check("decrypted t.parquet", Files.readString(plain.resolve("t.parquet"),
        StandardCharsets.ISO_8859_1), leaks);
    assertThat(leaks).isEmpty();
  }

  @Test
  void aPartitionDirectoryValueHoldingPersonalDataStaysAPseudonymInTheDecryptedData()
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.Types.buildMessage()
        .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64).named("id")
        .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
        .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("note")
        .named("m");
    List<org.apache.parquet.example.data.Group> rows = new ArrayList<>();
    for (String note : List.of("hello", "key AKIAIOSFODNN7EXAMPLE leaked")) {
      org.apache.parquet.example.data.Group row =
          new org.apache.parquet.example.data.simple.SimpleGroup(schema);
      row.add("id", rows.size() + 1L);
      row.add("note", note);
      rows.add(row);
    }
    String personal = "country=DE/email=" + EMAIL + "/a.parquet";
    io.trainguard.jobs.parquet.ParquetFiles.write(in.resolve(personal), schema, rows);
    io.trainguard.jobs.parquet.ParquetFiles.write(in.resolve("country=US/email=none/b.parquet"),
        schema, rows.subList(0, 1));
    Path out = dir.resolve("out");

    new ProtectJob(spark, ProtectRequest.builder(in.toString(), out.toString(), key.spec())
        .build()).execute();

    Path plain = dir.resolve("plain");
    Path quarantined = dir.resolve("quarantined");
    new Decryptor(new Configuration(), key).quarantineTo(quarantined.toString())
        .decrypt(out.toString(), plain.toString());
    List<String> data = relativeFiles(plain);
    assertThat(data).hasSize(2).contains("country=US/email=none/b.parquet");
    assertThat(data.get(0)).matches("country=DE/email=name_EMAIL_ADDRESS_" + PSEUDONYM
        + "/a\\.parquet");
    assertThat(spark.read().parquet(plain.toString()).orderBy("country").select("country",
        "email", "id", "note").collectAsList().toString()).isEqualTo("[[DE,"
        + data.get(0).split("[=/]")[3] + ",1,hello], [US,none,1,hello]]");
    assertThat(relativeFiles(quarantined)).as("quarantine holds the originals")
        .containsExactly(personal);
  }

  private static byte[] docxWithCustomProperty(String name) throws Exception {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText("Nothing personal here.");
      doc.getProperties().getCustomProperties().addProperty(name, "yes");
      doc.write(out);
      return out.toByteArray();
    }
  }

  private static List<String> relativeFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .sorted().toList();
    }
  }

  private static void check(String where, String text, List<String> leaks) {
    for (String trace : TRACES) {
      if (text.contains(trace)) {
        leaks.add(trace + " in " + where);
      }
    }
  }
}
