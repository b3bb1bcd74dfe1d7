package io.trainguard.jobs.protect;

import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.jobs.format.Compression;
import io.trainguard.jobs.storage.HashingOutputStream;
import io.trainguard.jobs.format.NonClosingOutputStream;
import io.trainguard.jobs.storage.Storage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One encrypted output file being written: text goes through UTF-8 (bytes directly), the
 * envelope cipher and a hash of the stored bytes. {@link #finish} seals it and tells what was
 * stored; {@link #abort} removes it. A {@link #plaintext} output skips the cipher
 * ({@code --no-encryption}).
 */
final class EncryptedOutput {

  private final FileSystem fs;
  private final Path path;
  private final String relative;
  private final Map<String, String> context;
  private final HashingOutputStream sink;
  private final OutputStream encrypting;
  /** Where text goes once encoded: the encrypting stream, or a compressing one over it. */
  private OutputStream text;
  private Writer writer;

  EncryptedOutput(FileSystem fs, Path path, String relative, Map<String, String> context,
      KeyProvider key) throws IOException {
    this(fs, path, Storage.create(fs, path, true), relative, context, key);
  }

  private EncryptedOutput(FileSystem fs, Path path, OutputStream target, String relative,
      Map<String, String> context, KeyProvider key) {
    this.fs = fs;
    this.path = path;
    this.relative = relative;
    this.context = context;
    this.sink = new HashingOutputStream(target);
    try {
      this.encrypting = key == null ? new NonClosingOutputStream(sink)
          : EnvelopeCipher.encrypt(key, new NonClosingOutputStream(sink), context);
    } catch (RuntimeException e) { // e.g. KMS refused the data key
      abort();
      throw e;
    }
    this.text = encrypting;
    this.writer = new BufferedWriter(new OutputStreamWriter(encrypting, StandardCharsets.UTF_8),
        1 << 16);
  }

  /** An output written as it is given: no cipher, no encryption context. */
  static EncryptedOutput plaintext(FileSystem fs, Path path, String relative) throws IOException {
    return new EncryptedOutput(fs, path, relative, Map.of(), null);
  }

  /** An output that stores nothing ({@code scan}): what is written is counted, then dropped. */
  static EncryptedOutput discarded(String relative) {
    return new EncryptedOutput(null, null, OutputStream.nullOutputStream(), relative, Map.of(),
        null);
  }

  /**
   * Text written from now on is compressed with {@code compression} before encryption; call
   * before anything is written.
   */
  EncryptedOutput compressed(Compression compression, Configuration conf) throws IOException {
    text = compression.out(encrypting, conf);
    writer = new BufferedWriter(new OutputStreamWriter(text, StandardCharsets.UTF_8), 1 << 16);
    return this;
  }

  /**
   * Text written from now on stores the bytes that a line reader kept as escapes as those bytes
   * ({@link EscapedBytesWriter}); call after {@link #compressed}, before anything is written.
   */
  EncryptedOutput keepingEscapedBytes() {
    writer = new BufferedWriter(new EscapedBytesWriter(text), 1 << 16);
    return this;
  }

  Writer writer() {
    return writer;
  }

  /** The plaintext as bytes (binary formats); closing it only flushes: {@link #finish} seals. */
  OutputStream stream() {
    return new NonClosingOutputStream(encrypting);
  }

  /** Closes the message (final frame and signature), then the file. */
  StoredOutput finish() throws IOException {
    writer.close(); // closes the encrypting stream once: its close is not idempotent
    sink.close();
    return context.isEmpty() ? StoredOutput.plaintext(relative, sink.count(), sink.sha256())
        : new StoredOutput(relative, sink.count(), sink.sha256(), context);
  }

  /** Removes a file that could not be finished. Never throws. */
  void abort() {
    try {
      sink.close();
    } catch (IOException | RuntimeException ignored) {
      // the file is deleted below either way
    }
    try {
      if (fs != null) {
        fs.delete(path, false);
      }
    } catch (IOException ignored) {
      // best effort: a failed run has no _SUCCESS, so a reader ignores it
    }
  }
}
