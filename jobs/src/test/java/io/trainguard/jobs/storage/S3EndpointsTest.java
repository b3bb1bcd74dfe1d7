package io.trainguard.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * An S3 endpoint that refuses connections fails the first storage call at once (s3a would retry
 * the refusal for minutes); one that accepts them is connected to once. Real ports on 127.0.0.1.
 */
class S3EndpointsTest {

  /** A port on 127.0.0.1 that nothing listens on. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    return conf;
  }

  @Test
  void aRefusedConnectionFailsTheFirstStorageCallNamingTheEndpointButNoCredentials()
      throws IOException {
    int port = closedPort();
    Configuration conf = conf();
    conf.set("fs.s3a.endpoint", "http://minio:s3cr3t@127.0.0.1:" + port);

    assertThatThrownBy(() -> Storage.fileSystem(new Path("s3a://bucket/raw/"), conf))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE))
        .hasMessage("Cannot connect to S3 endpoint http://127.0.0.1:" + port
            + " (fs.s3a.endpoint): connection refused");
  }

  @Test
  void anEndpointWithoutSchemeOrPortIsCheckedWhereS3aConnects() throws IOException {
    int port = closedPort();
    Configuration conf = conf();
    conf.set("fs.s3a.endpoint", "127.0.0.1:" + port);

    assertThatThrownBy(() -> Storage.fileSystem(new Path("s3a://bucket/"), conf))
        .hasMessage("Cannot connect to S3 endpoint 127.0.0.1:" + port
            + " (fs.s3a.endpoint): connection refused");
    assertThat(List.of(S3Endpoints.address("127.0.0.1", true),
        S3Endpoints.address("https://127.0.0.1", false),
        S3Endpoints.address("http://127.0.0.1/", true), S3Endpoints.address("127.0.0.1", false),
        S3Endpoints.address("s3.example.org:9000", true)))
        .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(tuple("127.0.0.1", 443), tuple("127.0.0.1", 443), tuple("127.0.0.1", 80),
            tuple("127.0.0.1", 80), tuple("s3.example.org", 9000));
  }

  @Test
  void aBucketsOwnEndpointIsTheOneChecked() throws IOException {
    int port = closedPort();
    Configuration conf = conf();
    conf.set("fs.s3a.bucket.lake.endpoint", "http://127.0.0.1:" + port);

    assertThatThrownBy(() -> Storage.fileSystem(new Path("s3a://lake/raw/"), conf))
        .hasMessage("Cannot connect to S3 endpoint http://127.0.0.1:" + port
            + " (fs.s3a.bucket.lake.endpoint): connection refused");
    assertThatCode(() -> S3Endpoints.check(conf, "other")).doesNotThrowAnyException();
  }

  @Test
  void anEndpointThatAcceptsIsConnectedToOnceAndNotAgain() throws IOException {
    Configuration conf = conf();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + server.getLocalPort());
      S3Endpoints.check(conf, "bucket");
      try (Socket probe = server.accept()) {
        assertThat(probe.getInputStream().read()).as("the check sends nothing").isEqualTo(-1);
      }
    }
    // the port is closed now: a second connection would be refused
    assertThatCode(() -> S3Endpoints.check(conf, "bucket")).doesNotThrowAnyException();
  }

  @Test
  void noEndpointOrAProxyMeansNothingToCheck() throws IOException {
    assertThatCode(() -> S3Endpoints.check(conf(), "bucket")).doesNotThrowAnyException();
    Configuration proxied = conf();
    proxied.set("fs.s3a.endpoint", "http://127.0.0.1:" + closedPort());
    proxied.set("fs.s3a.proxy.host", "127.0.0.1");
    assertThatCode(() -> S3Endpoints.check(proxied, "bucket")).doesNotThrowAnyException();
  }
}
