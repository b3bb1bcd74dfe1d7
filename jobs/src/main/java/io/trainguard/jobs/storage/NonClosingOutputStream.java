package io.trainguard.jobs.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through and turns close into flush: the AWS Encryption SDK closes the stream it
 * writes to, while the hashing stream under it must stay open until its digest is read.
 */
public final class NonClosingOutputStream extends FilterOutputStream {

  public NonClosingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
