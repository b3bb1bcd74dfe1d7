package io.trainguard.jobs.protect;

import io.trainguard.jobs.Counts;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reports files, bytes and records done while protect runs, from Spark's task events (one task
 * per file, or per slice of a large one) and, inside a file, from the {@link InFileCounters}
 * executors send with their heartbeats. While files are read, the rate and the time left are a
 * {@link RecentRate} of the bytes from the first task on (Spark's and the job's start-up
 * excluded); the line that counts every byte gives the run's average rate. On a terminal it
 * redraws one line, at most every {@link #MIN_INTERVAL_NANOS}; otherwise it prints a line when
 * another tenth of the bytes is done or {@link #QUIET_NANOS} have passed, no more often. Spark delivers listener events
 * asynchronously, so {@link #finish} prints the final tally itself.
 */
final class ProgressReporter extends SparkListener {

  static final long MIN_INTERVAL_NANOS = 5_000_000_000L;
  static final long QUIET_NANOS = 60_000_000_000L;

  private final List<Long> sizesByPartition;
  private final List<Integer> fileByPartition;
  private final int totalFiles;
  /** Tasks not yet done, per file: a file is done with its last slice. */
  private final int[] tasksLeft;
  private final long totalBytes;
  private final Unit unit;
  private final PrintStream out;
  private final boolean interactive;
  private final LongSupplier nanoTime;
  private final long recordsId;
  private final long bytesId;
  /** Records and bytes read so far by each running task, by task id. */
  private final Map<Long, long[]> running = new HashMap<>();
  /** Tasks that ended: a heartbeat sent before the end may arrive after it. */
  private final Set<Long> ended = new HashSet<>();
  private int files;
  private long filesBytes;
  private long filesRecords;
  /** Bytes done, counted from the first task's start; before it, from when reporting began. */
  private final RecentRate rate;
  private boolean anyStarted;
  private boolean finished;
  private long lastLineAt;
  private boolean anyLine;
  private int lastTenth = -1;
  private String lastCounts = "";
  private String lastLine = "";
  /** Length of the last line drawn on a terminal, which a shorter one must blank out. */
  private int drawn;

  ProgressReporter(List<Long> sizesByPartition, List<Integer> fileByPartition, PrintStream out,
      boolean interactive, InFileCounters counters) {
    this(sizesByPartition, fileByPartition, out, interactive, counters.recordsId(),
        counters.bytesId(), System::nanoTime);
  }

  /**
   * {@code sizesByPartition}: the input bytes each task protects; {@code fileByPartition}: the
   * file (numbered from 0) each task reads; {@code recordsId}, {@code bytesId}: the accumulators
   * of {@link InFileCounters}.
   */
  ProgressReporter(List<Long> sizesByPartition, List<Integer> fileByPartition, PrintStream out,
      boolean interactive, long recordsId, long bytesId, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.rate = new RecentRate(nanoTime.getAsLong());
    this.sizesByPartition = List.copyOf(sizesByPartition);
    this.fileByPartition = List.copyOf(fileByPartition);
    this.totalFiles = fileByPartition.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.tasksLeft = new int[totalFiles];
    fileByPartition.forEach(f -> tasksLeft[f]++);
    this.totalBytes = sizesByPartition.stream().mapToLong(Long::longValue).sum();
    this.unit = Unit.of(totalBytes);
    this.out = out;
    this.interactive = interactive;
    this.recordsId = recordsId;
    this.bytesId = bytesId;
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    taskStarted();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var task : CollectionConverters.asJava(update.accumUpdates())) {
      long records = value(task._4(), recordsId);
      long bytes = value(task._4(), bytesId);
      if (records >= 0 || bytes >= 0) {
        reading((Long) task._1(), Math.max(records, 0), Math.max(bytes, 0));
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    long taskId = taskEnd.taskInfo().taskId();
    if ("Success".equals(String.valueOf(taskEnd.reason()))) {
      fileDone(taskId, taskEnd.taskInfo().index(),
          Math.max(value(taskEnd.taskInfo().accumulables(), recordsId), 0));
    } else {
      taskFailed(taskId);
    }
  }

  /** The update of accumulator {@code id} among {@code infos}, or -1. */
  private static long value(Seq<AccumulableInfo> infos, long id) {
    for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
      if (info.id() == id && info.update().isDefined()
          && info.update().get() instanceof Number n) {
        return n.longValue();
      }
    }
    return -1;
  }

  /** A task started: the rate counts from the first one. */
  synchronized void taskStarted() {
    if (!anyStarted) {
      anyStarted = true;
      rate.restart(nanoTime.getAsLong());
    }
  }

  /** Task {@code taskId} has read {@code records} and {@code bytes} of its file so far. */
  synchronized void reading(long taskId, long records, long bytes) {
    if (!ended.contains(taskId)) {
      running.put(taskId, new long[] {records, bytes});
      report();
    }
  }

  /** Task {@code taskId} failed (Spark may retry it): what it had read no longer counts. */
  synchronized void taskFailed(long taskId) {
    ended.add(taskId);
    running.remove(taskId);
  }

  /** Task {@code taskId} protected the file of partition {@code index}, {@code records} records. */
  synchronized void fileDone(long taskId, int index, long records) {
    ended.add(taskId);
    running.remove(taskId);
    if (index < sizesByPartition.size()) {
      filesBytes += sizesByPartition.get(index);
      if (--tasksLeft[fileByPartition.get(index)] == 0) {
        files++;
      }
    }
    filesRecords += records;
    report();
  }

  /**
   * Ends reporting. When every file succeeded, prints the complete tally with {@code records},
   * the run's total, unless the last line said it already.
   */
  synchronized void finish(boolean allDone, long records) {
    if (finished) {
      return;
    }
    finished = true;
    String end = counts(totalFiles, totalBytes, records);
    if (allDone && !end.equals(lastCounts)) {
      printLine(end, totalBytes);
    } else if (interactive && anyLine) {
      out.println();
    }
  }

  private void report() {
    if (finished) {
      return;
    }
    long now = nanoTime.getAsLong();
    long bytes = filesBytes;
    long records = filesRecords;
    for (long[] task : running.values()) {
      records += task[0];
      bytes += task[1];
    }
    bytes = Math.min(bytes, totalBytes);
    rate.observe(now, bytes);
    String counts = counts(files, bytes, records);
    int tenth = totalBytes == 0 ? 10 : (int) (10 * bytes / totalBytes);
    boolean due = !anyLine || now - lastLineAt >= MIN_INTERVAL_NANOS;
    boolean news = interactive ? !counts.equals(lastCounts)
        : tenth > lastTenth || (!counts.equals(lastCounts) && now - lastLineAt >= QUIET_NANOS);
    if (due && news) {
      lastTenth = Math.max(lastTenth, tenth);
      printLine(counts, bytes);
    }
  }

  private String counts(int done, long bytes, long records) {
    return Counts.number(done) + "/" + Counts.number(totalFiles) + " files, "
        + unit.format(bytes) + "/" + unit.format(totalBytes) + unit.suffix + ", "
        + Counts.of(records, "record");
  }

  private void printLine(String counts, long bytes) {
    long now = nanoTime.getAsLong();
    boolean done = finished || bytes >= totalBytes;
    double bytesPerSecond = done ? bytes / Math.max(1e-3, (now - rate.started()) / 1e9)
        : rate.perSecond(now, bytes);
    String line = "trainguard: " + counts + ", " + unit.format(bytesPerSecond) + unit.suffix
        + "/s" + (done ? "" : rate.left(now, bytes, totalBytes));
    if (!interactive && line.equals(lastLine)) {
      return; // another tenth that rounds to the same figures says nothing new
    }
    if (interactive) {
      out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length()))
          + (finished ? "\n" : ""));
      drawn = line.length();
    } else {
      out.println(line);
    }
    out.flush();
    lastCounts = counts;
    lastLine = line;
    lastLineAt = now;
    anyLine = true;
  }

  /** The unit of a line's sizes and rate: the largest of bytes, KB and MB the total reaches. */
  private enum Unit {
    BYTES(1, " bytes"), KB(1e3, " KB"), MB(1e6, " MB");

    private final double scale;
    final String suffix;

    Unit(double scale, String suffix) {
      this.scale = scale;
      this.suffix = suffix;
    }

    static Unit of(long totalBytes) {
      return totalBytes >= MB.scale ? MB : totalBytes >= KB.scale ? KB : BYTES;
    }

    String format(double bytes) {
      return this == BYTES ? Counts.number(Math.round(bytes)) : Counts.decimal(bytes / scale);
    }
  }
}
