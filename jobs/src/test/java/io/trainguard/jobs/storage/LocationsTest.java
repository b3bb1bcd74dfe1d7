package io.trainguard.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.storage.Locations.Overlap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationsTest {

  @TempDir
  Path dir;

  private static Overlap overlap(String output, String input) {
    return Locations.overlap(Storage.path(output), Storage.path(input));
  }

  @Test
  void s3SpellingsOfOnePrefixAreTheSameLocation() {
    for (String spelling : new String[] {"s3a://b/x", "s3a://b/x/", "s3a://b/x/../x",
        "s3a://b/x/./", "s3a://b//x", "s3://b/x", "s3n://b/x/", "s3a://B/x"}) {
      assertThat(overlap(spelling, "s3a://b/x")).as(spelling).isEqualTo(Overlap.SAME);
    }
  }

  @Test
  void containmentIsByWholePathSegments() {
    assertThat(overlap("s3a://b/lake", "s3a://b/lake/raw")).isEqualTo(Overlap.CONTAINS);
    assertThat(overlap("s3a://b/lake/raw/../", "s3a://b/lake/raw/")).isEqualTo(Overlap.CONTAINS);
    assertThat(overlap("s3a://b/", "s3a://b/lake/raw")).isEqualTo(Overlap.CONTAINS);
    assertThat(overlap("s3a://b/lake/raw/clean", "s3a://b/lake/raw")).isEqualTo(Overlap.INSIDE);
    assertThat(overlap("s3a://b/lake2", "s3a://b/lake")).isEqualTo(Overlap.NONE);
    assertThat(overlap("s3a://b/lake", "s3a://b/lake2/raw")).isEqualTo(Overlap.NONE);
    assertThat(overlap("s3a://c/lake", "s3a://b/lake")).isEqualTo(Overlap.NONE);
    assertThat(overlap("/lake", "s3a://b/lake")).isEqualTo(Overlap.NONE);
  }

  @Test
  void localPathsAreComparedAfterResolvingLinks() throws Exception {
    Path raw = Files.createDirectories(dir.resolve("lake/raw"));
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("lake"));
    assertThat(overlap(dir.resolve("link").toString(), raw.toString()))
        .isEqualTo(Overlap.CONTAINS);
    assertThat(overlap(dir.resolve("link/raw/new/out").toString(), "file://" + raw))
        .isEqualTo(Overlap.INSIDE);
    assertThat(overlap(dir.resolve("lake/raw/").toString(), raw + "/../raw"))
        .isEqualTo(Overlap.SAME);
    assertThat(overlap(dir.resolve("lake/raw2").toString(), raw.toString()))
        .isEqualTo(Overlap.NONE);
  }
}
