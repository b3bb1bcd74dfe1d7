package io.trainguard.jobs.protect;

import io.trainguard.jobs.format.ValueProtector;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.spark.util.KnownSizeEstimation;

/**
 * The protector as a Spark broadcast holds it, sized by its serialized length. Spark would
 * otherwise walk the whole object graph (every name list and model the analyzer has built) on
 * the driver before any task starts; the driver holds those objects anyway, and an executor's
 * copy starts as what was serialized, building its caches afterwards.
 */
final class SharedProtector implements Serializable, KnownSizeEstimation {

  private final ValueProtector protector;
  private final long serializedLength;

  SharedProtector(ValueProtector protector) {
    this.protector = protector;
    this.serializedLength = serializedLength(protector);
  }

  ValueProtector get() {
    return protector;
  }

  @Override
  public long estimatedSize() {
    return serializedLength;
  }

  private static long serializedLength(Serializable value) {
    long[] count = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    try (ObjectOutputStream out = new ObjectOutputStream(counting)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count[0];
  }
}
