package io.trainguard.classifiers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs the patterns of every {@link PatternRecognizer} of an analyzer in one pass over a text:
 * each position is checked against what each pattern's match can start with ({@link RegexShape}:
 * a bitset pass over all patterns, then the candidates' sharper paths), and a pattern's regex is
 * tried ({@code lookingAt} with transparent bounds, so lookarounds see the whole text) only where
 * those necessary conditions hold. Positions are visited in order and each pattern resumes after
 * its previous match, exactly as {@code Matcher.find} does, so the matches are the same as a scan
 * of the whole text. Patterns without derivable conditions are left to
 * {@link PatternRecognizer#findAll}.
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
  /** Per global pattern: its shape, whose {@link RegexShape#onAPath} is checked before a try. */
  private final RegexShape[] shapeOf;
  private final int words;
  /**
   * Char classes ({@link RegexShape#charClass}) that no prefix condition tells apart share an
   * index in the tables below: {@code classOf[charClass] & 0xFF}; {@link #classes} of them.
   */
  private final byte[] classOf;
  private final int classes;
  /**
   * {@code startAfter[((b + 1) * classes + c) * words + w]}: word w of the patterns that may
   * start with a char of class c right after one of class b (b = -1 at the start of the text).
   */
  private final long[] startAfter;
  /**
   * {@code allowedAt[(j * classes + c) * words + w]}: word w of the patterns whose j-th char may
   * be of class c, or whose prefix is shorter than j + 1.
   */
  private final long[] allowedAt;
  /** {@code shorterThan[j * words + w]}: word w of the patterns with at most j prefix chars. */
  private final long[] shorterThan;
  private transient ThreadLocal<Matcher[]> matcherCache;
  /**
   * The matchers of the thread that scanned last, found without a ThreadLocal lookup: in a Spark
   * task one thread uses its own deserialised analyzer for every value (a lookup per value cost
   * 7% of protect's CPU there).
   */
  private transient volatile ThreadMatchers recent;

  private record ThreadMatchers(Thread owner, Matcher[] matchers) {}

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
    shapeOf = shapes.toArray(RegexShape[]::new);
    words = Math.max(1, (n + 63) / 64);
    long[][][] allowed = new long[RegexShape.MAX_PREFIX][CLASSES][words];
    long[][] blockedAfter = new long[CLASSES][words];
    shorterThan = new long[(RegexShape.MAX_PREFIX + 1) * words];
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
        shorterThan[j * words + (p >>> 6)] |= 1L << p;
      }
      for (int c = 0; c < CLASSES; c++) {
        for (int j = 0; j < RegexShape.MAX_PREFIX; j++) {
          if (j >= prefix.length || prefix[j][c]) {
            allowed[j][c][p >>> 6] |= 1L << p;
          }
        }
        if (shape.notBefore()[c]) {
          blockedAfter[c][p >>> 6] |= 1L << p;
        }
      }
    }
    classOf = new byte[CLASSES];
    List<Integer> representatives = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      int same = -1;
      for (int k = 0; k < representatives.size() && same < 0; k++) {
        if (sameConditions(allowed, blockedAfter, c, representatives.get(k))) {
          same = k;
        }
      }
      if (same < 0) {
        same = representatives.size();
        representatives.add(c);
      }
      classOf[c] = (byte) same;
    }
    classes = representatives.size();
    startAfter = new long[(classes + 1) * classes * words];
    allowedAt = new long[RegexShape.MAX_PREFIX * classes * words];
    for (int c = 0; c < classes; c++) {
      int rc = representatives.get(c);
      for (int w = 0; w < words; w++) {
        for (int j = 0; j < RegexShape.MAX_PREFIX; j++) {
          allowedAt[(j * classes + c) * words + w] = allowed[j][rc][w];
        }
        for (int b = -1; b < classes; b++) {
          long blocked = b < 0 ? 0 : blockedAfter[representatives.get(b)][w];
          startAfter[((b + 1) * classes + c) * words + w] = allowed[0][rc][w] & ~blocked;
        }
      }
    }
  }

  private static boolean sameConditions(long[][][] allowed, long[][] blockedAfter, int c, int d) {
    for (long[][] at : allowed) {
      if (!Arrays.equals(at[c], at[d])) {
        return false;
      }
    }
    return Arrays.equals(blockedAfter[c], blockedAfter[d]);
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
      byte[] classAt = new byte[n];
      for (int i = 0; i < n; i++) {
        classAt[i] = classOf[RegexShape.charClass(text.charAt(i))];
      }
      long[] candidates = new long[words];
      for (int pos = 0; pos < n; pos++) {
        if (!candidatesAt(classAt, pos, enabled, candidates)) {
          continue;
        }
        for (int w = 0; w < words; w++) {
          long bits = candidates[w];
          while (bits != 0) {
            int p = (w << 6) + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (pos >= resumeAt[p] && shapeOf[p].onAPath(text, pos)) {
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
   * of a text of char classes {@code classAt}; false if none.
   */
  private boolean candidatesAt(byte[] classAt, int pos, long[] enabled, long[] candidates) {
    int start = ((pos == 0 ? 0 : (classAt[pos - 1] & 0xFF) + 1) * classes + (classAt[pos] & 0xFF))
        * words;
    long any = 0;
    for (int w = 0; w < words; w++) {
      long bits = startAfter[start + w] & enabled[w];
      candidates[w] = bits;
      any |= bits;
    }
    int n = classAt.length;
    for (int j = 1; any != 0 && j < RegexShape.MAX_PREFIX; j++) {
      boolean past = pos + j >= n;
      long[] table = past ? shorterThan : allowedAt;
      int row = (past ? j : j * classes + (classAt[pos + j] & 0xFF)) * words;
      any = 0;
      for (int w = 0; w < words; w++) {
        candidates[w] &= table[row + w];
        any |= candidates[w];
      }
      if (past) {
        break;
      }
    }
    return any != 0;
  }

  /** This thread's matchers, one per pattern, created on first use and reset per text. */
  private Matcher[] matchers() {
    Thread thread = Thread.currentThread();
    ThreadMatchers last = recent;
    if (last != null && last.owner() == thread) {
      return last.matchers();
    }
    ThreadLocal<Matcher[]> cache = matcherCache;
    if (cache == null) {
      int n = recognizerOf.length;
      cache = ThreadLocal.withInitial(() -> new Matcher[n]);
      matcherCache = cache;
    }
    Matcher[] matchers = cache.get();
    recent = new ThreadMatchers(thread, matchers);
    return matchers;
  }
}
