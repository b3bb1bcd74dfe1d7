package io.trainguard.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.TrainguardException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.macie2.Macie2Client;

/** The real {@code Macie2Client} against a local stand-in for Macie on 127.0.0.1. */
class MacieApiWithLocalStandInTest {

  static final ObjectMapper JSON = new ObjectMapper();

  LocalMacieStandIn macie;
  Macie2Client client;

  @BeforeEach
  void start() throws Exception {
    macie = new LocalMacieStandIn().useForSdk();
    BackoffStrategy fast = BackoffStrategy.exponentialDelay(Duration.ofMillis(1),
        Duration.ofMillis(5));
    client = MacieApi.client(null, io.trainguard.encryption.AwsRetries.standard(fast, fast));
  }

  @AfterEach
  void stop() {
    client.close();
    macie.close();
  }

  /** A finding with one NAME cell at {@code row} of column 2 ({@code name}) of {@code key}. */
  static ObjectNode finding(String id, String bucket, String key, long row) {
    ObjectNode f = JSON.createObjectNode().put("id", id).put("category", "CLASSIFICATION");
    ObjectNode object = f.putObject("resourcesAffected");
    object.putObject("s3Bucket").put("name", bucket);
    object.putObject("s3Object").put("key", key).put("eTag", "etag-1").put("size", 100);
    ObjectNode details = f.putObject("classificationDetails").put("jobId", "job-1");
    ObjectNode detection = details.putObject("result").putArray("sensitiveData").addObject()
        .put("category", "PERSONAL_INFORMATION").put("totalCount", 1)
        .putArray("detections").addObject().put("type", "NAME").put("count", 1);
    detection.putObject("occurrences").putArray("cells").addObject()
        .put("row", row).put("column", 2).put("columnName", "name");
    return f;
  }

  @Test
  void pagesThroughListFindingsAndGetsFindingsInBatchesOfFifty() {
    macie.pageSize(50);
    IntStream.rangeClosed(1, 120).forEach(i ->
        macie.add(finding("f" + i, "training", "raw/customers.csv", i + 1)));
    macie.add(finding("other-bucket", "elsewhere", "raw/customers.csv", 2));

    MacieImport result = new MacieApi(client).findings("training", "raw/");

    List<JsonNode> lists = macie.requests("/findings").stream().map(r -> r.body()).toList();
    assertThat(lists).extracting(b -> b.path("nextToken").isMissingNode() ? null
        : b.get("nextToken").asText()).containsExactly(null, "page-50", "page-100");
    assertThat(lists.get(0).at("/findingCriteria/criterion/resourcesAffected.s3Bucket.name/eq/0")
        .asText()).isEqualTo("training");
    assertThat(lists.get(0).at("/findingCriteria/criterion/category/eq/0").asText())
        .isEqualTo("CLASSIFICATION");
    assertThat(macie.requests("/findings/describe")).extracting(r -> r.body().get("findingIds")
        .size()).containsExactly(50, 50, 20);
    assertThat(result.occurrences()).hasSize(120);
    assertThat(result.occurrences()).extracting(MacieOccurrence::findingId)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 120).mapToObj(i -> "f" + i).toList());
    assertThat(result.occurrences().get(0)).isEqualTo(new MacieOccurrence(MacieSource.FINDING,
        "f1", "job-1", "training", "raw/customers.csv", "etag-1", null, 100L, "PERSON", "NAME",
        false, new MacieLocation.Cell(2, 2, "name")));
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void keepsOnlyKeysUnderThePrefix() {
    macie.add(finding("in", "training", "raw/a.csv", 2));
    macie.add(finding("out", "training", "archive/a.csv", 2));

    MacieImport result = new MacieApi(client).findings("training", "raw/");

    assertThat(result.occurrences()).extracting(MacieOccurrence::findingId).containsExactly("in");
  }

  @Test
  void retriesThrottlingThenSucceeds() {
    macie.add(finding("f1", "training", "raw/a.csv", 2));
    macie.fail("/findings", 429, "ThrottlingException", 2);
    macie.fail("/findings/describe", 429, "ThrottlingException", 1);

    MacieImport result = new MacieApi(client).findings("training", null);

    assertThat(macie.requests("/findings")).hasSize(3);
    assertThat(macie.requests("/findings/describe")).hasSize(2);
    assertThat(result.occurrences()).hasSize(1);
  }

  @Test
  void failsWithExitFourWhenThrottlingOutlastsTheRetries() {
    macie.fail("/findings", 429, "ThrottlingException", 100);

    assertThatThrownBy(() -> new MacieApi(client).findings("training", null))
        .isInstanceOf(TrainguardException.class)
        .hasMessage("Cannot list Macie findings: Macie answered 429 ThrottlingException")
        .extracting(e -> ((TrainguardException) e).exitCode()).isEqualTo(ExitCode.SERVICE);
    assertThat(macie.requests("/findings")).hasSize(io.trainguard.encryption.AwsRetries.MAX_ATTEMPTS);
  }

  @Test
  void accessDeniedOnListFindingsNamesThePermission() {
    macie.fail("/findings", 403, "AccessDeniedException", 1);

    assertThatThrownBy(() -> new MacieApi(client).findings("training", null))
        .isInstanceOfSatisfying(MacieAccessDeniedException.class, e -> {
          assertThat(e.permission()).isEqualTo("macie2:ListFindings");
          assertThat(e.exitCode()).isEqualTo(ExitCode.SERVICE);
        })
        .hasMessage("Cannot list Macie findings: access denied"
            + " (the AWS identity needs macie2:ListFindings)");
    assertThat(macie.requests("/findings")).hasSize(1);
  }

  @Test
  void accessDeniedOnGetFindingsNamesThePermission() {
    macie.add(finding("f1", "training", "raw/a.csv", 2));
    macie.fail("/findings/describe", 403, "AccessDeniedException", 1);

    assertThatThrownBy(() -> new MacieApi(client).findings("training", null))
        .isInstanceOfSatisfying(MacieAccessDeniedException.class,
            e -> assertThat(e.permission()).isEqualTo("macie2:GetFindings"))
        .hasMessageContaining("macie2:GetFindings");
  }
}
