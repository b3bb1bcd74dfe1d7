package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;

/**
 * One text as the analyzer prepared it once for every recognizer: look-alikes replaced, its
 * {@link TextProfile}, code points, the score threshold, and the one-pass scan of the pattern
 * recognizers' regexes. A recognizer reads what it can reuse in
 * {@link Recognizer#recognize(AnalyzedText)}. Valid during that call only.
 */
public final class AnalyzedText {

  private final TextProfile profile;
  private final CodePoints codePoints;
  private final double threshold;
  /** Null when the analyzer runs every recognizer over the whole text. */
  private final CandidateScanner scanner;
  private final List<Finding>[] scanned;
  private final List<Finding> buffer = new ArrayList<>();
  private int recognizer;

  AnalyzedText(TextProfile profile, CodePoints codePoints, double threshold,
      CandidateScanner scanner, List<Finding>[] scanned) {
    this.profile = profile;
    this.codePoints = codePoints;
    this.threshold = threshold;
    this.scanner = scanner;
    this.scanned = scanned;
  }

  public String text() {
    return profile.text();
  }

  public TextProfile profile() {
    return profile;
  }

  public CodePoints codePoints() {
    return codePoints;
  }

  /**
   * The analyzer's threshold: candidates that cannot reach it even after context scoring may be
   * left out; 0 when the analyzer is the full-scan reference.
   */
  public double threshold() {
    return scanner == null ? 0.0 : threshold;
  }

  /** This text for recognizer {@code r} of the analyzer. */
  AnalyzedText forRecognizer(int r) {
    recognizer = r;
    return this;
  }

  /** Whether the one-pass scan ran (false for the full-scan reference). */
  boolean scanning() {
    return scanner != null;
  }

  /** Whether the scan ran pattern {@code i} of the current recognizer. */
  boolean scanned(int i) {
    return scanner.scanned(scanner.patternIndex(recognizer, i));
  }

  /** The scan's findings of pattern {@code i} of the current recognizer, or null for none. */
  List<Finding> scannedFindings(int i) {
    return scanned == null ? null : scanned[scanner.patternIndex(recognizer, i)];
  }

  /** An empty list for raw candidates, reused recognizer after recognizer. */
  List<Finding> buffer() {
    buffer.clear();
    return buffer;
  }
}
