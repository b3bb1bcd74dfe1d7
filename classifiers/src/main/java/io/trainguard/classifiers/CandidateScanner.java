package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs the patterns of every {@link PatternRecognizer} of an analyzer in one pass over a text:
 * each position is checked against what each pattern's match can start with ({@link RegexShape}),
 * and a pattern's regex is tried ({@code lookingAt} with transparent bounds, so lookarounds see
 * the whole text) only where those necessary conditions hold. Positions are visited in order and
 * each pattern resumes after its previous match, exactly as {@code Matcher.find} does, so the
 * matches are the same as a scan of the whole text. Patterns without derivable conditions are
 * left to {@link PatternRecognizer#findAll}.
 */
final class CandidateScanner implements Serializable {

  private static final int CLASSES = RegexShape.NON_ASCII + 1;

  private final List<Recognizer> recognizers;
  /** Index of the first pattern of recognizer r in the global numbering, or -1. */
  private final int[] firstPattern;
  /** Per global pattern: its recognizer, its index there, and its shape's prefix. */
  private final int[] recognizerOf;
  private final int[] localIndex;
  private final boolean[] scanned;
  private final boolean[][][] prefix;
  private final int words;
  /** {@code starts[c]}: patterns whose first char may be of class c; one bit each. */
  private final long[][] starts;
  /** {@code blockedAfter[c]}: patterns that cannot start right after a char of class c. */
  private final long[][] blockedAfter;
  private transient ThreadLocal<Matcher[]> matcherCache;

  CandidateScanner(List<Recognizer> recognizers) {
    this.recognizers = recognizers;
    firstPattern = new int[recognizers.size()];
    List<int[]> owners = new ArrayList<>();
    List<RegexShape> shapes = new ArrayList<>();
    for (int r = 0; r < recognizers.size(); r++) {
      if (recognizers.get(r) instanceof PatternRecognizer pr) {
        firstPattern[r] = owners.size();
        for (int i = 0; i < pr.patterns().size(); i++) {
          owners.add(new int[] {r, i});
          shapes.add(RegexShape.of(pr.patterns().get(i).regex()));
        }
      } else {
        firstPattern[r] = -1;
      }
    }
    int n = owners.size();
    recognizerOf = new int[n];
    localIndex = new int[n];
    scanned = new boolean[n];
    prefix = new boolean[n][][];
    words = Math.max(1, (n + 63) / 64);
    starts = new long[CLASSES][words];
    blockedAfter = new long[CLASSES][words];
    for (int p = 0; p < n; p++) {
      recognizerOf[p] = owners.get(p)[0];
      localIndex[p] = owners.get(p)[1];
      RegexShape shape = shapes.get(p);
      if (shape.isNone()) {
        continue;
      }
      scanned[p] = true;
      prefix[p] = shape.prefix();
      for (int c = 0; c < CLASSES; c++) {
        if (shape.prefix()[0][c]) {
          starts[c][p >>> 6] |= 1L << p;
        }
        if (shape.notBefore()[c]) {
          blockedAfter[c][p >>> 6] |= 1L << p;
        }
      }
    }
  }

  int patternCount() {
    return recognizerOf.length;
  }

  /** Global index of pattern {@code i} of recognizer {@code r}. */
  int patternIndex(int r, int i) {
    return firstPattern[r] + i;
  }

  boolean scanned(int pattern) {
    return scanned[pattern];
  }

  /**
   * Findings of every scanned pattern of an admitted recognizer, by global pattern index (null
   * where there are none), in match order.
   */
  List<Finding>[] scan(String text, CodePoints codePoints, boolean[] admitted) {
    long[] enabled = new long[words];
    boolean any = false;
    for (int p = 0; p < recognizerOf.length; p++) {
      if (scanned[p] && admitted[recognizerOf[p]]) {
        enabled[p >>> 6] |= 1L << p;
        any = true;
      }
    }
    @SuppressWarnings("unchecked")
    List<Finding>[] found = new List[recognizerOf.length];
    if (!any) {
      return found;
    }
    int[] resumeAt = new int[recognizerOf.length];
    Matcher[] matchers = matchers();
    boolean[] ready = new boolean[recognizerOf.length];
    try {
      int n = text.length();
      int before = -1;
      for (int pos = 0; pos < n; pos++) {
        int c = RegexShape.charClass(text.charAt(pos));
        long[] start = starts[c];
        long[] blocked = before < 0 ? null : blockedAfter[before];
        before = c;
        for (int w = 0; w < words; w++) {
          long bits = start[w] & enabled[w];
          if (blocked != null) {
            bits &= ~blocked[w];
          }
          while (bits != 0) {
            int p = (w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (pos >= resumeAt[p] && prefixHolds(prefix[p], text, pos)) {
              tryAt(p, pos, text, codePoints, matchers, ready, resumeAt, found);
            }
          }
        }
      }
    } finally {
      for (int p = 0; p < ready.length; p++) {
        if (ready[p]) {
          matchers[p].reset(""); // keep no reference to the text
        }
      }
    }
    return found;
  }

  /** Runs pattern {@code p} anchored at {@code pos}; a match is collected and resumes after. */
  private void tryAt(int p, int pos, String text, CodePoints codePoints, Matcher[] matchers,
      boolean[] ready, int[] resumeAt, List<Finding>[] found) {
    PatternRecognizer recognizer = (PatternRecognizer) recognizers.get(recognizerOf[p]);
    Matcher m = matchers[p];
    if (!ready[p]) {
      if (m == null) {
        m = recognizer.matcher(localIndex[p], text)
            .useTransparentBounds(true).useAnchoringBounds(false);
        matchers[p] = m;
      } else {
        m.reset(recognizer.input(text));
      }
      ready[p] = true;
    }
    boolean matched;
    try {
      matched = m.region(pos, text.length()).lookingAt();
    } catch (BudgetedText.Exhausted e) {
      throw recognizer.budgetExceeded(localIndex[p], text);
    }
    if (matched) {
      resumeAt[p] = m.end();
      if (found[p] == null) {
        found[p] = new ArrayList<>(2);
      }
      recognizer.collect(localIndex[p], m, text, codePoints, found[p]);
    }
  }

  private static boolean prefixHolds(boolean[][] prefix, String text, int pos) {
    if (pos + prefix.length > text.length()) {
      return false;
    }
    for (int j = 1; j < prefix.length; j++) {
      if (!prefix[j][RegexShape.charClass(text.charAt(pos + j))]) {
        return false;
      }
    }
    return true;
  }

  /** This thread's matchers, one per pattern, created on first use and reset per text. */
  private Matcher[] matchers() {
    ThreadLocal<Matcher[]> cache = matcherCache;
    if (cache == null) {
      int n = recognizerOf.length;
      cache = ThreadLocal.withInitial(() -> new Matcher[n]);
      matcherCache = cache;
    }
    return cache.get();
  }
}
