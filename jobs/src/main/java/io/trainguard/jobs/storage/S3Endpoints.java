package io.trainguard.jobs.storage;

import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * Checks that the S3 endpoint a bucket is configured with ({@code fs.s3a.endpoint}, or the
 * bucket's own {@code fs.s3a.bucket.NAME.endpoint}) accepts connections, until it has once.
 * s3a treats a refused connection as transient and retries it for minutes under its defaults
 * ({@code fs.s3a.retry.limit} tries with exponential back-off, each of them
 * {@code fs.s3a.attempts.maximum} tries by the SDK); an endpoint that refuses the very first
 * connection, or whose host does not resolve, is mistyped or not running, so the command fails
 * at once (exit 4). Once an endpoint has answered, s3a's retries apply unchanged (throttling,
 * resets, timeouts). AWS's own endpoints (none set) and endpoints behind
 * {@code fs.s3a.proxy.host} are not checked.
 */
final class S3Endpoints {

  private static final Set<InetSocketAddress> ANSWERED = ConcurrentHashMap.newKeySet();

  private S3Endpoints() {}

  /** Throws a {@link TrainguardException} (exit 4) if {@code bucket}'s endpoint refuses. */
  static void check(Configuration conf, String bucket) {
    String own = "fs.s3a.bucket." + bucket + ".endpoint";
    String setting = conf.getTrimmed(own, "").isEmpty() ? "fs.s3a.endpoint" : own;
    String endpoint = conf.getTrimmed(setting, "");
    if (endpoint.isEmpty() || !option(conf, bucket, "proxy.host", "").isEmpty()) {
      return;
    }
    InetSocketAddress address = address(endpoint,
        Boolean.parseBoolean(option(conf, bucket, "connection.ssl.enabled", "true")));
    if (address == null || ANSWERED.contains(address)) {
      return;
    }
    long timeout = conf.getTimeDuration("fs.s3a.connection.establish.timeout", 30_000,
        TimeUnit.MILLISECONDS);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
          (int) Math.min(timeout, Integer.MAX_VALUE));
      ANSWERED.add(address);
    } catch (SocketTimeoutException e) {
      // possibly transient: s3a's own timeouts and retries decide
    } catch (IOException e) {
      throw TrainguardException.service("Cannot connect to S3 endpoint "
          + endpoint.replaceFirst("(?<=://)[^/?#@\\s]*@", "") + " (" + setting + "): "
          + problem(e), e);
    }
  }

  private static String problem(IOException e) {
    return e instanceof ConnectException ? "connection refused"
        : e instanceof UnknownHostException ? "unknown host"
        : e instanceof NoRouteToHostException ? "no route to host"
        : e.getClass().getSimpleName();
  }

  /**
   * Where s3a connects for {@code endpoint}: a URL, or a host with an optional port, which s3a
   * reaches over https unless {@code fs.s3a.connection.ssl.enabled} is false. Not resolved; null
   * if {@code endpoint} names no host (s3a reports that itself).
   */
  static InetSocketAddress address(String endpoint, boolean ssl) {
    URI uri;
    try {
      uri = new URI(endpoint.contains("://") ? endpoint
          : (ssl ? "https://" : "http://") + endpoint);
    } catch (URISyntaxException e) {
      return null;
    }
    if (uri.getHost() == null) {
      return null;
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  /** An s3a option as the bucket sees it: its own {@code fs.s3a.bucket.NAME.} setting first. */
  private static String option(Configuration conf, String bucket, String name, String otherwise) {
    String own = conf.getTrimmed("fs.s3a.bucket." + bucket + "." + name, "");
    return own.isEmpty() ? conf.getTrimmed("fs.s3a." + name, otherwise) : own;
  }
}
