package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.FileStats;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Records and bytes a task has read so far, as named Spark accumulators: executors send a
 * running task's values with every heartbeat, which is how the driver's {@link ProgressReporter}
 * sees progress inside a file before its task ends.
 */
final class InFileCounters implements Serializable {

  /** Counts nothing (no progress shown, or {@code scan}). */
  static final InFileCounters NONE = new InFileCounters(null, null);

  private final LongAccumulator records;
  private final LongAccumulator bytes;

  private InFileCounters(LongAccumulator records, LongAccumulator bytes) {
    this.records = records;
    this.bytes = bytes;
  }

  /** Two new accumulators registered with {@code context}. */
  static InFileCounters register(SparkContext context) {
    return new InFileCounters(context.longAccumulator("trainguard.records.read"),
        context.longAccumulator("trainguard.bytes.read"));
  }

  long recordsId() {
    return records == null ? -1 : records.id();
  }

  long bytesId() {
    return bytes == null ? -1 : bytes.id();
  }

  /**
   * {@code in}, counting the bytes read from it and, at each read, the records {@code stats}
   * has counted since (records are counted by the redactor, which reads ahead in buffers).
   */
  InputStream counting(InputStream in, FileStats stats) {
    if (records == null) {
      return in;
    }
    return new FilterInputStream(in) {
      private long recordsSeen;

      @Override
      public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        counted(Math.max(n, 0));
        return n;
      }

      @Override
      public void close() throws IOException {
        counted(0);
        super.close();
      }

      private void counted(int n) {
        bytes.add(n);
        long seen = stats.records();
        records.add(seen - recordsSeen);
        recordsSeen = seen;
      }
    };
  }
}
