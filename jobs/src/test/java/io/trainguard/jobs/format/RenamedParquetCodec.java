package io.trainguard.jobs.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet under the id and extension {@code pq}: a format the tests add whose codec writes
 * Parquet files, as the built-in one's does, without being the built-in one.
 */
public final class RenamedParquetCodec implements FormatCodec {

  private final FormatCodec parquet = new ParquetFormat();

  @Override
  public String id() {
    return "pq";
  }

  @Override
  public List<String> extensions() {
    return List.of("pq");
  }

  @Override
  public Opening opening() {
    return parquet.opening();
  }

  @Override
  public Splitting splitting() {
    return parquet.splitting();
  }

  @Override
  public boolean nestedPaths() {
    return parquet.nestedPaths();
  }

  @Override
  public boolean writesParquet() {
    return parquet.writesParquet();
  }

  @Override
  public RecordCodec codec(FileInput in) throws IOException {
    return parquet.codec(in);
  }

  @Override
  public List<LineSlice> blockSlices(SeekableFile file, long splitBytes) throws IOException {
    return parquet.blockSlices(file, splitBytes);
  }

  @Override
  public void joinBlocks(List<Path> parts, OutputStream out, String name) throws IOException {
    parquet.joinBlocks(parts, out, name);
  }
}
