package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.ProtectedOutputs.filesUnder;
import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.parquet.ParquetFiles;
import io.trainguard.jobs.format.StreamOutputFile;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet input of several row groups larger than {@code --split-size} is protected in one
 * task per slice of row groups, into ordered parts, each a Parquet file, that {@code decrypt}
 * joins into one Parquet file holding the records of the same input protected whole.
 */
class ParquetSplitTest {

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message rows {
        required int64 id;
        optional binary contact (STRING);
        optional binary note (STRING);
      }
      """);

  private static final String POLICY = """
      version: 1
      default: replace
      entities:
        CREDIT_CARD: quarantine_record
      """;

  @TempDir
  static Path fixtures;
  static String key;
  static Path in;
  static Path whole;
  static Path split;
  static long splitBytes;

  @TempDir
  Path dir;

  @BeforeAll
  static void protectWholeAndInSlices() throws Exception {
    SparkTestSession.get();
    Path keyring = fixtures.resolve("key.json");
    assertThat(run("keygen", "--out", keyring.toString()).code()).isZero();
    key = "local:" + keyring;
    Path policy = fixtures.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    in = Files.createDirectories(fixtures.resolve("in"));
    // contacts are mails in the first 200 records (the plan's sample), words after them
    List<Group> rows = new ArrayList<>();
    for (int i = 1; i <= 400; i++) {
      Group g = new SimpleGroup(SCHEMA);
      g.add("id", (long) i);
      g.add("contact", i <= 200 ? "user" + i + "@example.com" : "kiosk" + i);
      g.add("note", i % 97 == 0 ? "card 4111 1111 1111 1111" : "note ünï " + i);
      rows.add(g);
    }
    write(in.resolve("big.parquet"), rows, 50);
    write(in.resolve("one.parquet"), rows, 1000);
    write(in.resolve("empty.parquet"), List.of(), 50);
    splitBytes = Files.size(in.resolve("big.parquet")) / 4;
    assertThat(Files.size(in.resolve("one.parquet"))).isGreaterThan(splitBytes);
    whole = protect("whole", policy);
    split = protect("split", policy, "--split-size", Long.toString(splitBytes));
  }

  private static void write(Path file, List<Group> rows, int rowsPerGroup) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
        ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamOutputFile(out,
            file.getFileName().toString())).withType(SCHEMA)
            .withRowGroupRowCountLimit(rowsPerGroup).build()) {
      for (Group g : rows) {
        writer.write(g);
      }
    }
  }

  private static Path protect(String name, Path policy, String... more) {
    Path out = fixtures.resolve(name);
    List<String> args = new ArrayList<>(List.of("protect", "--input", in.toString(), "--output",
        out.toString(), "--key", key, "--policy", policy.toString()));
    args.addAll(List.of(more));
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  private static Manifest manifest(Path out) throws Exception {
    return ManifestReader.parse(Files.readAllBytes(out.resolve(OutputLayout.MANIFEST)))
        .manifest();
  }

  private static int rowGroups(Path file) throws Exception {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter().getBlocks().size();
    }
  }

  private Path decrypt(Path out, String name) {
    Run r = run("decrypt", "--key", key, "--input", out.toString(), "--output",
        dir.resolve(name).toString(), "--quarantine-to", dir.resolve(name + "-q").toString());
    assertThat(r.code()).as(r.err()).isZero();
    return dir.resolve(name);
  }

  @Test
  void aParquetFileOfManyRowGroupsIsWrittenInPartsAndOneOfOneRowGroupOrNoneWhole()
      throws Exception {
    assertThat(rowGroups(in.resolve("big.parquet"))).isEqualTo(8);
    assertThat(rowGroups(in.resolve("one.parquet"))).isEqualTo(1);
    List<String> data = filesUnder(split.resolve("data"));
    long parts = data.stream().filter(f -> f.startsWith("big.parquet.part-")).count();
    assertThat(parts).isBetween(3L, 5L);
    for (int i = 0; i < parts; i++) {
      assertThat(data).contains(OutputLayout.part("big.parquet.enc", i));
    }
    assertThat(data).contains("one.parquet.enc", "empty.parquet.enc")
        .doesNotContain("big.parquet.enc").hasSize((int) parts + 2);
    // the cards of records 97, 194, 291 and 388, in the parts of their slices
    assertThat(filesUnder(split.resolve("quarantine"))).contains(
        OutputLayout.part("big.parquet.enc", 0), OutputLayout.part("big.parquet.enc",
            (int) parts - 1)).doesNotContain("big.parquet.enc");
  }

  @Test
  void decryptJoinsThePartsIntoOneParquetFileWithTheRecordsOfTheWholeFile() throws Exception {
    Path w = decrypt(whole, "whole");
    Path s = decrypt(split, "split");
    for (String area : List.of("", "-q")) {
      Path a = dir.resolve("whole" + area);
      Path b = dir.resolve("split" + area);
      assertThat(filesUnder(b)).isEqualTo(filesUnder(a));
      for (String f : filesUnder(a)) {
        ParquetFiles.Content expected = ParquetFiles.read(a.resolve(f), new Configuration());
        ParquetFiles.Content actual = ParquetFiles.read(b.resolve(f), new Configuration());
        assertThat(actual.schema()).as(f).isEqualTo(expected.schema());
        assertThat(actual.lines()).as(f).isEqualTo(expected.lines());
      }
    }
    List<String> lines = ParquetFiles.read(s.resolve("big.parquet"), new Configuration()).lines();
    assertThat(lines).hasSize(396);
    // every slice redacts the contact column as the file's first records planned it
    assertThat(lines).allSatisfy(l -> assertThat(l).contains("contact: <EMAIL_ADDRESS>")
        .doesNotContain("kiosk"));
    assertThat(rowGroups(s.resolve("big.parquet"))).isGreaterThan(1);
    assertThat(ParquetFiles.read(w.resolve("empty.parquet"), new Configuration()).records())
        .isEmpty();
  }

  @Test
  void theManifestListsThePartsInOrderWithTheCountsOfTheWholeFile() throws Exception {
    Manifest s = manifest(split);
    Manifest w = manifest(whole);
    for (Manifest.Input input : s.inputs()) {
      Manifest.Input same = w.inputs().stream().filter(i -> i.path().equals(input.path()))
          .findFirst().orElseThrow();
      assertThat(input).as(input.path()).isEqualTo(new Manifest.Input(same.path(),
          input.uri(), same.etag(), same.versionId(), same.format(), same.size(), same.sha256(),
          same.records(), same.recordsWritten(), same.recordsQuarantined(),
          same.recordsDropped(), same.recordsMalformed(), same.valuesNulled(),
          same.fieldsUntouched(), same.operatorFallbacks(), same.quarantineReason(),
          same.findings(), same.columnPlan()));
    }
    assertThat(s.accounting()).isEqualTo(w.accounting());
    List<Manifest.Output> parts = s.outputs().stream()
        .filter(o -> "big.parquet".equals(o.source()) && o.kind() == Manifest.Kind.DATA).toList();
    for (int i = 0; i < parts.size(); i++) {
      assertThat(parts.get(i).part()).isEqualTo(new Manifest.Part("data/big.parquet.enc", i,
          parts.size()));
    }
    assertThat(parts.stream().mapToLong(Manifest.Output::records).sum()).isEqualTo(396);
    Run verify = run("verify", "--manifest", split.resolve(OutputLayout.MANIFEST).toString(),
        "--key", key);
    assertThat(verify.code()).as(verify.err()).isZero();
  }
}
