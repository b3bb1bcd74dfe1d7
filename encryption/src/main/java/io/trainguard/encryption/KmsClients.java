package io.trainguard.encryption;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS clients, one per region and endpoint setting per JVM (Spark executors open the key spec
 * once per task; the client is thread-safe and keeps its connections). Everything except the
 * HTTP client and the retry strategy comes from the SDK's standard settings: credentials from the
 * default chain, the region from the key ARN or the default region chain, and the endpoint from
 * {@code aws.endpointUrlKms} / {@code AWS_ENDPOINT_URL_KMS} (or {@code aws.endpointUrl},
 * {@code AWS_ENDPOINT_URL}, {@code endpoint_url} in the profile) when set.
 */
final class KmsClients {

  private static final Map<String, KmsClient> SHARED = new ConcurrentHashMap<>();

  private KmsClients() {}

  /** The JVM's client for {@code region} (null: the SDK's default region chain). */
  static KmsClient shared(String region) {
    // System properties can change within a JVM (tests, embedding); environment variables and
    // profile files are read once per client, like the SDK does.
    String key = region + '|' + System.getProperty("aws.endpointUrlKms") + '|'
        + System.getProperty("aws.endpointUrl") + '|' + System.getProperty("aws.region");
    return SHARED.computeIfAbsent(key, k -> create(region, AwsRetries.standard()));
  }

  static KmsClient create(String region, RetryStrategy retries) {
    try {
      return AwsRetries.configure(KmsClient.builder(), region, retries).build();
    } catch (SdkClientException e) {
      if (!String.valueOf(e.getMessage()).contains("region")) {
        throw e;
      }
      throw new KeyException("Cannot use KMS: no AWS region configured"
          + " (set AWS_REGION or aws.region, or name the key by its ARN)", e);
    }
  }
}
