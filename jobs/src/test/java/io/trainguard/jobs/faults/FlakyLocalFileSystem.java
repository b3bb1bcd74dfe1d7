package io.trainguard.jobs.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the {@code flaky:} scheme, whose next {@link #failures} writes of a
 * file named {@link #failOn} break after a few bytes, as a lost disk or connection would. With
 * {@link #arm}, the n-th change to the disk (a create, rename or delete) and every later one
 * fails, as the process dying there ({@link Fault#CRASH}: nothing more happens, reads included)
 * or the disk filling up ({@link Fault#DISK_FULL}: writes of any byte fail, deletes still work).
 * {@link #pauseOn} holds the writer of a file until {@link #resume} opens. Spark local mode runs
 * tasks in this JVM, so the static switches reach them.
 */
public class FlakyLocalFileSystem extends RawLocalFileSystem {

  /** What happens from the armed step on. */
  public enum Fault { CRASH, DISK_FULL }

  static volatile String failOn = "";
  static final AtomicInteger failures = new AtomicInteger();
  static final AtomicInteger failed = new AtomicInteger();

  private static volatile Fault fault;
  private static volatile int faultAt = Integer.MAX_VALUE;
  private static final AtomicInteger changes = new AtomicInteger();

  static volatile String pauseOn = "";
  static volatile CountDownLatch paused = new CountDownLatch(1);
  static volatile CountDownLatch resume = new CountDownLatch(0);

  /** From now on, the {@code step}-th change (1-based) and every later one fails with {@code f}. */
  static void arm(Fault f, int step) {
    changes.set(0);
    faultAt = step;
    fault = f;
  }

  /** No more faults; returns how many changes were made since {@link #arm}. */
  static int disarm() {
    fault = null;
    faultAt = Integer.MAX_VALUE;
    return changes.get();
  }

  @Override
  public URI getUri() {
    return URI.create("flaky:///");
  }

  @Override
  public String getScheme() {
    return "flaky";
  }

  /** Counts a change; true once the armed fault applies to it. */
  private static boolean faulty() {
    Fault f = fault;
    return f != null && changes.incrementAndGet() >= faultAt;
  }

  private static boolean dead() {
    return fault == Fault.CRASH && changes.get() >= faultAt;
  }

  private static void checkAlive() throws IOException {
    if (dead()) {
      throw new IOException("injected crash");
    }
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    checkAlive();
    boolean diskFull = false;
    if (faulty()) {
      if (fault == Fault.CRASH) {
        throw new IOException("injected crash");
      }
      diskFull = true;
    }
    if (f.getName().equals(pauseOn)) {
      paused.countDown();
      try {
        resume.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize,
        progress);
    if (diskFull) {
      return new FSDataOutputStream(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          throw new IOException("No space left on device");
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      }, null);
    }
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

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    checkAlive();
    if (faulty()) {
      throw new IOException(fault == Fault.CRASH ? "injected crash" : "No space left on device");
    }
    return super.rename(src, dst);
  }

  @Override
  public boolean delete(Path p, boolean recursive) throws IOException {
    checkAlive();
    if (faulty() && fault == Fault.CRASH) {
      throw new IOException("injected crash");
    }
    return super.delete(p, recursive);
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    checkAlive();
    return plain(super.getFileStatus(f));
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    checkAlive();
    FileStatus[] all = super.listStatus(f);
    for (int i = 0; i < all.length; i++) {
      all[i] = plain(all[i]);
    }
    return all;
  }

  /** Without the raw local status, which reads permissions from a file: URI only. */
  private static FileStatus plain(FileStatus s) {
    return new FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(),
        s.getModificationTime(), s.getPath());
  }

  @Override
  public org.apache.hadoop.fs.FSDataInputStream open(Path f, int bufferSize) throws IOException {
    checkAlive();
    return super.open(f, bufferSize);
  }
}
