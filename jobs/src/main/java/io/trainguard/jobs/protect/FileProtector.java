package io.trainguard.jobs.protect;

import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.storage.HashingOutputStream;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.jobs.format.ValueProtector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;

/**
 * Protects one file on an executor: streams it through the format's redactor into an envelope-
 * encrypted output, hashing both sides. Only the key spec travels in the closure; key material
 * is opened on the executor.
 */
final class FileProtector implements Function<DataFile, FileResult> {

  /** Encryption context keys bound into every output file's header. */
  static final String CONTEXT_RUN = "trainguard:run";
  static final String CONTEXT_PATH = "trainguard:path";

  private final SerializableConfiguration conf;
  private final ValueProtector protector;
  private final String keySpec;
  private final String runId;
  private final String outputRoot;
  private final Format forcedFormat;

  FileProtector(SerializableConfiguration conf, ValueProtector protector, String keySpec,
      String runId, String outputRoot, Format forcedFormat) {
    this.conf = conf;
    this.protector = protector;
    this.keySpec = keySpec;
    this.runId = runId;
    this.outputRoot = outputRoot;
    this.forcedFormat = forcedFormat;
  }

  /** The output path, relative to the output root, of an input file. */
  static String outputPath(String inputRelativePath) {
    return "data/" + inputRelativePath + ".enc";
  }

  @Override
  public FileResult call(DataFile file) throws IOException {
    String relative = file.relativePath();
    Format format = forcedFormat != null ? forcedFormat : Format.byFileName(relative)
        .orElseThrow(() -> TrainguardException.input("Unsupported file type: " + relative
            + " (use --format csv|jsonl|text)"));
    String outRelative = outputPath(relative);
    Map<String, String> context = Map.of(CONTEXT_RUN, runId, CONTEXT_PATH, outRelative);
    KeyProvider key = KeyProviders.open(keySpec);
    Path in = new Path(file.uri());
    Path out = new Path(outputRoot + "/" + outRelative);
    FileSystem inFs = Storage.fileSystem(in, conf.get());
    FileSystem outFs = Storage.fileSystem(out, conf.get());
    FileStats stats = new FileStats();
    boolean done = false;
    try (HashingInputStream source = new HashingInputStream(inFs.open(in));
        HashingOutputStream sink = new HashingOutputStream(outFs.create(out, true))) {
      LineReader lines = new LineReader(source, LineReader.DEFAULT_MAX_LINE_CHARS);
      // Closing the writer closes the encrypting stream once (its close is not idempotent).
      try (Writer writer = new BufferedWriter(new OutputStreamWriter(
          EnvelopeCipher.encrypt(key, nonClosing(sink), context), StandardCharsets.UTF_8), 1 << 16)) {
        format.redactor(protector).redact(lines, writer, stats);
      } catch (CharacterCodingException e) {
        throw TrainguardException.input("Invalid UTF-8 in " + relative + " at line "
            + (lines.lineNumber() + 1));
      } catch (LineReader.LineTooLongException e) {
        throw TrainguardException.input("Cannot read " + relative + ": " + e.getMessage());
      } catch (UnscannableValueException e) {
        throw TrainguardException.input("Cannot scan " + relative + " at " + e.getMessage());
      } catch (MalformedRecordException e) {
        throw TrainguardException.input("Malformed " + format.id().toUpperCase(java.util.Locale.ROOT)
            + " in " + relative + " at " + e.getMessage());
      }
      sink.flush();
      done = true;
      return new FileResult(relative, file.uri(), format, source.count(), source.sha256(),
          outRelative, sink.count(), sink.sha256(), context, stats);
    } finally {
      if (!done) {
        outFs.delete(out, false);
      }
    }
  }

  /** The ESDK closes its sink; the hashing stream must stay open until its digest is read. */
  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
