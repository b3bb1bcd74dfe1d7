package io.trainguard.jobs.lineage;

import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Posts OpenLineage events to a Marquez-compatible endpoint: {@code POST {url}/api/v1/lineage}
 * with the event as JSON; any 2xx answer is success. A failure is reported to the warning sink and
 * never thrown: lineage must not fail a protect run.
 */
final class HttpLineageTransport {

  static final String API_PATH = "api/v1/lineage";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String shownEndpoint;
  private final Consumer<String> warnings;
  private final HttpClient client;

  /**
   * @param baseUrl the server, e.g. {@code http://marquez:5000}
   * @param warnings receives one line per failed send, naming the endpoint without credentials
   */
  HttpLineageTransport(URI baseUrl, Consumer<String> warnings) {
    String scheme = baseUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw TrainguardException.usage("Invalid OpenLineage URL: expected http:// or https://");
    }
    this.endpoint = endpoint(baseUrl);
    this.shownEndpoint = withoutSecrets(endpoint);
    this.warnings = warnings;
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Sends one event; {@code eventType} only names it in a warning. */
  void send(String eventType, String eventJson) {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
        .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        warn(eventType, "HTTP " + status);
      }
    } catch (IOException e) {
      warn(eventType, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      warn(eventType, "interrupted");
    }
  }

  private void warn(String eventType, String reason) {
    warnings.accept("Cannot send OpenLineage " + eventType + " event to " + shownEndpoint + ": "
        + reason);
  }

  private static URI endpoint(URI base) {
    String path = base.getPath() == null ? "" : base.getPath();
    try {
      return new URI(base.getScheme(), base.getUserInfo(), base.getHost(), base.getPort(),
          (path.endsWith("/") ? path : path + "/") + API_PATH, base.getQuery(), null);
    } catch (URISyntaxException e) {
      throw TrainguardException.usage("Invalid OpenLineage URL: " + e.getReason());
    }
  }

  /** The endpoint as shown in messages: no user info, query or fragment. */
  static String withoutSecrets(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null,
          null).toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }
}
