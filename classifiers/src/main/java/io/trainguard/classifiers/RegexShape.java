package io.trainguard.classifiers;

import io.trainguard.classifiers.RegexSyntax.Unsupported;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Necessary conditions for a match of one regex to start at a position, derived once from the
 * regex source: the characters the first few matched characters can be, and characters that
 * cannot precede a match (a leading single-character negative lookbehind), and paths: what the
 * chars at given offsets, the char after a match (negative lookaheads, {@code \b}) and the char
 * after a run of repeated chars must be. They are derived from the tree {@link RegexSyntax} reads
 * (which {@link RegexLanguage} derives from too), whose character sets are exact on ASCII. A
 * regex this derivation does not fully understand gets no conditions ({@link #NONE}): the scanner
 * then runs it over the whole text, so the derivation only has to be conservative, never
 * complete.
 */
final class RegexShape implements Serializable {

  /** How many leading characters the conditions cover at most. */
  static final int MAX_PREFIX = 8;
  /** Index of "any non-ASCII character" in a character set. */
  static final int NON_ASCII = RegexSyntax.NON_ASCII;
  static final RegexShape NONE = new RegexShape(null, null, null, true);
  /** How many paths (alternative prefixes, bits of an int) a regex keeps at most; their length. */
  static final int MAX_PATHS = 32;
  static final int MAX_PATH_LENGTH = 48;
  /** How many path ends {@link #onAPath} looks at before walking. */
  static final int MAX_PROBES = 3;

  /** {@code prefix[j][c]}: whether character class {@code c} may be the j-th matched char. */
  private final boolean[][] prefix;
  /** {@code notBefore[c]}: a character of class {@code c} right before rules out a match. */
  private final boolean[] notBefore;
  /**
   * Sharper than {@link #prefix}, or null: every match is on one of up to {@link #MAX_PATHS}
   * paths ({@link Track}), sequences of character sets; variable repetitions and alternatives
   * give one each (so {@code [0-9]{1,3}\\.} needs a dot at offset 1, 2 or 3). Bit k of
   * {@code allowing[j * kinds + kindOf[c]]}: path k allows class c at offset j, or is shorter
   * than j + 1. Classes that every offset treats alike share a kind (digits, letters, ...), which
   * keeps the table small enough to stay in cache: one per char class took 480 KB in all.
   */
  private final int[] allowing;
  private final byte[] kindOf;
  private final int kinds;
  /** The number of offsets of {@link #allowing}: the longest path's length. */
  private final int longest;
  /** Bit k of {@code pathsWithin[length]}: path k has at most that many sets. */
  private final int[] pathsWithin;
  /**
   * Bit k of {@code pathsFitting[length]}: path k fits a text of that many chars from the start
   * (longer ones fit all): it has at most that many sets, or one more and the text may end there.
   */
  private final int[] pathsFitting;
  /**
   * Offsets looked at before the walk, as they reject most starts that a walk would reject only
   * at a path's end (a 16-digit number where nine digits and a non-digit are needed): the last
   * offset at which every path restricts the char (a path shorter than that allows any), then
   * the offsets of the paths' last chars, longest first, at most {@link #MAX_PROBES} in all.
   */
  private final int[] probes;
  /** Bits of the paths with a run ({@link Track#run}). */
  private final int running;
  /** Per path with a run: where it starts, its chars and the chars allowed after it. */
  private final int[] runAt;
  private final boolean[][] run;
  private final boolean[][] afterRun;
  /**
   * Whether {@code Matcher.find} tries a match at the low surrogate of a pair: once a regex may
   * match a supplementary char, java.util.regex steps over whole pairs instead.
   */
  private final boolean triesInsidePairs;

  private RegexShape(boolean[][] prefix, boolean[] notBefore, List<Track> paths,
      boolean triesInsidePairs) {
    this.prefix = prefix;
    this.notBefore = notBefore;
    this.triesInsidePairs = triesInsidePairs;
    if (paths == null) {
      allowing = null;
      kindOf = null;
      kinds = 0;
      longest = 0;
      probes = null;
      pathsWithin = null;
      pathsFitting = null;
      running = 0;
      runAt = null;
      run = null;
      afterRun = null;
      return;
    }
    longest = paths.stream().mapToInt(path -> path.sets().size()).max().orElse(0);
    int[][] byClass = new int[longest][NON_ASCII + 1];
    pathsWithin = new int[longest + 1];
    pathsFitting = new int[longest + 1];
    runAt = new int[paths.size()];
    run = new boolean[paths.size()][];
    afterRun = new boolean[paths.size()][];
    int withRuns = 0;
    for (int k = 0; k < paths.size(); k++) {
      Track path = paths.get(k);
      List<boolean[]> sets = path.sets();
      for (int length = sets.size(); length <= longest; length++) {
        pathsWithin[length] |= 1 << k;
        pathsFitting[length] |= 1 << k;
      }
      if (path.mayEnd()) {
        pathsFitting[sets.size() - 1] |= 1 << k;
      }
      for (int j = 0; j < longest; j++) {
        for (int c = 0; c <= NON_ASCII; c++) {
          if (j >= sets.size() || sets.get(j)[c]) {
            byClass[j][c] |= 1 << k;
          }
        }
      }
      if (path.run() != null) {
        withRuns |= 1 << k;
        runAt[k] = path.runAt();
        run[k] = path.run();
        afterRun[k] = path.afterRun();
      }
    }
    running = withRuns;
    kindOf = new byte[NON_ASCII + 1];
    List<List<Integer>> columns = new ArrayList<>();
    for (int c = 0; c <= NON_ASCII; c++) {
      List<Integer> column = new ArrayList<>(longest);
      for (int j = 0; j < longest; j++) {
        column.add(byClass[j][c]);
      }
      int kind = columns.indexOf(column);
      if (kind < 0) {
        kind = columns.size();
        columns.add(column);
      }
      kindOf[c] = (byte) kind; // at most 129 kinds: read back with & 0xFF
    }
    kinds = columns.size();
    allowing = new int[longest * kinds];
    for (int j = 0; j < longest; j++) {
      for (int kind = 0; kind < kinds; kind++) {
        allowing[j * kinds + kind] = columns.get(kind).get(j);
      }
    }
    int restricted = longest - 1;
    while (restricted > 0 && Arrays.stream(byClass[restricted]).allMatch(b -> b != 0)) {
      restricted--;
    }
    IntStream ends = paths.stream().map(path -> path.sets().size() - 1)
        .sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue);
    probes = IntStream.concat(IntStream.of(restricted), ends).filter(j -> j > 0).distinct()
        .limit(MAX_PROBES).toArray();
  }

  boolean isNone() {
    return prefix == null;
  }

  boolean[][] prefix() {
    return prefix;
  }

  boolean[] notBefore() {
    return notBefore;
  }

  boolean triesInsidePairs() {
    return triesInsidePairs;
  }

  /** Whether {@code text} at {@code pos} is on one of the paths (true if there are none). */
  boolean onAPath(String text, int pos) {
    if (pathsWithin == null) {
      return true;
    }
    int n = text.length();
    int alive = pathsFitting[Math.min(n - pos, longest)];
    for (int j : probes) {
      if (pos + j < n) {
        alive &= pathsAllowing(j, text.charAt(pos + j));
        if (alive == 0) {
          return false;
        }
      }
    }
    // Every path still alive is longer than j and fits the rest of the text: at its end, all
    // alive paths are complete (the ones that may end there and the ones exactly that long).
    for (int j = 0; alive != 0; j++) {
      int complete = pos + j == n ? alive : alive & pathsWithin[j];
      if (complete != 0) {
        if ((complete & ~running) != 0 || runEndsWell(complete, text, pos)) {
          return true;
        }
        alive &= ~complete;
        if (alive == 0) {
          return false;
        }
      }
      alive &= pathsAllowing(j, text.charAt(pos + j));
    }
    return false;
  }

  /** Bit k: path k allows {@code c} at offset {@code j}, or is shorter than j + 1. */
  private int pathsAllowing(int j, char c) {
    return allowing[j * kinds + (kindOf[charClass(c)] & 0xFF)];
  }

  /** Whether the run of one of {@code paths} is followed by a char it allows there. */
  private boolean runEndsWell(int paths, String text, int pos) {
    for (int bits = paths; bits != 0; bits &= bits - 1) {
      int k = Integer.numberOfTrailingZeros(bits);
      int i = pos + runAt[k];
      while (i < text.length() && run[k][charClass(text.charAt(i))]) {
        i++;
      }
      if (i < text.length() && afterRun[k][charClass(text.charAt(i))]) {
        return true;
      }
    }
    return false;
  }

  static int charClass(char c) {
    return RegexSyntax.charClass(c);
  }

  static RegexShape of(Pattern pattern) {
    int flags = pattern.flags();
    String source = pattern.pattern();
    for (int i = 0; i < source.length(); i++) {
      if (Character.isSurrogate(source.charAt(i))) {
        return NONE; // supplementary literals change where java.util.regex tries matches
      }
    }
    Info info;
    try {
      Deriver deriver = new Deriver();
      info = deriver.alternation(RegexSyntax.parse(pattern)).info;
      if (deriver.keptCapture && deriver.capturesRead) {
        return NONE;
      }
    } catch (Unsupported | RuntimeException e) {
      return NONE;
    }
    List<boolean[]> sets = info.sets;
    if (sets.isEmpty()) {
      if (info.min == 0 || info.first == null) {
        return NONE;
      }
      sets = List.of(info.first);
    }
    List<Track> paths = new ArrayList<>();
    for (Path path : info.paths) {
      Track track = path.track();
      if (track == null) {
        paths = null; // a path that asks nothing: any position may be on it
        break;
      }
      paths.add(track);
    }
    boolean sharper = paths != null && (paths.size() > 1 || paths.get(0).sharperThan(sets));
    Boolean insidePairs = triesInsidePairs(source, flags);
    if (insidePairs == null) {
      return NONE;
    }
    return new RegexShape(sets.toArray(boolean[][]::new),
        info.notBefore == null ? new boolean[NON_ASCII + 1] : info.notBefore,
        sharper ? paths : null, insidePairs);
  }

  /**
   * Whether {@code find} tries the regex between the chars of a surrogate pair (null if that
   * cannot be told): a regex of the same flags and parts that matches only there (\B inside a
   * pair between two word chars) finds that position only if the regex is tried there.
   */
  private static Boolean triesInsidePairs(String source, int flags) {
    try {
      Matcher probe = Pattern.compile("\\B|(?:" + source + ")(?!)", flags)
          .matcher("a\uD83D\uDE00a");
      return probe.find() && probe.start() == 2;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A path as the scanner checks it: the chars at offsets 0, 1, ... are in {@code sets}, except
   * that if {@code mayEnd}, the text may end at the last offset instead (the last set is then a
   * lookahead's condition on the next char); and if {@code run} is not null, the maximal run of
   * chars in {@code run} from offset {@code runAt} is followed by a char in {@code afterRun}.
   */
  private record Track(List<boolean[]> sets, boolean mayEnd, int runAt, boolean[] run,
      boolean[] afterRun) {
    boolean sharperThan(List<boolean[]> prefix) {
      if (run != null || sets.size() > prefix.size()) {
        return true;
      }
      for (int j = 0; j < sets.size(); j++) {
        if (!Arrays.equals(sets.get(j), prefix.get(j))) {
          return true;
        }
      }
      return false;
    }
  }

  /** One step of a {@link Path}. */
  private record Step(Kind kind, boolean[] set) {
    enum Kind {
      /** One char, in {@code set}. */
      CHAR,
      /** Zero-width: the next char is in {@code set}, or the text ends (a negative lookahead). */
      NEXT,
      /** Zero-width: a word boundary, a condition on the next char if the char before is known. */
      BOUNDARY,
      /** The rest of a repetition of one char: any number of chars in {@code set}. */
      RUN
    }

    static Step character(boolean[] set) {
      return new Step(Kind.CHAR, set);
    }

    boolean zeroWidth() {
      return kind == Kind.NEXT || kind == Kind.BOUNDARY;
    }
  }

  /**
   * What some of the strings a node matches start with, step by step: chars (each in a set),
   * zero-width conditions on the next char and runs of repeated chars; {@code exact}: the strings
   * consist of exactly these steps, so a following node's steps can be appended.
   */
  private record Path(List<Step> steps, boolean exact) {
    static final Path EMPTY = new Path(List.of(), true);
    static final Path OPEN = new Path(List.of(), false);
    private static final boolean[] WORD_OR_NON_ASCII = new boolean[NON_ASCII + 1];
    private static final boolean[] NOT_WORD = new boolean[NON_ASCII + 1];

    static {
      for (int c = 0; c <= NON_ASCII; c++) {
        boolean word = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
        WORD_OR_NON_ASCII[c] = word || c == NON_ASCII;
        NOT_WORD[c] = !word;
      }
    }

    /**
     * This path followed by {@code next}; open where it is cut, or once a run is followed by a
     * char ({@link #track} reads nothing after that: extending it only multiplies paths).
     */
    Path then(Path next) {
      List<Step> joined = new ArrayList<>(steps);
      joined.addAll(next.steps);
      int length = Math.min(joined.size(), MAX_PATH_LENGTH);
      boolean settled = false;
      for (int i = 0; i < length && !settled; i++) {
        if (joined.get(i).kind() == Step.Kind.RUN) {
          int t = i + 1;
          while (t < length && joined.get(t).zeroWidth()) {
            t++;
          }
          settled = t < length;
          length = settled ? t + 1 : length;
        }
      }
      return new Path(List.copyOf(joined.subList(0, length)),
          next.exact && length == joined.size() && !settled);
    }

    Path opened() {
      return exact ? new Path(steps, false) : this;
    }

    /** Sets of the chars before the first step that is not a char. */
    List<boolean[]> leadingChars() {
      List<boolean[]> sets = new ArrayList<>();
      for (Step step : steps) {
        if (step.kind() != Step.Kind.CHAR) {
          break;
        }
        sets.add(step.set());
      }
      return sets;
    }

    /**
     * The conditions of the steps by offset: zero-width ones meet the next char's set, or end
     * the track (the text may end there unless a word char is needed); a run gives its run only
     * if the first char after it cannot be in it, and ends the track. Null if it asks nothing.
     */
    Track track() {
      List<boolean[]> sets = new ArrayList<>();
      boolean[] next = null;
      boolean mayEnd = true;
      boolean[] before = null;
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        switch (step.kind()) {
          case CHAR -> {
            before = meet(next, step.set());
            sets.add(before);
            next = null;
            mayEnd = true;
          }
          case NEXT -> next = meet(next, step.set());
          case BOUNDARY -> {
            if (before != null && disjoint(before, NOT_WORD)) {
              next = meet(next, NOT_WORD);
            } else if (before != null && disjoint(before, WORD_OR_NON_ASCII)) {
              next = meet(next, WORD_OR_NON_ASCII);
              mayEnd = false;
            }
          }
          case RUN -> {
            int runAt = sets.size();
            if (next != null) {
              sets.add(next);
            }
            int t = i + 1;
            while (t < steps.size() && steps.get(t).zeroWidth()) {
              t++;
            }
            boolean[] after = t < steps.size() && steps.get(t).kind() == Step.Kind.CHAR
                ? steps.get(t).set() : null;
            if (after != null && disjoint(step.set(), after)) {
              return new Track(List.copyOf(sets), next != null && mayEnd, runAt, step.set(),
                  after);
            }
            return sets.isEmpty() ? null
                : new Track(List.copyOf(sets), next != null && mayEnd, 0, null, null);
          }
        }
      }
      if (next != null) {
        sets.add(next);
      }
      return sets.isEmpty() ? null
          : new Track(List.copyOf(sets), next != null && mayEnd, 0, null, null);
    }

    /** Paths in sequence: each of {@code first} followed by each of {@code next}. */
    static List<Path> sequence(List<Path> first, List<Path> next) {
      List<Path> out = new ArrayList<>();
      for (Path p : first) {
        if (!p.exact) {
          out.add(p);
        } else {
          for (Path q : next) {
            out.add(p.then(q));
          }
        }
      }
      return capped(out);
    }

    /**
     * {@code paths}, or when there are too many, paths every string of theirs starts with: one
     * per length and exactness, else one.
     */
    static List<Path> capped(List<Path> paths) {
      List<Path> distinct = paths.stream().distinct().toList();
      if (distinct.size() <= MAX_PATHS) {
        return distinct;
      }
      Map<List<Object>, List<Path>> byLength = new java.util.LinkedHashMap<>();
      for (Path p : distinct) {
        byLength.computeIfAbsent(List.of(p.steps.size(), p.exact), k -> new ArrayList<>()).add(p);
      }
      if (byLength.size() > MAX_PATHS) {
        return List.of(merged(distinct));
      }
      return byLength.values().stream().map(Path::merged).toList();
    }

    static Path merged(List<Path> paths) {
      if (paths.size() == 1) {
        return paths.get(0);
      }
      List<boolean[]> sets = commonPrefix(paths.stream().map(Path::leadingChars).toList());
      boolean exact = paths.stream().allMatch(p -> p.exact && p.steps.size() == sets.size());
      return new Path(sets.stream().map(Step::character).toList(), exact);
    }
  }

  /**
   * What is known of the strings one regex node matches: sets of its leading characters (one per
   * offset), its minimum and maximum length in chars, whether the sets cover every char of a
   * fixed-length node (so a following node's sets can be appended), the chars that cannot come
   * right before it ({@code notBefore}, null if any can), the set of its possible first characters
   * when it matches a non-empty string ({@code first}, null when unknown), and its paths.
   */
  private record Info(List<boolean[]> sets, boolean exact, int min, int max,
      boolean[] notBefore, boolean[] first, List<Path> paths) {
    static final int UNBOUNDED = Integer.MAX_VALUE;
    static final Info EMPTY = new Info(List.of(), true, 0, 0, null, new boolean[NON_ASCII + 1],
        List.of(Path.EMPTY));
    static final Info OPAQUE = new Info(List.of(), false, 0, UNBOUNDED, null, null,
        List.of(Path.OPEN));

    static Info atom(boolean[] set, boolean mayBeSupplementary) {
      List<Step> steps = List.of(Step.character(set));
      return mayBeSupplementary
          ? new Info(List.of(set), false, 1, 2, null, set, List.of(new Path(steps, false)))
          : new Info(List.of(set), true, 1, 1, null, set, List.of(new Path(steps, true)));
    }

    /** A zero-width node: an assertion that is one step of its paths. */
    static Info zeroWidth(Step step) {
      return new Info(List.of(), true, 0, 0, null, EMPTY.first,
          List.of(new Path(List.of(step), true)));
    }

    /** Possible first chars of a sequence: through its items up to the first non-empty one. */
    static boolean[] firstOf(List<Info> items) {
      boolean[] first = new boolean[NON_ASCII + 1];
      for (Info item : items) {
        if (item.first == null) {
          return null;
        }
        first = union(first, item.first);
        if (item.min > 0) {
          return first;
        }
      }
      return first;
    }

    static int add(int a, int b) {
      long sum = (long) a + b;
      return sum >= UNBOUNDED ? UNBOUNDED : (int) sum;
    }

    static int times(int a, int n) {
      if (a == 0 || n == 0) {
        return 0;
      }
      long product = (long) a * n;
      return product >= UNBOUNDED ? UNBOUNDED : (int) product;
    }

    static Info sequence(List<Info> items) {
      List<boolean[]> sets = new ArrayList<>();
      boolean open = true;
      int min = 0;
      int max = 0;
      boolean[] notBefore = null;
      List<Path> paths = List.of(Path.EMPTY);
      for (Info item : items) {
        paths = Path.sequence(paths, item.paths);
        if (max == 0 && item.notBefore != null) {
          notBefore = union(notBefore, item.notBefore);
        }
        if (open) {
          for (boolean[] s : item.sets) {
            if (sets.size() < MAX_PREFIX) {
              sets.add(s);
            }
          }
          open = item.exact;
        }
        min = add(min, item.min);
        max = add(max, item.max);
      }
      return new Info(List.copyOf(sets), open && sets.size() == min && min == max, min, max,
          notBefore, firstOf(items), paths);
    }

    static Info alternatives(List<Info> branches) {
      if (branches.size() == 1) {
        return branches.get(0);
      }
      int min = Integer.MAX_VALUE;
      int max = 0;
      boolean exact = true;
      for (Info b : branches) {
        min = Math.min(min, b.min);
        max = Math.max(max, b.max);
        exact &= b.exact;
      }
      boolean[] first = new boolean[NON_ASCII + 1];
      for (Info b : branches) {
        first = b.first == null || first == null ? null : union(first, b.first);
      }
      List<boolean[]> sets = commonPrefix(branches.stream().map(b -> b.sets).toList());
      List<Path> paths = new ArrayList<>();
      for (Info b : branches) {
        paths.addAll(b.paths);
      }
      return new Info(sets, exact && min == max && sets.size() == min, min, max,
          null, first, Path.capped(paths));
    }

    Info repeat(int lo, int hi) {
      if (max == 0) {
        return lo == 0 ? EMPTY : this;
      }
      int newMin = times(min, lo);
      int newMax = hi == UNBOUNDED ? UNBOUNDED : times(max, hi);
      List<Path> paths = repeatedPaths(lo, hi);
      if (lo == 0) {
        return new Info(List.of(), false, 0, newMax, null, first, paths);
      }
      List<boolean[]> out = new ArrayList<>();
      if (exact) {
        for (int k = 0; k < lo && out.size() < MAX_PREFIX; k++) {
          for (boolean[] s : sets) {
            if (out.size() < MAX_PREFIX) {
              out.add(s);
            }
          }
        }
      } else {
        out.addAll(sets);
      }
      return new Info(List.copyOf(out), exact && lo == hi && out.size() == newMin, newMin,
          newMax, null, first, paths);
    }

    /**
     * Paths of this node repeated {@code lo} to {@code hi} times: one set per count up to
     * {@link #MAX_PATH_LENGTH}; beyond, those of {@code lo} times, open.
     */
    private List<Path> repeatedPaths(int lo, int hi) {
      List<Path> current = List.of(Path.EMPTY);
      for (int k = 0; k < lo; k++) {
        if (k > MAX_PATH_LENGTH) {
          return current.stream().map(Path::opened).toList();
        }
        current = Path.sequence(current, paths);
      }
      if (hi == lo) {
        return current;
      }
      if (hi == UNBOUNDED && exact && min == 1 && max == 1) {
        Path run = new Path(List.of(new Step(Step.Kind.RUN, sets.get(0))), true);
        return Path.sequence(current, List.of(run));
      }
      if (hi - lo > MAX_PATH_LENGTH) {
        return current.stream().map(Path::opened).toList();
      }
      List<Path> all = new ArrayList<>(current);
      for (int k = lo; k < hi; k++) {
        current = Path.sequence(current, paths);
        all.addAll(current);
      }
      return Path.capped(all);
    }
  }

  /**
   * The chars each of {@code sequences} may have at each position up to the shortest one's
   * length: the position-wise union of their sets.
   */
  private static List<boolean[]> commonPrefix(List<List<boolean[]>> sequences) {
    int common = sequences.stream().mapToInt(List::size).min().orElse(0);
    List<boolean[]> sets = new ArrayList<>(common);
    for (int j = 0; j < common; j++) {
      boolean[] s = null;
      for (List<boolean[]> sequence : sequences) {
        s = union(s, sequence.get(j));
      }
      sets.add(s);
    }
    return List.copyOf(sets);
  }

  /** The chars in both sets; {@code a} may be null (any char). */
  private static boolean[] meet(boolean[] a, boolean[] b) {
    if (a == null) {
      return b;
    }
    boolean[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] &= b[i];
    }
    return out;
  }

  private static boolean disjoint(boolean[] a, boolean[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] && b[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] union(boolean[] a, boolean[] b) {
    if (a == null) {
      return b.clone();
    }
    boolean[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] |= b[i];
    }
    return out;
  }

  /**
   * Derives what is known of the strings of a {@link RegexSyntax} tree, node by node in source
   * order, keeping what the conditions depend on beyond one node: which assertions, lookbehinds
   * and captures enclose or precede it.
   */
  private static final class Deriver {
    /**
     * Assertions and backreferences seen so far: a lookaround branch with one may not match
     * every char of its set, so it is not a single char.
     */
    private int conditional;
    /** How many lookbehinds enclose the current node. */
    private int lookbehinds;
    /** How many lookarounds and atomic groups enclose it. */
    private int keeping;
    /**
     * Whether a capturing group is in a lookaround, an atomic group or a repetition: what it
     * captures there may stay when the match then fails ((?:a(k))*y|\1 on "akk"), and
     * {@code find} does not clear captures between the positions it tries, so a backreference
     * may match one from an earlier position, which {@code lookingAt} there never sees.
     */
    private boolean keptCapture;
    /** Whether captures are read: by a backreference, or by the recognizer (a group named pii). */
    private boolean capturesRead;
    /** Per capturing group opened so far, by number - 1: what it matches once closed, or null. */
    private final List<Info> groups = new ArrayList<>();

    /**
     * An alternation, and per branch the set of the one char it matches if it is just that, no
     * assertion (else null): a lookaround needs them.
     */
    private record Alt(Info info, List<boolean[]> singles) {
      /** ASCII chars that one of the single-char branches matches alone, or null if none. */
      boolean[] singleChars() {
        boolean[] chars = null;
        for (boolean[] single : singles) {
          if (single != null) {
            chars = union(chars, single);
            chars[NON_ASCII] = false; // only characters known to be in the set
          }
        }
        return chars;
      }
    }

    Alt alternation(RegexSyntax.Node node) throws Unsupported {
      List<RegexSyntax.Node> nodes = node instanceof RegexSyntax.Alternatives a ? a.branches()
          : List.of(node);
      List<Info> branches = new ArrayList<>();
      List<boolean[]> singles = new ArrayList<>();
      for (RegexSyntax.Node n : nodes) {
        int before = conditional;
        Info branch = info(n);
        branches.add(branch);
        singles.add(branch.exact && branch.min == 1 && branch.max == 1 && conditional == before
            ? branch.sets.get(0) : null);
      }
      return new Alt(Info.alternatives(branches), singles);
    }

    private Info info(RegexSyntax.Node node) throws Unsupported {
      if (node instanceof RegexSyntax.Chars c) {
        return Info.atom(c.set(), c.wide());
      } else if (node instanceof RegexSyntax.Sequence s) {
        List<Info> items = new ArrayList<>();
        for (RegexSyntax.Node item : s.items()) {
          items.add(info(item));
        }
        return Info.sequence(items);
      } else if (node instanceof RegexSyntax.Alternatives) {
        return alternation(node).info;
      } else if (node instanceof RegexSyntax.Repeat r) {
        int opened = groups.size();
        Info atom = info(r.node());
        keptCapture |= groups.size() > opened;
        if (atom.notBefore != null) {
          throw new Unsupported();
        }
        return atom.repeat(r.lo(), r.hi() < 0 ? Info.UNBOUNDED : r.hi());
      } else if (node instanceof RegexSyntax.Group g) {
        return group(g);
      } else if (node instanceof RegexSyntax.Look look) {
        return look(look);
      } else if (node instanceof RegexSyntax.Assertion a) {
        return assertion(a.kind());
      }
      return backReference((RegexSyntax.BackReference) node);
    }

    private Info group(RegexSyntax.Group g) throws Unsupported {
      if (g.capture() > 0) {
        keptCapture |= keeping > 0;
        groups.add(null);
        capturesRead |= "pii".equals(g.name());
      }
      keeping += g.atomic() ? 1 : 0;
      Info result = alternation(g.body()).info;
      keeping -= g.atomic() ? 1 : 0;
      if (g.capture() > 0) {
        groups.set(g.capture() - 1, result);
      }
      return result;
    }

    private Info look(RegexSyntax.Look look) throws Unsupported {
      keeping++;
      lookbehinds += look.behind() ? 1 : 0;
      boolean[] excluded = alternation(look.body()).singleChars();
      lookbehinds -= look.behind() ? 1 : 0;
      keeping--;
      conditional++;
      if (look.behind()) {
        return new Info(List.of(), true, 0, 0, look.negative() ? excluded : null,
            Info.EMPTY.first, List.of(Path.EMPTY));
      }
      if (look.negative() && excluded != null) {
        boolean[] allowed = new boolean[NON_ASCII + 1];
        for (int c = 0; c <= NON_ASCII; c++) {
          allowed[c] = !excluded[c];
        }
        return Info.zeroWidth(new Step(Step.Kind.NEXT, allowed));
      }
      return Info.EMPTY;
    }

    private Info assertion(char kind) throws Unsupported {
      switch (kind) {
        case '^', 'A' -> {
          // In a lookbehind it may hold at the start of the text, before the position tried,
          // and then sets the match start lookingAt reports to 0 (JDK 17), where find reports
          // the position tried.
          if (lookbehinds > 0) {
            throw new Unsupported();
          }
          conditional++;
          return Info.EMPTY;
        }
        case 'b' -> {
          conditional++;
          return Info.zeroWidth(new Step(Step.Kind.BOUNDARY, null));
        }
        case '$', 'B', 'z', 'Z' -> {
          conditional++;
          return Info.EMPTY;
        }
        default -> throw new Unsupported(); // \G
      }
    }

    /**
     * A backreference: the chars its group captured, each in the set of its offset if the group
     * is closed and its strings have exactly one char per set; the reference must be
     * case-sensitive (a caseless one matches other cases too).
     */
    private Info backReference(RegexSyntax.BackReference reference) {
      conditional++;
      capturesRead = true;
      int number = reference.group();
      Info group = number >= 1 && number <= groups.size() ? groups.get(number - 1) : null;
      if (group == null || !group.exact || reference.caseless()) {
        return Info.OPAQUE;
      }
      return Info.sequence(group.sets.stream().map(set -> Info.atom(set, false)).toList());
    }
  }
}
