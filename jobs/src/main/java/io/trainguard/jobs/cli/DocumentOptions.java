package io.trainguard.jobs.cli;

import io.trainguard.jobs.format.DocumentLimits;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The limits protect applies to each document read with Apache Tika. */
final class DocumentOptions {

  @Option(names = "--max-document-mb", paramLabel = "MB",
      converter = OptionValues.DocumentMegabytes.class,
      description = "Documents larger than this go to quarantine unread (default: 256).")
  long maxMegabytes = DocumentLimits.DEFAULTS.maxInputBytes() >> 20;

  @Option(names = "--max-document-chars", paramLabel = "CHARS",
      converter = OptionValues.DocumentChars.class,
      description = "Text extracted from one document, embedded documents included, beyond which"
          + " it goes to quarantine (default: 100000000).")
  long maxChars = DocumentLimits.DEFAULTS.maxChars();

  @Option(names = "--document-timeout", paramLabel = "SECONDS",
      converter = OptionValues.DocumentTimeout.class,
      description = "Time the parser of one document may take (default: 120).")
  long timeoutSeconds = DocumentLimits.DEFAULTS.parseTimeout().toSeconds();

  @Option(names = "--max-embedding-depth", paramLabel = "N",
      converter = OptionValues.EmbeddingDepth.class,
      description = "Documents embedded in documents, levels (an e-mail attachment is 1;"
          + " default: 4).")
  long maxDepth = DocumentLimits.DEFAULTS.maxEmbeddedDepth();

  /** The limits; each option's converter has checked its range. */
  DocumentLimits limits() {
    return new DocumentLimits(maxMegabytes << 20, maxChars, Duration.ofSeconds(timeoutSeconds),
        (int) maxDepth);
  }

  /** The options as given, for the manifest's command line; none when all are defaults. */
  List<String> describe() {
    return limits().equals(DocumentLimits.DEFAULTS) ? List.of() : List.of(
        "--max-document-mb", Long.toString(maxMegabytes),
        "--max-document-chars", Long.toString(maxChars),
        "--document-timeout", Long.toString(timeoutSeconds),
        "--max-embedding-depth", Long.toString(maxDepth));
  }
}
