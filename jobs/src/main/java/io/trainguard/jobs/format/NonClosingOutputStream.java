package io.trainguard.jobs.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through and turns close into flush: a writer that closes the stream it writes to
 * (the AWS Encryption SDK, Parquet's) leaves open a stream its caller still writes to or hashes.
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
