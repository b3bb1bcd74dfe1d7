package io.trainguard.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.manifest.ManifestReader;
import io.trainguard.jobs.manifest.SampleManifests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real server on 127.0.0.1. */
class HttpLineageTransportTest {

  /** One request as the server saw it. */
  record Received(String method, String path, String query, String contentType, String body) {}

  HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  volatile int status = 201;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getQuery(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  LineageEmitter emitter(String url) {
    return LineageEmitter.create(url, warnings::add);
  }

  @Test
  void postsEachEventToTheMarquezLineageApiExactlyAsWritten() {
    LineageEmitter e = emitter(base());
    LineageEmitterTest.startDemo(e);
    e.complete(ManifestReader.read(SampleManifests.demo()));

    List<String> lines = new String(e.jsonLines(), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(received).containsExactly(
        new Received("POST", "/api/v1/lineage", null, "application/json", lines.get(0)),
        new Received("POST", "/api/v1/lineage", null, "application/json", lines.get(1)));
    assertThat(warnings).isEmpty();
  }

  @Test
  void keepsTheBaseUrlsPathAndQuery() {
    LineageEmitter e = emitter(base() + "/marquez/?tenant=ml");
    LineageEmitterTest.startDemo(e);
    e.fail("Cannot read input: access denied");

    assertThat(received).extracting(Received::path)
        .containsExactly("/marquez/api/v1/lineage", "/marquez/api/v1/lineage");
    assertThat(received).extracting(Received::query).containsOnly("tenant=ml");
    assertThat(received.get(1).body()).contains("\"eventType\":\"FAIL\"");
  }

  @Test
  void aRejectingServerIsAWarningAndTheRunGoesOn() {
    status = 500;
    LineageEmitter e = emitter(base());
    LineageEmitterTest.startDemo(e);
    e.complete(ManifestReader.read(SampleManifests.demo()));

    assertThat(received).hasSize(2);
    assertThat(warnings).containsExactly(
        "Cannot send OpenLineage START event to " + base() + "/api/v1/lineage: HTTP 500",
        "Cannot send OpenLineage COMPLETE event to " + base() + "/api/v1/lineage: HTTP 500");
    assertThat(new String(e.jsonLines(), StandardCharsets.UTF_8).lines()).hasSize(2);
  }

  @Test
  void anUnreachableServerIsAWarningWithoutCredentials() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    LineageEmitter e = emitter("http://user:s3cret@127.0.0.1:" + closedPort + "/?api_key=k3y");
    LineageEmitterTest.startDemo(e);

    assertThat(warnings).singleElement().asString()
        .startsWith("Cannot send OpenLineage START event to http://127.0.0.1:" + closedPort
            + "/api/v1/lineage: ConnectException")
        .doesNotContain("s3cret").doesNotContain("k3y");
  }

  @Test
  void onlyHttpUrlsAreAccepted() {
    assertThatThrownBy(() -> emitter("file:/tmp/x"))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid OpenLineage URL: expected http:// or https://");
    assertThatThrownBy(() -> emitter("http://user:s3cret@host:5000/a b"))
        .hasMessage("Invalid OpenLineage URL: Illegal character in path");
  }

  @Test
  void aBlankUrlSendsNothing() {
    LineageEmitterTest.startDemo(emitter(" "));
    assertThat(received).isEmpty();
    assertThat(warnings).isEmpty();
  }
}
