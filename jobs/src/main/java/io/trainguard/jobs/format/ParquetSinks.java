package io.trainguard.jobs.format;

import java.io.IOException;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/** Where a Parquet file's records go: the redacted data file, and quarantine (opened on use). */
public interface ParquetSinks {

  /**
   * The writer of the redacted file, opened once; {@code personalColumns} are the columns (dot
   * paths, as in the schema) that hold personal data per the plan and the sampled records.
   */
  ParquetWriter<Group> data(MessageType schema, CompressionCodecName codec,
      Set<String> personalColumns) throws IOException;

  /** The writer of quarantined records (the input schema, values unchanged), opened once. */
  ParquetWriter<Group> quarantine(MessageType schema, CompressionCodecName codec)
      throws IOException;
}
