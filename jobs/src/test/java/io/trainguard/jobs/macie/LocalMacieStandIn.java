package io.trainguard.jobs.macie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Amazon Macie on 127.0.0.1 speaking the documented REST-JSON of
 * {@code POST /findings} (ListFindings, paged by {@code nextToken}) and
 * {@code POST /findings/describe} (GetFindings) for the real {@code Macie2Client}. Records every
 * request body and fails the next N requests on a path on demand (throttling, access denied).
 */
final class LocalMacieStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Request(String path, JsonNode body) {}

  private record Failure(int status, String type, int remaining) {}

  private final HttpServer server;
  private final Map<String, ObjectNode> findings = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Failure> failures = new HashMap<>();
  private final Map<String, String> savedProperties = new HashMap<>();
  private int pageSize = 50;

  LocalMacieStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Points the SDK's standard settings at this stand-in for the JVM ({@code aws.endpointUrlMacie2},
   * region, static test credentials); {@link #close} restores them.
   */
  LocalMacieStandIn useForSdk() {
    setProperty("aws.endpointUrlMacie2", endpoint());
    setProperty("aws.region", "us-east-1");
    setProperty("aws.accessKeyId", "AKIDLOCALSTANDIN");
    setProperty("aws.secretAccessKey", "local-stand-in-secret");
    return this;
  }

  /** ListFindings answers at most {@code size} ids per page. */
  LocalMacieStandIn pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** Adds a finding (its {@code id} must be set). */
  void add(ObjectNode finding) {
    findings.put(finding.get("id").asText(), finding);
  }

  /** The next {@code times} requests to {@code path} fail with {@code status} and error type. */
  synchronized void fail(String path, int status, String type, int times) {
    failures.put(path, new Failure(status, type, times));
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    requests.add(new Request(path, body));
    Failure failure = takeFailure(path);
    if (failure != null) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", failure.type());
      send(exchange, failure.status(), JSON.createObjectNode().put("message", "refused"));
      return;
    }
    switch (path) {
      case "/findings" -> send(exchange, 200, listFindings(body));
      case "/findings/describe" -> send(exchange, 200, getFindings(body));
      default -> send(exchange, 404, JSON.createObjectNode().put("message", "no such operation"));
    }
  }

  private synchronized Failure takeFailure(String path) {
    Failure f = failures.get(path);
    if (f == null || f.remaining() == 0) {
      return null;
    }
    failures.put(path, new Failure(f.status(), f.type(), f.remaining() - 1));
    return f;
  }

  /** Filters on {@code eq} criteria over dotted paths, as Macie does, and pages the ids. */
  private ObjectNode listFindings(JsonNode body) {
    List<String> ids = new ArrayList<>();
    JsonNode criterion = body.path("findingCriteria").path("criterion");
    for (Map.Entry<String, ObjectNode> e : findings.entrySet()) {
      boolean all = true;
      for (Map.Entry<String, JsonNode> c : criterion.properties()) {
        JsonNode value = e.getValue().at("/" + c.getKey().replace('.', '/'));
        boolean any = false;
        for (JsonNode wanted : c.getValue().path("eq")) {
          any |= wanted.asText().equals(value.asText());
        }
        all &= any;
      }
      if (all) {
        ids.add(e.getKey());
      }
    }
    int from = body.hasNonNull("nextToken")
        ? Integer.parseInt(body.get("nextToken").asText().substring("page-".length())) : 0;
    int to = Math.min(ids.size(), from + pageSize);
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode page = answer.putArray("findingIds");
    ids.subList(from, to).forEach(page::add);
    if (to < ids.size()) {
      answer.put("nextToken", "page-" + to);
    }
    return answer;
  }

  private ObjectNode getFindings(JsonNode body) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode out = answer.putArray("findings");
    for (JsonNode id : body.path("findingIds")) {
      ObjectNode f = findings.get(id.asText());
      if (f != null) {
        out.add(f);
      }
    }
    return answer;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void setProperty(String name, String value) {
    if (!savedProperties.containsKey(name)) {
      savedProperties.put(name, System.getProperty(name));
    }
    System.setProperty(name, value);
  }

  @Override
  public void close() {
    server.stop(0);
    savedProperties.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }
}
