package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import io.trainguard.jobs.format.AvroFiles;
import io.trainguard.jobs.format.OrcFiles;
import io.trainguard.jobs.manifest.CanonicalJson;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.ManifestSchema;
import io.trainguard.samples.poison.PoisonWriters;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poisoning gate and the policy's poisoning section through the command line. */
class PoisoningGateCliTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void tooManyFlaggedRecordsFailTheGateWithThePiiGateAndADisabledDetectorNeverReports()
      throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("n.txt"), "SSN 536-22-8049\n"); // no labels: not scanned
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(600, 0.02, 11L), in.resolve("t.csv"));
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, """
        gate:
          fail_on_entities: [US_SSN]
        poisoning:
          gate:
            max_flagged_fraction: 0.05
          detectors:
            conflicting_duplicates: {enabled: false}
        """);
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--policy", policy.toString(), "--id-column", "id", "--label-column",
        "label");

    assertThat(protect.code()).as(protect.err()).isEqualTo(3);
    List<String> outliers = Files.readAllLines(out.resolve("_trainguard/outliers.jsonl"));
    assertThat(outliers.size()).isGreaterThan(30);
    assertThat(outliers).noneMatch(l -> l.contains("conflicting_duplicate"))
        .anyMatch(l -> l.contains("feature_outlier")).anyMatch(l -> l.contains("label_flip"));
    String poisoningReason = String.format(Locale.ROOT,
        "poisoning: %d of 600 records flagged (%.1f%%, limit 5.0%%)", outliers.size(),
        100.0 * outliers.size() / 600);
    String notScanned = "poisoning: 1 of 2 inputs not scanned (n.txt: no columns)";
    assertThat(protect.err()).contains("trainguard: error: Gate failed (policy p.yaml): "
        + "US_SSN found 1 time (policy fails on US_SSN); " + poisoningReason + "; "
        + notScanned + ". Manifest and report written; no _SUCCESS.");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
    assertThat(out.resolve("data/t.csv.enc")).exists();
    JsonNode m = ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).document();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("gate").path("reasons").toString()).contains(poisoningReason);
    assertThat(Files.readString(out.resolve("_trainguard/report.html")))
        .contains("id=\"gate-decision\" data-decision=\"fail\">fail</span>")
        .contains("<li>US_SSN found 1 time (policy fails on US_SSN)</li><li>" + poisoningReason
            + "</li><li>" + notScanned + "</li></ul>");
    assertThat(m.path("poisoning").path("gate").toString())
        .isEqualTo("{\"max_flagged_fraction\":0.05}");
    assertThat(CanonicalJson.MAPPER.writeValueAsString(m.path("poisoning").path("detectors")))
        .isEqualTo("[\"feature_outliers\",\"label_flips\",\"backdoor_triggers\"]");
    assertThat(m.path("poisoning").path("counts_by_reason").toString())
        .doesNotContain("conflicting_duplicate");
  }

  /**
   * A column option naming no column is named back without the personal data it may hold (an
   * e-mail address pasted as --label-column): by its entity, since no key is open yet.
   */
  @Test
  void aColumnOptionHoldingPersonalDataIsNotEchoed() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("t.csv"), "id,label,text\n1,cat,hello\n2,dog,bye\n");
    String email = "jane.doe@example.com";
    String ssn = "536-22-8049";
    String[][] cases = {
        {"--id-column", "id", "--label-column", email},
        {"--id-column", "id", "--label-column", "label", "--text-columns", ssn},
        {"--id-column", email, "--label-column", "label"}};
    String[] expected = {
        "trainguard: error: Invalid --label-column: <EMAIL_ADDRESS> \\(no input has it;"
            + " columns found: id, label, text\\)",
        "trainguard: error: Invalid --text-columns: <US_SSN> \\(not a column of t.csv;"
            + " columns: id, label, text\\)",
        "trainguard: error: Invalid --id-column: <EMAIL_ADDRESS> \\(not a column of"
            + " t.csv; columns: id, label, text\\)"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new java.util.ArrayList<>(List.of("protect", "--input", in.toString(),
          "--output", dir.resolve("out" + i).toString(), "--key", "local:" + key));
      args.addAll(List.of(cases[i]));
      Run protect = run(args.toArray(String[]::new));

      assertThat(protect.code()).as(protect.err()).isEqualTo(1);
      assertThat(protect.err()).doesNotContain(email).doesNotContain(ssn)
          .containsPattern(expected[i]);
    }
  }

  @Test
  void avroAndOrcInputsAreScannedAsTheirCsvIsAndATextFileIsNamedAsSkipped() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    PoisonedDataset data = TabularPoisonGenerator.generate(400, 0.02, 11L);
    Path csvIn = Files.createDirectories(dir.resolve("csv"));
    PoisonWriters.writeCsv(data, csvIn.resolve("t.csv"));
    Path in = Files.createDirectories(dir.resolve("in"));
    writeAvro(data, in.resolve("t.avro"));
    writeOrc(data, in.resolve("t.orc"));
    Files.writeString(in.resolve("n.txt"), "no columns here\n");

    Run csv = run("protect", "--input", csvIn.toString(), "--output",
        dir.resolve("out-csv").toString(), "--key", "local:" + key, "--id-column", "id",
        "--label-column", "label");
    Path out = dir.resolve("out");
    Run binary = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--id-column", "id", "--label-column", "label");

    assertThat(csv.code()).as(csv.err()).isZero();
    assertThat(binary.code()).as(binary.err()).isZero();
    List<String> expected = Files.readAllLines(dir.resolve("out-csv/_trainguard/outliers.jsonl"));
    assertThat(expected).hasSizeGreaterThan(10);
    List<String> outliers = Files.readAllLines(out.resolve("_trainguard/outliers.jsonl"));
    assertThat(outliers.stream().filter(l -> l.startsWith("{\"file\":\"t.avro\"")))
        .containsExactlyElementsOf(expected.stream()
            .map(l -> l.replace("{\"file\":\"t.csv\"", "{\"file\":\"t.avro\"")).toList());
    assertThat(outliers.stream().filter(l -> l.startsWith("{\"file\":\"t.orc\"")))
        .containsExactlyElementsOf(expected.stream()
            .map(l -> l.replace("{\"file\":\"t.csv\"", "{\"file\":\"t.orc\"")).toList());
    JsonNode m = ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json")))
        .document();
    assertThat(m.path("poisoning").path("records").asLong()).isEqualTo(800);
    assertThat(m.path("poisoning").path("flagged").asLong()).isEqualTo(2L * expected.size());
    assertThat(binary.err()).contains(
        "trainguard: warning: poisoning scan skips n.txt: no columns\n");
    assertThat(m.path("poisoning").path("skipped_inputs").toString())
        .isEqualTo("[{\"path\":\"n.txt\",\"reason\":\"no-columns\"}]");
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(binary.out()).contains("    not scanned: n.txt (no columns)\n");
    assertThat(Files.readString(out.resolve("_trainguard/report.html")))
        .contains("<ul id=\"poisoning-skipped-inputs\"><li><code>n.txt</code> (no columns)</li>"
            + "</ul>");
  }

  /**
   * Fail closed: with a poisoning gate, an input the scan could not scan (no columns, or no label
   * column) fails the gate, however few records were flagged; the manifest and the report list
   * each with why.
   */
  @Test
  void anInputThePoisoningScanSkipsFailsItsGateAndIsListedInManifestAndReport()
      throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(400, 0.02, 11L), in.resolve("t.csv"));
    Files.writeString(in.resolve("n.txt"), "no columns here\n");
    Files.writeString(in.resolve("u.csv"), "id,amount\n1,2.5\n2,3.5\n");
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  gate:\n    max_flagged_fraction: 1\n");
    Path out = dir.resolve("out");

    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--policy", policy.toString(), "--id-column", "id", "--label-column",
        "label");

    String reason = "poisoning: 2 of 3 inputs not scanned (n.txt: no columns; u.csv: no label"
        + " column)";
    assertThat(protect.code()).as(protect.err()).isEqualTo(3);
    assertThat(protect.err()).contains(
        "trainguard: warning: poisoning scan skips n.txt: no columns\n",
        "trainguard: warning: poisoning scan skips u.csv: no label column\n",
        "trainguard: error: Gate failed (policy p.yaml): " + reason
            + ". Manifest and report written; no _SUCCESS.\n");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
    JsonNode m = ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json")))
        .document();
    assertThat(ManifestSchema.violations(m)).isEmpty();
    assertThat(m.path("gate").path("reasons").toString()).isEqualTo("[\"" + reason + "\"]");
    assertThat(m.path("poisoning").path("records").asLong()).isEqualTo(400);
    assertThat(m.path("poisoning").path("skipped_inputs").toString()).isEqualTo(
        "[{\"path\":\"n.txt\",\"reason\":\"no-columns\"},"
        + "{\"path\":\"u.csv\",\"reason\":\"no-label-column\"}]");
    assertThat(Files.readString(out.resolve("_trainguard/report.html"))).contains(
        "<ul id=\"poisoning-skipped-inputs\"><li><code>n.txt</code> (no columns)</li>"
            + "<li><code>u.csv</code> (no label column)</li></ul>");
  }

  private static void writeAvro(PoisonedDataset data, Path file) throws IOException {
    org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("row").fields()
        .requiredString("id").requiredInt("label").requiredDouble("amount")
        .requiredDouble("age").requiredDouble("tenure").requiredDouble("visits")
        .requiredDouble("balance").endRecord();
    List<org.apache.avro.generic.GenericRecord> records = new java.util.ArrayList<>();
    for (List<Object> row : data.rows()) {
      org.apache.avro.generic.GenericData.Record r =
          new org.apache.avro.generic.GenericData.Record(schema);
      for (int c = 0; c < row.size(); c++) {
        r.put(data.columns().get(c), row.get(c));
      }
      records.add(r);
    }
    AvroFiles.write(file, schema, records, org.apache.avro.file.CodecFactory.nullCodec());
  }

  private static void writeOrc(PoisonedDataset data, Path file) throws IOException {
    org.apache.orc.TypeDescription schema = org.apache.orc.TypeDescription.fromString(
        "struct<id:string,label:int,amount:double,age:double,tenure:double,visits:double,"
        + "balance:double>");
    List<org.apache.orc.mapred.OrcStruct> records = new java.util.ArrayList<>();
    for (List<Object> row : data.rows()) {
      org.apache.orc.mapred.OrcStruct r = new org.apache.orc.mapred.OrcStruct(schema);
      r.setFieldValue(0, new org.apache.hadoop.io.Text((String) row.get(0)));
      r.setFieldValue(1, new org.apache.hadoop.io.IntWritable((Integer) row.get(1)));
      for (int c = 2; c < row.size(); c++) {
        r.setFieldValue(c, new org.apache.hadoop.io.DoubleWritable((Double) row.get(c)));
      }
      records.add(r);
    }
    OrcFiles.write(file, schema, records, org.apache.orc.CompressionKind.NONE);
  }

  /** Fail closed: a poisoning gate that would not be evaluated is refused, not passed. */
  @Test
  void aPoisoningGateWithoutALabelColumnIsAUsageError() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  gate:\n    max_flagged_fraction: 0.05\n");
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(50, 0.02, 11L), in.resolve("t.csv"));
    Path out = dir.resolve("out");

    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--policy", policy.toString(), "--id-column", "id");

    assertThat(protect.code()).as(protect.err()).isEqualTo(1);
    assertThat(protect.err()).endsWith("trainguard: error: Invalid poisoning.gate in p.yaml:"
        + " the poisoning gate needs --label-column (without it nothing is scanned)\n");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
  }

  @Test
  void invalidPoisoningSectionIsAUsageErrorNamingTheKey() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "poisoning:\n  action: delete\n");
    Path in = Datasets.write(dir.resolve("in"));
    Run protect = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out").toString(), "--key", "local:" + key, "--policy", policy.toString());
    assertThat(protect.code()).isEqualTo(1);
    assertThat(protect.err()).isEqualTo("trainguard: error: Invalid action in p.yaml at"
        + " poisoning.action: \"delete\" (allowed: flag, quarantine, drop)\n");
  }

  @Test
  void summaryPrintsRecordsScannedFlaggedAndTheTopReasons() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(400, 0.02, 11L), in.resolve("t.csv"));
    Path out = dir.resolve("out");
    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--id-column", "id", "--label-column", "label");

    assertThat(protect.code()).as(protect.err()).isZero();
    JsonNode m = ManifestReader.parse(Files.readAllBytes(out.resolve("_trainguard/manifest.json"))).document();
    long flagged = m.path("poisoning").path("flagged").asLong();
    assertThat(flagged).isEqualTo(
        Files.readAllLines(out.resolve("_trainguard/outliers.jsonl")).size()).isPositive();
    StringBuilder expected = new StringBuilder(String.format(Locale.ROOT,
        "  poisoning  scanned 400, flagged %d (%.1f%%), action flag: %s/_trainguard/outliers.jsonl%n",
        flagged, 100.0 * flagged / 400, out));
    List<java.util.Map.Entry<String, JsonNode>> reasons = new java.util.ArrayList<>();
    m.path("poisoning").path("counts_by_reason").fields().forEachRemaining(reasons::add);
    reasons.sort(java.util.Comparator.<java.util.Map.Entry<String, JsonNode>>comparingLong(
        e -> -e.getValue().asLong()).thenComparing(java.util.Map.Entry::getKey));
    assertThat(reasons).isNotEmpty();
    reasons.stream().limit(5).forEach(e -> expected.append(String.format(Locale.ROOT,
        "    %-28s %d%n", e.getKey(), e.getValue().asLong())));
    assertThat(protect.out()).contains(expected.toString());
  }

  @Test
  void aLabelColumnNoInputHasIsAUsageErrorNamingTheColumnsFound() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(50, 0.02, 11L), in.resolve("t.csv"));
    Run protect = run("protect", "--input", in.toString(), "--output",
        dir.resolve("out").toString(), "--key", "local:" + key, "--id-column", "id",
        "--label-column", "class");

    assertThat(protect.code()).isEqualTo(1);
    assertThat(protect.err()).endsWith("trainguard: error: Invalid --label-column: class (no"
        + " input has it; columns found: age, amount, balance, id, label, tenure, visits)\n");
  }

  @Test
  void aBadColumnOptionIsRefusedBeforeTheOutputIsTouched() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("t.csv"), "id,label,text\n1,cat,hello\n2,dog,bye\n");
    Path out = dir.resolve("out");
    assertThat(run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key).code()).isZero();
    java.util.Map<String, byte[]> before = contents(out);

    Run label = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--overwrite", "--id-column", "id", "--label-column", "class");
    assertThat(label.code()).as(label.err()).isEqualTo(1);
    assertThat(label.err()).endsWith("trainguard: error: Invalid --label-column: class (no input"
        + " has it; columns found: id, label, text)\n").doesNotContain("protecting");
    java.util.Map<String, byte[]> after = contents(out);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String name : before.keySet()) {
      assertThat(after.get(name)).as(name).isEqualTo(before.get(name));
    }

    Path fresh = dir.resolve("fresh");
    Run id = run("protect", "--input", in.toString(), "--output", fresh.toString(), "--key",
        "local:" + key, "--id-column", "key", "--label-column", "label");
    assertThat(id.code()).as(id.err()).isEqualTo(1);
    assertThat(id.err()).endsWith("trainguard: error: Invalid --id-column: key (not a column of"
        + " t.csv; columns: id, label, text)\n");
    assertThat(fresh).doesNotExist();

    Path gatePolicy = dir.resolve("gate.yaml");
    Files.writeString(gatePolicy, "poisoning:\n  gate:\n    max_flagged_fraction: 0.05\n");
    Run gate = run("protect", "--input", in.toString(), "--output", fresh.toString(), "--key",
        "local:" + key, "--policy", gatePolicy.toString());
    assertThat(gate.code()).as(gate.err()).isEqualTo(1);
    assertThat(gate.err()).endsWith("trainguard: error: Invalid poisoning.gate in gate.yaml: the"
        + " poisoning gate needs --label-column (without it nothing is scanned)\n");
    assertThat(fresh).doesNotExist();
  }

  /** Every file under {@code root} by its relative path, with its bytes. */
  private static java.util.Map<String, byte[]> contents(Path root) throws IOException {
    java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void anIdTextOrFeatureColumnALabelledFileLacksIsAUsageErrorNamingItsColumns()
      throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    PoisonWriters.writeCsv(TabularPoisonGenerator.generate(50, 0.02, 11L), in.resolve("t.csv"));
    String columns = " (not a column of t.csv; columns: id, label, amount, age, tenure, visits,"
        + " balance)\n";
    for (String[] option : new String[][] {{"--id-column", "key", "--id-column"},
        {"--text-columns", "amount,notes", "--text-columns"},
        {"--feature-columns", "age,score", "--feature-columns"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("protect", "--input", in.toString(),
          "--output", dir.resolve("out-" + option[0].substring(2)).toString(), "--key",
          "local:" + key, "--label-column", "label"));
      args.addAll(List.of(option[0], option[1]));
      if (!option[0].equals("--id-column")) {
        args.addAll(List.of("--id-column", "id"));
      }
      Run protect = run(args.toArray(String[]::new));
      String missing = option[1].contains(",") ? option[1].split(",")[1] : option[1];
      assertThat(protect.code()).as(protect.err()).isEqualTo(1);
      assertThat(protect.err()).endsWith("trainguard: error: Invalid " + option[2] + ": "
          + missing + columns);
    }
  }
}
