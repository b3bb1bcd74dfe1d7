package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.Writer;

/** Where a file's records go: the redacted data output, and quarantine (opened on first use). */
public interface RecordSinks {

  Writer data();

  /** The quarantine output of this file, encrypted like the data; created when first asked. */
  Writer quarantine() throws IOException;
}
