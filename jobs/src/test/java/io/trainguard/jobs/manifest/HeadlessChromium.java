package io.trainguard.jobs.manifest;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: one
 * page target, its commands and the events it reports. The machine has no network; Chromium is
 * started with every background service off and a fresh profile.
 */
final class HeadlessChromium implements AutoCloseable {

  /** Set to {@code true} (CI does) to fail, not skip, when Chromium is missing. */
  static final String REQUIRE_ENV = "TRAINGUARD_REQUIRE_BROWSER";
  static final String REQUIRE_PROPERTY = "trainguard.requireBrowser";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private String session;

  /** Someone waiting for the next event with this method. */
  private record Waiter(String method, CompletableFuture<JsonNode> event) {}

  private HeadlessChromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Skips the calling test, saying so on stderr, when no {@code chromium} is on the PATH, or
   * fails it when {@value #REQUIRE_ENV} or {@value #REQUIRE_PROPERTY} is {@code true}.
   */
  static Path requireInstalled() {
    Optional<Path> binary = onPath(System.getenv("PATH"));
    if (binary.isPresent()) {
      return binary.get();
    }
    String missing = "no chromium on the PATH; install it with 'apt-get install -y chromium'"
        + " (.ci/run does)";
    if (Boolean.parseBoolean(System.getenv(REQUIRE_ENV))
        || Boolean.getBoolean(REQUIRE_PROPERTY)) {
      fail("Cannot run browser tests: " + missing + " (" + REQUIRE_ENV + " is set)");
    }
    System.err.println("SKIPPED browser test: " + missing + "; set " + REQUIRE_ENV
        + "=true to fail instead");
    return Assumptions.abort("browser test skipped: " + missing);
  }

  /** The first executable {@code chromium} in the directories of {@code path}. */
  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "chromium"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts Chromium with a fresh profile under {@code dir} and attaches to a blank page. */
  static HeadlessChromium start(Path dir) throws Exception {
    Path binary = requireInstalled();
    Path profile = Files.createDirectories(dir.resolve("profile"));
    Path log = dir.resolve("chromium.log");
    ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--window-size=1200,900", "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // Its singleton socket directory goes to TMPDIR: keep it inside the test's directory.
    builder.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
    Process process = builder.start();
    try {
      URI browser = devToolsUri(profile.resolve("DevToolsActivePort"), process, log);
      HeadlessChromium chromium = connect(process, browser);
      String target = chromium.call("Target.createTarget", Map.of("url", "about:blank"))
          .path("targetId").asText();
      chromium.session = chromium.call("Target.attachToTarget",
          Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
      return chromium;
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Chromium writes its port and browser path there once DevTools listens. */
  private static URI devToolsUri(Path activePort, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(activePort)) {
        List<String> lines = Files.readAllLines(activePort);
        if (lines.size() >= 2) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        }
      }
      if (!process.isAlive()) {
        fail("Chromium exited with " + process.exitValue() + "; its log: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return fail("Chromium did not open DevTools within " + TIMEOUT + "; its log: "
        + Files.readString(log));
  }

  private static HeadlessChromium connect(Process process, URI browser) throws Exception {
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(TIMEOUT)
        .buildAsync(browser, new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              String message = partial.toString();
              partial.setLength(0);
              self[0].receive(message);
            }
            ws.request(1);
            return null;
          }
        })
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, socket);
    return self[0];
  }

  private void receive(String message) {
    JsonNode m;
    try {
      m = JSON.readTree(message);
    } catch (IOException e) {
      return;
    }
    if (m.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
      if (f != null) {
        f.complete(m);
      }
      return;
    }
    events.add(m);
    for (Waiter w : waiters) {
      if (w.method().equals(m.path("method").asText())) {
        w.event().complete(m);
      }
    }
  }

  /** Sends a command to the page (the browser before attaching) and returns its result. */
  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", JSON.valueToTree(params));
    if (session != null) {
      command.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(command), true).get(TIMEOUT.toSeconds(),
        TimeUnit.SECONDS);
    JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      fail(method + " failed: " + reply.path("error"));
    }
    return reply.path("result");
  }

  /** Navigates and waits for the load event. */
  void navigate(String url) throws Exception {
    CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
    waiters.add(new Waiter("Page.loadEventFired", loaded));
    JsonNode result = call("Page.navigate", Map.of("url", url));
    if (result.has("errorText")) {
      fail("Cannot load " + url + ": " + result.path("errorText").asText());
    }
    loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Evaluates an expression in the page and returns its value (promises awaited). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression,
        "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      fail("Evaluation failed: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** The events received so far with this method. */
  List<JsonNode> events(String method) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.path("method").asText().equals(method)) {
        found.add(e.path("params"));
      }
    }
    return found;
  }

  /** Asks the browser to quit, so that it cleans up after itself, then makes sure it has. */
  @Override
  public void close() throws Exception {
    session = null;
    try {
      call("Browser.close", Map.of());
    } catch (Exception | AssertionError e) {
      // the browser may close the connection before it answers
    }
    socket.abort();
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    if (process.waitFor(5, TimeUnit.SECONDS)) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
