package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the records of a binary file (Avro, ORC) go: the redacted data file, and quarantine.
 * Each is opened when first asked for; closing a stream only flushes it.
 */
public interface StreamSinks {

  OutputStream data() throws IOException;

  OutputStream quarantine() throws IOException;
}
