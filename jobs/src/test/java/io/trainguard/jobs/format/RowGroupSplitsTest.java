package io.trainguard.jobs.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.format.StreamOutputFile;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowGroupSplitsTest {

  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message rows { required int64 id; optional binary note (STRING); }");

  @TempDir
  Path dir;

  /** A Parquet file of {@code rows} records, {@code perGroup} to a row group; its row groups. */
  private List<BlockMetaData> write(String name, int rows, int perGroup) throws Exception {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamOutputFile(out,
            name)).withType(SCHEMA).withRowGroupRowCountLimit(perGroup).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = new SimpleGroup(SCHEMA);
        g.add("id", (long) i);
        g.add("note", "note " + i + " " + "x".repeat(i % 17));
        writer.write(g);
      }
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter().getBlocks();
    }
  }

  private long length(String name) throws Exception {
    return Files.size(dir.resolve(name));
  }

  @Test
  void eachRangeOwnsTheRowGroupsWhoseMiddleLiesInIt() throws Exception {
    List<BlockMetaData> groups = write("many.parquet", 400, 50);
    assertThat(groups).hasSize(8);
    long length = length("many.parquet");
    // one range per row group's worth of bytes: every row group in a slice of its own
    long split = groups.get(1).getStartingPos() - groups.get(0).getStartingPos();
    List<LineSlice> slices = RowGroupSplits.slices(groups, length, split);
    assertThat(slices).hasSizeGreaterThan(4);
    long rows = 0;
    for (int i = 0; i < slices.size(); i++) {
      LineSlice s = slices.get(i);
      assertThat(s.index()).isEqualTo(i);
      assertThat(s.count()).isEqualTo(slices.size());
      assertThat(s.start() % split).isZero();
      assertThat(s.recordsBefore()).isEqualTo(rows);
      for (BlockMetaData g : groups) {
        long middle = g.getStartingPos() + g.getCompressedSize() / 2;
        if (middle >= s.start() && middle < s.end()) {
          rows += g.getRowCount();
        }
      }
    }
    assertThat(rows).isEqualTo(400); // every row group owned once
  }

  @Test
  void oneRowGroupAllInOneRangeOrNoneIsReadWhole() throws Exception {
    List<BlockMetaData> one = write("one.parquet", 400, 1000);
    assertThat(one).hasSize(1);
    assertThat(RowGroupSplits.slices(one, length("one.parquet"), 64)).isEmpty();
    List<BlockMetaData> many = write("many.parquet", 400, 50);
    assertThat(RowGroupSplits.slices(many, length("many.parquet"),
        length("many.parquet"))).isEmpty();
    List<BlockMetaData> none = write("empty.parquet", 0, 50);
    assertThat(none).isEmpty();
    assertThat(RowGroupSplits.slices(none, length("empty.parquet"), 1)).isEmpty();
  }
}
