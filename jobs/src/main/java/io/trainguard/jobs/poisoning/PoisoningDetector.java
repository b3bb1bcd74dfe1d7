package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A dataset-level poisoning detector: flag rows ({@code record_id, score, reasons}). */
public interface PoisoningDetector extends Serializable {

  /**
   * The flags, computed (a detector keeps no cached input behind); a record may appear more than
   * once (one row per reason group).
   */
  Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config);
}
