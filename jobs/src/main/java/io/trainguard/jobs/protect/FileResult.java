package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.manifest.Manifest;
import java.io.Serializable;
import java.util.List;

/**
 * The outcome of protecting one input file: digests and sizes of what was read and written, and
 * counts. {@code quarantine} is null when no record of the file was quarantined; {@code data} is
 * null when the whole file was; {@code metadata} is the redacted metadata of a document, else
 * null. An input read in slices has its outputs as {@code parts} (data and quarantine null); the
 * result of one slice's task names its {@code slice} (else null) and has no input digest.
 */
public record FileResult(String inputPath, String inputUri, String inputEtag,
    String inputVersionId, Format format,
    long inputSize, String inputSha256, StoredOutput data, StoredOutput quarantine,
    StoredOutput metadata, FileStats stats, LineSlice slice, List<Part> parts)
    implements Serializable {

  public FileResult {
    parts = List.copyOf(parts);
  }

  /** A file read whole. */
  public FileResult(String inputPath, String inputUri, String inputEtag, String inputVersionId,
      Format format, long inputSize, String inputSha256, StoredOutput data,
      StoredOutput quarantine, StoredOutput metadata, FileStats stats) {
    this(inputPath, inputUri, inputEtag, inputVersionId, format, inputSize, inputSha256, data,
        quarantine, metadata, stats, null, List.of());
  }

  /**
   * One output file of an input read in slices: part {@code index} of {@code count} of the
   * logical output {@code of}, holding {@code records} records.
   */
  public record Part(StoredOutput stored, Manifest.Kind kind, String of, int index, int count,
      long records) implements Serializable {}

  /** Every output file this result lists, parts included. */
  public List<StoredOutput> stored() {
    List<StoredOutput> all = new java.util.ArrayList<>();
    for (StoredOutput o : java.util.Arrays.asList(data, quarantine, metadata)) {
      if (o != null) {
        all.add(o);
      }
    }
    parts.forEach(p -> all.add(p.stored()));
    return all;
  }

  /** A file with no metadata output (every format but documents). */
  public FileResult(String inputPath, String inputUri, String inputEtag, String inputVersionId,
      Format format, long inputSize, String inputSha256, StoredOutput data,
      StoredOutput quarantine, FileStats stats) {
    this(inputPath, inputUri, inputEtag, inputVersionId, format, inputSize, inputSha256, data,
        quarantine, null, stats);
  }
}
