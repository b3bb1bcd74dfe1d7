package io.trainguard.encryption;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * KMS clients, one per region and endpoint setting per JVM (Spark executors open the key spec
 * once per task; the client is thread-safe and keeps its connections). Everything except the
 * HTTP client and the retry strategy comes from the SDK's standard settings: credentials from the
 * default chain, the region from the key ARN or the default region chain, and the endpoint from
 * {@code aws.endpointUrlKms} / {@code AWS_ENDPOINT_URL_KMS} (or {@code aws.endpointUrl},
 * {@code AWS_ENDPOINT_URL}, {@code endpoint_url} in the profile) when set.
 */
final class KmsClients {

  /** Attempts per KMS request, first try included. */
  static final int MAX_ATTEMPTS = 5;

  /** Exponential backoff with full jitter: up to 0.1 s, 0.2 s, 0.4 s, 0.8 s between attempts. */
  static final BackoffStrategy BACKOFF =
      BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20));
  /** Throttling backs off longer: up to 1 s, 2 s, 4 s, 8 s between attempts. */
  static final BackoffStrategy THROTTLING_BACKOFF =
      BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20));

  private static final Map<String, KmsClient> SHARED = new ConcurrentHashMap<>();

  private KmsClients() {}

  /** The JVM's client for {@code region} (null: the SDK's default region chain). */
  static KmsClient shared(String region) {
    // System properties can change within a JVM (tests, embedding); environment variables and
    // profile files are read once per client, like the SDK does.
    String key = region + '|' + System.getProperty("aws.endpointUrlKms") + '|'
        + System.getProperty("aws.endpointUrl") + '|' + System.getProperty("aws.region");
    return SHARED.computeIfAbsent(key, k -> create(region, retryStrategy(BACKOFF, THROTTLING_BACKOFF)));
  }

  /**
   * The standard retry strategy with AWS's retryable conditions (throttling error codes, 5xx,
   * I/O errors), {@link #MAX_ATTEMPTS} attempts and the given backoffs.
   */
  static RetryStrategy retryStrategy(BackoffStrategy backoff, BackoffStrategy throttlingBackoff) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(throttlingBackoff)
        .build();
  }

  static KmsClient create(String region, RetryStrategy retries) {
    KmsClientBuilder builder = KmsClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(retries));
    if (region != null) {
      builder.region(Region.of(region));
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      if (!String.valueOf(e.getMessage()).contains("region")) {
        throw e;
      }
      throw new KeyException("Cannot use KMS: no AWS region configured"
          + " (set AWS_REGION or aws.region, or name the key by its ARN)", e);
    }
  }
}
