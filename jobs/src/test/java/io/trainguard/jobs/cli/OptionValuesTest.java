package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every numeric and enumerated option of every command, given a bad value: exit 1 and exactly
 * one line on stderr naming the option and what it allows. Parsing fails before any work.
 */
class OptionValuesTest {

  private static final List<String> PROTECT = List.of("protect", "--input", "in", "--output",
      "out", "--key", "local:k");
  private static final List<String> DETECT = List.of("detect", "--input", "in.jsonl",
      "--output", "out.jsonl");
  private static final List<String> SCAN = List.of("scan", "--input", "in");
  private static final List<String> DEMO = List.of("demo", "--dir",
      "target/option-values-demo");

  static Stream<Arguments> badValues() {
    List<Arguments> cases = new ArrayList<>();
    for (String score : List.of("2", "-0.1", "1.0001", "NaN", "Infinity", "high", "")) {
      cases.add(Arguments.of(PROTECT, "--threshold", score, "0 to 1"));
      cases.add(Arguments.of(DETECT, "--threshold", score, "0 to 1"));
    }
    cases.add(Arguments.of(DETECT, "--threshold", "5", "0 to 1"));
    for (String depth : List.of("-1", "65", "2147483648", "one")) {
      cases.add(Arguments.of(PROTECT, "--max-embedding-depth", depth, "0 to 64"));
    }
    for (String mb : List.of("0", "-3", "8796093022208", "1.5")) {
      cases.add(Arguments.of(PROTECT, "--max-document-mb", mb, "1 to 8796093022207"));
    }
    for (String chars : List.of("0", "-1", "9223372036854775808")) {
      cases.add(Arguments.of(PROTECT, "--max-document-chars", chars,
          "1 to 9223372036854775807"));
    }
    for (String seconds : List.of("0", "-10", "86401", "2m")) {
      cases.add(Arguments.of(PROTECT, "--document-timeout", seconds, "1 to 86400"));
    }
    for (String format : List.of("xml", "", "csv,jsonl")) {
      // adt, adb, pq, page: the formats the tests add by a codec (AddedFormatTest)
      cases.add(Arguments.of(PROTECT, "--format", format,
          "csv, jsonl, text, parquet, avro, orc, document, adt, adb, pq, page"));
    }
    for (String mode : List.of("none", "modular")) {
      cases.add(Arguments.of(PROTECT, "--parquet-encryption", mode,
          "envelope, columnar"));
    }
    for (String mode : List.of("merge", "", "Replace")) {
      cases.add(Arguments.of(PROTECT, "--pack-mode", mode, "extend, replace"));
      cases.add(Arguments.of(DETECT, "--pack-mode", mode, "extend, replace"));
    }
    for (String ner : List.of("maybe", "", "1")) {
      cases.add(Arguments.of(PROTECT, "--ner", ner, "on, off"));
      cases.add(Arguments.of(DETECT, "--ner", ner, "on, off"));
      cases.add(Arguments.of(SCAN, "--ner", ner, "on, off"));
    }
    for (String rows : List.of("0", "-5", "10000001", "many")) {
      cases.add(Arguments.of(DEMO, "--rows", rows, "1 to 10000000"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("badValues")
  void aBadValueIsOneUsageLineNamingTheOptionAndItsRange(List<String> command, String option,
      String value, String allowed) {
    List<String> args = new ArrayList<>(command);
    // The unknown option after it stops a run that accepted the value by mistake.
    args.addAll(List.of(option, value, "--no-such-option"));

    TrainguardCliTest.Run run = TrainguardCliTest.run(args.toArray(String[]::new));

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("trainguard: error: Invalid value for option '" + option
        + "': '" + value + "' (allowed: " + allowed + ") (see 'trainguard "
        + command.get(0) + " --help')\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void theSameOptionsAcceptTheirBounds(List<String> command, String option, String value,
      String allowed) {
    // The bounds themselves are valid: parsing goes on to the next problem, an unknown option.
    for (String bound : allowed.contains(" to ") ? allowed.split(" to ") : allowed.split(", ")) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of(option, bound, "--no-such-option"));
      TrainguardCliTest.Run run = TrainguardCliTest.run(args.toArray(String[]::new));
      assertThat(run.err()).as(option + " " + bound)
          .startsWith("trainguard: error: Unknown option: '--no-such-option'");
    }
  }

  @ParameterizedTest(name = "--sample {0}")
  @ValueSource(strings = {"0", "-0.5", "1.5", "NaN", "all", ""})
  void scanSampleIsAShareAboveZeroUpToOne(String value) {
    TrainguardCliTest.Run run = TrainguardCliTest.run("scan", "--input", "in", "--sample", value,
        "--no-such-option");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("trainguard: error: Invalid value for option '--sample': '"
        + value + "' (allowed: more than 0, up to 1) (see 'trainguard scan --help')\n");
    for (String good : List.of("1", "0.01")) {
      assertThat(TrainguardCliTest.run("scan", "--input", "in", "--sample", good,
          "--no-such-option").err()).as(good)
          .startsWith("trainguard: error: Unknown option: '--no-such-option'");
    }
  }

  @TempDir
  Path dir;

  /** The invocations of the issue, complete, so that the unfixed code ran as far as it could. */
  @Test
  void theReportedValuesAreUsageErrorsNotUnexpectedFailures() throws IOException {
    Path keyring = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyring.toString()).code()).isZero();
    Path in = Files.writeString(dir.resolve("in.csv"), "a\nb\n");
    Path lines = Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"text\": \"x\"}\n");
    List<String> protect = List.of("protect", "--input", in.toString(), "--output",
        dir.resolve("out").toString(), "--key", "local:" + keyring);
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(concat(protect, "--threshold", "2"), "'--threshold': '2' (allowed: 0 to 1)"
        + " (see 'trainguard protect --help')");
    cases.put(concat(protect, "--threshold", "-0.1"), "'--threshold': '-0.1' (allowed: 0"
        + " to 1) (see 'trainguard protect --help')");
    cases.put(List.of("detect", "--input", lines.toString(), "--output",
        dir.resolve("out.jsonl").toString(), "--threshold", "5"), "'--threshold': '5'"
        + " (allowed: 0 to 1) (see 'trainguard detect --help')");
    cases.put(concat(protect, "--max-embedding-depth", "-1"), "'--max-embedding-depth':"
        + " '-1' (allowed: 0 to 64) (see 'trainguard protect --help')");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      TrainguardCliTest.Run run = TrainguardCliTest.run(c.getKey().toArray(String[]::new));
      assertThat(run.code()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("trainguard: error: Invalid value for option "
          + c.getValue() + "\n");
    }
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  private static List<String> concat(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }
}
