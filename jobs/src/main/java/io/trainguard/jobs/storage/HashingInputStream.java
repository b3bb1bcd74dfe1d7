package io.trainguard.jobs.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and SHA-256-hashes the bytes read through it. */
public final class HashingInputStream extends FilterInputStream {

  private final MessageDigest digest = Storage.sha256();
  private long count;

  public HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("skipping would leave bytes unhashed");
  }

  public long count() {
    return count;
  }

  /** Lower-case hex SHA-256 of the bytes read so far. */
  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
