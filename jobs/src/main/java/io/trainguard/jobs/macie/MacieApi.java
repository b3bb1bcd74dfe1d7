package io.trainguard.jobs.macie;

import io.trainguard.encryption.AwsRetries;
import io.trainguard.jobs.TrainguardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.AccessDeniedException;
import software.amazon.awssdk.services.macie2.model.CriterionAdditionalProperties;
import software.amazon.awssdk.services.macie2.model.Finding;
import software.amazon.awssdk.services.macie2.model.ListFindingsResponse;

/**
 * Sensitive data findings for one bucket from the Macie API: {@code ListFindings} filtered on the
 * bucket name and category {@code CLASSIFICATION} (paginated), then {@code GetFindings} in batches
 * of 50. Macie's criteria match whole values ({@code eq}), so a key prefix is applied to the
 * returned findings. IAM permissions: {@code macie2:ListFindings}, {@code macie2:GetFindings}.
 */
public final class MacieApi {

  /** The most finding ids one {@code GetFindings} call accepts. */
  public static final int BATCH = 50;

  private final Macie2Client client;

  public MacieApi(Macie2Client client) {
    this.client = client;
  }

  /**
   * A client configured by the SDK's standard settings (credentials chain; endpoint from
   * {@code aws.endpointUrlMacie2} / {@code AWS_ENDPOINT_URL_MACIE2}), {@code region} or the default
   * region chain when null, and retries with backoff on throttling and 5xx answers.
   */
  public static Macie2Client client(String region) {
    return client(region, AwsRetries.standard());
  }

  static Macie2Client client(String region, RetryStrategy retries) {
    try {
      return AwsRetries.configure(Macie2Client.builder(), region, retries).build();
    } catch (SdkClientException e) {
      throw TrainguardException.usage("Cannot use Macie: no AWS region configured"
          + " (set AWS_REGION or aws.region)");
    }
  }


  /**
   * The occurrences in sensitive data findings for objects of {@code bucket} whose key starts
   * with {@code keyPrefix} (null or empty: the whole bucket).
   */
  public MacieImport findings(String bucket, String keyPrefix) {
    String prefix = keyPrefix == null ? "" : keyPrefix;
    MacieImport.Collector out = new MacieImport.Collector();
    String origin = "the Macie API";
    List<String> ids = findingIds(bucket);
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
      for (Finding finding : getFindings(batch)) {
        String key = finding.resourcesAffected() == null
            || finding.resourcesAffected().s3Object() == null ? null
            : finding.resourcesAffected().s3Object().key();
        if (key == null || key.startsWith(prefix)) {
          FindingParser.parse(SdkJson.of(finding), MacieSource.FINDING, "without id", origin, out);
        }
      }
    }
    return out.result();
  }

  private List<String> findingIds(String bucket) {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListFindingsResponse page = call("list Macie findings", "macie2:ListFindings",
          () -> client.listFindings(r -> r.nextToken(next).findingCriteria(c -> c.criterion(Map.of(
              "resourcesAffected.s3Bucket.name", eq(bucket),
              "category", eq("CLASSIFICATION"))))));
      ids.addAll(page.findingIds());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return ids;
  }

  private List<Finding> getFindings(List<String> ids) {
    return call("get Macie findings", "macie2:GetFindings",
        () -> client.getFindings(r -> r.findingIds(ids)).findings());
  }

  private static CriterionAdditionalProperties eq(String value) {
    return CriterionAdditionalProperties.builder().eq(value).build();
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T call(String action, String permission, Call<T> call) {
    try {
      return call.run();
    } catch (AccessDeniedException e) {
      throw new MacieAccessDeniedException(action, permission, e);
    } catch (AwsServiceException e) {
      throw TrainguardException.service("Cannot " + action + ": Macie answered "
          + e.statusCode() + " " + e.awsErrorDetails().errorCode(), e);
    } catch (SdkException e) {
      throw TrainguardException.service("Cannot " + action + ": "
          + e.getClass().getSimpleName(), e);
    }
  }
}
