package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.DebugLogCapture;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.output.Decryptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canaries: unique personal values seeded into a dataset must not appear anywhere protect
 * writes in the clear — DEBUG logs, Spark's event log, manifest, report, OpenLineage events, the
 * decrypted data, or files left in the temp directory — while the encrypted outputs still hold
 * them redacted.
 */
class NoLeakCanaryTest {

  private static final List<String> CANARIES = List.of(
      "qzx.canary.7731@example.net",   // e-mail
      "512-73-9146",                    // SSN
      "4539 5741 2206 6182",            // Luhn-valid card
      "Quinn Canarysson",               // a name, only found through the column plan
      "AKIAQZXCANARY7B3XYZW");          // a credential: quarantined, never decrypted as data

  @TempDir
  Path dir;

  @Test
  void noCanaryEscapesAnywhere() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("people.csv"), "id,full_name,contact,note\n"
        + "1,Quinn Canarysson,qzx.canary.7731@example.net,ssn 512-73-9146 card 4539 5741 2206 6182\n"
        + "2,Bo Okafor,bo@example.org,nothing\n"
        + "3,Ana Perez,ana@example.com,key AKIAQZXCANARY7B3XYZW\n");
    LocalKeyring key = LocalKeyring.generate(dir.resolve("key.json"));
    long started = System.currentTimeMillis();

    DebugLogCapture logs = new DebugLogCapture();
    Path out = dir.resolve("out");
    Path events = Files.createDirectories(dir.resolve("spark-events"));
    try {
      new ProtectJob(SparkTestSession.withEventLog(events), ProtectRequest.builder(
          input.toString(), out.toString(), key.spec()).build()).execute();
    } finally {
      SparkTestSession.stop(); // completes the event log
      logs.close();
    }

    assertThat(logs.text()).as("DEBUG logs were captured").contains("DEBUG");
    List<String> leaks = new ArrayList<>();
    check("logs", logs.text(), leaks);
    try (Stream<Path> logFiles = Files.walk(events)) { // Spark 4 rolls logs in a folder
      StringBuilder all = new StringBuilder();
      for (Path f : logFiles.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
      String eventLog = all.toString();
      assertThat(eventLog).as("the job's tasks are in it").contains("SparkListenerTaskEnd")
          .contains("trainguard protect: 1 file");
      check("Spark event log", eventLog, leaks);
    }
    for (String file : List.of("_trainguard/manifest.json", "_trainguard/report.html",
        "_trainguard/openlineage.jsonl")) {
      check(file, Files.readString(out.resolve(file)), leaks);
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        check(out.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1),
            leaks);
      }
    }
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    check("decrypted data", Files.readString(plain.resolve("people.csv")), leaks);
    for (Path temp : recentTempFiles(started, dir)) {
      try {
        check("temp file " + temp, Files.readString(temp, StandardCharsets.ISO_8859_1), leaks);
      } catch (java.nio.file.NoSuchFileException vanished) {
        // removed by its owner since it was listed
      }
    }
    assertThat(leaks).as("canaries found in the clear").isEmpty();
  }

  private static void check(String where, String text, List<String> leaks) {
    for (String canary : CANARIES) {
      if (text.contains(canary)) {
        leaks.add(canary + " in " + where);
      }
    }
  }

  /** Small regular files under the temp directory, outside {@code dir}, written since then. */
  static List<Path> recentTempFiles(long since, Path dir) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> recent = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tmp, 6)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          if (!p.startsWith(dir) && !inOtherJUnitTempDir(tmp, p) && Files.isRegularFile(p)
              && Files.isReadable(p)
              && Files.size(p) < 10_000_000
              && Files.getLastModifiedTime(p).toMillis() >= since) {
            recent.add(p);
          }
        } catch (IOException | SecurityException vanished) {
          // other processes' temp files come and go
        }
      }
    } catch (java.io.UncheckedIOException vanished) {
      // a directory removed while walking
    }
    return recent;
  }

  /** Inputs of other test runs (this very test in a concurrent build holds the same canaries). */
  private static boolean inOtherJUnitTempDir(Path tmp, Path p) {
    Path top = tmp.relativize(p).getName(0);
    return top.toString().startsWith("junit");
  }
}
