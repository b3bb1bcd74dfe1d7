package io.trainguard.encryption;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The retry policy of every AWS client trainguard builds (KMS, Macie): the SDK's standard
 * strategy with AWS's retryable conditions (throttling error codes, 5xx, I/O errors),
 * {@value #MAX_ATTEMPTS} attempts, and exponential backoff with full jitter.
 */
public final class AwsRetries {

  /** Attempts per request, first try included. */
  public static final int MAX_ATTEMPTS = 5;

  /** Up to 0.1 s, 0.2 s, 0.4 s, 0.8 s between attempts. */
  static final BackoffStrategy BACKOFF =
      BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20));
  /** Throttling backs off longer: up to 1 s, 2 s, 4 s, 8 s between attempts. */
  static final BackoffStrategy THROTTLING_BACKOFF =
      BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20));

  private AwsRetries() {}

  /**
   * {@code builder} set up as every trainguard client is: the URL-connection HTTP client (no
   * Netty next to Spark's), {@code retries}, and {@code region} (null: the SDK's region chain).
   */
  public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, String region, RetryStrategy retries) {
    builder.httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(retries));
    if (region != null) {
      builder.region(Region.of(region));
    }
    return builder;
  }

  /** The policy with its production backoffs. */
  public static RetryStrategy standard() {
    return standard(BACKOFF, THROTTLING_BACKOFF);
  }

  /** The policy with other backoffs (tests use none, to count attempts quickly). */
  public static RetryStrategy standard(BackoffStrategy backoff,
      BackoffStrategy throttlingBackoff) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(throttlingBackoff)
        .build();
  }
}
