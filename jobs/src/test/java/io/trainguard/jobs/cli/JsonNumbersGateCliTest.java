package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Personal data held as JSON numbers reaches the gate like any other value. */
class JsonNumbersGateCliTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void aGateOnUsSsnFiresOnAnSsnWrittenAsANumber() throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("n.jsonl"), """
        {"ssn": 536914827, "card": 4111111111111111, "phone": 12127365000}
        [4111111111111111]
        """);
    Path policy = dir.resolve("p.yaml");
    Files.writeString(policy, "gate:\n  fail_on_entities: [US_SSN]\n");
    Path out = dir.resolve("out");

    Run protect = run("protect", "--input", in.toString(), "--output", out.toString(), "--key",
        "local:" + key, "--policy", policy.toString());

    assertThat(protect.code()).as(protect.err()).isEqualTo(3);
    assertThat(protect.err()).contains("trainguard: error: Gate failed (policy p.yaml): "
        + "US_SSN found 1 time (policy fails on US_SSN).");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
  }
}
