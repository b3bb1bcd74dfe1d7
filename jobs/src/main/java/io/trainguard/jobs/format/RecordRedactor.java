package io.trainguard.jobs.format;

import java.io.IOException;

/**
 * Streams the records of one file to {@link RecordSinks}: redacted records to data (every byte
 * without personal data kept as it was), records the policy quarantines to quarantine, records
 * it drops nowhere, each counted in {@link FileStats}.
 */
public interface RecordRedactor {

  /**
   * Reads all of {@code in}. Throws {@link MalformedRecordException} naming the line or row of a
   * record it cannot parse.
   */
  void redact(LineReader in, RecordSinks out, FileStats stats) throws IOException;

  /** The id of a record for per-record operators: the id field's value, else file and position. */
  static String recordId(String file, String idValue, String position) {
    return idValue != null && !idValue.isEmpty() ? idValue : file + ":" + position;
  }
}
