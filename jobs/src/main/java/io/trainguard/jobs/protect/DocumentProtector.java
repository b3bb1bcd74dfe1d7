package io.trainguard.jobs.protect;

import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.format.DocumentExtractor;
import io.trainguard.jobs.format.DocumentLimits;
import io.trainguard.jobs.format.DocumentMetadata;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.Format;
import io.trainguard.jobs.format.FormatCodec;
import io.trainguard.jobs.format.LineReader;
import io.trainguard.jobs.format.MacieHints;
import io.trainguard.jobs.format.RecordSinks;
import io.trainguard.jobs.format.UnscannableValueException;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.jobs.manifest.OutputLayout;
import io.trainguard.jobs.storage.HashingInputStream;
import io.trainguard.jobs.storage.Storage.DataFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Protects one document (PDF, Office, OpenDocument, HTML, e-mail, RTF): its extracted text,
 * redacted line by line as text, goes to {@code data/<name>.txt}, its redacted metadata to
 * {@code data/<name>.metadata.json}; the original is never copied to {@code data/}. An encrypted,
 * corrupt or unsupported document, or one over the limits, goes whole to
 * {@code quarantine/<name>} (one record, with its reason) and nothing of it to {@code data/}.
 * So does a document in which Macie reported an entity (by page: Macie gives no offsets) that
 * local detection did not find anywhere in it: what cannot be located cannot be redacted.
 */
final class DocumentProtector {

  /** Opens an encrypted output at a path relative to the output root. */
  @FunctionalInterface
  interface Opener {
    EncryptedOutput open(String outRelative) throws IOException;
  }

  private final Format format;
  private final ValueProtector protector;
  private final DocumentLimits limits;
  private final Opener opener;
  private final MacieHints macie;

  /** {@code format}: a format opened as {@link FormatCodec.Opening#DOCUMENT}. */
  DocumentProtector(Format format, ValueProtector protector, DocumentLimits limits,
      Opener opener, MacieHints macie) {
    this.format = format;
    this.protector = protector;
    this.limits = limits;
    this.opener = opener;
    this.macie = macie;
  }

  /** Why a document whose Macie findings local detection could not place is quarantined. */
  static final String MACIE_UNLOCATED = "macie-finding-not-located";

  /** Protects {@code input}, its outputs and result named as {@code file} shows it. */
  FileResult protect(DataFile input, DataFile file, FileSystem inFs) throws IOException {
    String relative = file.relativePath();
    if (file.size() > limits.maxInputBytes()) {
      return quarantine(input, file, inFs, DocumentExtractor.LIMIT);
    }
    Sinks sinks = new Sinks(relative);
    EncryptedOutput metadata = null;
    String reason = null;
    boolean finished = false;
    try (HashingInputStream source = new HashingInputStream(inFs.open(new Path(input.uri())));
        DocumentExtractor extractor = new DocumentExtractor(source,
            new Path(input.uri()).getName(), limits)) {
      FileStats stats = new FileStats();
      try {
        Format.documentRedactor(protector, relative, extractor).redact(
            new LineReader(extractor.text(), LineReader.DEFAULT_MAX_LINE_CHARS), sinks, stats);
        DocumentExtractor.Extracted extracted = extractor.finish();
        metadata = opener.open(OutputLayout.documentMetadata(relative));
        DocumentMetadata.write(extracted, protector, relative, stats, metadata.writer());
        for (String entity : macie.unlocated().keySet()) {
          // Macie's pages are content: findings in the metadata do not place them
          if (!stats.fieldsByEntity().getOrDefault(entity, java.util.Set.of()).contains("text")) {
            reason = MACIE_UNLOCATED;
          } else {
            stats.countAlsoMacie(entity);
          }
        }
      } catch (DocumentExtractor.RejectedException e) {
        reason = e.reason();
      } catch (LineReader.LineTooLongException e) {
        reason = DocumentExtractor.LIMIT;
      } catch (UnscannableValueException e) {
        throw TrainguardException.input("Cannot scan " + relative + " at " + e.getMessage());
      }
      if (reason == null) {
        source.transferTo(OutputStream.nullOutputStream()); // hash every byte
        FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
            format, source.count(), source.sha256(), sinks.data.finish(),
            sinks.quarantine == null ? null : sinks.quarantine.finish(), metadata.finish(),
            stats);
        finished = true;
        return result;
      }
    } finally {
      if (!finished) {
        sinks.abort();
        if (metadata != null) {
          metadata.abort();
        }
      }
    }
    return quarantine(input, file, inFs, reason);
  }

  /** The original bytes, encrypted, to {@code quarantine/}: one record, with its reason. */
  private FileResult quarantine(DataFile input, DataFile file, FileSystem inFs, String reason)
      throws IOException {
    String relative = file.relativePath();
    EncryptedOutput out = opener.open(OutputLayout.quarantine(relative));
    boolean finished = false;
    try (HashingInputStream source = new HashingInputStream(inFs.open(new Path(input.uri())))) {
      source.transferTo(out.stream());
      FileStats stats = new FileStats();
      stats.quarantineWholeFile(reason);
      FileResult result = new FileResult(relative, file.uri(), file.etag(), file.versionId(),
          format, source.count(), source.sha256(), null, out.finish(), null, stats);
      finished = true;
      return result;
    } finally {
      if (!finished) {
        out.abort();
      }
    }
  }

  /** The text output of a document and, once a line is quarantined, its text quarantine. */
  private final class Sinks implements RecordSinks {
    private final String relative;
    private final EncryptedOutput data;
    private EncryptedOutput quarantine;

    Sinks(String relative) throws IOException {
      this.relative = relative;
      this.data = opener.open(OutputLayout.documentText(relative));
    }

    @Override
    public Writer data() {
      return data.writer();
    }

    @Override
    public Writer quarantine() throws IOException {
      if (quarantine == null) {
        quarantine = opener.open(OutputLayout.documentTextQuarantine(relative));
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
