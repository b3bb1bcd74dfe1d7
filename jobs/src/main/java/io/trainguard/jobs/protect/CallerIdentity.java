package io.trainguard.jobs.protect;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who ran protect, for the manifest: the AWS principal (STS GetCallerIdentity) when the run uses
 * AWS keys, else the local user. Never fails a run: an unreachable STS falls back to the user.
 */
record CallerIdentity(String kind, String id) {

  static CallerIdentity of(boolean aws) {
    if (aws) {
      try (StsClient sts = StsClient.builder()
          .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
        return new CallerIdentity("aws", sts.getCallerIdentity().arn());
      } catch (RuntimeException e) {
        // no credentials or no network: the local user is still worth recording
      }
    }
    return new CallerIdentity("local", System.getProperty("user.name", "unknown"));
  }
}
