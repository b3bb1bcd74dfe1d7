package io.trainguard.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.ExitCode;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two inputs whose outputs would share a name are refused before anything is written: a
 * document's text and metadata outputs ({@code r.pdf.txt}, {@code r.pdf.metadata.json}) are
 * also the outputs of inputs with those names.
 */
class OutputNameCollisionTest {

  @TempDir
  Path dir;

  @Test
  void inputsWhoseOutputsShareANameAreRefusedNamingBoth() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.write(in.resolve("r.pdf"), Documents.pdf(null, null));
    Files.writeString(in.resolve("r.pdf.txt"), "notes about the report\n");
    Files.writeString(in.resolve("r.pdf.metadata.json"), "{\"title\": \"report\"}\n");
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    Path out = dir.resolve("out");

    assertThatThrownBy(() -> new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(
        in.toString(), out.toString(), key.spec()).build()).execute())
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid input: r.pdf and r.pdf.metadata.json would both be written to"
            + " data/r.pdf.metadata.json.enc; rename one of them");
    assertThat(out).doesNotExist();
  }

  @Test
  void collisionsAreFoundWithoutEncryptionToo() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.write(in.resolve("r.pdf"), Documents.pdf(null, null));
    Files.writeString(in.resolve("r.pdf.txt"), "notes about the report\n");
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));

    assertThatThrownBy(() -> new ProtectJob(SparkTestSession.get(), ProtectRequest.builder(
        in.toString(), dir.resolve("out").toString(), key.spec()).encryptData(false).build())
        .execute())
        .isInstanceOfSatisfying(TrainguardException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage("Invalid input: r.pdf and r.pdf.txt would both be written to"
            + " data/r.pdf.txt; rename one of them");
  }
}
