package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.format.LineSlice;
import io.trainguard.jobs.protect.InputSlices;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundaries of line splits, through both planners: {@code protect} and {@code scan}'s
 * ({@link InputSlices#plan}, ranges scanned on Spark) and {@code detect}'s
 * ({@link DetectSlices#find}, ranges scanned on a thread pool) cut the same file alike.
 */
class SlicePlannersTest {

  /** Bytes 0-10, 11-45 (an emoji at 17-20), 46-62 (two at 52-59), 63-76. */
  private static final String JSONL = "{\"n\":\"é\"}\n{\"n\":\"😀 ana.perez@example.com\"}\n"
      + "{\"n\":\"😀😀\"}\n{\"n\":\"plain\"}\n";

  private static JavaSparkContext jsc;

  @TempDir
  Path dir;

  @BeforeAll
  static void spark() {
    jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
  }

  /** The slices each planner finds for {@code bytes} cut every {@code splitBytes} on 2 cores. */
  private List<List<LineSlice>> bothPlanners(byte[] bytes, long splitBytes) throws IOException {
    Path file = Files.write(dir.resolve("d.jsonl"), bytes);
    assertThat(jsc.defaultParallelism()).isEqualTo(2);
    List<LineSlice> spark = InputSlices.plan(jsc,
            jsc.broadcast(new SerializableConfiguration(new Configuration())),
            List.of(new DataFile(file.toUri().toString(), "d.jsonl", bytes.length, null, null)),
            null, splitBytes, true)
        .getOrDefault("d.jsonl", List.of());
    List<LineSlice> threads = DetectSlices.find(file, splitBytes, 2, Runnable::run);
    return List.of(spark, threads);
  }

  @Test
  void aRecordStraddlingABoundaryBelongsToTheSliceWhereItStarts() throws IOException {
    // two ranges, cut at byte 38, inside the record of bytes 11-45
    assertThat(bothPlanners(JSONL.getBytes(StandardCharsets.UTF_8), 39)).containsOnly(List.of(
        new LineSlice(0, 2, 0, 46, 0, 0), new LineSlice(1, 2, 46, 77, 2, 2)));
  }

  @Test
  void aSplitInsideAMultiByteCharacterCutsNoRecord() throws IOException {
    // four ranges, cut at 19 (inside the emoji at 17-20), 38 and 57 (inside the one at 56-59)
    assertThat(bothPlanners(JSONL.getBytes(StandardCharsets.UTF_8), 20)).containsOnly(List.of(
        new LineSlice(0, 3, 0, 46, 0, 0), new LineSlice(1, 3, 46, 63, 2, 2),
        new LineSlice(2, 3, 63, 77, 3, 3)));
  }

  @Test
  void aFileNoLargerThanASplitIsReadWhole() throws IOException {
    assertThat(bothPlanners(JSONL.getBytes(StandardCharsets.UTF_8), 77))
        .containsOnly(List.of());
    assertThat(bothPlanners(JSONL.getBytes(StandardCharsets.UTF_8), 1000))
        .containsOnly(List.of());
  }

  @Test
  void anEmptyFileIsReadWhole() throws IOException {
    assertThat(bothPlanners(new byte[0], 1)).containsOnly(List.of());
  }
}
