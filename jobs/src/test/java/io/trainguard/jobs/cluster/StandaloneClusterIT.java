package io.trainguard.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.cli.TrainguardCli;
import io.trainguard.jobs.parquet.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protect} submitted as an EMR step submits it: the shaded jar through {@code SparkSubmit}
 * in client mode against a standalone master and two workers on 127.0.0.1, each its own JVM, and
 * executors as further JVMs. The cluster's classpath holds Spark's jars only, so trainguard and
 * its libraries reach it only through the submitted jar. The decrypted output must equal a
 * local-mode run of the same jar (byte for byte; Parquet by schema and records).
 */
class StandaloneClusterIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TREE_LINE = Pattern.compile("^([| ]*)[+\\\\]- (.*)$");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final long SUBMIT_TIMEOUT_SECONDS = 180;

  @TempDir
  static Path dir;

  private static final List<Process> processes = new ArrayList<>();
  private static String clusterClasspath;
  private static String masterUrl;
  private static int masterUiPort;

  @BeforeAll
  static void startCluster() throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(StandaloneClusterIT::stopCluster));
    clusterClasspath = clusterClasspath(Path.of(property("trainguard.build.dir")));
    Files.createDirectories(dir.resolve("spark-home/jars"));
    int masterPort = freePort();
    masterUiPort = freePort();
    masterUrl = "spark://127.0.0.1:" + masterPort;
    start("master", List.of("-Xmx256m", "-Dspark.master.rest.enabled=false"),
        List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
    for (int i = 1; i <= 2; i++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + i));
      start("worker-" + i, List.of("-Xmx256m"), List.of("org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()),
          "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), masterUrl));
    }
  }

  @AfterAll
  static void stopCluster() {
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
      }
      for (Process p : processes) {
        try {
          if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      processes.clear();
    }
  }

  @Test
  void protectOnClusterEqualsLocalMode() throws Exception {
    Path input = Datasets.write(dir.resolve("input"));
    ParquetFiles.write(input.resolve("people.parquet"), ParquetFiles.PEOPLE, ParquetFiles.people());
    writeBiggerCsv(input.resolve("contacts.csv"), 2_000);
    Path key = dir.resolve("keyring.json");
    assertThat(TrainguardCli.run("keygen", "--out", key.toString())).isZero();

    Path localOut = dir.resolve("out-local");
    int localCode = submit("local", "local[2]", List.of(), input, localOut, key);
    assertThat(localCode).as(logTail("local")).isZero();

    awaitWorkers(2);
    Path events = Files.createDirectories(dir.resolve("events"));
    Path clusterOut = dir.resolve("out-cluster");
    int clusterCode = submit("cluster", masterUrl, List.of(
        "--conf", "spark.executor.memory=768m",
        "--conf", "spark.cores.max=2",
        "--conf", "spark.executor.extraClassPath=" + clusterClasspath,
        "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=60s",
        "--conf", "spark.eventLog.enabled=true",
        "--conf", "spark.eventLog.compress=false",
        "--conf", "spark.eventLog.rolling.enabled=false",
        "--conf", "spark.eventLog.dir=" + events.toUri()), input, clusterOut, key);
    assertThat(clusterCode).as(logTail("cluster")).isZero();

    assertThat(manifest(clusterOut).path("run").path("spark").path("master").asText())
        .isEqualTo(masterUrl);
    assertThat(manifest(localOut).path("run").path("spark").path("master").asText())
        .isEqualTo("local[2]");
    assertThat(manifest(clusterOut).path("accounting"))
        .isEqualTo(manifest(localOut).path("accounting"));

    Map<String, String> local = decrypt(localOut, key, "plain-local");
    Map<String, String> cluster = decrypt(clusterOut, key, "plain-cluster");
    assertThat(local.keySet()).containsExactlyInAnyOrder("people.csv", "sub/notes.jsonl",
        "people.parquet", "quarantine/people.parquet", "contacts.csv");
    assertThat(local.get("people.csv")).isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
    assertThat(cluster).isEqualTo(local);

    // Every task ran in an executor JVM, and both workers' executors ran some.
    List<JsonNode> log = eventLog(events);
    Set<String> taskExecutors = new HashSet<>();
    log.stream().filter(e -> e.path("Event").asText().equals("SparkListenerTaskEnd"))
        .forEach(e -> taskExecutors.add(e.path("Task Info").path("Executor ID").asText()));
    Set<String> added = log.stream()
        .filter(e -> e.path("Event").asText().equals("SparkListenerExecutorAdded"))
        .map(e -> e.path("Executor ID").asText()).collect(Collectors.toSet());
    assertThat(added).hasSize(2).doesNotContain("driver");
    assertThat(taskExecutors).isEqualTo(added);
  }

  /**
   * What a Spark cluster has on its classpath: the provided-scope jars (Spark, Hadoop, s3a) plus
   * the compile-scope jars that also sit in a provided dependency's tree (Jackson, commons-*,
   * ...), which Maven lists as compile because trainguard uses them too. Everything else —
   * trainguard's modules, the AWS Encryption SDK, Tika, picocli — must come from the shaded jar.
   */
  private static String clusterClasspath(Path target) throws IOException {
    Set<String> sparkArtifacts = new HashSet<>();
    boolean inProvided = false;
    for (String line : Files.readAllLines(target.resolve("dependency-tree.txt"))) {
      Matcher m = TREE_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String[] coordinates = m.group(2).replaceFirst("^\\(", "").split(" ")[0].split(":");
      if (m.group(1).isEmpty()) {
        inProvided = coordinates[coordinates.length - 1].equals("provided");
      }
      if (inProvided) {
        sparkArtifacts.add(coordinates[0] + ":" + coordinates[1]);
      }
    }
    Set<String> runtime = Set.of(Files.readString(target.resolve("classpath-runtime.txt")).trim()
        .split(":"));
    return Arrays.stream(Files.readString(target.resolve("classpath-compile.txt")).trim()
            .split(":"))
        .filter(jar -> !runtime.contains(jar) || sparkArtifacts.contains(artifact(Path.of(jar))))
        .collect(Collectors.joining(":"));
  }

  /** {@code groupId:artifactId} of a jar in a Maven repository layout. */
  private static String artifact(Path jar) {
    Path artifactDir = jar.getParent().getParent();
    Path groupDir = artifactDir.getParent();
    int start = 0;
    for (int i = 0; i < groupDir.getNameCount(); i++) {
      if (groupDir.getName(i).toString().equals("repository")) {
        start = i + 1;
      }
    }
    String group = groupDir.subpath(start, groupDir.getNameCount()).toString().replace('/', '.');
    return group + ":" + artifactDir.getFileName();
  }

  /** Runs SparkSubmit with the shaded jar in client mode and returns its exit code. */
  private static int submit(String name, String master, List<String> conf, Path input, Path output,
      Path key) throws Exception {
    List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", master, "--deploy-mode", "client",
        "--class", "io.trainguard.jobs.cli.TrainguardCli",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false"));
    args.addAll(conf);
    args.addAll(List.of(property("trainguard.spark.jar"), "protect", "--no-progress",
        "--input", input.toString(), "--output", output.toString(), "--key", "local:" + key));
    Process p = start(name, List.of("-Xmx1g"), args);
    if (!p.waitFor(SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(name + " run did not finish in " + SUBMIT_TIMEOUT_SECONDS + " s\n"
          + logTail(name));
    }
    return p.exitValue();
  }

  private static Process start(String name, List<String> jvmOptions, List<String> mainAndArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(property("trainguard.jvm.flags").trim().split("\\s+")));
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", clusterClasspath));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    Process process = builder.start();
    synchronized (processes) {
      processes.add(process);
    }
    return process;
  }

  private static void awaitWorkers(int count) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200
            && JSON.readTree(response.body()).path("aliveworkers").asInt() >= count) {
          return;
        }
      } catch (IOException notYet) {
        // the master's UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Fewer than " + count + " workers registered in " + READY_TIMEOUT
        + "\n" + logTail("master") + logTail("worker-1") + logTail("worker-2"));
  }

  /**
   * Decrypts an output, quarantine included, and returns each file's content by relative path
   * ({@code quarantine/...} for quarantined records): the bytes (as
   * ISO-8859-1, one char per byte) or, for Parquet, the schema and records, since Parquet's
   * writer orders the encodings in its footer differently from one JVM to the next.
   */
  private static Map<String, String> decrypt(Path output, Path key, String name)
      throws IOException {
    Path root = dir.resolve(name);
    Path plain = root.resolve("data");
    assertThat(TrainguardCli.run("decrypt", "--key", "local:" + key, "--input", output.toString(),
        "--output", plain.toString(), "--quarantine-to", root.resolve("quarantine").toString()))
        .isZero();
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        ParquetFiles.Content parquet = file.toString().endsWith(".parquet")
            ? ParquetFiles.read(file, new Configuration()) : null;
        files.put((file.startsWith(plain) ? plain : root).relativize(file).toString(),
            parquet == null
            ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
            : parquet.schema() + String.join("\n", parquet.lines()));
      }
    }
    return files;
  }

  private static JsonNode manifest(Path output) throws IOException {
    return JSON.readTree(output.resolve("_trainguard/manifest.json").toFile());
  }

  private static List<JsonNode> eventLog(Path events) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(events)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("{")) {
            lines.add(JSON.readTree(line));
          }
        }
      }
    }
    assertThat(lines).as("Spark event log under " + events).isNotEmpty();
    return lines;
  }

  private static void writeBiggerCsv(Path file, int rows) throws IOException {
    StringBuilder csv = new StringBuilder("id,email,phone,note,amount\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(",user").append(i).append("@example.com,")
          .append(String.format("212-555-01%02d", i % 100))
          .append(",\"call back on ").append(String.format("415-555-01%02d", (i * 7) % 100))
          .append(" about order ").append(100_000 + i).append("\",").append(i * 3 % 997)
          .append('\n');
    }
    Files.writeString(file, csv);
  }

  private static String logTail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
      return "--- " + name + ".log (tail) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property " + name + " (set by failsafe)").isNotBlank();
    return value;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
