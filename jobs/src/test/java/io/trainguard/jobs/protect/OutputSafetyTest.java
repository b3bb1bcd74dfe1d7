package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * protect never deletes or writes into its input, and {@code --overwrite} replaces only a prefix
 * that holds nothing but a trainguard output.
 */
class OutputSafetyTest {

  @TempDir
  static Path shared;
  static SparkSession spark;
  static LocalKeyring key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    key = LocalKeyring.generate(shared.resolve("keyring.json"));
  }

  static ProtectResult protect(String input, String output, boolean overwrite) {
    return new ProtectJob(spark, ProtectRequest.builder(input, output, key.spec())
        .overwrite(overwrite).commandLine("test").build()).execute();
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
          .toList();
    }
  }

  /** How messages name a local directory: Hadoop's spelling of its URI. */
  static String uri(Path p) {
    return "file:" + p.toAbsolutePath();
  }

  private void assertRawIntact(Path raw) throws IOException {
    assertThat(files(raw)).containsExactly("people.csv", "sub/notes.jsonl");
    assertThat(Files.readString(raw.resolve("people.csv"))).isEqualTo(Datasets.PEOPLE_CSV);
    assertThat(Files.readString(raw.resolve("sub/notes.jsonl"))).isEqualTo(Datasets.NOTES_JSONL);
  }

  @Test
  void anOutputContainingTheInputIsRefusedAndTheInputKept() throws IOException {
    Path raw = Datasets.write(dir.resolve("lake/raw"));
    assertThatThrownBy(() -> protect(raw.toString(), dir.resolve("lake").toString(), true))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid --output " + uri(dir.resolve("lake")) + ": it contains --input "
            + uri(raw) + "; choose an output outside the input");
    assertRawIntact(raw);
  }

  @Test
  void anOutputEqualToTheInputIsRefusedInEverySpelling() throws IOException {
    Path raw = Datasets.write(dir.resolve("lake/raw"));
    for (String output : List.of(raw.toString(), raw + "/", raw + "/../raw",
        "file://" + raw, "file://" + raw + "/./")) {
      assertThatThrownBy(() -> protect(raw.toString(), output, true)).as(output)
          .isInstanceOfSatisfying(TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining(": it is --input ");
    }
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("lake"));
    assertThatThrownBy(() -> protect(raw.toString(), dir.resolve("alias").toString(), true))
        .hasMessageContaining(": it contains --input ");
    assertRawIntact(raw);
  }

  @Test
  void anOutputInsideTheInputIsRefused() throws IOException {
    Path raw = Datasets.write(dir.resolve("lake/raw"));
    assertThatThrownBy(() -> protect(raw.toString(), raw.resolve("clean").toString(), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(": it lies inside --input ");
    assertRawIntact(raw);
  }

  @Test
  void anOutputThatIsAFileOrLiesUnderOneIsAUsageErrorAndTheFileKept() throws IOException {
    Path raw = Datasets.write(dir.resolve("raw"));
    Path file = Files.writeString(dir.resolve("notes.txt"), "someone's notes");
    assertThatThrownBy(() -> protect(raw.toString(), file.toString(), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid --output " + uri(file) + ": it is a file");
    assertThatThrownBy(() -> protect(raw.toString(), file.resolve("clean").toString(), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid --output " + uri(file.resolve("clean"))
            + ": a directory on its path is a file");
    assertThat(file).hasContent("someone's notes");
    assertRawIntact(raw);
  }

  @Test
  void overwriteRefusesAPrefixThatHoldsAnythingTrainguardDidNotWrite() throws IOException {
    Path raw = Datasets.write(dir.resolve("raw"));
    Path out = dir.resolve("out");
    protect(raw.toString(), out.toString(), false);
    Files.writeString(out.resolve("keep-me.txt"), "not trainguard's");

    assertThatThrownBy(() -> protect(raw.toString(), out.toString(), true))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Cannot replace output " + uri(out)
            + ": it holds keep-me.txt, which trainguard did not write; remove it or choose"
            + " another --output");
    assertThat(out.resolve("keep-me.txt")).hasContent("not trainguard's");
    assertThat(out.resolve("_SUCCESS")).exists();
  }

  @Test
  void overwriteRefusesAPrefixWithoutTrainguardMarkers() throws IOException {
    Path raw = Datasets.write(dir.resolve("raw"));
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("data"));
    Files.writeString(out.resolve("data/model.bin"), "someone's model");

    assertThatThrownBy(() -> protect(raw.toString(), out.toString(), true))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Cannot replace output " + uri(out)
            + ": it is not a trainguard output (no _SUCCESS, _trainguard/manifest.json or"
            + " _trainguard/_RUN); choose another --output");
    assertThat(out.resolve("data/model.bin")).hasContent("someone's model");
  }

  @Test
  void overwriteReplacesAnEarlierTrainguardOutputWhole() throws IOException {
    Path raw = Datasets.write(dir.resolve("raw"));
    Path out = dir.resolve("out");
    protect(raw.toString(), out.toString(), false);
    Files.writeString(out.resolve("data/old-only.csv.enc"), "from an older run");

    assertThatThrownBy(() -> protect(raw.toString(), out.toString(), false))
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("is not empty; choose another --output or pass --overwrite");
    protect(raw.toString(), out.toString(), true);
    assertThat(files(out)).containsExactly("_SUCCESS", "_trainguard/dataset-secret.enc",
        "_trainguard/manifest.json", "_trainguard/openlineage.jsonl", "_trainguard/report.html",
        "data/people.csv.enc", "data/sub/notes.jsonl.enc");
  }

  @Test
  void overwriteRefusesAnOutputThatHoldsASymbolicLinkAndLeavesWhatItNamesAlone()
      throws IOException {
    Path raw = Datasets.write(dir.resolve("raw"));
    Path victim = Files.createDirectories(dir.resolve("victim/sub"));
    Files.writeString(victim.resolve("model.bin"), "someone's model");
    Files.writeString(dir.resolve("victim/notes.txt"), "someone's notes");
    List<String> victimFiles = files(dir.resolve("victim"));
    Path out = dir.resolve("out");
    protect(raw.toString(), out.toString(), false);
    Files.createSymbolicLink(out.resolve("_trainguard/old"), dir.resolve("victim"));
    Path other = dir.resolve("other");
    protect(raw.toString(), other.toString(), false);
    try (Stream<Path> metadata = Files.walk(other.resolve("_trainguard"))) {
      metadata.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Files.createSymbolicLink(other.resolve("_trainguard"), dir.resolve("victim"));

    for (Path output : List.of(out, other)) {
      List<String> before = files(output);
      assertThatThrownBy(() -> protect(raw.toString(), output.toString(), true))
          .as(output.toString())
          .isInstanceOfSatisfying(TrainguardException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessage("Cannot replace output " + uri(output) + ": it holds a symbolic link,"
              + " which trainguard never writes; remove it or choose another --output");
      assertThat(files(output)).isEqualTo(before);
    }
    assertThat(files(dir.resolve("victim"))).isEqualTo(victimFiles)
        .containsExactly("notes.txt", "sub/model.bin");
    assertThat(victim.resolve("model.bin")).hasContent("someone's model");
  }
}
