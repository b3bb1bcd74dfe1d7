package io.trainguard.jobs.format;

import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

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
  public boolean nestedPaths() {
    return true;
  }

  @Override
  public boolean writesParquet() {
    return true;
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

  /** The parts' row groups in order, copied as they are, under the schema they all share. */
  @Override
  public void joinBlocks(List<Path> parts, OutputStream out, String name) throws IOException {
    FileMetaData first;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parts.get(0)))) {
      first = reader.getFooter().getFileMetaData();
    }
    ParquetFileWriter writer = new ParquetFileWriter(
        new StreamOutputFile(new NonClosingOutputStream(out), name), first.getSchema(),
        ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE,
        ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
    writer.start();
    for (Path part : parts) {
      InputFile in = new LocalInputFile(part);
      try (ParquetFileReader reader = ParquetFileReader.open(in)) {
        if (!reader.getFooter().getFileMetaData().getSchema().equals(first.getSchema())) {
          throw TrainguardException.input("Cannot decrypt " + name
              + ": its parts do not share one Parquet schema");
        }
      }
      writer.appendFile(in);
    }
    writer.end(first.getKeyValueMetaData());
  }
}
