package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.Serializable;

/**
 * What one Spark task of {@code protect} does with an input file: protect all of it, protect one
 * slice of it ({@code slice}), or, for a file read in slices, hash it whole ({@code digest}).
 */
record FileTask(DataFile file, LineSlice slice, boolean digest) implements Serializable {

  static FileTask whole(DataFile file) {
    return new FileTask(file, null, false);
  }

  static FileTask slice(DataFile file, LineSlice slice) {
    return new FileTask(file, slice, false);
  }

  static FileTask digest(DataFile file) {
    return new FileTask(file, null, true);
  }

  /** The input bytes this task protects (a digest protects none). */
  long bytes() {
    return digest ? 0 : slice == null ? file.size() : slice.length();
  }
}
