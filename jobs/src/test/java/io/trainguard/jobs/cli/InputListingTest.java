package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.jobs.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What protect reads from a local input directory: regular files only, symbolic links only when
 * asked (and then without looping), and every name a file system allows.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputListingTest {

  private static final String CSV = "x\nbo@example.org\n";
  private static final String REDACTED = "x\n<EMAIL_ADDRESS>\n";

  @TempDir
  static Path shared;
  static String key;

  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    SparkTestSession.get();
    Path keyFile = shared.resolve("key.json");
    assertThat(TrainguardCliTest.run("keygen", "--out", keyFile.toString()).code()).isZero();
    key = "local:" + keyFile;
  }

  @Test
  void symlinkLoopsAreNotFollowedAndEachFileIsProtectedOnce() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(Files.createDirectories(in.resolve("a")).resolve("one.csv"), CSV);
    Files.writeString(Files.createDirectories(in.resolve("b")).resolve("two.csv"), CSV);
    Files.createSymbolicLink(in.resolve("a/up"), in);
    Files.createSymbolicLink(in.resolve("b/toA"), in.resolve("a"));
    Files.createSymbolicLink(in.resolve("a/toB"), in.resolve("b"));

    TrainguardCliTest.Run run = protect(in);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(decrypted()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "a/one.csv", REDACTED, "b/two.csv", REDACTED)));
    assertThat(warnings(run)).containsExactly("trainguard: warning: skipped 3 inputs (use"
        + " --follow-symlinks to read symbolic links): a/toB (symbolic link), a/up (symbolic"
        + " link), b/toA (symbolic link)");
  }

  @Test
  void followSymlinksReadsEachFileOnceDespiteLoops() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(Files.createDirectories(in.resolve("a")).resolve("one.csv"), CSV);
    Files.writeString(Files.createDirectories(in.resolve("b")).resolve("two.csv"), CSV);
    Files.createSymbolicLink(in.resolve("a/up"), in);
    Files.createSymbolicLink(in.resolve("b/toA"), in.resolve("a"));
    Files.createSymbolicLink(in.resolve("a/toB"), in.resolve("b"));
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("three.csv"), CSV);
    Files.createSymbolicLink(in.resolve("linked"), outside);
    Files.createSymbolicLink(in.resolve("file.csv"), outside.resolve("three.csv"));

    TrainguardCliTest.Run run = protect(in, "--follow-symlinks");

    assertThat(run.code()).as(run.err()).isZero();
    // Each directory is entered and each file read once, by its first path in name order.
    assertThat(decrypted()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "a/one.csv", REDACTED, "a/toB/two.csv", REDACTED, "file.csv", REDACTED)));
    assertThat(warnings(run)).containsExactly("trainguard: warning: skipped 4 inputs:"
        + " a/toB/toA (already listed), a/up (already listed), b (already listed),"
        + " linked/three.csv (already listed)");
  }

  @Test
  void aSymlinkOutOfTheInputIsNotFollowed() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("inside.csv"), CSV);
    Path secret = Files.writeString(dir.resolve("outside.csv"), CSV);
    Files.createSymbolicLink(in.resolve("escape.csv"), secret);
    Files.createSymbolicLink(in.resolve("escape-dir"), dir);

    TrainguardCliTest.Run run = protect(in);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(decrypted()).containsOnlyKeys("inside.csv");
    assertThat(warnings(run)).containsExactly("trainguard: warning: skipped 2 inputs (use"
        + " --follow-symlinks to read symbolic links): escape-dir (symbolic link), escape.csv"
        + " (symbolic link)");
  }

  @Test
  void aFifoIsSkippedWithAWarningInsteadOfHangingTheRun() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("data.csv"), CSV);
    Process mkfifo = new ProcessBuilder("mkfifo", in.resolve("pipe.csv").toString())
        .inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    TrainguardCliTest.Run run = protect(in);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(decrypted()).containsOnlyKeys("data.csv");
    assertThat(warnings(run)).containsExactly("trainguard: warning: skipped 1 input:"
        + " pipe.csv (special file)");
  }

  @Test
  void everyLegalFileNameIsProtectedAndDecryptedUnderItsName() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<String> names = Stream.of("new\nline", "back\\slash", "quote\"", "lt<", "gt>",
        "brace{", "brace}", "pipe|", "caret^", "tick`", "open[", "close]", "percent%41",
        "colon:x", "hash#", "question?", "space d", "semi;", "tab\t", "caf\u00e9")
        .map(n -> n + ".csv").toList();
    for (String name : names) {
      Files.writeString(in.resolve(name), CSV);
      Files.writeString(Files.createDirectories(in.resolve("d" + name)).resolve(name), CSV);
    }

    TrainguardCliTest.Run run = protect(in);

    assertThat(run.code()).as(run.err()).isZero();
    Map<String, String> expected = new TreeMap<>();
    names.forEach(n -> expected.put(n, REDACTED));
    names.forEach(n -> expected.put("d" + n + "/" + n, REDACTED));
    assertThat(decrypted()).containsExactlyEntriesOf(expected);
    assertThat(TrainguardCliTest.run("verify", "--manifest",
        dir.resolve("out/_trainguard/manifest.json").toString(), "--key", key).code()).isZero();
  }

  private TrainguardCliTest.Run protect(Path in, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("protect", "--input", in.toString(),
        "--output", dir.resolve("out").toString(), "--key", key));
    args.addAll(List.of(extra));
    return TrainguardCliTest.run(args.toArray(String[]::new));
  }

  private static List<String> warnings(TrainguardCliTest.Run run) {
    return run.err().lines().filter(l -> l.startsWith("trainguard: warning: skipped")).toList();
  }

  /** Relative path to content of every decrypted data file. */
  private Map<String, String> decrypted() throws IOException {
    Path plain = dir.resolve("plain");
    TrainguardCliTest.Run run = TrainguardCliTest.run("decrypt", "--key", key, "--input",
        dir.resolve("out").toString(), "--output", plain.toString());
    assertThat(run.code()).as(run.err()).isZero();
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(plain)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(plain.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
