package io.trainguard.jobs.format;

import java.io.IOException;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Parquet ({@link ParquetCodec}): a seekable file read footer first, split at row groups. */
final class ParquetFormat implements FormatCodec {

  @Override
  public String id() {
    return "parquet";
  }

  @Override
  public List<String> extensions() {
    return List.of("parquet");
  }

  @Override
  public String displayName() {
    return "Parquet";
  }

  @Override
  public Opening opening() {
    return Opening.SEEKABLE;
  }

  @Override
  public Splitting splitting() {
    return Splitting.BLOCKS;
  }

  @Override
  public RecordCodec codec(FileInput in) throws IOException {
    return new ParquetCodec(HadoopInputFile.fromStatus(in.seekable().status(),
        in.seekable().conf()), in.out().parquet(), in.file(), in.stats(), in.names(), in.slice());
  }

  @Override
  public List<LineSlice> blockSlices(SeekableFile file, long splitBytes) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(
        file.status(), file.conf()))) {
      return RowGroupSplits.slices(reader.getFooter().getBlocks(), file.status().getLen(),
          splitBytes);
    }
  }
}
