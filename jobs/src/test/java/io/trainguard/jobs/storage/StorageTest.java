package io.trainguard.jobs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files: what is listed and created, and that neither starts a process per file. */
class StorageTest {

  @TempDir
  Path dir;

  @Test
  void listsDataFilesUnderALocalRootByRelativePathSkippingHiddenOnes() throws IOException {
    write("b.csv", "12345");
    write("a/x.jsonl", "1");
    write("a/deeper/y.txt", "123");
    write("_trainguard/manifest.json", "{}");
    write(".hidden/z.csv", "z");
    write("a/.part.crc", "c");
    write("a/_SUCCESS", "");

    List<Storage.DataFile> files = list();

    assertThat(files).extracting(Storage.DataFile::relativePath)
        .containsExactly("a/deeper/y.txt", "a/x.jsonl", "b.csv");
    assertThat(files).extracting(Storage.DataFile::size).containsExactly(3L, 1L, 5L);
    assertThat(files.get(2).uri()).isEqualTo(dir.resolve("b.csv").toUri().toString()
        .replace("file:///", "file:/"));
    assertThat(files).allSatisfy(f -> assertThat(f.etag()).isNull());
  }

  @Test
  void skippedEntriesAreNamedOnOneLineWithWhy() throws Exception {
    write("ok.csv", "1");
    for (String fifo : List.of("new\nfifo", "tab\tfifo")) {
      Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve(fifo).toString()).start();
      assertThat(mkfifo.waitFor()).isZero();
    }
    Files.createSymbolicLink(dir.resolve("loop"), dir);
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing"));
    org.apache.hadoop.fs.Path root = Storage.path(dir.toString());
    FileSystem fs = Storage.fileSystem(root, new Configuration());

    Storage.Listing plain = Storage.listInput(fs, root, false);
    Storage.Listing followed = Storage.listInput(fs, root, true);

    assertThat(plain.files()).extracting(Storage.DataFile::relativePath).containsExactly("ok.csv");
    assertThat(plain.skipped()).containsExactly("dangling (symbolic link)",
        "loop (symbolic link)", "new\\nfifo (special file)", "tab\\tfifo (special file)");
    assertThat(followed.files()).extracting(Storage.DataFile::relativePath)
        .containsExactly("ok.csv");
    assertThat(followed.skipped()).containsExactly("dangling (broken symbolic link)",
        "loop (already listed)", "new\\nfifo (special file)", "tab\\tfifo (special file)");
  }

  @Test
  void aRootThatIsAFileIsListedAlone() throws IOException {
    write("only.csv", "ab");
    FileSystem fs = Storage.fileSystem(Storage.path(dir.toString()), new Configuration());
    assertThat(Storage.listDataFiles(fs, Storage.path(dir.resolve("only.csv").toString())))
        .extracting(Storage.DataFile::relativePath, Storage.DataFile::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("only.csv", 2L));
  }

  @Test
  void listingLocalFilesStartsNoProcess() throws IOException {
    for (int i = 0; i < 20; i++) {
      write("part-" + i + "/support/t.jsonl", "{}");
    }
    Path events = dir.resolve("events.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      assertThat(list()).hasSize(20);
      recording.stop();
      recording.dump(events);
    }
    // Hadoop's recursive listFiles would run "ls -ld" for each of the 20 files and 40 dirs.
    List<RecordedEvent> started = RecordingFile.readAllEvents(events);
    assertThat(started).extracting(e -> e.getString("command")).isEmpty();
  }

  @Test
  void createsLocalFilesWithTheirDirectoriesWithoutStartingAProcess() throws IOException {
    org.apache.hadoop.fs.Path file = Storage.path(dir.resolve("data/part-1/t.jsonl.enc")
        .toString());
    FileSystem fs = Storage.fileSystem(file, new Configuration());
    Path events = dir.resolve("events.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      try (java.io.OutputStream out = Storage.create(fs, file, false)) {
        out.write("first".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      recording.stop();
      recording.dump(events);
    }
    // Hadoop's create runs "chmod" for the file and for each new directory.
    assertThat(RecordingFile.readAllEvents(events)).isEmpty();
    assertThat(dir.resolve("data/part-1/t.jsonl.enc")).hasContent("first");

    assertThatThrownBy(() -> Storage.create(fs, file, false))
        .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class)
        .hasMessageContaining("t.jsonl.enc");
    assertThat(dir.resolve("data/part-1/t.jsonl.enc")).hasContent("first");
    try (java.io.OutputStream out = Storage.create(fs, file, true)) {
      out.write("2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(dir.resolve("data/part-1/t.jsonl.enc")).hasContent("2");
  }

  private List<Storage.DataFile> list() throws IOException {
    org.apache.hadoop.fs.Path root = Storage.path(dir.toString());
    return Storage.listDataFiles(Storage.fileSystem(root, new Configuration()), root);
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
