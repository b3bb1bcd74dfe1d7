package io.trainguard.jobs.cli;

import static io.trainguard.jobs.cli.TrainguardCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.cli.TrainguardCliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What protect records about its own invocation and configuration: no secret, no slip. */
class PersonalMetadataCliTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private String keyring() {
    Path key = dir.resolve("key.json");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    return "local:" + key;
  }

  @Test
  void misspeltPolicyEntityIsAUsageErrorNamingTheClosestKnownOne() throws Exception {
    Path policy = dir.resolve("typo.yaml");
    Files.writeString(policy, "default: keep\nentities:\n  EMAIL_ADRESS: replace\n");
    Path out = dir.resolve("out");
    Run r = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        out.toString(), "--key", keyring(), "--policy", policy.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("trainguard: error: Unknown entity in typo.yaml at"
        + " entities.EMAIL_ADRESS: EMAIL_ADRESS (closest known: EMAIL_ADDRESS)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void dateShiftOfZeroDaysIsAUsageError() throws Exception {
    Path policy = dir.resolve("noshift.yaml");
    Files.writeString(policy, "entities:\n  DATE_TIME: date_shift[0,0]\n");
    Run r = run("protect", "--input", Datasets.write(dir.resolve("in")).toString(), "--output",
        dir.resolve("out").toString(), "--key", keyring(), "--policy", policy.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("trainguard: error: Invalid operator in noshift.yaml at"
        + " entities.DATE_TIME: \"date_shift[0,0]\" (MIN_DAYS and MAX_DAYS must be whole numbers"
        + " from -36500 to 36500, MIN_DAYS < MAX_DAYS; allowed: date_shift[MIN_DAYS,MAX_DAYS])");
  }

  @Test
  void anUnsupportedFileIsNamedWithoutThePersonalDataInItsName() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in/patient SSN 536-91-4827"));
    Files.writeString(in.resolve("zz9canary@example.org.bin"), "x");
    Run r = run("protect", "--input", dir.resolve("in").toString(), "--output",
        dir.resolve("out").toString(), "--key", keyring());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("trainguard: error: Unsupported file type: <US_SSN>/"
        + "<EMAIL_ADDRESS>.bin (use --format csv|jsonl|text, --exclude GLOB or"
        + " --skip-unsupported)\n");
  }

  /** Settings from the issue, each with a secret value that must not be recorded. */
  private static final List<String[]> SECRET_SETTINGS = List.of(
      new String[] {"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
          "QXp1cmVBY2NvdW50S2V5Q2FuYXJ5MDAx"},
      new String[] {"spark.hadoop.fs.s3a.encryption.key", "c3NlY0tleUNhbmFyeTAwMDAwMDAwMDAwMDAwMA"},
      new String[] {"spark.hadoop.fs.gs.auth.service.account.private.key",
          "-----BEGIN PRIVATE KEY-----gcsCanary"},
      new String[] {"spark.hadoop.fs.s3a.endpoint", "http://minio:pwCanary42@127.0.0.1:9000"},
      new String[] {"spark.hadoop.javax.jdo.option.ConnectionPassword.pwd", "pwdCanary"},
      new String[] {"spark.hadoop.service.apikey", "apikeyCanary"},
      new String[] {"spark.hadoop.service.api-key", "apiDashKeyCanary"},
      new String[] {"spark.ssl.keyStore.passphrase", "passphraseCanary"},
      new String[] {"spark.hadoop.service.privatekey", "privatekeyCanary"},
      new String[] {"spark.hadoop.proxy.auth", "basicAuthCanary"},
      new String[] {"spark.ssl.trustStore.jks.pass", "jksPassCanary"});

  @Test
  void confValuesAreRecordedOnlyForAllowListedSettings() throws Exception {
    List<String> args = new ArrayList<>(List.of("protect", "--input",
        Datasets.write(dir.resolve("in")).toString(), "--output", dir.resolve("out").toString(),
        "--key", keyring(), "--conf", "spark.sql.shuffle.partitions=3"));
    for (String[] setting : SECRET_SETTINGS) {
      args.addAll(List.of("--conf", setting[0] + "=" + setting[1]));
    }
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    String commandLine = io.trainguard.jobs.manifest.ManifestReader.parse(Files.readAllBytes(
        dir.resolve("out/_trainguard/manifest.json"))).document().path("run").path("command_line").asText();
    String report = Files.readString(dir.resolve("out/_trainguard/report.html"));
    assertThat(commandLine).contains("--conf spark.sql.shuffle.partitions=3")
        .contains("--conf spark.hadoop.fs.s3a.endpoint=http://***@127.0.0.1:9000")
        .contains("--conf spark.hadoop.fs.s3a.encryption.key=***")
        .contains("--conf spark.ssl.trustStore.jks.pass=***");
    for (String[] setting : SECRET_SETTINGS) {
      String secret = setting[1].contains("@") ? "pwCanary42" : setting[1];
      assertThat(commandLine).as(setting[0]).contains(setting[0] + "=").doesNotContain(secret);
      assertThat(report).as(setting[0]).doesNotContain(secret);
      assertThat(r.err() + r.out()).as(setting[0]).doesNotContain(secret);
    }
  }
}
