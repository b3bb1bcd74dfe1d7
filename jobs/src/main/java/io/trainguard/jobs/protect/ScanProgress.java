package io.trainguard.jobs.protect;

import io.trainguard.jobs.Counts;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Lines about the poisoning scan: one when it starts, one per tenth of the files scanned, and,
 * while a file is scanned, one at most every interval with the records its passes have read so
 * far (Spark's input metrics and the lines accumulator, from task ends and executor heartbeats),
 * their rate and the time left at the rate of bytes in files scanned, each a {@link RecentRate}
 * from the scan's first task on, as protect's are. No file name: the lines are the same whatever
 * the files are called.
 */
final class ScanProgress extends SparkListener {

  /** Spark's records read by a task from a file source (Parquet). */
  static final String RECORDS_READ = "internal.metrics.input.recordsRead";

  private final List<Long> sizes;
  private final long totalBytes;
  private final Consumer<String> out;
  private final long intervalNanos;
  private final long linesId;
  private final LongSupplier nanoTime;
  private final Map<Long, Long> running = new HashMap<>();
  private final Set<Long> ended = new HashSet<>();
  private long endedRecords;
  private int scanned;
  private long scannedBytes;
  private long records;
  private long flagged;
  private final RecentRate recordsRate;
  private final RecentRate bytesRate;
  private boolean anyStarted;
  private long lastLineAt;
  private long lastReadShown = -1;

  /**
   * {@code sizes}: the bytes of each file, in scan order; {@code linesId}: the accumulator that
   * counts lines read from text files.
   */
  ScanProgress(List<Long> sizes, Consumer<String> out, long intervalNanos, long linesId,
      LongSupplier nanoTime) {
    this.sizes = List.copyOf(sizes);
    this.totalBytes = sizes.stream().mapToLong(Long::longValue).sum();
    this.out = out;
    this.intervalNanos = intervalNanos;
    this.linesId = linesId;
    this.nanoTime = nanoTime;
    this.recordsRate = new RecentRate(nanoTime.getAsLong());
    this.bytesRate = new RecentRate(nanoTime.getAsLong());
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    taskStarted();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var task : CollectionConverters.asJava(update.accumUpdates())) {
      reading((Long) task._1(), recordsRead(task._4()));
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    taskEnded(taskEnd.taskInfo().taskId(), recordsRead(taskEnd.taskInfo().accumulables()));
  }

  private long recordsRead(Seq<AccumulableInfo> infos) {
    long n = 0;
    for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
      boolean counted = info.id() == linesId
          || (info.name().isDefined() && RECORDS_READ.equals(info.name().get()));
      if (counted && info.update().isDefined() && info.update().get() instanceof Number v) {
        n += v.longValue();
      }
    }
    return n;
  }

  /** The scan begins. */
  synchronized void start() {
    line("trainguard: poisoning scan: " + Counts.of(sizes.size(), "file") + " before protecting");
  }

  /** A task started: the rates count from the scan's first one. */
  synchronized void taskStarted() {
    if (!anyStarted) {
      anyStarted = true;
      recordsRate.restart(nanoTime.getAsLong());
      bytesRate.restart(nanoTime.getAsLong());
    }
  }

  /** Running task {@code taskId} has read {@code read} records so far. */
  synchronized void reading(long taskId, long read) {
    if (!ended.contains(taskId)) {
      running.put(taskId, read);
      report();
    }
  }

  /** Task {@code taskId} ended, having read {@code read} records. */
  synchronized void taskEnded(long taskId, long read) {
    if (ended.add(taskId)) {
      running.remove(taskId);
      endedRecords += read;
      report();
    }
  }

  /** The next file was scanned: {@code fileRecords} records, {@code fileFlagged} flagged. */
  synchronized void fileDone(long fileRecords, long fileFlagged) {
    scannedBytes += sizes.get(scanned);
    scanned++;
    records += fileRecords;
    flagged += fileFlagged;
    if (10 * scanned / sizes.size() != 10 * (scanned - 1) / sizes.size()) {
      line("trainguard: poisoning scan: " + Counts.number(scanned) + "/"
          + Counts.number(sizes.size()) + " files, " + Counts.of(records, "record")
          + " scanned, " + Counts.number(flagged) + " flagged");
    }
  }

  private void report() {
    long now = nanoTime.getAsLong();
    long read = endedRecords + running.values().stream().mapToLong(Long::longValue).sum();
    recordsRate.observe(now, read);
    bytesRate.observe(now, scannedBytes);
    if (scanned == sizes.size() || read == lastReadShown || now - lastLineAt < intervalNanos) {
      return;
    }
    lastReadShown = read;
    line("trainguard: poisoning scan: file " + Counts.number(scanned + 1) + " of "
        + Counts.number(sizes.size()) + ", " + Counts.of(read, "record") + " read, "
        + Counts.number(Math.round(recordsRate.perSecond(now, read))) + " records/s"
        + bytesRate.left(now, scannedBytes, totalBytes));
  }

  private void line(String text) {
    out.accept(text);
    lastLineAt = nanoTime.getAsLong();
  }
}
