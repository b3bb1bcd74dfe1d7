package io.trainguard.jobs.format;

import java.io.Serializable;
import java.time.Duration;

/**
 * Bounds on one document: its size in bytes, the characters of text extracted from it (embedded
 * documents included), the time its parser may run, and how deeply documents may be embedded in
 * one another. A document over any of them is quarantined as {@code limit-exceeded}.
 *
 * @param parseTimeout time spent waiting for the parser to produce text or finish; time spent
 *     redacting text already extracted does not count
 * @param maxEmbeddedDepth documents inside documents (an attachment of an e-mail is depth 1, a
 *     spreadsheet inside that attachment depth 2); 0 allows none
 */
public record DocumentLimits(long maxInputBytes, long maxChars, Duration parseTimeout,
    int maxEmbeddedDepth) implements Serializable {

  /** 256 MB in, 100 million characters out, two minutes of parsing, four levels of embedding. */
  public static final DocumentLimits DEFAULTS =
      new DocumentLimits(256L << 20, 100_000_000L, Duration.ofMinutes(2), 4);

  public DocumentLimits {
    if (maxInputBytes <= 0 || maxChars <= 0 || parseTimeout.isNegative() || parseTimeout.isZero()
        || maxEmbeddedDepth < 0) {
      throw new IllegalArgumentException("Invalid document limits: " + maxInputBytes + " bytes, "
          + maxChars + " chars, " + parseTimeout + ", depth " + maxEmbeddedDepth);
    }
  }
}
