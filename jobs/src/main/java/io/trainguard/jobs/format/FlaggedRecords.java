package io.trainguard.jobs.format;

import io.trainguard.redaction.RecordAction;
import java.io.Serializable;
import java.util.Set;

/**
 * Records of one file flagged as possibly poisoned, by the value of their id column or field,
 * and the record action they get ({@code null}: flag only, nothing to do while redacting).
 */
public record FlaggedRecords(Set<String> ids, RecordAction action) implements Serializable {

  /** Nothing flagged, or flag only. */
  public static final FlaggedRecords NONE = new FlaggedRecords(Set.of(), null);

  public FlaggedRecords {
    ids = Set.copyOf(ids);
  }

  /** The action for the record whose id value is {@code id} (null when it has none). */
  public RecordAction actionFor(String id) {
    return action != null && id != null && ids.contains(id) ? action : null;
  }
}
