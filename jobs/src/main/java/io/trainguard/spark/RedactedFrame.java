package io.trainguard.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.ValueProtector;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A frame protected by {@link TrainGuard#redact}: the protected rows, the
 * original rows the policy quarantines (for the caller to keep encrypted or discard), the counts
 * (no values), and the signed manifest section describing the frame. Both frames read one cached
 * result; {@link #close()} frees it and the broadcast detector, after which neither may be read.
 */
public final class RedactedFrame implements AutoCloseable {

  private final Dataset<Row> data;
  private final Dataset<Row> quarantine;
  private final FileStats summary;
  private final ObjectNode manifest;
  private final Dataset<Row> cached;
  private final Broadcast<ValueProtector> shared;

  RedactedFrame(Dataset<Row> data, Dataset<Row> quarantine, FileStats summary,
      ObjectNode manifest, Dataset<Row> cached, Broadcast<ValueProtector> shared) {
    this.data = data;
    this.quarantine = quarantine;
    this.summary = summary;
    this.manifest = manifest;
    this.cached = cached;
    this.shared = shared;
  }

  /** The protected rows, in the input's schema without the columns the policy drops. */
  public Dataset<Row> data() {
    return data;
  }

  /** The rows the policy quarantines, unchanged, in the input's schema. */
  public Dataset<Row> quarantine() {
    return quarantine;
  }

  /** Records, findings, column plans and values written as null; never a value. */
  public FileStats summary() {
    return summary;
  }

  /** The signed manifest section: run, configuration and the counts of the frame. */
  public ObjectNode manifest() {
    return manifest;
  }

  /** Findings per entity, sorted. */
  public Map<String, Long> findings() {
    return summary.findingsByEntity();
  }

  @Override
  public void close() {
    cached.unpersist();
    shared.destroy();
  }
}
