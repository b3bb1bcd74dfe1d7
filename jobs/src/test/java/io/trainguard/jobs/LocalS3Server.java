package io.trainguard.jobs;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3-compatible server for tests: Adobe S3Mock (from Maven Central, copied to
 * target/s3mock by the build) as a child JVM, listening on 127.0.0.1 with one bucket.
 */
public final class LocalS3Server implements AutoCloseable {

  public static final String BUCKET = "bucket";
  /** The one KMS key S3Mock accepts for SSE-KMS requests (requests name it by its bare id). */
  public static final String VALID_KMS_KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/tg-test-sse-key";
  public static final String VALID_KMS_KEY_ID = "tg-test-sse-key";
  private static final Duration STARTUP = Duration.ofSeconds(120); // Spring Boot on a loaded 2-core box

  private final int port;
  private final int httpsPort;
  private final Path root;
  private final Path log;
  private Process process;

  private LocalS3Server(int port, int httpsPort, Path root, Path log) {
    this.port = port;
    this.httpsPort = httpsPort;
    this.root = root;
    this.log = log;
  }

  public static LocalS3Server start(Path workDir) throws IOException, InterruptedException {
    LocalS3Server server = new LocalS3Server(freePort(), freePort(),
        Files.createDirectories(workDir.resolve("s3root")), workDir.resolve("s3mock.log"));
    server.launch();
    return server;
  }

  /** Starts the server again on the same port with the objects it held when it was stopped. */
  public void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("S3Mock is still running");
    }
    launch();
  }

  /**
   * Starts S3Mock and waits until it answers; a start that does not answer in time is killed and
   * tried once more (a restart on a store killed mid-write once never answered).
   */
  private void launch() throws IOException, InterruptedException {
    String failed = start();
    if (failed != null) {
      failed = start();
    }
    if (failed != null) {
      throw new IllegalStateException(failed);
    }
  }

  /** Null once the server answers, else why it did not. */
  private String start() throws IOException, InterruptedException {
    String jar = System.getProperty("s3mock.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("S3Mock jar not found (s3mock.jar=" + jar
          + "); run the tests through Maven");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-jar", jar,
        "--server.address=127.0.0.1",
        "--server.port=" + httpsPort,
        "--com.adobe.testing.s3mock.httpPort=" + port,
        "--com.adobe.testing.s3mock.store.root=" + root,
        "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
        "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
        "--com.adobe.testing.s3mock.store.validKmsKeys=" + VALID_KMS_KEY_ARN,
        "--logging.level.root=WARN"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return awaitReady();
  }

  private String awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    String answer = "no connection";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET).toURL()
            .openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(5_000);
        int status = c.getResponseCode();
        if (status == 200) {
          return null;
        }
        answer = "HTTP " + status;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    process.destroyForcibly().waitFor();
    List<String> log = Files.readAllLines(this.log);
    return "S3Mock did not answer on " + endpoint() + " within " + STARTUP
        + " (last answer: " + answer + "); its log ends:\n"
        + String.join("\n", log.subList(Math.max(0, log.size() - 20), log.size()));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The standard s3a settings that point Hadoop at this server. */
  public void configure(Configuration conf) {
    conf.set("fs.s3a.endpoint", endpoint());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", "test-access-key");
    conf.set("fs.s3a.secret.key", "test-secret-key");
    // Each test server has its own port: never reuse a file system bound to an old one.
    conf.set("fs.s3a.impl.disable.cache", "true");
  }

  /** Kills the server at once, as a crash or network cut would, mid-request or not. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
