package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.encryption.LocalKeyring;
import io.trainguard.jobs.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** The records a task reports to progress when it ends are all it read, slices included. */
class SliceProgressTest {

  @TempDir
  Path dir;

  @Test
  void theSlicesOfAFileReportEveryRecordTheyRead() throws Exception {
    StringBuilder csv = new StringBuilder("id,note\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append(",row ").append(i).append('\n');
    }
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("rows.csv"), csv);
    LocalKeyring key = LocalKeyring.generate(dir.resolve("keyring.json"));
    SparkSession spark = SparkTestSession.get();
    SparkContext context = spark.sparkContext();
    AtomicLong reported = new AtomicLong();
    AtomicLong tasks = new AtomicLong();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
          if (info.name().contains("trainguard.records.read") && info.update().isDefined()
              && info.update().get() instanceof Number n) {
            reported.addAndGet(n.longValue());
            tasks.incrementAndGet();
          }
        }
      }
    };
    context.addSparkListener(listener);
    try {
      ProtectResult result = new ProtectJob(spark, ProtectRequest.builder(in.toString(),
          dir.resolve("out").toString(), key.spec()).splitBytes(64 * 1024)
          .commandLine("test").build()).progress(ProtectJob.Progress.LINES).execute();
      context.listenerBus().waitUntilEmpty();
      assertThat(result.recordsIn()).isEqualTo(20_000);
      assertThat(tasks.get()).as("slices").isGreaterThan(2);
      assertThat(reported.get()).isEqualTo(20_000);
    } finally {
      context.removeSparkListener(listener);
    }
  }
}
