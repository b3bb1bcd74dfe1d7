package io.trainguard.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.DebugLogCapture;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
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
 * Canaries in documents (text, author, mail headers, a corrupt and an encrypted document) appear
 * nowhere in the clear: not in DEBUG logs of trainguard, Spark, Tika, POI or PDFBox, not in the
 * manifest, report or lineage events, not in the decrypted data; Tika leaves no temp file.
 */
class DocumentNoLeakTest {

  private static final String EMAIL = "qzx.doc.canary.4417@example.net";
  private static final String SSN = "512-73-9146";
  private static final String NAME = "Quinn Canarysson";

  @TempDir
  Path dir;

  @Test
  void noDocumentCanaryEscapes() throws Exception {
    Path input = Files.createDirectories(dir.resolve("in"));
    String text = "Reach " + EMAIL + " or SSN " + SSN + " today.";
    Files.write(input.resolve("a.html"), ("<html><head><meta name=\"author\" content=\"" + NAME
        + "\"></head><body><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
    Files.write(input.resolve("b.eml"), ("From: " + NAME + " <" + EMAIL + ">\r\nSubject: hi\r\n"
        + "Content-Type: text/plain\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    Files.write(input.resolve("c.docx"), Documents.docx());
    Files.write(input.resolve("broken.eml"), new byte[0]);
    Files.write(input.resolve("corrupt.pdf"), ("%PDF-1.7\n" + text + "\n")
        .getBytes(StandardCharsets.UTF_8));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("key.json"));
    long started = System.currentTimeMillis();

    DebugLogCapture logs = new DebugLogCapture();
    Path out = dir.resolve("out");
    try {
      new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(input.toString(),
          out.toString(), key.spec()).build()).execute();
    } finally {
      logs.close();
    }

    assertThat(logs.text()).as("DEBUG logs were captured").contains("DEBUG");
    List<String> leaks = new ArrayList<>();
    check("logs", logs.text(), leaks);
    for (String file : List.of("_trainguard/manifest.json", "_trainguard/report.html",
        "_trainguard/openlineage.jsonl")) {
      check(file, Files.readString(out.resolve(file)), leaks);
    }
    Path plain = dir.resolve("plain");
    new Decryptor(new Configuration(), key).decrypt(out.toString(), plain.toString());
    try (Stream<Path> files = Files.walk(plain)) {
      List<Path> decrypted = files.filter(Files::isRegularFile).sorted().toList();
      assertThat(decrypted.stream().map(p -> plain.relativize(p).toString())).containsExactly(
          "a.html.metadata.json", "a.html.txt", "b.eml.metadata.json", "b.eml.txt",
          "c.docx.metadata.json", "c.docx.txt");
      for (Path p : decrypted) {
        check("decrypted " + plain.relativize(p), Files.readString(p), leaks);
      }
    }
    assertThat(leaks).as("canaries found in the clear").isEmpty();
    assertThat(Files.readString(plain.resolve("b.eml.txt")))
        .startsWith("Reach <EMAIL_ADDRESS> or SSN <US_SSN> today.");
    assertThat(tikaTempFilesSince(started)).isEmpty();
  }

  private static void check(String where, String text, List<String> leaks) {
    for (String canary : List.of(EMAIL, SSN, NAME, Documents.EMAIL, Documents.SSN,
        Documents.AUTHOR)) {
      if (text.contains(canary)) {
        leaks.add(canary + " in " + where);
      }
    }
  }

  private static List<Path> tikaTempFilesSince(long since) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("apache-tika-"))
          .filter(p -> {
            try {
              return Files.getLastModifiedTime(p).toMillis() >= since;
            } catch (IOException vanished) {
              return false;
            }
          }).toList();
    }
  }
}
