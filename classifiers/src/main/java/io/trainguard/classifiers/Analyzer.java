package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Presidio's analyzer engine: runs the recognizers whose prefilter admits the text, raises scores
 * of matches with context words nearby (its own stage, as in Presidio), drops allowed values and
 * results under the threshold, then resolves overlaps deterministically (higher score, then
 * longer span, then earlier start, then recognizer name wins).
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
  private final AllowList allowList;

  public Analyzer(List<Recognizer> recognizers, double threshold) {
    this(recognizers, threshold, AllowList.NONE);
  }

  public Analyzer(List<Recognizer> recognizers, double threshold, AllowList allowList) {
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("Invalid threshold: " + threshold);
    }
    this.recognizers = List.copyOf(recognizers);
    this.threshold = threshold;
    this.allowList = allowList;
  }

  /** The built-in pack at the default threshold. */
  public static Analyzer defaults() {
    return new Analyzer(RecognizerPack.combine(List.of(RecognizerPack.builtIn())),
        DEFAULT_THRESHOLD);
  }

  public List<Recognizer> recognizers() {
    return recognizers;
  }

  public double threshold() {
    return threshold;
  }

  /** This analyzer restricted to recognizers of {@code entities}. */
  public Analyzer onlyEntities(java.util.Set<String> entities) {
    return new Analyzer(recognizers.stream().filter(r -> entities.contains(r.entity())).toList(),
        threshold, allowList);
  }

  /** Non-overlapping findings in {@code text}, ordered by start offset. */
  public List<Finding> analyze(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    TextProfile profile = new TextProfile(text);
    CodePoints codePoints = null;
    Words words = null;
    List<Finding> candidates = null;
    for (Recognizer recognizer : recognizers) {
      if (!recognizer.mightMatch(profile)) {
        continue;
      }
      if (codePoints == null) {
        codePoints = new CodePoints(text);
      }
      for (Finding f : recognizer.recognize(text, codePoints)) {
        if (f.score() < 1.0 && !recognizer.context().isEmpty()) {
          if (words == null) {
            words = new Words(text, codePoints);
          }
          f = words.enhance(f, recognizer.context());
        }
        if (f.score() >= threshold && (allowList.isEmpty() || !allowed(text, f))) {
          if (candidates == null) {
            candidates = new ArrayList<>();
          }
          candidates.add(f);
        }
      }
    }
    return candidates == null ? List.of() : resolveOverlaps(candidates);
  }

  private boolean allowed(String text, Finding f) {
    int start = CodePoints.charIndex(text, f.start());
    int end = text.offsetByCodePoints(start, f.length());
    return allowList.allows(text.substring(start, end));
  }

  /** The words of one text, lower-cased, with their code point starts (for context scoring). */
  private static final class Words {
    private final List<String> words = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    Words(String text, CodePoints codePoints) {
      int i = 0;
      while (i < text.length()) {
        int cp = text.codePointAt(i);
        if (Character.isLetter(cp)) {
          int start = i;
          while (i < text.length() && Character.isLetter(text.codePointAt(i))) {
            i += Character.charCount(text.codePointAt(i));
          }
          words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
          starts.add(codePoints.offset(start));
        } else {
          i += Character.charCount(cp);
        }
      }
    }

    Finding enhance(Finding f, List<String> context) {
      int firstAfter = 0;
      while (firstAfter < starts.size() && starts.get(firstAfter) < f.start()) {
        firstAfter++;
      }
      for (int i = Math.max(0, firstAfter - CONTEXT_WINDOW_WORDS); i < firstAfter; i++) {
        String word = words.get(i);
        for (String c : context) {
          if (word.equals(c) || (c.length() >= 3 && word.startsWith(c))) {
            double boosted = Math.min(1.0, Math.max(CONTEXT_MIN_SCORE, f.score() + CONTEXT_BOOST));
            return f.rescored(Math.round(boosted * 10_000) / 10_000.0, "context '" + c + "'");
          }
        }
      }
      return f;
    }
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
