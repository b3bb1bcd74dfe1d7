package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What samples/policies/reversible.yaml promises: a holder of the key restores every value it
 * protects, FF1-encrypted cards, SSNs and phones and shifted dates included.
 */
class ReversibleRoundTripTest {

  private static final String POLICY = Path.of("../samples/policies/reversible.yaml").toString();

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  @Test
  void cardsSsnsPhonesAndDatesComeBackThroughDetokenize() throws Exception {
    Path keyFile = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    String key = "local:" + keyFile;
    Path in = Files.createDirectories(dir.resolve("in"));
    String[] original = {"p1", "4111 1111 1111 1111", "536-22-8049", "+1 (415) 555-2671",
        "1985-03-12"};
    Files.writeString(in.resolve("people.csv"), "id,card,ssn,phone,visit_date\n"
        + String.join(",", original) + "\n");
    Path out = dir.resolve("out");
    TrainguardCliTest.Run protect = TrainguardCliTest.run("protect", "--input", in.toString(),
        "--output", out.toString(), "--key", key, "--policy", POLICY, "--id-column", "id");
    assertThat(protect.code()).as(protect.err()).isZero();
    Path plain = dir.resolve("plain");
    assertThat(TrainguardCliTest.run("decrypt", "--key", key, "--input", out.toString(),
        "--output", plain.toString()).code()).isZero();
    List<String> lines = Files.readAllLines(plain.resolve("people.csv"));
    String[] protectedRow = lines.get(1).split(",");
    assertThat(protectedRow[0]).isEqualTo("p1");
    assertThat(protectedRow[1]).matches("[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}")
        .isNotEqualTo(original[1]);
    assertThat(protectedRow[2]).matches("[0-9]{3}-[0-9]{2}-[0-9]{4}").isNotEqualTo(original[2]);
    assertThat(protectedRow[3]).startsWith("+1 (415) ").isNotEqualTo(original[3]);
    assertThat(protectedRow[4]).matches("1985-0[2-4]-[0-9]{2}").isNotEqualTo(original[4]);

    String secret = out.resolve("_trainguard/dataset-secret.enc").toString();
    String[] entities = {null, "CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "DATE_TIME"};
    for (int i = 1; i < entities.length; i++) {
      TrainguardCliTest.Run restore = TrainguardCliTest.run("detokenize", "--key", key,
          "--dataset-secret", secret, "--policy", POLICY, "--entity", entities[i],
          "--record-id", "p1", protectedRow[i]);
      assertThat(restore.code()).as(entities[i] + ": " + restore.err()).isZero();
      assertThat(restore.out()).as(entities[i]).isEqualTo(original[i] + "\n");
    }

    TrainguardCliTest.Run noRecord = TrainguardCliTest.run("detokenize", "--key", key,
        "--dataset-secret", secret, "--policy", POLICY, "--entity", "DATE_TIME",
        protectedRow[4]);
    assertThat(noRecord.code()).isEqualTo(1);
    assertThat(noRecord.err()).isEqualTo("trainguard: error: Cannot reverse DATE_TIME:"
        + " date_shift[-30,30] needs --record-id (its offset depends on the record)\n");
    TrainguardCliTest.Run credential = TrainguardCliTest.run("detokenize", "--key", key,
        "--dataset-secret", secret, "--policy", POLICY, "--entity", "PRIVATE_KEY", "x");
    assertThat(credential.code()).isEqualTo(1);
    assertThat(credential.err()).isEqualTo("trainguard: error: Cannot reverse PRIVATE_KEY:"
        + " reversible.yaml protects it with quarantine_record, which is not reversible\n");
  }

  @Test
  void anFpeValueIsNotReversedWithAnotherRunsDatasetSecretSwappedIn() throws Exception {
    Path keyFile = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    String key = "local:" + keyFile;
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("cards.csv"), "id,card\np1,4111 1111 1111 1111\n");
    for (String out : List.of("out-a", "out-b")) {
      TrainguardCliTest.Run protect = TrainguardCliTest.run("protect", "--input", in.toString(),
          "--output", dir.resolve(out).toString(), "--key", key, "--policy", POLICY);
      assertThat(protect.code()).as(protect.err()).isZero();
    }
    Path plain = dir.resolve("plain");
    assertThat(TrainguardCliTest.run("decrypt", "--key", key, "--input",
        dir.resolve("out-a").toString(), "--output", plain.toString()).code()).isZero();
    String card = Files.readAllLines(plain.resolve("cards.csv")).get(1).split(",")[1];
    assertThat(card).matches("[0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4}")
        .isNotEqualTo("4111 1111 1111 1111");
    Path secret = dir.resolve("out-a/_trainguard/dataset-secret.enc");
    Files.copy(dir.resolve("out-b/_trainguard/dataset-secret.enc"), secret,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    TrainguardCliTest.Run swapped = TrainguardCliTest.run("detokenize", "--key", key,
        "--dataset-secret", secret.toString(), "--policy", POLICY, "--entity", "CREDIT_CARD",
        card);

    assertThat(swapped.code()).isEqualTo(2);
    assertThat(swapped.out()).isEmpty();
    assertThat(swapped.err()).isEqualTo("trainguard: error: Dataset secret file:" + secret
        + " is not the one the signed manifest records (another run's secret, or replaced)\n");
  }
}
