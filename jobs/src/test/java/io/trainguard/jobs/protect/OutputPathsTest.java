package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.parquet.ParquetEncryption;
import org.junit.jupiter.api.Test;

/**
 * The paths protecting one input may write, which no two inputs may share: a format whose codec
 * writes Parquet has, under columnar encryption, its data output under its own name, encrypted
 * inside the file; any other format keeps its {@code .enc} output.
 */
class OutputPathsTest {

  @Test
  void aCodecThatWritesParquetHasItsColumnarOutputWhateverItsId() {
    assertThat(FileProtector.outputPaths("t/x.pq", Format.parse("pq"),
        ParquetEncryption.Mode.COLUMNAR, true, 1))
        .containsExactly("data/t/x.pq", "quarantine/t/x.pq.enc");
    assertThat(FileProtector.outputPaths("t/x.parquet", Format.PARQUET,
        ParquetEncryption.Mode.COLUMNAR, true, 1))
        .containsExactly("data/t/x.parquet", "quarantine/t/x.parquet.enc");
    assertThat(FileProtector.outputPaths("t/x.pq", Format.parse("pq"),
        ParquetEncryption.Mode.ENVELOPE, true, 2))
        .containsExactly("data/t/x.pq.enc", "quarantine/t/x.pq.enc",
            "data/t/x.pq.part-00000.enc", "data/t/x.pq.part-00001.enc",
            "quarantine/t/x.pq.part-00000.enc", "quarantine/t/x.pq.part-00001.enc");
    assertThat(FileProtector.outputPaths("t/x.adt", Format.parse("adt"),
        ParquetEncryption.Mode.COLUMNAR, false, 1))
        .containsExactly("data/t/x.adt", "quarantine/t/x.adt.enc");
  }
}
