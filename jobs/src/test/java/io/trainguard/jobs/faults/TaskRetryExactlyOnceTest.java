package io.trainguard.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.Datasets;
import io.trainguard.jobs.SparkTestSession;
import io.trainguard.jobs.output.Decryptor;
import io.trainguard.jobs.output.Verifier;
import io.trainguard.jobs.protect.ProtectJob;
import io.trainguard.jobs.protect.ProtectRequest;
import io.trainguard.jobs.protect.ProtectResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task whose output write breaks once is retried by Spark (the test session allows one retry,
 * as clusters allow three): the failed attempt's partial file is gone and every record is
 * written exactly once.
 */
class TaskRetryExactlyOnceTest {

  @TempDir
  Path dir;

  @Test
  void aTaskThatFailsOnceIsRetriedAndEachRecordIsWrittenOnce() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    conf.set("fs.flaky.impl", FlakyLocalFileSystem.class.getName());
    conf.setBoolean("fs.flaky.impl.disable.cache", true);
    Path input = Datasets.write(dir.resolve("in"));
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    String out = "flaky://" + dir.resolve("out").toAbsolutePath();
    FlakyLocalFileSystem.failOn = "people.csv.enc";
    FlakyLocalFileSystem.failures.set(1);
    FlakyLocalFileSystem.failed.set(0);
    try {
      ProtectResult result = new ProtectJob(spark,
          ProtectRequest.builder(input.toString(), out, key.spec()).build()).execute();

      assertThat(FlakyLocalFileSystem.failed.get()).as("the injected failure happened")
          .isEqualTo(1);
      assertThat(result.recordsIn()).isEqualTo(5);
      assertThat(result.json().path("accounting").path("records_written").asLong())
          .isEqualTo(5);
      Path plain = dir.resolve("plain");
      String written = dir.resolve("out").toString(); // the same files, read as plain local ones
      new Decryptor(conf, key).decrypt(written, plain.toString());
      assertThat(Files.readString(plain.resolve("people.csv")))
          .isEqualTo(Datasets.PEOPLE_CSV_REDACTED);
      assertThat(Files.readString(plain.resolve("sub/notes.jsonl")))
          .isEqualTo(Datasets.NOTES_JSONL_REDACTED);
      assertThat(new Verifier(conf).verify(written + "/_trainguard/manifest.json", key.signer())
          .holds()).isTrue();
    } finally {
      FlakyLocalFileSystem.failOn = "";
    }
  }
}
