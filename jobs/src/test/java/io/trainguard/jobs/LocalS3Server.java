package io.trainguard.jobs;

import java.io.IOException;
import java.net.HttpURLConnection;
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
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final Path log;

  private LocalS3Server(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static LocalS3Server start(Path workDir) throws IOException, InterruptedException {
    String jar = System.getProperty("s3mock.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("S3Mock jar not found (s3mock.jar=" + jar
          + "); run the tests through Maven");
    }
    int httpPort = freePort();
    int httpsPort = freePort();
    Path root = Files.createDirectories(workDir.resolve("s3root"));
    Path log = workDir.resolve("s3mock.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
        "-jar", jar,
        "--server.address=127.0.0.1",
        "--server.port=" + httpsPort,
        "--com.adobe.testing.s3mock.httpPort=" + httpPort,
        "--com.adobe.testing.s3mock.store.root=" + root,
        "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
        "--com.adobe.testing.s3mock.store.validKmsKeys=" + VALID_KMS_KEY_ARN,
        "--logging.level.root=WARN"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalS3Server server = new LocalS3Server(p, httpPort, log);
    server.awaitReady();
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET).toURL()
            .openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new IllegalStateException("S3Mock did not start within " + STARTUP);
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
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
