package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two protect runs over the same input for tamper tests: one whose gate passed (with a
 * quarantined record holding an e-mail address and an AWS key) and one whose gate failed.
 * Tests tamper with {@link #copy copies}.
 */
record ProtectedOutputs(String key, Path passed, Path gateFailed) {

  static final String LOGS_CSV = "id,message\n1,deploy ok\n"
      + "2,Ana Perez ana.perez@example.com key AKIAIOSFODNN7EXAMPLE leaked\n";

  static ProtectedOutputs create(Path dir) throws IOException {
    SparkTestSession.get(); // the CLI reuses the JVM's session
    Path keyring = dir.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyring.toString()).code()).isZero();
    String key = "local:" + keyring;
    Path in = Datasets.write(dir.resolve("in"));
    Files.writeString(in.resolve("logs.csv"), LOGS_CSV);
    Path passed = dir.resolve("passed");
    TrainguardCliTest.Run ok = TrainguardCliTest.run("protect", "--input", in.toString(),
        "--output", passed.toString(), "--key", key);
    assertThat(ok.code()).as(ok.err()).isZero();
    Path policy = dir.resolve("gate.yaml");
    Files.writeString(policy, "version: 1\ndefault: replace\ngate:\n  fail_on_entities: [US_SSN]\n");
    Path gateFailed = dir.resolve("gate-failed");
    TrainguardCliTest.Run failed = TrainguardCliTest.run("protect", "--input", in.toString(),
        "--output", gateFailed.toString(), "--key", key, "--policy", policy.toString());
    assertThat(failed.code()).as(failed.err()).isEqualTo(3);
    return new ProtectedOutputs(key, passed, gateFailed);
  }

  /** A copy of {@code output} at {@code target}. */
  static Path copy(Path output, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(output.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /** Every regular file and symbolic link under {@code dir}, relative, sorted; none if absent. */
  static List<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }
}
