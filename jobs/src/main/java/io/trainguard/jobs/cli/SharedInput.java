package io.trainguard.jobs.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * One input read once by two readers, each at its own pace: the bytes one has read ahead of the
 * other are kept until the other has read them too.
 */
final class SharedInput {

  private final InputStream source;
  private byte[] kept = new byte[64 * 1024];
  /** The offset in the input of {@code kept[0]}. */
  private long base;
  private int length;
  private boolean end;
  private final long[] positions = new long[2];

  SharedInput(InputStream source) {
    this.source = source;
  }

  /** Reader {@code which} (0 or 1); closing it closes nothing. */
  InputStream reader(int which) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        long position = positions[which];
        if (position == base + length && !fill()) {
          return -1;
        }
        int n = (int) Math.min(len, base + length - position);
        System.arraycopy(kept, (int) (position - base), b, off, n);
        positions[which] += n;
        return n;
      }
    };
  }

  /** Reads more of the source, first dropping what both readers have read; false at its end. */
  private boolean fill() throws IOException {
    if (end) {
      return false;
    }
    int drop = (int) (Math.min(positions[0], positions[1]) - base);
    System.arraycopy(kept, drop, kept, 0, length - drop);
    length -= drop;
    base += drop;
    if (length == kept.length) {
      kept = java.util.Arrays.copyOf(kept, kept.length * 2);
    }
    int n = source.read(kept, length, kept.length - length);
    if (n < 0) {
      end = true;
      return false;
    }
    length += n;
    return true;
  }
}
