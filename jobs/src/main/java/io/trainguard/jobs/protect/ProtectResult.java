package io.trainguard.jobs.protect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.manifest.Manifest;
import io.trainguard.jobs.manifest.ManifestWriter;
import java.util.Map;

/** The outcome of a {@code protect} run: the signed manifest and where things were written. */
public record ProtectResult(Manifest manifest, String outputUri) {

  /** The signed manifest as stored. */
  public ObjectNode json() {
    return ManifestWriter.json(manifest);
  }

  public long recordsIn() {
    return manifest.accounting().recordsIn();
  }

  public long recordsWritten() {
    return manifest.accounting().recordsWritten();
  }

  public int files() {
    return manifest.inputs().size();
  }

  public Map<String, Long> findingsByEntity() {
    return manifest.findingCounts();
  }
}
