package io.trainguard.jobs.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for AWS STS on 127.0.0.1 that answers GetCallerIdentity in STS's query protocol
 * (form-encoded POST, XML response), so the real StsClient can be tested without AWS.
 */
public final class LocalStsStandIn implements AutoCloseable {

  /** One request as the stand-in received it. */
  public record Request(String body, String authorization) {}

  private final HttpServer server;
  private final String arn;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final String savedEndpoint = System.getProperty("aws.endpointUrlSts");

  private LocalStsStandIn(String arn) throws IOException {
    this.arn = arn;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts the stand-in, answering as {@code arn}, and points {@code aws.endpointUrlSts} at it. */
  public static LocalStsStandIn start(String arn) throws IOException {
    return new LocalStsStandIn(arn);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
    boolean known = "POST".equals(exchange.getRequestMethod())
        && body.contains("Action=GetCallerIdentity");
    String account = arn.split(":")[4];
    String xml = known ? """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>%s</Arn>
            <UserId>AIDALOCALSTANDIN</UserId>
            <Account>%s</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """.formatted(arn, account) : """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>InvalidAction</Code><Message>unsupported</Message></Error>
          <RequestId>00000000-0000-0000-0000-000000000002</RequestId>
        </ErrorResponse>
        """;
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(known ? 200 : 400, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    if (savedEndpoint == null) {
      System.clearProperty("aws.endpointUrlSts");
    } else {
      System.setProperty("aws.endpointUrlSts", savedEndpoint);
    }
  }
}
