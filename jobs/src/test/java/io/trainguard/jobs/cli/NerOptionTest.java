package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.NameRecognizer;
import io.trainguard.classifiers.Recognizer;
import io.trainguard.jobs.protect.ProtectJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ner on|off} on detect and protect. */
class NerOptionTest {

  @TempDir
  Path dir;

  @Test
  void detectReportsModelNamesUnlessNerIsOff() throws Exception {
    Path in = dir.resolve("t.jsonl");
    Files.writeString(in, "{\"id\": 1, \"text\": \"Spoke to Oluwaseun about the refund.\"}\n");
    Path out = dir.resolve("t.out");

    TrainguardCliTest.Run on = run("detect", "--input", in.toString(), "--output", out.toString());
    assertThat(on.code()).as(on.err()).isZero();
    assertThat(Files.readString(out)).matches("\\{\"id\":1,\"findings\":\\[\\{\"entity\":\"PERSON\","
        + "\"start\":9,\"end\":18,\"score\":0\\.\\d+,\"source\":\"local\","
        + "\"recognizer\":\"NamePersonRecognizer\"}]}\n");

    TrainguardCliTest.Run off = run("detect", "--input", in.toString(), "--output",
        out.toString(), "--ner", "off");
    assertThat(off.code()).as(off.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("{\"id\":1,\"findings\":[]}\n");
  }

  @Test
  void anythingButOnOrOffIsAUsageError() {
    TrainguardCliTest.Run bad = run("detect", "--input", "x.jsonl", "--output", "y.jsonl",
        "--ner", "maybe");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).isEqualTo("trainguard: error: Invalid value for option '--ner':"
        + " 'maybe' (allowed: on, off) (see 'trainguard detect --help')\n");
  }

  @Test
  void protectLoadsTheNamedEntityRecognizersOnlyWithNerOn() {
    List<String> on = ProtectJob.loadRecognizers(List.of(), true).stream()
        .map(Recognizer::name).toList();
    List<String> off = ProtectJob.loadRecognizers(List.of(), false).stream()
        .map(Recognizer::name).toList();
    assertThat(on).contains(NameRecognizer.PERSON, NameRecognizer.LOCATION, "NrpRecognizer");
    assertThat(off).doesNotContainAnyElementsOf(NameRecognizer.NER)
        .contains("PersonRecognizer", "LocationRecognizer");
    assertThat(on).containsAll(off).hasSize(off.size() + 3);
  }
}
