package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line in its own JVM with the launcher's logging configuration, as users run it: what
 * reaches stderr when a Spark task fails, and where the libraries' logs go.
 */
class CliProcessTest {

  @TempDir
  Path dir;

  private Path input;
  private String key;

  @BeforeEach
  void malformedCsv() throws IOException {
    input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("people.csv"), "name,ssn\nzz9canary,536-22-8049,extra\n");
    Path keyring = dir.resolve("k.json");
    assertThat(TrainguardCli.run("keygen", "--out", keyring.toString())).isZero();
    key = "local:" + keyring;
  }

  private record Result(int code, List<String> err) {}

  private Result cli(String... args) throws Exception {
    Process process = start(args);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after 3 minutes: " + args[0]);
    }
    return new Result(process.exitValue(), Files.readAllLines(dir.resolve("stderr.txt"),
        StandardCharsets.UTF_8));
  }

  /** The command line in a new JVM, its stderr going to {@code stderr.txt}. */
  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(System.getProperty("trainguard.jvm.flags", "").trim().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1",
        "-Dlog4j2.configurationFile=" + Path.of("src/main/conf/log4j2.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), TrainguardCli.class.getName()));
    command.addAll(List.of(args));
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("TRAINGUARD_LOG");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    // as docs/s3.md says for a local S3 server: dummy credentials and region, no instance metadata
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY",
        "test", "AWS_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true"));
    return builder.start();
  }

  /**
   * An S3 endpoint that refuses connections (nothing listens on the port) ends each command that
   * touches S3 at its first connection, with one line naming the endpoint and its setting and
   * exit 4, whichever spelling of the setting is used; s3a alone retries the refusal for minutes
   * and then names no endpoint.
   */
  @ParameterizedTest
  @CsvSource({
      "protect, fs.s3a.endpoint",
      "scan, spark.hadoop.fs.s3a.endpoint",
      "decrypt, fs.s3a.endpoint",
      "verify, spark.hadoop.fs.s3a.endpoint",
      "rewrap, fs.s3a.endpoint",
      "report, spark.hadoop.fs.s3a.endpoint",
      "detokenize, fs.s3a.endpoint",
      "detect, spark.hadoop.fs.s3a.endpoint"})
  void aRefusingS3EndpointEndsEveryCommandAtOnceWithOneLine(String command, String setting)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String clean = "s3a://bucket/clean/";
    List<String> args = new ArrayList<>(switch (command) {
      case "protect" -> List.of("--input", "s3a://bucket/raw/", "--output", clean, "--key", key);
      case "scan" -> List.of("--input", "s3a://bucket/raw/");
      case "decrypt" -> List.of("--input", clean, "--output", dir.resolve("plain").toString(),
          "--key", key);
      case "verify" -> List.of("--manifest", clean + "_trainguard/manifest.json", "--key", key);
      case "rewrap" -> List.of("--input", clean, "--key", key, "--to", key);
      case "report" -> List.of("--manifest", clean + "_trainguard/manifest.json", "--out",
          dir.resolve("report.html").toString(), "--key", key);
      case "detokenize" -> List.of("--key", key, "--dataset-secret",
          clean + "_trainguard/dataset-secret.enc", "tok_EMAIL_ADDRESS_x");
      case "detect" -> List.of("--input", jsonl().toString(), "--output",
          dir.resolve("found.jsonl").toString(), "--macie", "s3a://bucket/macie/");
      default -> throw new IllegalArgumentException(command);
    });
    args.add(0, command);
    args.addAll(List.of("--conf", setting + "=http://127.0.0.1:" + port,
        "--conf", "fs.s3a.path.style.access=true"));

    Result r = cli(args.toArray(String[]::new));

    assertThat(r.code()).as(command).isEqualTo(4);
    assertThat(r.err()).as(command).containsExactly("trainguard: error: Cannot connect to S3 endpoint http://127.0.0.1:"
            + port + " (fs.s3a.endpoint): connection refused");
  }

  private Path jsonl() throws IOException {
    return Files.writeString(dir.resolve("texts.jsonl"), "{\"id\": 1, \"text\": \"hi\"}\n");
  }

  @Test
  void aSignalStopsARunWithOneLineAndNoStackTrace() throws Exception {
    Path big = Files.createDirectories(dir.resolve("big"));
    StringBuilder rows = new StringBuilder("id,email\n");
    for (int i = 0; i < 400_000; i++) {
      rows.append(i).append(",user").append(i).append("@example.com\n");
    }
    Files.writeString(big.resolve("people.csv"), rows);
    Path out = dir.resolve("out");
    Process process = start("protect", "--input", big.toString(), "--output", out.toString(),
        "--key", key);
    Path err = dir.resolve("stderr.txt");
    String started = "trainguard: protecting " + big + " -> " + out;
    while (process.isAlive() && !Files.readString(err).contains(started)) {
      Thread.sleep(100); // waits for the run to start, measures nothing
    }
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(Files.readAllLines(err, StandardCharsets.UTF_8))
        .containsExactly(started, Interruption.MESSAGE);
    assertThat(out.resolve("_SUCCESS")).doesNotExist();
  }

  @Test
  void aMalformedRecordInASparkTaskIsOneErrorLineAndLibraryLogsStayOffStderr() throws Exception {
    Result r = cli("protect", "--input", input.toString(), "--output", dir.resolve("out").toString(),
        "--key", key);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).containsExactly(
        "trainguard: protecting " + input + " -> " + dir.resolve("out"),
        "trainguard: error: Malformed CSV in people.csv at row 2 (line 2): expected 2 cells,"
            + " found 3");
  }

  @Test
  void logFileTakesTheLibraryLogsOwnerOnlyAndVerboseAddsOneLinePerCause() throws Exception {
    Path log = dir.resolve("run.log");
    Result r = cli("protect", "--input", input.toString(), "--output", dir.resolve("out").toString(),
        "--key", key, "--log-file", log.toString(), "--verbose");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().subList(0, 2)).containsExactly(
        "trainguard: protecting " + input + " -> " + dir.resolve("out"),
        "trainguard: error: Malformed CSV in people.csv at row 2 (line 2): expected 2 cells,"
            + " found 3");
    assertThat(r.err().subList(2, r.err().size())).isNotEmpty()
        .allMatch(line -> line.matches("trainguard: cause: [\\w.$]+( at [\\w.$<>]+)?"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
    String logged = Files.readString(log);
    assertThat(logged).contains(" INFO SparkContext: ").doesNotContain("zz9canary")
        .doesNotContain("536-22-8049");
  }
}
