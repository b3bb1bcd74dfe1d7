package io.trainguard.jobs.protect;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Reports files and bytes done while protect runs, from Spark's task events (one task per file),
 * with a rate measured from the first task's start (Spark's and the job's start-up excluded) and
 * an estimate of the time left. On a terminal it redraws one line; otherwise it prints a line per
 * tenth of the work. Spark delivers listener events asynchronously, so {@link #finish} prints the
 * final tally itself.
 */
final class ProgressReporter extends SparkListener {

  private final List<Long> sizesByPartition;
  private final long totalBytes;
  private final PrintStream out;
  private final boolean interactive;
  private final AtomicInteger files = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger lastTenth = new AtomicInteger(-1);
  private final LongSupplier nanoTime;
  /** When the first task started; before that, when reporting began. */
  private final AtomicLong started;
  private final AtomicInteger tasksStarted = new AtomicInteger();
  private boolean finished;
  private int lastPrintedFiles = -1;

  ProgressReporter(List<Long> sizesByPartition, PrintStream out, boolean interactive) {
    this(sizesByPartition, out, interactive, System::nanoTime);
  }

  ProgressReporter(List<Long> sizesByPartition, PrintStream out, boolean interactive,
      LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.started = new AtomicLong(nanoTime.getAsLong());
    this.sizesByPartition = List.copyOf(sizesByPartition);
    this.totalBytes = sizesByPartition.stream().mapToLong(Long::longValue).sum();
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    taskStarted();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if ("Success".equals(String.valueOf(taskEnd.reason()))) {
      fileDone(taskEnd.taskInfo().index());
    }
  }

  /** A task started: the rate counts from the first one. */
  void taskStarted() {
    if (tasksStarted.getAndIncrement() == 0) {
      started.set(nanoTime.getAsLong());
    }
  }

  /** The file of partition {@code index} is done. */
  void fileDone(int index) {
    int done = files.incrementAndGet();
    long doneBytes = bytes.addAndGet(index < sizesByPartition.size()
        ? sizesByPartition.get(index) : 0);
    int tenth = totalBytes == 0 ? 10 : (int) (10 * doneBytes / totalBytes);
    if (interactive) {
      print("\r", done, doneBytes, "");
    } else if (lastTenth.getAndSet(tenth) != tenth) {
      print("", done, doneBytes, "\n");
    }
  }

  /** Ends reporting; when every file succeeded, makes sure the complete tally was printed. */
  synchronized void finish(boolean allDone) {
    if (finished) {
      return;
    }
    finished = true;
    if (allDone && lastPrintedFiles != sizesByPartition.size()) {
      printLine(interactive ? "\r" : "", sizesByPartition.size(), totalBytes, "\n");
    } else if (interactive && lastPrintedFiles >= 0) {
      out.println();
    }
  }

  private synchronized void print(String prefix, int done, long doneBytes, String suffix) {
    if (!finished) {
      printLine(prefix, done, doneBytes, suffix);
    }
  }

  private void printLine(String prefix, int done, long doneBytes, String suffix) {
    lastPrintedFiles = done;
    double seconds = Math.max(1e-3, (nanoTime.getAsLong() - started.get()) / 1e9);
    double bytesPerSecond = doneBytes / seconds;
    String left = done == sizesByPartition.size() || doneBytes == 0 ? ""
        : ", about " + duration((totalBytes - doneBytes) / bytesPerSecond) + " left";
    out.printf(Locale.ROOT, "%strainguard: %d/%d files, %.1f/%.1f MB, %.1f MB/s%s%s", prefix,
        done, sizesByPartition.size(), doneBytes / 1e6, totalBytes / 1e6, bytesPerSecond / 1e6,
        left, suffix);
    out.flush();
  }

  /** {@code 45 s}, {@code 3 min 05 s}, {@code 2 h 10 min}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
