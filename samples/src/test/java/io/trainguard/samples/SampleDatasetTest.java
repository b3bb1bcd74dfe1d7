package io.trainguard.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDatasetTest {

  @TempDir
  Path dir;

  @Test
  void committedSamplesAreExactlyWhatTheGeneratorWrites() throws Exception {
    SampleDataset.write(dir, 50, 42L);
    Path committed = Path.of("data"); // the module directory is the working directory
    for (String file : new String[] {SampleDataset.CSV_FILE, SampleDataset.JSONL_FILE}) {
      assertThat(Files.readAllBytes(committed.resolve(file)))
          .as("samples/data/%s; regenerate with SampleDataset samples/data 50 42", file)
          .isEqualTo(Files.readAllBytes(dir.resolve(file)));
    }
  }

  @Test
  void isDeterministicPerSeedAndPlantsWhatItReports() throws Exception {
    SampleDataset.Summary a = SampleDataset.write(dir.resolve("a"), 40, 1L);
    SampleDataset.Summary b = SampleDataset.write(dir.resolve("b"), 40, 1L);
    assertThat(a).isEqualTo(b);
    String all = Files.readString(dir.resolve("a").resolve(SampleDataset.CSV_FILE))
        + Files.readString(dir.resolve("a").resolve(SampleDataset.JSONL_FILE));
    assertThat(a.personalValues()).allSatisfy(v -> assertThat(all).contains(v));
    assertThat(a.decoys()).isNotEmpty().allSatisfy(v -> assertThat(all).contains(v));
    assertThat(Files.readAllLines(dir.resolve("a").resolve(SampleDataset.CSV_FILE))).hasSize(41);
  }

  @Test
  void cardsPassLuhnAndOrderNumbersFailIt() {
    assertThat(SampleDataset.luhnCheckDigit("411111111111111")).isEqualTo(1);
    assertThat(SampleDataset.luhnCheckDigit("7992739871")).isEqualTo(3);
  }
}
