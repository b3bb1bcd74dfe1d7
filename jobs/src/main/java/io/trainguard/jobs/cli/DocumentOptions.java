package io.trainguard.jobs.cli;

import io.trainguard.jobs.format.DocumentLimits;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The limits protect applies to each document read with Apache Tika. */
final class DocumentOptions {

  @Option(names = "--max-document-mb", paramLabel = "MB",
      description = "Documents larger than this go to quarantine unread (default: 256).")
  long maxMegabytes = DocumentLimits.DEFAULTS.maxInputBytes() >> 20;

  @Option(names = "--max-document-chars", paramLabel = "CHARS",
      description = "Text extracted from one document, embedded documents included, beyond which"
          + " it goes to quarantine (default: 100000000).")
  long maxChars = DocumentLimits.DEFAULTS.maxChars();

  @Option(names = "--document-timeout", paramLabel = "SECONDS",
      description = "Time the parser of one document may take (default: 120).")
  long timeoutSeconds = DocumentLimits.DEFAULTS.parseTimeout().toSeconds();

  @Option(names = "--max-embedding-depth", paramLabel = "N",
      description = "Documents embedded in documents, levels (an e-mail attachment is 1;"
          + " default: 4).")
  int maxDepth = DocumentLimits.DEFAULTS.maxEmbeddedDepth();

  DocumentLimits limits() {
    if (maxMegabytes <= 0 || maxMegabytes > Long.MAX_VALUE >> 20 || timeoutSeconds <= 0) {
      throw new IllegalArgumentException("Invalid document limits: --max-document-mb and"
          + " --document-timeout must be positive");
    }
    return new DocumentLimits(maxMegabytes << 20, maxChars, Duration.ofSeconds(timeoutSeconds),
        maxDepth);
  }

  /** The options as given, for the manifest's command line; none when all are defaults. */
  List<String> describe() {
    return limits().equals(DocumentLimits.DEFAULTS) ? List.of() : List.of(
        "--max-document-mb", Long.toString(maxMegabytes),
        "--max-document-chars", Long.toString(maxChars),
        "--document-timeout", Long.toString(timeoutSeconds),
        "--max-embedding-depth", Integer.toString(maxDepth));
  }
}
