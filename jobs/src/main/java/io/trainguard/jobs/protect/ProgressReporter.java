package io.trainguard.jobs.protect;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Reports files and bytes done while protect runs, from Spark's task-end events (one task per
 * file). On a terminal it redraws one line; otherwise it prints a line per tenth of the work.
 * Spark delivers listener events asynchronously, so {@link #finish} prints the final tally itself.
 */
final class ProgressReporter extends SparkListener {

  private final List<Long> sizesByPartition;
  private final long totalBytes;
  private final PrintStream out;
  private final boolean interactive;
  private final AtomicInteger files = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger lastTenth = new AtomicInteger(-1);
  private final long started = System.nanoTime();
  private boolean finished;
  private int lastPrintedFiles = -1;

  ProgressReporter(List<Long> sizesByPartition, PrintStream out, boolean interactive) {
    this.sizesByPartition = List.copyOf(sizesByPartition);
    this.totalBytes = sizesByPartition.stream().mapToLong(Long::longValue).sum();
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!"Success".equals(String.valueOf(taskEnd.reason()))) {
      return;
    }
    int index = taskEnd.taskInfo().index();
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
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    out.printf(Locale.ROOT, "%strainguard: %d/%d files, %.1f/%.1f MB, %.1f MB/s%s", prefix, done,
        sizesByPartition.size(), doneBytes / 1e6, totalBytes / 1e6, doneBytes / 1e6 / seconds,
        suffix);
    out.flush();
  }
}
