package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Presidio's analyzer engine: runs every recognizer, raises scores of matches with context words
 * nearby, drops results under the threshold, then resolves overlaps deterministically (higher
 * score, then longer span, then earlier start, then recognizer name wins).
 */
public final class Analyzer implements Serializable {

  /** Default minimum score of a reported finding, as {@code --threshold}. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** Presidio's context enhancement: boost, floor and window of words before a match. */
  static final double CONTEXT_BOOST = 0.35;
  static final double CONTEXT_MIN_SCORE = 0.4;
  static final int CONTEXT_WINDOW_WORDS = 5;

  private static final Comparator<Finding> PRECEDENCE = Comparator
      .comparingDouble(Finding::score).reversed()
      .thenComparing(Comparator.comparingInt(Finding::length).reversed())
      .thenComparingInt(Finding::start)
      .thenComparing(Finding::recognizer);

  private final List<Recognizer> recognizers;
  private final double threshold;

  public Analyzer(List<Recognizer> recognizers, double threshold) {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold);
    }
    this.recognizers = List.copyOf(recognizers);
    this.threshold = threshold;
  }

  /** The built-in pack at the default threshold. */
  public static Analyzer defaults() {
    return new Analyzer(RecognizerPack.combine(List.of(RecognizerPack.builtIn())),
        DEFAULT_THRESHOLD);
  }

  public List<Recognizer> recognizers() {
    return recognizers;
  }

  /** Non-overlapping findings in {@code text}, ordered by start offset. */
  public List<Finding> analyze(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    CodePoints codePoints = new CodePoints(text);
    List<Finding> candidates = new ArrayList<>();
    String[] words = null;
    int[] wordStarts = null;
    for (Recognizer recognizer : recognizers) {
      for (Finding f : recognizer.recognize(text, codePoints)) {
        if (f.score() < 1.0 && !recognizer.context().isEmpty()) {
          if (words == null) {
            List<int[]> spans = wordSpans(text);
            words = new String[spans.size()];
            wordStarts = new int[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
              int[] s = spans.get(i);
              words[i] = text.substring(s[0], s[1]).toLowerCase(java.util.Locale.ROOT);
              wordStarts[i] = codePoints.offset(s[0]);
            }
          }
          f = enhance(f, recognizer.context(), words, wordStarts);
        }
        if (f.score() >= threshold) {
          candidates.add(f);
        }
      }
    }
    return resolveOverlaps(candidates);
  }

  private static Finding enhance(Finding f, List<String> context, String[] words,
      int[] wordStarts) {
    int firstAfter = 0;
    while (firstAfter < wordStarts.length && wordStarts[firstAfter] < f.start()) {
      firstAfter++;
    }
    for (int i = Math.max(0, firstAfter - CONTEXT_WINDOW_WORDS); i < firstAfter; i++) {
      for (String c : context) {
        if (words[i].equals(c) || (c.length() >= 3 && words[i].startsWith(c))) {
          return f.withScore(Math.min(1.0, Math.max(CONTEXT_MIN_SCORE, f.score() + CONTEXT_BOOST)));
        }
      }
    }
    return f;
  }

  /** UTF-16 [start, end) of each run of letters in {@code text}. */
  private static List<int[]> wordSpans(String text) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        int start = i;
        while (i < text.length() && Character.isLetter(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        spans.add(new int[] {start, i});
      } else {
        i += Character.charCount(cp);
      }
    }
    return spans;
  }

  static List<Finding> resolveOverlaps(List<Finding> candidates) {
    if (candidates.size() <= 1) {
      return candidates;
    }
    candidates.sort(PRECEDENCE);
    List<Finding> kept = new ArrayList<>();
    for (Finding f : candidates) {
      boolean free = true;
      for (Finding k : kept) {
        if (k.overlaps(f)) {
          free = false;
          break;
        }
      }
      if (free) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }
}
