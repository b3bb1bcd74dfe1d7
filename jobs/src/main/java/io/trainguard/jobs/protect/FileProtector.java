package io.trainguard.jobs.protect;

import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.FlaggedRecords;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.MalformedRecordException;
import io.trainguard.jobs.format.RecordSinks;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.storage.SerializableConfiguration;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.jobs.storage.Storage.DataFile;
import io.trainguard.jobs.format.ValueProtector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;

/**
 * Protects one file on an executor: streams it through the format's redactor into envelope-
 * encrypted data (and, for records the policy quarantines, quarantine) outputs, hashing both
 * sides. Only the key spec travels in the closure; key material
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
  private final String idField;
  private final Map<String, MacieHints> macie;
  private final Map<String, FlaggedRecords> flagged;

  FileProtector(SerializableConfiguration conf, ValueProtector protector, String keySpec,
      String runId, String outputRoot, Format forcedFormat, String idField,
      Map<String, MacieHints> macie, Map<String, FlaggedRecords> flagged) {
    this.conf = conf;
    this.protector = protector;
    this.keySpec = keySpec;
    this.runId = runId;
    this.outputRoot = outputRoot;
    this.forcedFormat = forcedFormat;
    this.idField = idField;
    this.macie = Map.copyOf(macie);
    this.flagged = Map.copyOf(flagged);
  }

  /** The output path, relative to the output root, of an input file. */
  static String outputPath(String inputRelativePath) {
    return "data/" + inputRelativePath + ".enc";
  }

  /** Where the quarantined records of an input file go, relative to the output root. */
  static String quarantinePath(String inputRelativePath) {
    return "quarantine/" + inputRelativePath + ".enc";
  }

  @Override
  public FileResult call(DataFile file) throws IOException {
    String relative = file.relativePath();
    Format format = forcedFormat != null ? forcedFormat : Format.byFileName(relative)
        .orElseThrow(() -> TrainguardException.input("Unsupported file type: " + relative
            + " (use --format csv|jsonl|text)"));
    KeyProvider key = KeyProviders.open(keySpec);
    Path in = new Path(file.uri());
    FileSystem inFs = Storage.fileSystem(in, conf.get());
    FileSystem outFs = Storage.fileSystem(new Path(outputRoot), conf.get());
    FileStats stats = new FileStats();
    Outputs outputs = new Outputs(outFs, relative, key);
    try (HashingInputStream source = new HashingInputStream(inFs.open(in))) {
      LineReader lines = new LineReader(source, LineReader.DEFAULT_MAX_LINE_CHARS);
      try {
        format.redactor(protector, relative, idField,
            macie.getOrDefault(relative, MacieHints.NONE),
            flagged.getOrDefault(relative, FlaggedRecords.NONE)).redact(lines, outputs, stats);
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
      source.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the end
      FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
          format, source.count(),
          source.sha256(), outputs.data.finish(),
          outputs.quarantine == null ? null : outputs.quarantine.finish(), stats);
      outputs.finished = true;
      return result;
    } finally {
      if (!outputs.finished) {
        outputs.abort();
      }
    }
  }

  /** The data output of one file and, once a record is quarantined, its quarantine output. */
  private final class Outputs implements RecordSinks {
    private final FileSystem fs;
    private final String relative;
    private final KeyProvider key;
    private final EncryptedOutput data;
    private EncryptedOutput quarantine;
    private boolean finished;

    Outputs(FileSystem fs, String relative, KeyProvider key) throws IOException {
      this.fs = fs;
      this.relative = relative;
      this.key = key;
      this.data = open(outputPath(relative));
    }

    private EncryptedOutput open(String outRelative) throws IOException {
      return new EncryptedOutput(fs, new Path(outputRoot + "/" + outRelative), outRelative,
          Map.of(CONTEXT_RUN, runId, CONTEXT_PATH, outRelative), key);
    }

    @Override
    public Writer data() {
      return data.writer();
    }

    @Override
    public Writer quarantine() throws IOException {
      if (quarantine == null) {
        quarantine = open(quarantinePath(relative));
      }
      return quarantine.writer();
    }

    void abort() {
      data.abort();
      if (quarantine != null) {
        quarantine.abort();
      }
    }
  }
}
