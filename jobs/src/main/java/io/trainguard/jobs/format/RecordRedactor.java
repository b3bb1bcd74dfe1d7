package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.Writer;

/**
 * Streams the records of one file to {@code out}, redacting personal data in string values and
 * keeping every other byte as it was.
 */
public interface RecordRedactor {

  /**
   * Reads all of {@code in}. Throws {@link MalformedRecordException} naming the line or row of a
   * record it cannot parse.
   */
  void redact(LineReader in, Writer out, FileStats stats) throws IOException;
}
