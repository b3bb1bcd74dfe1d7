package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.manifest.Manifest;
import java.util.Map;

/** The outcome of a {@code protect} run: the signed manifest and where things were written. */
public record ProtectResult(ObjectNode manifest, String outputUri) {

  public long recordsIn() {
    return manifest.path("accounting").path("records_in").asLong();
  }

  public long recordsWritten() {
    return manifest.path("accounting").path("records_written").asLong();
  }

  public int files() {
    return manifest.path("inputs").size();
  }

  public Map<String, Long> findingsByEntity() {
    return Manifest.findingCounts(manifest);
  }
}
