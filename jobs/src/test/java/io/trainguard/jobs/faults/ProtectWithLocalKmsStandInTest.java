package io.trainguard.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.encryption.LocalKmsStandIn;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.aws.LocalStsStandIn;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * protect under a KMS key, through the real KmsClient against LocalKmsStandIn (a local stand-in
 * speaking KMS's JSON protocol on 127.0.0.1; AWS offers no local KMS): throttling is retried,
 * persistent throttling and missing permissions fail with exit 4 and leave no plaintext.
 */
class ProtectWithLocalKmsStandInTest {

  private static final List<String> PLANTED = List.of("ana.perez@example.com",
      "4111 1111 1111 1111", "536-22-8049", "212-555-0187");

  static LocalKmsStandIn kms;
  static String keyArn;
  static String signingArn;
  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    kms = LocalKmsStandIn.start("ap-south-2").useForSdk();
    keyArn = kms.createSymmetricKey();
    signingArn = kms.createSigningKey();
    spark = SparkTestSession.get();
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  @BeforeEach
  void reset() {
    kms.reset();
  }

  private ProtectRequest.Builder request(Path input, String output) {
    return ProtectRequest.builder(input.toString(), output, keyArn).signingKey(signingArn);
  }

  @Test
  void throttledRequestsAreRetriedAndTheRunSucceeds() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    kms.throttle("GenerateDataKey", 2);
    kms.throttle("Sign", 1);

    new ProtectJob(spark, request(input, dir.resolve("out").toString()).build()).execute();

    // the dataset secret and two files: one data key each, plus the two throttled attempts
    assertThat(kms.calls("GenerateDataKey")).isEqualTo(3 + 2);
    assertThat(kms.calls("Sign")).isEqualTo(1 + 1);
    assertThat(dir.resolve("out/_SUCCESS")).exists();
    Path plain = dir.resolve("plain");
    new Decryptor(spark.sparkContext().hadoopConfiguration(), KeyProviders.open(keyArn, signingArn))
        .decrypt(dir.resolve("out").toString(), plain.toString());
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
  }

  @Test
  void theManifestNamesTheAwsCallerFromALocalStsStandInSpeakingTheQueryProtocol() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    String arn = "arn:aws:iam::123456789012:role/training-pipeline";
    Path out = dir.resolve("out");
    try (LocalStsStandIn sts = LocalStsStandIn.start(arn)) {
      new ProtectJob(spark, request(input, out.toString()).build()).execute();

      assertThat(sts.requests()).hasSize(1);
      assertThat(sts.requests().get(0).body()).contains("Action=GetCallerIdentity");
      assertThat(sts.requests().get(0).authorization())
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCALSTANDIN/");
    }
    JsonNode caller = new ObjectMapper().readTree(out.resolve("_trainguard/manifest.json")
        .toFile()).path("run").path("caller");
    assertThat(caller.path("kind").asText()).isEqualTo("aws");
    assertThat(caller.path("id").asText()).isEqualTo(arn);
  }

  @Test
  void persistentThrottlingInTheTasksIsExit4AndLeavesNoPlaintext() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    Path first = dir.resolve("first");
    new ProtectJob(spark, request(input, first.toString()).build()).execute();
    kms.reset();
    kms.throttleAlways("GenerateDataKey");
    Path out = dir.resolve("out");

    // the dataset secret of the first run opens with Decrypt: only the files' data keys fail
    assertThatThrownBy(() -> new ProtectJob(spark, request(input, out.toString())
        .datasetSecret(first.resolve("_trainguard/dataset-secret.enc").toString()).build())
        .execute())
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE))
        .hasMessageContaining("ThrottlingException");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
    assertThat(out.resolve("_trainguard/manifest.json")).doesNotExist();
    // A task still waiting on KMS when the job fails removes its file when it gives up; until
    // then the file holds at most an encrypted header. Never plaintext:
    assertNoPlaintext(out);
  }

  @Test
  void aMissingPermissionIsExit4NamingIt() throws Exception {
    Path input = Datasets.write(dir.resolve("in"));
    kms.denyAccess("GenerateDataKey");
    Path out = dir.resolve("out");

    assertThatThrownBy(() -> new ProtectJob(spark, request(input, out.toString()).build())
        .execute())
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE))
        .hasMessageContaining("kms:GenerateDataKey");
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
    assertNoPlaintext(out);
  }

  private static void assertNoPlaintext(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String value : PLANTED) {
          assertThat(bytes).as(f.toString()).doesNotContain(value);
        }
      }
    }
  }
}
