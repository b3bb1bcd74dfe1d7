package io.trainguard.jobs.macie;

/**
 * One occurrence of sensitive data that Macie reported, normalized: the S3 object (bucket, key
 * and, when the finding holds them, ETag, version id and size), the Presidio entity and Macie's own
 * type id, the location, and where it came from (finding or discovery result, with its ids).
 * Never holds a value from the data.
 *
 * @param custom whether a custom data identifier (rather than a managed one) detected it
 * @param findingId the finding's (or discovery result's) id; null when absent
 * @param jobId the classification job id; null for automated discovery without one
 */
public record MacieOccurrence(
    MacieSource source,
    String findingId,
    String jobId,
    String bucket,
    String key,
    String etag,
    String versionId,
    Long size,
    String entity,
    String macieType,
    boolean custom,
    MacieLocation location) {}
