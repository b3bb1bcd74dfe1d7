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
 * its previous match and skips the positions it skips, exactly as {@code Matcher.find} does, so
 * the matches are the same as a scan of the whole text. Patterns without derivable conditions
 * are left to {@link PatternRecognizer#findAll}.
 */
final class CandidateScanner implements Serializable {

  private static final int CLASSES = RegexShape.NON_ASCII + 1;
  /**
   * Texts up to this long may stay referenced by a thread's matchers after a scan (resetting
   * them costs more than the scan of a short text), and their char classes use a kept array.
   */
  private static final int KEPT_TEXT = 1024;
  /**
   * A thread scans without the DFAs of match starts once they started over more than once per
   * this many chars scanned: rebuilding a DFA's states costs as much as checking every
   * position's conditions over about this much text, which finds the same.
   */
  static final long CHARS_PER_DFA_RESTART = 1 << 20;
  /**
   * Chars a thread scans without its DFAs before it tries them again: the texts that made them
   * start over (often the first ones, while the DFAs fill up) may not be what follows.
   */
  static final long CHARS_BEFORE_DFA_RETRY = 1 << 24;

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
  /** Per recognizer: bits of its scanned patterns, or null if it has none. */
  private final long[][] scannedOf;
  /** Per recognizer: whether the scan runs all its patterns. */
  private final boolean[] scansAll;
  /**
   * Where the scanned built-in patterns may start ({@link MatchStarts}), or null; user patterns
   * are tried at every position their conditions allow, under their step budget, as before.
   */
  private final MatchStarts starts;
  /** Bits of the patterns whose starts {@link #starts} reports. */
  private final long[] covered;
  private transient ThreadLocal<Scratch> scratchCache;
  /**
   * The scratch of the thread that scanned last, found without a ThreadLocal lookup: in a Spark
   * task one thread uses its own deserialised analyzer for every value (a lookup per value cost
   * 7% of protect's CPU there).
   */
  private transient volatile Scratch recent;

  /** {@code automaton}: skip positions where {@link MatchStarts} rules out every match. */
  CandidateScanner(List<Recognizer> recognizers, boolean automaton) {
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
    scannedOf = new long[recognizers.size()][];
    for (int p = 0; p < n; p++) {
      if (scanned[p]) {
        int r = recognizerOf[p];
        if (scannedOf[r] == null) {
          scannedOf[r] = new long[words];
        }
        scannedOf[r][p >>> 6] |= 1L << p;
      }
    }
    scansAll = new boolean[recognizers.size()];
    for (int r = 0; r < recognizers.size(); r++) {
      scansAll[r] = firstPattern[r] >= 0;
    }
    for (int p = 0; p < n; p++) {
      scansAll[recognizerOf[p]] &= scanned[p];
    }
    List<java.util.regex.Pattern> regexes = new ArrayList<>();
    boolean[] trusted = new boolean[n];
    for (int p = 0; p < n; p++) {
      PatternRecognizer pr = (PatternRecognizer) recognizers.get(recognizerOf[p]);
      regexes.add(pr.patterns().get(localIndex[p]).regex());
      trusted[p] = automaton && scanned[p] && !pr.budgeted();
    }
    MatchStarts built = new MatchStarts(regexes, trusted);
    covered = new long[words];
    for (int p = 0; p < n; p++) {
      if (trusted[p] && built.covers(p)) {
        covered[p >>> 6] |= 1L << p;
      }
    }
    starts = built.coversAny() ? built : null;
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

  /** Whether one of recognizer {@code r}'s patterns has findings in a result of {@link #scan}. */
  boolean matchedAny(List<Finding>[] scanned, int r) {
    for (int p = firstPattern[r]; p < recognizerOf.length && recognizerOf[p] == r; p++) {
      if (scanned[p] != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether recognizer {@code r} is a {@link PatternRecognizer} all of whose patterns scan. */
  boolean scansAll(int r) {
    return scansAll[r];
  }

  /**
   * Findings of every scanned pattern of an admitted recognizer, by global pattern index (null
   * where there are none), in match order; null if none of them matched.
   */
  List<Finding>[] scan(String text, CodePoints codePoints, boolean[] admitted,
      TextProfile profile) {
    Scratch scratch = scratch();
    long[] enabled = scratch.enabled;
    Arrays.fill(enabled, 0);
    long any = 0;
    for (int r = 0; r < admitted.length; r++) {
      long[] patterns = scannedOf[r];
      if (admitted[r] && patterns != null) {
        for (int w = 0; w < words; w++) {
          enabled[w] |= patterns[w];
          any |= patterns[w];
        }
      }
    }
    if (starts != null) {
      starts.dropUnmatchable(profile, enabled);
      any = 0;
      for (int w = 0; w < words; w++) {
        any |= enabled[w];
      }
    }
    if (any == 0) {
      return null;
    }
    int n = text.length();
    boolean onlyCovered = starts != null;
    for (int w = 0; w < words && onlyCovered; w++) {
      onlyCovered = (enabled[w] & ~covered[w]) == 0;
    }
    Arrays.fill(scratch.ready, 0);
    List<Finding>[] found = null;
    try {
      long[] candidates = scratch.candidates;
      if (onlyCovered && scratch.useDfa(n)
          && starts.find(text, enabled, scratch.dfa(starts), scratch.starts)) {
        MatchStarts.Starts at = scratch.starts;
        for (int k = 0; k < at.count; k++) {
          int pos = at.positions[k];
          long some = 0;
          for (int w = 0; w < words; w++) {
            candidates[w] = at.masks[k * words + w] & enabled[w];
            some |= candidates[w];
          }
          if (some != 0 && conditionsHold(text, n, pos, candidates)) {
            found = tryAt(pos, candidates, text, codePoints, scratch, found);
          }
        }
        return found;
      }
      byte[] classAt = scratch.classes(n);
      for (int i = 0; i < n; i++) {
        classAt[i] = classOf[RegexShape.charClass(text.charAt(i))];
      }
      for (int pos = 0; pos < n; pos++) {
        if (words == 1) {
          candidates[0] = candidatesAt(classAt, n, pos, enabled[0]);
          if (candidates[0] == 0) {
            continue;
          }
        } else if (!candidatesAt(classAt, n, pos, enabled, candidates)) {
          continue;
        }
        found = tryAt(pos, candidates, text, codePoints, scratch, found);
      }
    } finally {
      if (n > KEPT_TEXT) {
        // Keep no reference to a long text; a short one may stay until the thread's next scan.
        for (int p = 0; p < recognizerOf.length; p++) {
          if ((scratch.ready[p >>> 6] & 1L << p) != 0) {
            scratch.matchers[p].reset("");
          }
        }
      }
    }
    return found;
  }

  /**
   * Tries each pattern of {@code candidates} at {@code pos} where {@code find} would (after its
   * previous match, on its path), adding its findings to {@code found}; {@code found}.
   */
  private List<Finding>[] tryAt(int pos, long[] candidates, String text, CodePoints codePoints,
      Scratch scratch, List<Finding>[] found) {
    int[] resumeAt = scratch.resumeAt;
    Matcher[] matchers = scratch.matchers;
    long[] ready = scratch.ready;
    for (int w = 0; w < words; w++) {
      long bits = candidates[w];
      while (bits != 0) {
        int p = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        boolean started = (ready[w] & 1L << p) != 0;
        int from = started ? resumeAt[p] : 0;
        if (pos >= from && (shapeOf[p].triesInsidePairs() || !insidePair(text, pos, from))
            && shapeOf[p].onAPath(text, pos)) {
          if (!started) {
            start(p, text, matchers);
            ready[w] |= 1L << p;
            resumeAt[p] = 0;
          }
          Matcher m = matchers[p];
          if (lookingAt(p, m, pos, text)) {
            if (found == null) {
              @SuppressWarnings("unchecked")
              List<Finding>[] lists = new List[recognizerOf.length];
              found = lists;
            }
            if (found[p] == null) {
              found[p] = new ArrayList<>(2);
            }
            int resume = ((PatternRecognizer) recognizers.get(recognizerOf[p]))
                .collect(localIndex[p], m, text, codePoints, found[p]);
            // find() resumes after an empty match one char on, where it tries even a pair's
            // low surrogate.
            resumeAt[p] = resume == pos ? pos + 1 : resume;
          }
        }
      }
    }
    return found;
  }

  /**
   * Keeps in {@code candidates} the patterns whose prefix conditions hold at {@code pos} of
   * {@code text} ({@code n} chars); false if none does.
   */
  private boolean conditionsHold(String text, int n, int pos, long[] candidates) {
    int before = pos == 0 ? 0 : (classOf[RegexShape.charClass(text.charAt(pos - 1))] & 0xFF) + 1;
    int row = (before * classes + (classOf[RegexShape.charClass(text.charAt(pos))] & 0xFF))
        * words;
    long any = 0;
    for (int w = 0; w < words; w++) {
      candidates[w] &= startAfter[row + w];
      any |= candidates[w];
    }
    for (int j = 1; any != 0 && j < RegexShape.MAX_PREFIX; j++) {
      boolean past = pos + j >= n;
      long[] table = past ? shorterThan : allowedAt;
      row = (past ? j : j * classes + (classOf[RegexShape.charClass(text.charAt(pos + j))] & 0xFF))
          * words;
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

  /** Points this thread's matcher of pattern {@code p} at {@code text}. */
  private void start(int p, String text, Matcher[] matchers) {
    PatternRecognizer recognizer = (PatternRecognizer) recognizers.get(recognizerOf[p]);
    if (matchers[p] == null) {
      matchers[p] = recognizer.matcher(localIndex[p], text)
          .useTransparentBounds(true).useAnchoringBounds(false);
    } else {
      matchers[p].reset(recognizer.input(text));
    }
  }

  /**
   * Whether {@code pos} is the low surrogate of a pair that starts at or after {@code from}: a
   * search from {@code from} that steps over whole pairs never tries it.
   */
  private static boolean insidePair(String text, int pos, int from) {
    return pos > from && CodePoints.splitsPair(text, pos);
  }

  /** Runs pattern {@code p} anchored at {@code pos}. */
  private boolean lookingAt(int p, Matcher m, int pos, String text) {
    try {
      return m.region(pos, text.length()).lookingAt();
    } catch (BudgetedText.Exhausted e) {
      throw ((PatternRecognizer) recognizers.get(recognizerOf[p]))
          .budgetExceeded(localIndex[p], text);
    }
  }

  /**
   * Sets {@code candidates} to the enabled patterns whose prefix conditions hold at {@code pos}
   * of a text of {@code n} chars of classes {@code classAt}; false if none.
   */
  private boolean candidatesAt(byte[] classAt, int n, int pos, long[] enabled,
      long[] candidates) {
    int start = ((pos == 0 ? 0 : (classAt[pos - 1] & 0xFF) + 1) * classes + (classAt[pos] & 0xFF))
        * words;
    long any = 0;
    for (int w = 0; w < words; w++) {
      long bits = startAfter[start + w] & enabled[w];
      candidates[w] = bits;
      any |= bits;
    }
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

  /** {@link #candidatesAt(byte[], int, int, long[], long[])} for up to 64 patterns. */
  private long candidatesAt(byte[] classAt, int n, int pos, long enabled) {
    int before = pos == 0 ? 0 : (classAt[pos - 1] & 0xFF) + 1;
    long bits = enabled & startAfter[before * classes + (classAt[pos] & 0xFF)];
    int last = Math.min(RegexShape.MAX_PREFIX - 1, n - 1 - pos);
    for (int j = 1; bits != 0 && j <= last; j++) {
      bits &= allowedAt[j * classes + (classAt[pos + j] & 0xFF)];
    }
    return last < RegexShape.MAX_PREFIX - 1 ? bits & shorterThan[last + 1] : bits;
  }

  /** Whether this thread still scans with the DFAs of match starts (tests). */
  boolean scansWithDfa() {
    return starts != null && scratch().useDfa(0);
  }

  /** This thread's scratch, created on first use. */
  private Scratch scratch() {
    Thread thread = Thread.currentThread();
    Scratch last = recent;
    if (last != null && last.owner == thread) {
      return last;
    }
    ThreadLocal<Scratch> cache = scratchCache;
    if (cache == null) {
      cache = ThreadLocal.withInitial(() -> new Scratch(recognizerOf.length, words));
      scratchCache = cache;
    }
    Scratch scratch = cache.get();
    recent = scratch;
    return scratch;
  }

  /** One thread's matchers (one per pattern, reset per text) and the arrays a scan reuses. */
  private static final class Scratch {
    final Thread owner = Thread.currentThread();
    final Matcher[] matchers;
    /** Where each started pattern resumes: after its last match. */
    final int[] resumeAt;
    /** Bits of the patterns whose matcher is on the current text. */
    final long[] ready;
    final long[] enabled;
    final long[] candidates;
    private MatchStarts.Cache[] dfa;
    private boolean dfaOff;
    /** Chars scanned, and DFA restarts, since the DFAs were last (re)tried. */
    private long dfaChars;
    private long restartsBefore;
    final MatchStarts.Starts starts = new MatchStarts.Starts();
    private byte[] classAt = new byte[KEPT_TEXT];

    Scratch(int patterns, int words) {
      matchers = new Matcher[patterns];
      resumeAt = new int[patterns];
      ready = new long[words];
      enabled = new long[words];
      candidates = new long[words];
    }

    /**
     * Whether this thread scans a text of {@code chars} chars with its DFAs of match starts: not
     * once they started over more than once, and more often than once per
     * {@link #CHARS_PER_DFA_RESTART} chars, until {@link #CHARS_BEFORE_DFA_RETRY} chars later.
     */
    boolean useDfa(int chars) {
      long restarts = starts.restarts() - restartsBefore;
      if (!dfaOff && restarts > 1 && restarts * CHARS_PER_DFA_RESTART > dfaChars) {
        dfaOff = true;
        dfaChars = 0;
      } else if (dfaOff && dfaChars > CHARS_BEFORE_DFA_RETRY) {
        dfaOff = false;
        dfaChars = 0;
        restartsBefore = starts.restarts();
      }
      dfaChars += chars;
      return !dfaOff;
    }

    /** This thread's DFAs of {@code starts}. */
    MatchStarts.Cache[] dfa(MatchStarts starts) {
      if (dfa == null) {
        dfa = starts.caches();
      }
      return dfa;
    }

    /** An array for the char classes of a text of {@code n} chars. */
    byte[] classes(int n) {
      return n <= classAt.length ? classAt : new byte[n];
    }
  }
}
