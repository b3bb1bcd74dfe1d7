package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import java.io.Serializable;

/**
 * The outcome of protecting one input file: digests and sizes of what was read and written, and
 * counts. {@code quarantine} is null when no record of the file was quarantined; {@code data} is
 * null when the whole file was; {@code metadata} is the redacted metadata of a document, else
 * null.
 */
public record FileResult(String inputPath, String inputUri, String inputEtag,
    String inputVersionId, Format format,
    long inputSize, String inputSha256, StoredOutput data, StoredOutput quarantine,
    StoredOutput metadata, FileStats stats) implements Serializable {

  /** A file with no metadata output (every format but documents). */
  public FileResult(String inputPath, String inputUri, String inputEtag, String inputVersionId,
      Format format, long inputSize, String inputSha256, StoredOutput data,
      StoredOutput quarantine, FileStats stats) {
    this(inputPath, inputUri, inputEtag, inputVersionId, format, inputSize, inputSha256, data,
        quarantine, null, stats);
  }
}
