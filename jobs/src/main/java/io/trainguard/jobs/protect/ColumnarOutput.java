package io.trainguard.jobs.protect;

import io.trainguard.jobs.parquet.ParquetEncryption;
import io.trainguard.jobs.storage.HashingOutputStream;
import io.trainguard.jobs.format.NonClosingOutputStream;
import io.trainguard.jobs.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Parquet file that encrypts itself (Parquet modular encryption) being written: its bytes are
 * stored as they come, hashed. {@link #finish} tells what was stored; {@link #abort} removes it.
 */
final class ColumnarOutput {

  private final FileSystem fs;
  private final Path path;
  private final String relative;
  private final List<String> columnKeyColumns;
  private final HashingOutputStream sink;

  ColumnarOutput(FileSystem fs, Path path, String relative, List<String> columnKeyColumns)
      throws IOException {
    this.fs = fs;
    this.path = path;
    this.relative = relative;
    this.columnKeyColumns = columnKeyColumns;
    this.sink = new HashingOutputStream(Storage.create(fs, path, true));
  }

  /** The file's bytes; closing it only flushes: {@link #finish} closes the file. */
  OutputStream stream() {
    return new NonClosingOutputStream(sink);
  }

  StoredOutput finish() throws IOException {
    sink.close();
    return new StoredOutput(relative, sink.count(), sink.sha256(), Map.of(),
        ParquetEncryption.FORMAT, ParquetEncryption.ALGORITHM, columnKeyColumns);
  }

  /** Removes a file that could not be finished. Never throws. */
  void abort() {
    try {
      sink.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is deleted below either way
    }
    try {
      fs.delete(path, false);
    } catch (IOException ignored) {
      // best effort: a failed run has no _SUCCESS, so a reader ignores it
    }
  }
}
