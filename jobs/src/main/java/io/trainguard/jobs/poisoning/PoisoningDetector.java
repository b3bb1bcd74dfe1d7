package io.trainguard.jobs.poisoning;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A dataset-level poisoning detector: flag rows ({@code record_id, score, reasons}). */
public interface PoisoningDetector extends Serializable {

  /**
   * The flags, computed and collected (a detector keeps no cached input behind); a record may
   * appear more than once (one flag per reason group).
   */
  List<PoisoningReport.Flag> detect(ScanInput input);

  /** {@link #detect(ScanInput)} of {@code data} under {@code config}. */
  default List<PoisoningReport.Flag> detect(Dataset<Row> data, PoisoningConfig config) {
    ScanInput input = ScanInput.of(data, config);
    try {
      return detect(input);
    } finally {
      input.release();
    }
  }

  /** {@link #detect} as a frame of flag rows. */
  default Dataset<Row> flags(Dataset<Row> data, PoisoningConfig config) {
    return Flags.frame(data.sparkSession(), detect(data, config));
  }
}
