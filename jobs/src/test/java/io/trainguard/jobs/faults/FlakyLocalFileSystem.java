package io.trainguard.jobs.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the {@code flaky:} scheme, whose next {@link #failures} writes of a
 * file named {@link #failOn} break after a few bytes, as a lost disk or connection would. Spark
 * local mode runs tasks in this JVM, so the static switches reach them.
 */
public class FlakyLocalFileSystem extends RawLocalFileSystem {

  static volatile String failOn = "";
  static final AtomicInteger failures = new AtomicInteger();
  static final AtomicInteger failed = new AtomicInteger();

  @Override
  public URI getUri() {
    return URI.create("flaky:///");
  }

  @Override
  public String getScheme() {
    return "flaky";
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize,
        progress);
    if (!f.getName().equals(failOn) || failures.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
      return out;
    }
    return new FSDataOutputStream(new OutputStream() {
      private int written;

      @Override
      public void write(int b) throws IOException {
        if (++written > 64) {
          failed.incrementAndGet();
          throw new IOException("injected write failure");
        }
        out.write(b);
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    }, null);
  }
}
