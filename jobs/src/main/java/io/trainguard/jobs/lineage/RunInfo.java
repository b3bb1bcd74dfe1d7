package io.trainguard.jobs.lineage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The protect run that lineage events describe.
 *
 * @param runId the run id, the same as the manifest's {@code run.id}
 * @param outputRoot the {@code --output} URI or path; names the job, so that reruns into the
 *     same output are runs of one job
 */
public record RunInfo(UUID runId, Instant started, String outputRoot) {

  public RunInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(outputRoot, "outputRoot");
  }
}
