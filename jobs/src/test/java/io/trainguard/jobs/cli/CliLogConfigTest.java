package io.trainguard.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's logging configuration ({@code jobs/src/main/conf/log4j2.properties}). */
class CliLogConfigTest {

  @TempDir
  Path dir;

  @Test
  void aLogFileThatCannotBeCreatedIsOneLineAndNothingRuns() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "someone's notes");
    for (Path log : new Path[] {dir.resolve("missing/run.log"), notes.resolve("run.log")}) {
      TrainguardCliTest.Run r = TrainguardCliTest.run("--log-file", log.toString(), "keygen",
          "--out", dir.resolve("keyring.json").toString());
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).as(log.toString()).matches("trainguard: error: Cannot create log file "
          + java.util.regex.Pattern.quote(log.toString()) + ": [A-Za-z]+Exception\n");
      assertThat(dir.resolve("keyring.json")).doesNotExist();
    }
    assertThat(notes).hasContent("someone's notes");
  }

  @Test
  void libraryLogsNeverReachStderr() {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext("cli-config-test", null,
        Path.of("src/main/conf/log4j2.properties").toUri());
    try {
      context.start();
      context.getLogger("org.apache.pdfbox.pdmodel.font.PDTrueTypeFont")
          .warn("Using fallback font LiberationSerif for zz9canary@example.org");
      context.getLogger("org.apache.spark.scheduler.TaskSetManager")
          .error("Lost task 0.0 reading file:/in/zz9canary@example.org.csv");
      context.getLogger("org.apache.hadoop.fs.FileSystem").warn("zz9canary@example.org");
    } finally {
      context.stop();
      System.setErr(before);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
