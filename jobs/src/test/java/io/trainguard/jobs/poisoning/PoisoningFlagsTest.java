package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.samples.poison.CustomerPoisonGenerator;
import io.trainguard.samples.poison.PoisonedDataset;
import io.trainguard.samples.poison.ReviewPoisonGenerator;
import io.trainguard.samples.poison.TabularPoisonGenerator;
import io.trainguard.samples.poison.TextPoisonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scan's flags on bench/poisoning's datasets (2,000 generated rows each, its seeds) are
 * exactly those recorded in {@code poisoning/flags/<dataset>.tsv}: record ids and reasons, and
 * scores to 12 significant digits. A change of how the scan runs must not move a flag; a change
 * of a detector's decisions records the files again: run this test with
 * {@code -Dtrainguard.record=<jobs/src/test/resources directory>} and review the diff.
 */
class PoisoningFlagsTest {

  private static final PoisoningConfig TABLE = PoisoningConfig.of("id", "label");
  private static final PoisoningConfig CUSTOMERS =
      PoisoningConfig.of("customer_key", "segment").withTextColumns(List.of("notes"));

  static Stream<Arguments> datasets() {
    return Stream.of(
        Arguments.of("tabular", TabularPoisonGenerator.generate(2000, 0.02, 11L), TABLE),
        Arguments.of("text", TextPoisonGenerator.generate(2000, 0.02, 11L, "zq velorix"),
            TABLE.withTextColumns(List.of("text"))),
        Arguments.of("customers", CustomerPoisonGenerator.generate(2000, 0.02, 11L, false),
            CUSTOMERS),
        Arguments.of("customers-clean", CustomerPoisonGenerator.generate(2000, 0, 11L, false),
            CUSTOMERS),
        Arguments.of("customers-long", CustomerPoisonGenerator.generate(2000, 0.02, 11L, true),
            CUSTOMERS),
        Arguments.of("reviews", ReviewPoisonGenerator.generate(2000, 0.02, 11L),
            PoisoningConfig.of("review_id", "rating").withTextColumns(List.of("review"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void flagsAreTheRecordedOnes(String name, PoisonedDataset data, PoisoningConfig config)
      throws IOException {
    PoisoningReport report = PoisoningDetectors.scan(PoisonFrames.frame(data), config);
    StringBuilder out = new StringBuilder();
    for (PoisoningReport.Flag f : report.collect()) {
      out.append(f.recordId()).append('\t').append(String.format(Locale.ROOT, "%.12g", f.score()))
          .append('\t').append(String.join("|", f.reasons())).append('\n');
    }
    String file = "poisoning/flags/" + name + ".tsv";
    String record = System.getProperty("trainguard.record");
    if (record != null) {
      Path path = Path.of(record, file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, out);
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
      assertThat(in).as(file).isNotNull();
      assertThat(out.toString()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
