package io.trainguard.jobs.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.DefaultCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * Whole-file compression of a line-based input ({@code customers.csv.gz}), by the file's last
 * extension: read through Hadoop's codecs, whose Java implementations need no native library,
 * and Zstandard through zstd-jni (Hadoop's own zstd codec needs libhadoop). The protected copy
 * is compressed the same way.
 */
public enum Compression {
  GZIP("gz", GzipCodec.class),
  BZIP2("bz2", BZip2Codec.class),
  ZSTD("zst", null),
  SNAPPY("snappy", SnappyCodec.class),
  LZ4("lz4", Lz4Codec.class),
  DEFLATE("deflate", DefaultCodec.class);

  private final String extension;
  private final Class<? extends CompressionCodec> codec;

  Compression(String extension, Class<? extends CompressionCodec> codec) {
    this.extension = extension;
    this.codec = codec;
  }

  /** The compression a file name ends with, if any. */
  public static Optional<Compression> byFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (lower.endsWith("." + c.extension)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** {@code name} without this compression's extension. */
  public String strip(String name) {
    return name.substring(0, name.length() - extension.length() - 1);
  }

  /** The decompressed content of {@code in}; closing it closes {@code in}. */
  public InputStream in(InputStream in, Configuration conf) throws IOException {
    return codec == null ? new ZstdInputStream(in) : codec(conf).createInputStream(in);
  }

  /** A stream compressing into {@code out}; closing it finishes the format and closes it. */
  public OutputStream out(OutputStream out, Configuration conf) throws IOException {
    return codec == null ? new ZstdOutputStream(out) : codec(conf).createOutputStream(out);
  }

  private CompressionCodec codec(Configuration conf) {
    return ReflectionUtils.newInstance(codec, conf);
  }
}
