package io.trainguard.jobs.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and SHA-256-hashes the bytes written through it. */
public final class HashingOutputStream extends FilterOutputStream {

  private final MessageDigest digest = Storage.sha256();
  private long count;

  public HashingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  public long count() {
    return count;
  }

  /** Lower-case hex SHA-256 of the bytes written so far. */
  public String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
