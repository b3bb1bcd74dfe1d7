package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.jobs.Counts;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What every command does alike: settings, errors, output files, wording. */
class CliConventionsTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get(); // the CLI reuses the JVM's session
  }

  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split("\n", -1)).subList(0, s.split("\n", -1).length - 1);
  }

  @Test
  void confTakesHadoopSettingsWithOrWithoutTheSparkHadoopPrefixAndSparkSettings() {
    ConfOptions conf = new ConfOptions();
    new CommandLine(conf).parseArgs("--conf", "fs.s3a.endpoint=http://127.0.0.1:9090",
        "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
        "--conf", "spark.executor.memory=2g");

    assertThat(conf.hadoop().get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9090");
    assertThat(conf.hadoop().get("fs.s3a.path.style.access")).isEqualTo("true");
    assertThat(conf.hadoop().get("spark.executor.memory")).isNull();
    assertThat(conf.spark()).isEqualTo(Map.of(
        "spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9090",
        "spark.hadoop.fs.s3a.path.style.access", "true",
        "spark.executor.memory", "2g"));
    assertThat(SparkContexts.conf("t", conf.spark()).get("spark.hadoop.fs.s3a.endpoint"))
        .isEqualTo("http://127.0.0.1:9090");
  }

  @ParameterizedTest
  @ValueSource(strings = {"protect", "scan", "decrypt", "verify", "rewrap", "report", "detect",
      "detokenize"})
  void everyCommandThatTouchesStorageTakesTheSameConf(String command) {
    CommandLine cli = new CommandLine(new TrainguardCli()).getSubcommands().get(command);
    CommandLine.Model.OptionSpec conf = cli.getCommandSpec().findOption("--conf");
    assertThat(conf).as(command).isNotNull();
    assertThat(conf.description()).containsExactly(new CommandLine(new ConfOptions())
        .getCommandSpec().findOption("--conf").description());
  }

  @Test
  void detectTakesConfForItsMacieSources() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": 1, \"text\": \"mail ana@example.org\"}\n");
    Run r = run("detect", "--input", in.toString(), "--output", dir.resolve("out.jsonl").toString(),
        "--conf", "fs.s3a.endpoint=http://127.0.0.1:9");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("out.jsonl"))).contains("\"EMAIL_ADDRESS\"");
  }

  @Test
  void aFailedDetectLeavesNoPartialOutputAndOneErrorLine() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": 1, \"text\": \"mail ana@example.org\"}\n{\"id\": 2, \"text\n");
    Path out = dir.resolve("out.jsonl");
    Run r = run("detect", "--input", in.toString(), "--output", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(lines(r.err())).containsExactly(
        "trainguard: error: Invalid JSON in " + in + " at line 2");
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(in);
    }
  }

  @Test
  void aFailedDetectKeepsAnEarlierOutputWhole() throws Exception {
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "earlier\n");
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": 1, \"text\": \"x\"}\nnot json\n");
    assertThat(run("detect", "--input", in.toString(), "--output", out.toString()).code())
        .isEqualTo(2);
    assertThat(Files.readString(out)).isEqualTo("earlier\n");
  }

  @Test
  void theDecryptHintRepeatsTheRunsHadoopSettingsWithSecretsElided() throws Exception {
    Path key = dir.resolve("k.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path out = dir.resolve("out");
    Run r = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        out.toString(), "--key", "local:" + key,
        "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9",
        "--conf", "fs.s3a.secret.key=hunter2", "--conf", "spark.sql.shuffle.partitions=3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(lines(r.out())).contains("  decrypt    trainguard decrypt --key local:" + key
        + " --input " + out + " --output DIR --conf spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9"
        + " --conf 'fs.s3a.secret.key=***'");
    assertThat(r.out()).doesNotContain("hunter2");

    // the same run's manifest and report: the fields it wrote unchanged, and no poisoning scan
    JsonNode manifest = new ObjectMapper().readTree(
        out.resolve("_trainguard/manifest.json").toFile());
    Map<String, List<String>> untouched = new java.util.TreeMap<>();
    manifest.path("inputs").forEach(in -> {
      List<String> fields = new java.util.ArrayList<>();
      in.path("fields_untouched").forEach(f -> fields.add(f.asText()));
      untouched.put(in.path("path").asText(), fields);
    });
    assertThat(untouched).isEqualTo(Map.of("people.csv", List.of("label", "record_id", "score"),
        "sub/notes.jsonl", List.of("label", "record_id")));
    String report = Files.readString(out.resolve("_trainguard/report.html"));
    assertThat(report).contains("<div class=\"value\" id=\"summary-outliers\"><span"
        + " class=\"none\">not scanned</span>", "<p class=\"none\">not scanned: no poisoning")
        .contains("<tr data-untouched-file=\"people.csv\"><td>people.csv</td><td><code"
            + " data-untouched-field>label</code>, <code data-untouched-field>record_id</code>,"
            + " <code data-untouched-field>score</code></td></tr>");
  }

  @Test
  void theDecryptHintAndUsageErrorsAreCommandsToPasteAsTheLauncherWasCalled() throws Exception {
    Path demo = dir.resolve("demo run");
    System.setProperty("trainguard.program", "./trainguard");
    try {
      Run r = run("demo", "--dir", demo.toString(), "--rows", "5");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(lines(r.out())).contains("  decrypt    ./trainguard decrypt --key 'local:"
          + demo.resolve("keyring.json") + "' --input '" + demo.resolve("output")
          + "' --output DIR");
      assertThat(lines(run("protec").err())).containsExactly("trainguard: error: Unknown"
          + " command: 'protec'; did you mean protect? (see './trainguard --help')");
      assertThat(lines(run("verify", "--manifest", "m").err())).containsExactly("trainguard:"
          + " error: Missing required option: '--key=KEY' (see './trainguard verify --help')");
    } finally {
      System.clearProperty("trainguard.program");
    }
  }

  @Test
  void aMisspelledCommandOrOptionIsOneLineNamingTheClosestOne() {
    Run command = run("protec", "--input", "x");
    assertThat(command.code()).isEqualTo(1);
    assertThat(lines(command.err())).containsExactly("trainguard: error: Unknown command:"
        + " 'protec'; did you mean protect? (see 'trainguard --help')");

    Run help = run("help", "protec");
    assertThat(help.code()).isEqualTo(1);
    assertThat(lines(help.err())).containsExactly("trainguard: error: Unknown command:"
        + " 'protec'; did you mean protect? (see 'trainguard --help')");

    Run option = run("protect", "--inptu", "ana-perez/", "--output", "y", "--key", "local:z");
    assertThat(option.code()).isEqualTo(1);
    assertThat(lines(option.err())).containsExactly("trainguard: error: Unknown option:"
        + " '--inptu'; did you mean --input? (see 'trainguard protect --help')");

    Run unknown = run("protect", "--input", "x", "--output", "y", "--key", "local:z", "--zzz");
    assertThat(lines(unknown.err())).containsExactly("trainguard: error: Unknown option:"
        + " '--zzz' (see 'trainguard protect --help')");

    Run attached = run("protect", "--inptu=ana-perez/", "--outptu", "y", "--key", "local:z");
    assertThat(lines(attached.err())).containsExactly("trainguard: error: Unknown options:"
        + " '--inptu', '--outptu'; did you mean --input? (see 'trainguard protect --help')");

    Run positional = run("protect", "ana-perez/", "--output", "y", "--key", "local:z");
    assertThat(positional.code()).isEqualTo(1);
    assertThat(lines(positional.err())).containsExactly("trainguard: error: Unexpected"
        + " argument (a value without an option name before it) (see 'trainguard protect --help')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"protect", "scan", "decrypt", "verify", "rewrap", "report", "detect",
      "detokenize", "keygen", "demo"})
  void everyHelpIsStdoutAloneWithinEightyColumns(String command) {
    for (Run help : List.of(run(command, "--help"), run("help", command))) {
      assertThat(help.code()).as(command).isZero();
      assertThat(help.err()).as(command).isEmpty();
      assertThat(help.out()).as(command).startsWith("Usage: trainguard " + command)
          .doesNotContain("%n");
      assertThat(lines(help.out())).as(command).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));
      // the example is a command to paste: printed line for line as written, never wrapped
      for (String line : new CommandLine(new TrainguardCli()).getSubcommands().get(command)
          .getCommandSpec().usageMessage().footer()) {
        assertThat(lines(help.out())).as(command).contains(line);
      }
    }
  }

  @Test
  void confWithoutAnEqualsSignIsOneLineThatQuotesNothing() {
    for (List<String> args : List.of(List.of("protect", "--input", "x", "--output", "y"),
        List.of("verify", "--manifest", "m"), List.of("decrypt", "--input", "x", "--output", "y"))) {
      String command = args.get(0);
      Run r = run(Stream.concat(args.stream(), Stream.of("--key", "local:z", "--conf",
          "fs.s3a.secret.key")).toArray(String[]::new));
      assertThat(r.code()).as(command).isEqualTo(1);
      assertThat(lines(r.err())).as(command).containsExactly("trainguard: error: Invalid value"
          + " for option '--conf': not KEY=VALUE, e.g. fs.s3a.endpoint=http://127.0.0.1:9090"
          + " (see 'trainguard " + command + " --help')");
    }
  }

  @Test
  void verifyShowsAndTreatsKeyAsRequired() {
    Run help = run("verify", "--help");
    assertThat(help.out().substring(0, help.out().indexOf("Check an output")))
        .startsWith("Usage: trainguard verify ").containsPattern(" --key=KEY\\s")
        .doesNotContain("[--key");
    Run r = run("verify", "--manifest", "x");
    assertThat(r.code()).isEqualTo(1);
    assertThat(lines(r.err())).containsExactly("trainguard: error: Missing required option:"
        + " '--key=KEY' (see 'trainguard verify --help')");
  }

  @Test
  void theCommandListShowsOneWholeSentencePerCommand() {
    CommandLine cli = new CommandLine(new TrainguardCli());
    cli.getSubcommands().forEach((name, sub) -> {
      String first = sub.getCommandSpec().usageMessage().description()[0];
      assertThat(first).as(name).endsWith(".").doesNotContain(". ").doesNotEndWith("e.g.");
    });
    String help = run("--help").out();
    assertThat(help).contains("  protect     Detect personal data in a dataset, redact it,"
        + " encrypt every\n                output file and write a signed manifest.\n");
  }

  @Test
  void maxBadRecordsIsOneSharedOptionDescribedForWhatEachCommandDoes() {
    CommandLine cli = new CommandLine(new TrainguardCli());
    Map<String, String> described = new java.util.TreeMap<>();
    for (String command : List.of("protect", "scan", "detect")) {
      CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(command).getCommandSpec();
      assertThat(spec.mixins().values()).as(command)
          .anyMatch(mixin -> mixin.findOption("--max-bad-records") != null);
      described.put(command, String.join(" ", spec.findOption("--max-bad-records")
          .description()));
    }
    assertThat(described).hasEntrySatisfying("protect", d -> assertThat(d).startsWith(
        "Quarantine up to N malformed records").contains(" unredacted and encrypted, as"
            + " malformed-record; one more fails the run (exit 2)."))
        .hasEntrySatisfying("scan", d -> assertThat(d).startsWith(
            "Count up to N malformed records").contains("one more fails the scan (exit 2)."))
        .hasEntrySatisfying("detect", d -> assertThat(d).startsWith(
            "Skip up to N malformed lines").contains("each named by line on stderr"));
    for (String command : described.keySet()) {
      assertThat(run(command, "--help").out().replaceAll("\\s+", " ")).as(command)
          .contains(" up to P% of the records read").doesNotContain("%%");
    }
  }

  @Test
  void countsAgreeWithTheirNouns() throws Exception {
    assertThat(io.trainguard.jobs.Counts.of(1, "problem")).isEqualTo("1 problem");
    assertThat(io.trainguard.jobs.Counts.of(0, "output")).isEqualTo("0 outputs");
    assertThat(io.trainguard.jobs.Counts.of(2, "file")).isEqualTo("2 files");
    Path one = Files.createDirectories(dir.resolve("one"));
    Files.writeString(one.resolve("a.csv"), "id,email\n1,ana@example.org\n");
    Run scan = run("scan", "--input", one.toString());
    assertThat(scan.code()).as(scan.err()).isZero();
    assertThat(lines(scan.err())).anySatisfy(line -> assertThat(line)
        .startsWith("trainguard: scanned 1 of 1 file, 1 record; estimated share of values"));
  }

  @Test
  void progressCountsAFileReadInSlicesAsOneFile() throws Exception {
    Path key = dir.resolve("k.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("split-in"));
    StringBuilder rows = new StringBuilder("id,email\n");
    for (int i = 0; i < 100; i++) {
      rows.append(i).append(",user").append(i).append("@example.com\n");
    }
    Files.writeString(in.resolve("people.csv"), rows);
    String kilobytes = Counts.decimal(Files.size(in.resolve("people.csv")) / 1e3);
    Run r = run("protect", "--input", in.toString(), "--output", dir.resolve("split-out")
        .toString(), "--key", "local:" + key, "--split-size", "500", "--progress");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> progress = lines(r.err()).stream()
        .filter(l -> l.matches("trainguard: \\d+/\\d+ files, .*")).toList();
    assertThat(progress).isNotEmpty().allMatch(l -> l.matches("trainguard: [01]/1 files, .*"));
    assertThat(progress.get(progress.size() - 1))
        .matches("trainguard: 1/1 files, " + kilobytes + "/" + kilobytes
            + " KB, 100 records, [0-9,.]+ KB/s");
  }

  @Test
  void progressShowsThePoisoningScanBeforeTheFiles() throws Exception {
    Path key = dir.resolve("k.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Run r = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        dir.resolve("out").toString(), "--key", "local:" + key, "--id-column", "record_id",
        "--label-column", "label", "--progress");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> scan = lines(r.err()).stream() // without the lines a slow file adds (5 s)
        .filter(l -> l.startsWith("trainguard: poisoning scan:"))
        .filter(l -> !l.startsWith("trainguard: poisoning scan: file ")).toList();
    assertThat(scan).hasSize(3);
    assertThat(scan.get(0)).isEqualTo("trainguard: poisoning scan: 2 files before protecting");
    assertThat(scan.get(1)).matches("trainguard: poisoning scan: 1/2 files, [0-9]+ records?"
        + " scanned, [0-9]+ flagged");
    assertThat(scan.get(2)).matches("trainguard: poisoning scan: 2/2 files, 5 records scanned,"
        + " [0-9]+ flagged");
  }
}
