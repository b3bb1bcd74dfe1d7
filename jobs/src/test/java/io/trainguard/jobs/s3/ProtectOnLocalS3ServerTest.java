package io.trainguard.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainguard.classifiers.Analyzer;
import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.LocalS3Server;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.parquet.ParquetFiles;
import io.trainguard.jobs.parquet.TrainguardKmsClient;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import io.trainguard.jobs.storage.Storage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * protect from s3a:// to s3a:// against a real S3-compatible server (S3Mock) on 127.0.0.1,
 * configured only through the standard fs.s3a.* settings.
 */
class ProtectOnLocalS3ServerTest {

  @TempDir
  static Path dir;
  static LocalS3Server s3;
  static SparkSession spark;
  static Configuration conf;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3Server.start(dir);
    spark = SparkTestSession.get();
    conf = spark.sparkContext().hadoopConfiguration();
    s3.configure(conf);
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] read(FileSystem fs, String uri) throws Exception {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  @Test
  void anOutputThatEqualsOrContainsTheInputIsRefusedAndTheInputKept() throws Exception {
    Path local = Datasets.write(dir.resolve("raw-lake"));
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/lake/raw/"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring-lake.json"));
    for (String output : List.of("s3a://bucket/lake/", "s3a://bucket/lake/raw",
        "s3a://bucket/lake/raw/../raw/", "s3a://bucket/lake/raw/clean")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProtectJob(spark,
          ProtectRequest.builder("s3a://bucket/lake/raw", output, key.spec()).overwrite(true)
              .build()).execute()).as(output)
          .isInstanceOfSatisfying(io.trainguard.jobs.TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(io.trainguard.jobs.ExitCode.USAGE))
          .hasMessageStartingWith("Invalid --output s3a://bucket/lake");
    }
    assertThat(new String(read(fs, "s3a://bucket/lake/raw/people.csv"),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(Datasets.PEOPLE_CSV);
    assertThat(new String(read(fs, "s3a://bucket/lake/raw/sub/notes.jsonl"),
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(Datasets.NOTES_JSONL);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path("s3a://bucket/lake/raw/clean"))).isFalse();
  }

  @Test
  void aMissingBucketIsAnInputNotFoundOfOneLineOnEveryCommand() throws Exception {
    String key = LocalKeyring.generate(dir.resolve("keyring-nobucket.json")).spec();
    List<String> s3conf = List.of("--conf", "fs.s3a.endpoint=" + s3.endpoint(),
        "--conf", "fs.s3a.endpoint.region=us-east-1", "--conf", "fs.s3a.path.style.access=true",
        "--conf", "fs.s3a.aws.credentials.provider="
            + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "--conf", "fs.s3a.access.key=test-access-key", "--conf", "fs.s3a.secret.key=test-secret-key");
    String out = dir.resolve("nobucket-plain").toString();
    for (List<String> args : List.of(
        List.of("protect", "--input", "s3a://no-such-bucket/raw/", "--output",
            "s3a://bucket/nobucket-out/", "--key", key),
        List.of("scan", "--input", "s3a://no-such-bucket/raw/"),
        List.of("decrypt", "--input", "s3a://no-such-bucket/clean/", "--output", out, "--key", key),
        List.of("verify", "--manifest", "s3a://no-such-bucket/clean/_trainguard/manifest.json",
            "--key", key),
        List.of("report", "--manifest", "s3a://no-such-bucket/clean/_trainguard/manifest.json",
            "--out", out + ".html", "--key", key),
        List.of("rewrap", "--input", "s3a://no-such-bucket/clean/", "--key", key, "--to", key))) {
      io.trainguard.jobs.cli.TrainguardCliTest.Run r = io.trainguard.jobs.cli.TrainguardCliTest
          .run(java.util.stream.Stream.concat(args.stream(), s3conf.stream())
              .toArray(String[]::new));
      assertThat(r.code()).as(args.get(0)).isEqualTo(2);
      assertThat(r.err().lines().filter(l -> !l.startsWith("trainguard: protecting")
          && !l.startsWith("trainguard: scanning"))).as(args.get(0)).singleElement(
              org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .matches("trainguard: error: ((Input|Manifest) not found|Not a protected output):"
              + " s3a://no-such-bucket/"
              + "(raw|clean|clean/_trainguard/manifest\\.json)/?");
    }
  }

  @Test
  void sseKmsIsRequestedOnEveryObjectWritten() throws Exception {
    Path local = Datasets.write(dir.resolve("raw-sse"));
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/raw-sse/"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring-sse.json"));
    new ProtectJob(spark, ProtectRequest.builder("s3a://bucket/raw-sse/", "s3a://bucket/sse/",
        key.spec()).sseKmsKey(LocalS3Server.VALID_KMS_KEY_ID).build()).execute();
    try (software.amazon.awssdk.services.s3.S3Client s3client =
        software.amazon.awssdk.services.s3.S3Client.builder()
            .endpointOverride(java.net.URI.create(s3.endpoint()))
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                .create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                    .create("test-access-key", "test-secret-key")))
            .build()) {
      for (String k : List.of("sse/data/people.csv.enc", "sse/_trainguard/manifest.json",
          "sse/_SUCCESS")) {
        var head = s3client.headObject(b -> b.bucket(LocalS3Server.BUCKET).key(k));
        assertThat(head.serverSideEncryptionAsString()).as(k).isEqualTo("aws:kms");
        assertThat(head.ssekmsKeyId()).as(k).contains(LocalS3Server.VALID_KMS_KEY_ID);
      }
    }
    assertThat(conf.get("fs.s3a.encryption.algorithm")).as("session settings untouched").isNull();
  }

  @Test
  void protectsS3PrefixToS3AndDecryptsExactRedactedContent() throws Exception {
    Path local = Datasets.write(dir.resolve("raw"));
    org.apache.hadoop.fs.Path raw = new org.apache.hadoop.fs.Path("s3a://bucket/raw/");
    FileSystem fs = Storage.fileSystem(raw, conf);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), raw);
    assertThat(Storage.listDataFiles(fs, raw)).extracting(Storage.DataFile::relativePath)
        .containsExactly("people.csv", "sub/notes.jsonl");

    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    ProtectResult result = new ProtectJob(spark, ProtectRequest.builder("s3a://bucket/raw/",
        "s3a://bucket/clean/", key.spec()).commandLine("test").build()).execute();
    assertThat(result.recordsIn()).isEqualTo(5);

    org.apache.hadoop.fs.Path clean = new org.apache.hadoop.fs.Path("s3a://bucket/clean/");
    List<String> written = new java.util.ArrayList<>();
    var it = fs.listFiles(clean, true);
    while (it.hasNext()) {
      written.add(it.next().getPath().toUri().getPath().substring("/clean/".length()));
    }
    assertThat(written).containsExactlyInAnyOrder("_SUCCESS", "_trainguard/manifest.json",
        "_trainguard/report.html", "_trainguard/dataset-secret.enc", "_trainguard/openlineage.jsonl", "data/people.csv.enc", "data/sub/notes.jsonl.enc");

    Path plain = dir.resolve("plain");
    new Decryptor(conf, key).decrypt("s3a://bucket/clean/", plain.toString());
    assertThat(Files.readString(plain.resolve("people.csv"))).isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
        .isEqualTo(Datasets.NOTES_JSONL_REDACTED);

    JsonNode m = ManifestReader.parse(read(fs, "s3a://bucket/clean/_trainguard/manifest.json")).document();
    assertThat(m.path("run").path("input").asText()).isEqualTo("s3a://bucket/raw");
    JsonNode in = m.path("inputs").get(0);
    assertThat(in.path("uri").asText()).isEqualTo("s3a://bucket/raw/people.csv");
    assertThat(in.path("sha256").asText())
        .isEqualTo(sha256(Files.readAllBytes(local.resolve("people.csv"))));
    // a single-part upload's ETag is the MD5 of its bytes; the bucket keeps no versions
    assertThat(in.path("etag").asText().replace("\"", "")).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("MD5").digest(Files.readAllBytes(local.resolve("people.csv")))));
    assertThat(in.path("version_id").isNull()).isTrue();
    for (JsonNode out : m.path("outputs")) {
      byte[] stored = read(fs, "s3a://bucket/clean/" + out.path("path").asText());
      assertThat(out.path("size").asLong()).isEqualTo(stored.length);
      assertThat(out.path("sha256").asText()).isEqualTo(sha256(stored));
    }
    assertThat(m.path("findings").fieldNames()).toIterable().containsExactly(
        "CREDIT_CARD", "EMAIL_ADDRESS", "IP_ADDRESS", "PHONE_NUMBER", "US_SSN");

    Verifier verifier = new Verifier(conf);
    String manifestUri = "s3a://bucket/clean/_trainguard/manifest.json";
    assertThat(verifier.verify(manifestUri, key.signer()).holds()).isTrue();
    byte[] tampered = read(fs, "s3a://bucket/clean/data/people.csv.enc");
    tampered[tampered.length / 2] ^= 1;
    try (OutputStream out = fs.create(
        new org.apache.hadoop.fs.Path("s3a://bucket/clean/data/people.csv.enc"), true)) {
      out.write(tampered);
    }
    assertThat(verifier.verify(manifestUri, key.signer()).problems())
        .containsExactly("data/people.csv.enc: SHA-256 differs from the manifest");
    assertThat(m.path("inputs").findValuesAsText("path").stream().collect(Collectors.toList()))
        .containsExactly("people.csv", "sub/notes.jsonl");
  }

  @Test
  void macieDiscoveryResultsAreReadFromS3AndFuseLikeLocalOnes() throws Exception {
    Path samples = Path.of("..", "samples");
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    fs.copyFromLocalFile(false, true,
        new org.apache.hadoop.fs.Path(samples.resolve("data").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/demo/"));
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(
            samples.resolve("macie/discovery-results.jsonl.gz").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/macie-results/job-1/results.jsonl.gz"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring-macie.json"));

    // A copy of Macie's bucket: same keys (demo/...) in another bucket, ETags checked.
    new ProtectJob(spark, ProtectRequest.builder("s3a://bucket/demo/",
        "s3a://bucket/demo-clean/", key.spec())
        .macie(List.of("s3a://bucket/macie-results/"), null).build()).execute();
    Path localOut = dir.resolve("demo-local");
    new ProtectJob(spark, ProtectRequest.builder(samples.resolve("data").toString(),
        localOut.toString(), key.spec())
        .macie(List.of(samples.resolve("macie/discovery-results.jsonl.gz").toString()), "demo")
        .build()).execute();

    JsonNode fromS3 = ManifestReader.parse(read(fs, "s3a://bucket/demo-clean/_trainguard/manifest.json")).document();
    JsonNode local = ManifestReader.parse(Files.readAllBytes(localOut.resolve("_trainguard/manifest.json"))).document();
    JsonNode macie = fromS3.path("config").path("macie");
    assertThat(macie.path("sources").get(0).asText()).isEqualTo("s3a://bucket/macie-results/");
    assertThat(macie.path("unmatched").asInt()).isZero();
    assertThat(macie.path("stale").asInt()).isZero();
    assertThat(macie.path("occurrences").asInt())
        .isEqualTo(local.path("config").path("macie").path("occurrences").asInt())
        .isGreaterThan(100);
    assertThat(fromS3.path("findings")).isEqualTo(local.path("findings"));
    assertThat(fromS3.path("findings").path("PERSON").path("sources").toString())
        .isEqualTo("{\"local\":34,\"macie\":0,\"both\":50}");
    assertThat(fromS3.path("findings").path("EMAIL_ADDRESS").path("sources").toString())
        .isEqualTo("{\"local\":95,\"macie\":0,\"both\":0}");
    Path plainS3 = dir.resolve("demo-plain-s3");
    Path plainLocal = dir.resolve("demo-plain-local");
    new Decryptor(conf, key).decrypt("s3a://bucket/demo-clean/", plainS3.toString());
    new Decryptor(conf, key).decrypt(localOut.toString(), plainLocal.toString());
    assertThat(Files.readString(plainS3.resolve("customers.csv")))
        .isEqualTo(Files.readString(plainLocal.resolve("customers.csv")));
  }

  @Test
  void aFindingsFileFollowsItsDetailedResultsOnTheInputsS3AsApiModeDoes() throws Exception {
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    try (var out = fs.create(new org.apache.hadoop.fs.Path("s3a://bucket/follow-in/people.csv"))) {
      out.write("id,code\n1,qq-1\n2,qq-2\n3,qq-3\n".getBytes(StandardCharsets.UTF_8));
    }
    // the discovery result lists every occurrence; the finding only the first
    String result = """
        {"id":"r-1","resourcesAffected":{"s3Bucket":{"name":"bucket"},"s3Object":{"key":\
        "follow-in/people.csv","size":"29"}},"classificationDetails":{"result":{"sensitiveData":\
        [{"detections":[{"type":"NAME","count":"3","occurrences":{"cells":[\
        {"row":"2","column":"2","columnName":"code"},{"row":"3","column":"2","columnName":"code"},\
        {"row":"4","column":"2","columnName":"code"}]}}]}]}}}
        """;
    try (var out = new java.util.zip.GZIPOutputStream(fs.create(new org.apache.hadoop.fs.Path(
        "s3a://bucket/AWSLogs/1/Macie/job-1/r.jsonl.gz")))) {
      out.write(result.getBytes(StandardCharsets.UTF_8));
    }
    Path findings = dir.resolve("follow-findings.json");
    Files.writeString(findings, """
        {"findings": [%s, %s]}
        """.formatted(followFinding("f-1", "s3://bucket/AWSLogs/1/Macie/job-1/r.jsonl.gz"),
        followFinding("f-2", "s3://bucket/AWSLogs/1/Macie/job-1/gone.jsonl.gz")));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring-follow.json"));

    ProtectResult run = new ProtectJob(spark, ProtectRequest.builder("s3a://bucket/follow-in/",
        "s3a://bucket/follow-out/", key.spec()).macie(List.of(findings.toString()), null)
        .build()).execute();

    Path plain = dir.resolve("follow-plain");
    new Decryptor(conf, key).decrypt("s3a://bucket/follow-out/", plain.toString());
    assertThat(Files.readString(plain.resolve("people.csv")))
        .isEqualTo("id,code\n1,<PERSON>\n2,<PERSON>\n3,<PERSON>\n");
    JsonNode macie = run.json().path("config").path("macie");
    assertThat(macie.path("occurrences").asInt()).isEqualTo(5);
    assertThat(macie.path("unmatched").asInt()).isZero();
  }

  /** A finding listing row 2 of people.csv's code column, its results at {@code location}. */
  static String followFinding(String id, String location) {
    return """
        {"id": "%s", "category": "CLASSIFICATION", "resourcesAffected": {"s3Bucket": {"name":
          "bucket"}, "s3Object": {"key": "follow-in/people.csv", "size": 29}},
          "classificationDetails": {"detailedResultsLocation": "%s", "result": {"sensitiveData":
          [{"detections": [{"type": "NAME", "count": 3, "occurrences": {"cells": [
          {"row": 2, "column": 2, "columnName": "code"}]}}]}]}}}""".formatted(id, location);
  }

  @Test
  void protectsParquetOnS3IntoColumnarEncryptionThatSparkReadsWithTheKey() throws Exception {
    Path local = dir.resolve("pq/people.parquet");
    ParquetFiles.write(local, ParquetFiles.PEOPLE, ParquetFiles.people());
    FileSystem fs = Storage.fileSystem(new org.apache.hadoop.fs.Path("s3a://bucket/"), conf);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
        new org.apache.hadoop.fs.Path("s3a://bucket/pq/people.parquet"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("pq-keyring.json"));
    new ProtectJob(spark, ProtectRequest.builder("s3a://bucket/pq/", "s3a://bucket/pq-clean/",
        key.spec()).parquetEncryption(ParquetEncryption.Mode.COLUMNAR).commandLine("test")
        .build()).execute();

    JsonNode m = ManifestReader.parse(read(fs, "s3a://bucket/pq-clean/_trainguard/manifest.json")).document();
    assertThat(m.path("inputs").get(0).path("sha256").asText())
        .isEqualTo(sha256(Files.readAllBytes(local)));
    JsonNode data = m.path("outputs").get(0);
    assertThat(data.path("path").asText()).isEqualTo("data/people.parquet");
    assertThat(data.path("sha256").asText())
        .isEqualTo(sha256(read(fs, "s3a://bucket/pq-clean/data/people.parquet")));
    assertThat(spark.read()
        .option("parquet.crypto.factory.class",
            "org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory")
        .option("parquet.encryption.kms.client.class", TrainguardKmsClient.class.getName())
        .option("trainguard.parquet.key", key.spec())
        .parquet("s3a://bucket/pq-clean/data/").select("record_id", "email", "user.team")
        .collectAsList().toString())
        .isEqualTo("[[1,<EMAIL_ADDRESS>,blue], [2,<EMAIL_ADDRESS>,null]]");
    assertThat(new Verifier(conf).verify("s3a://bucket/pq-clean/_trainguard/manifest.json",
        key.signer()).holds()).isTrue();
  }
}
