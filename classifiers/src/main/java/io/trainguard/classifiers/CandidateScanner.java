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
  private final int words;
  /**
   * {@code allowedAt[j][c]}: patterns whose j-th char may be of class c, or whose prefix is
   * shorter than j + 1; one bit each. {@code allowedAt[0][c]}: patterns that may start with c.
   */
  private final long[][][] allowedAt;
  /** {@code shorterThan[j]}: patterns whose prefix has at most j chars. */
  private final long[][] shorterThan;
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
    words = Math.max(1, (n + 63) / 64);
    allowedAt = new long[RegexShape.MAX_PREFIX][CLASSES][words];
    shorterThan = new long[RegexShape.MAX_PREFIX + 1][words];
    blockedAfter = new long[CLASSES][words];
    for (int p = 0; p < n; p++) {
      recognizerOf[p] = owners.get(p)[0];
      localIndex[p] = owners.get(p)[1];
      RegexShape shape = shapes.get(p);
      if (shape.isNone()) {
        continue;
      }
      scanned[p] = true;
      boolean[][] prefix = shape.prefix();
      for (int j = prefix.length; j <= RegexShape.MAX_PREFIX; j++) {
        shorterThan[j][p >>> 6] |= 1L << p;
      }
      for (int c = 0; c < CLASSES; c++) {
        for (int j = 0; j < RegexShape.MAX_PREFIX; j++) {
          if (j >= prefix.length || prefix[j][c]) {
            allowedAt[j][c][p >>> 6] |= 1L << p;
          }
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
      long[] candidates = new long[words];
      int before = -1;
      for (int pos = 0; pos < n; pos++) {
        int c = RegexShape.charClass(text.charAt(pos));
        if (!candidatesAt(text, pos, c, before, enabled, candidates)) {
          before = c;
          continue;
        }
        before = c;
        for (int w = 0; w < words; w++) {
          long bits = candidates[w];
          while (bits != 0) {
            int p = (w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (pos >= resumeAt[p]) {
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

  /**
   * Sets {@code candidates} to the enabled patterns whose prefix conditions hold at {@code pos}
   * (char class {@code c}, {@code before} the class of the previous char or -1); false if none.
   */
  private boolean candidatesAt(String text, int pos, int c, int before, long[] enabled,
      long[] candidates) {
    long any = 0;
    for (int w = 0; w < words; w++) {
      long bits = allowedAt[0][c][w] & enabled[w];
      if (before >= 0) {
        bits &= ~blockedAfter[before][w];
      }
      candidates[w] = bits;
      any |= bits;
    }
    int n = text.length();
    for (int j = 1; any != 0 && j < RegexShape.MAX_PREFIX; j++) {
      long[] allowed = pos + j < n ? allowedAt[j][RegexShape.charClass(text.charAt(pos + j))]
          : shorterThan[j];
      any = 0;
      for (int w = 0; w < words; w++) {
        candidates[w] &= allowed[w];
        any |= candidates[w];
      }
      if (pos + j >= n) {
        break;
      }
    }
    return any != 0;
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
