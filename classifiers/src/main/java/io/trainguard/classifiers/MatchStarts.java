package io.trainguard.classifiers;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a match of each of a set of regexes may start, for every position of a text: per group
 * of regexes, one backward pass of a DFA over the union of their reversed languages ({@link
 * RegexLanguage}), built lazily from the regexes' automata as the text needs its states (as RE2
 * does), each state knowing which regexes have a match starting at the position just read. The
 * languages are supersets, so every position where a regex's {@code lookingAt} can succeed is
 * reported; {@code java.util.regex} then confirms. Regexes with no automaton, or one that
 * matches the empty string, are not covered and must be tried everywhere.
 */
final class MatchStarts implements Serializable {

  static final int NON_ASCII = RegexLanguage.NON_ASCII;
  static final int SYMBOLS = NON_ASCII + 1;
  /**
   * Regexes per DFA: the states of a union multiply with its regexes' partial matches, so the
   * regexes are split into groups of this many, each with its own DFA.
   */
  private static final int GROUP = 8;
  /** DFA states one thread keeps per group; past that it starts over. */
  private static final int MAX_STATES = 4096;
  /** Starts over per text before giving up on the text (the caller then tries everywhere). */
  private static final int MAX_RESTARTS = 4;
  private static final Map<String, Automaton> AUTOMATA = new ConcurrentHashMap<>();
  /**
   * Classes of chars of which a regex may need one in every match (its automaton reaches no
   * accepting state without reading one): where a text holds none, the regex cannot match.
   */
  private static final String[] REQUIRED = {"0123456789", "@", ":", ".", "/", "-", "_", "=",
      "+", "#"};

  private final List<Pattern> regexes;
  /** Per regex: its group, or -1 if not covered. */
  private final int[] groupOf;
  private transient volatile Tables[] groups;
  /**
   * {@code needs[k]}: bits of the covered regexes every match of which holds a char of
   * {@code REQUIRED[k]}; set before {@link #groups}.
   */
  private transient long[][] needs;

  /**
   * Covers those of {@code regexes} whose {@code wanted} entry is true and that it can read, in
   * groups of {@link #GROUP} regexes of like alphabets ({@link #byAlphabet}), whatever the
   * regexes' order.
   */
  MatchStarts(List<Pattern> regexes, boolean[] wanted) {
    this(regexes, byAlphabet(regexes, wanted));
  }

  /** Covers regex p in group {@code groupOf[p]}, or not if it is negative (tests, benchmarks). */
  MatchStarts(List<Pattern> regexes, int[] groupOf) {
    this.regexes = List.copyOf(regexes);
    this.groupOf = groupOf.clone();
  }

  /**
   * Groups the wanted regexes by the symbols their automata read: a DFA's states are the sets of
   * its regexes' states that one text can reach at once, so regexes over like alphabets (digit
   * runs, dates, words) add few states to each other. The largest automaton left (then the
   * first by text) starts a group, which takes in turn the regex whose alphabet is closest to
   * the group's (Jaccard index, then the larger, then the first by text).
   */
  private static int[] byAlphabet(List<Pattern> regexes, boolean[] wanted) {
    List<Integer> left = new ArrayList<>();
    int[] size = new int[regexes.size()];
    java.util.BitSet[] alphabet = new java.util.BitSet[regexes.size()];
    for (int p = 0; p < regexes.size(); p++) {
      Automaton a = wanted[p] ? automaton(regexes.get(p)) : null;
      if (a != null && !a.getInitialState().isAccept()) {
        size[p] = a.getNumberOfStates();
        alphabet[p] = new java.util.BitSet(SYMBOLS);
        for (State s : a.getStates()) {
          for (Transition t : s.getTransitions()) {
            if (t.getMin() <= NON_ASCII) {
              alphabet[p].set(t.getMin(), Math.min(t.getMax(), NON_ASCII) + 1);
            }
          }
        }
        left.add(p);
      }
    }
    Comparator<Integer> first = Comparator.<Integer>comparingInt(p -> -size[p])
        .thenComparing(p -> key(regexes.get(p)));
    left.sort(first);
    int[] groupOf = new int[regexes.size()];
    Arrays.fill(groupOf, -1);
    for (int g = 0; !left.isEmpty(); g++) {
      java.util.BitSet union = (java.util.BitSet) alphabet[left.get(0)].clone();
      for (int k = 0; k < GROUP && !left.isEmpty(); k++) {
        int best = 0;
        for (int j = 1; j < left.size() && k > 0; j++) {
          if (closeness(alphabet[left.get(j)], union)
              > closeness(alphabet[left.get(best)], union)) {
            best = j;
          }
        }
        int p = left.remove(best);
        groupOf[p] = g;
        union.or(alphabet[p]);
      }
    }
    return groupOf;
  }

  /** The Jaccard index of two sets of symbols. */
  private static double closeness(java.util.BitSet a, java.util.BitSet b) {
    java.util.BitSet both = (java.util.BitSet) a.clone();
    both.and(b);
    java.util.BitSet either = (java.util.BitSet) a.clone();
    either.or(b);
    return (double) both.cardinality() / either.cardinality();
  }

  /** The automaton of {@code regex}'s superset language; one that accepts "" if it has none. */
  private static Automaton automaton(Pattern regex) {
    return AUTOMATA.computeIfAbsent(key(regex), k -> {
      Automaton built = RegexLanguage.automaton(regex);
      return built == null ? Automaton.makeEmptyString() : built;
    });
  }

  private static String key(Pattern regex) {
    return regex.flags() + "/" + regex.pattern();
  }

  /** Whether regex {@code p}'s starts are reported. */
  boolean covers(int p) {
    for (Tables t : groups()) {
      if (t.covered[p]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Clears from {@code enabled} (bits) the covered regexes that need a char {@code profile}'s
   * text lacks ({@link #REQUIRED}): they match nowhere in it.
   */
  void dropUnmatchable(TextProfile profile, long[] enabled) {
    groups();
    long low = profile.presentLow();
    long high = profile.presentHigh();
    for (int k = 0; k < REQUIRED.length; k++) {
      if ((low & REQUIRED_LOW[k]) == 0 && (high & REQUIRED_HIGH[k]) == 0) {
        long[] bits = needs[k];
        for (int w = 0; w < enabled.length; w++) {
          enabled[w] &= ~bits[w];
        }
      }
    }
  }

  private static final long[] REQUIRED_LOW = presenceBits(false);
  private static final long[] REQUIRED_HIGH = presenceBits(true);

  /** Per class of {@link #REQUIRED}: its chars as {@link TextProfile}'s presence bits. */
  private static long[] presenceBits(boolean high) {
    long[] bits = new long[REQUIRED.length];
    for (int k = 0; k < REQUIRED.length; k++) {
      for (char c : REQUIRED[k].toCharArray()) {
        if (c >= 64 == high) {
          bits[k] |= 1L << (c & 63);
        }
      }
    }
    return bits;
  }

  /** Whether every string {@code a} accepts holds a char of {@code chars}. */
  private static boolean needs(Automaton a, String chars) {
    java.util.BitSet in = new java.util.BitSet(SYMBOLS);
    chars.chars().forEach(in::set);
    Map<State, Boolean> seen = new IdentityHashMap<>();
    java.util.ArrayDeque<State> todo = new java.util.ArrayDeque<>();
    todo.add(a.getInitialState());
    seen.put(a.getInitialState(), true);
    while (!todo.isEmpty()) {
      State s = todo.poll();
      if (s.isAccept()) {
        return false;
      }
      for (Transition t : s.getTransitions()) {
        boolean other = t.getMax() >= NON_ASCII || in.nextClearBit(t.getMin()) <= t.getMax();
        if (other && seen.put(t.getDest(), true) == null) {
          todo.add(t.getDest());
        }
      }
    }
    return true;
  }

  /** Whether any regex is covered. */
  boolean coversAny() {
    return groups().length > 0;
  }

  private Tables[] groups() {
    Tables[] g = groups;
    if (g == null) {
      int count = Arrays.stream(groupOf).max().orElse(-1) + 1;
      List<Tables> built = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        boolean[] group = new boolean[groupOf.length];
        for (int p = 0; p < groupOf.length; p++) {
          group[p] = groupOf[p] == k;
        }
        Tables t = new Tables(regexes, group);
        if (t.nodes > 0) {
          built.add(t);
        }
      }
      int words = Math.max(1, (regexes.size() + 63) / 64);
      long[][] need = new long[REQUIRED.length][words];
      for (Tables t : built) {
        for (int p = 0; p < regexes.size(); p++) {
          for (int k = 0; k < REQUIRED.length && t.covered[p]; k++) {
            if (needs(automaton(regexes.get(p)), REQUIRED[k])) {
              need[k][p >>> 6] |= 1L << p;
            }
          }
        }
      }
      needs = need;
      g = built.toArray(Tables[]::new);
      groups = g;
    }
    return g;
  }

  /** A cache per group, for one thread. */
  Cache[] caches() {
    Cache[] caches = new Cache[groups().length];
    for (int k = 0; k < caches.length; k++) {
      caches[k] = new Cache();
    }
    return caches;
  }

  /**
   * The positions of {@code text} where a covered regex of {@code enabled} (bits) may start a
   * match, ascending, into {@code out}, with a mask of those regexes per position (and maybe
   * others); false if a DFA of this thread's {@code caches} had to start over too often on the
   * text (then nothing is known). The DFAs run four at a time, side by side in one backward
   * pass over a block of the text, so that their table lookups do not wait on each other.
   */
  boolean find(String text, long[] enabled, Cache[] caches, Starts out) {
    Tables[] g = groups();
    out.count = 0;
    Cache[] running = out.running(g.length);
    int[][] next = out.next;
    int[] state = out.state;
    int active = 0;
    for (int k = 0; k < g.length; k++) {
      if (g[k].intersects(enabled)) {
        Cache cache = caches[k];
        if (cache.tables != g[k]) {
          cache.reset(g[k]);
        }
        running[active] = cache;
        next[active] = cache.next;
        out.classOf[active] = g[k].classOf;
        state[active] = 0;
        active++;
      }
    }
    int lanes = (active + LANES - 1) / LANES * LANES;
    for (int a = active; a < lanes; a++) {
      next[a] = NOWHERE;
      out.classOf[a] = NOWHERE_CLASSES;
      state[a] = 0;
    }
    boolean known = active == 0 || pass(text, lanes, g[0].words, out);
    Arrays.fill(running, 0, lanes, null);
    Arrays.fill(next, 0, lanes, null);
    Arrays.fill(out.classOf, 0, lanes, null);
    return known;
  }

  /** DFAs per run of {@link #lanes}: their states stay in registers. */
  private static final int LANES = 4;
  /** Chars per block of a pass: bounds the per-position masks a pass keeps. */
  private static final int BLOCK = 4096;
  /** A transition that is unknown or accepting: the pass leaves its fast path. */
  private static final int SLOW = 0x80000001;
  /** A DFA that stays in its empty state, one class wide: fills the last run of lanes. */
  private static final int[] NOWHERE = new int[1];
  private static final int[] NOWHERE_CLASSES = new int[SYMBOLS];

  /** The backward pass of {@link #find} over {@code lanes} DFAs (a multiple of LANES). */
  private static boolean pass(String text, int lanes, int words, Starts out) {
    long restartsBefore = out.restarts;
    for (int end = text.length(); end > 0; end -= BLOCK) {
      int start = Math.max(0, end - BLOCK);
      out.ensureBlock(end - start, words);
      for (int a = 0; a < lanes; a += LANES) {
        if (!lanes(text, start, end, a, words, out, restartsBefore)) {
          out.collect(start, end, words); // leaves the block's masks clear for the next pass
          return false;
        }
      }
      out.collect(start, end, words);
    }
    out.reverse(words);
    return true;
  }

  /** DFAs {@code a} to {@code a + 3} of {@code out} backward over text[start, end). */
  private static boolean lanes(String text, int start, int end, int a, int words, Starts out,
      long restartsBefore) {
    int[][] next = out.next;
    int[] state = out.state;
    int[] k0 = out.classOf[a];
    int[] k1 = out.classOf[a + 1];
    int[] k2 = out.classOf[a + 2];
    int[] k3 = out.classOf[a + 3];
    int[] t0 = next[a];
    int[] t1 = next[a + 1];
    int[] t2 = next[a + 2];
    int[] t3 = next[a + 3];
    int s0 = state[a];
    int s1 = state[a + 1];
    int s2 = state[a + 2];
    int s3 = state[a + 3];
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      int symbol = c < NON_ASCII ? c : NON_ASCII;
      int x0 = t0[s0 + k0[symbol]];
      int x1 = t1[s1 + k1[symbol]];
      int x2 = t2[s2 + k2[symbol]];
      int x3 = t3[s3 + k3[symbol]];
      if (((x0 | x1 | x2 | x3) & SLOW) != 0) {
        int[] x = out.to;
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        x[3] = x3;
        state[a] = s0;
        state[a + 1] = s1;
        state[a + 2] = s2;
        state[a + 3] = s3;
        if (!out.slow(i - start, symbol, a, words, restartsBefore)) {
          return false;
        }
        x0 = x[0];
        x1 = x[1];
        x2 = x[2];
        x3 = x[3];
        t0 = next[a];
        t1 = next[a + 1];
        t2 = next[a + 2];
        t3 = next[a + 3];
      }
      s0 = x0 >>> 1;
      s1 = x1 >>> 1;
      s2 = x2 >>> 1;
      s3 = x3 >>> 1;
    }
    state[a] = s0;
    state[a + 1] = s1;
    state[a + 2] = s2;
    state[a + 3] = s3;
    return true;
  }

  /**
   * The reversed union of a group's automata: every edge reversed, so that a backward pass
   * starts at the accepting states, and a regex may start a match where its initial state is
   * reached.
   */
  private static final class Tables {
    final int words;
    final boolean[] covered;
    final int nodes;
    /**
     * Reversed edges of node v: indexes {@code firstEdge[v]} to {@code firstEdge[v + 1]} of
     * {@code low}, {@code high} (symbols, inclusive) and {@code target}.
     */
    final int[] firstEdge;
    final char[] low;
    final char[] high;
    final int[] target;
    /** Per node: the regex whose match may start there, or -1. */
    final int[] acceptOf;
    /**
     * {@code classOf[symbol]}: the symbol's class, symbols that every edge takes alike sharing
     * one, so a DFA's rows are as wide as its classes and its table stays small.
     */
    final int[] classOf;
    final int classes;
    /** {@code restart[symbol]}: the nodes a pass reaches from a start node on that symbol. */
    final int[][] restart;
    /** Bits of the covered regexes. */
    final long[] coveredBits;

    boolean intersects(long[] bits) {
      for (int w = 0; w < words; w++) {
        if ((coveredBits[w] & bits[w]) != 0) {
          return true;
        }
      }
      return false;
    }

    Tables(List<Pattern> regexes, boolean[] wanted) {
      int n = regexes.size();
      words = Math.max(1, (n + 63) / 64);
      covered = new boolean[n];
      List<int[]> edges = new ArrayList<>(); // {from, low, high, to}, reversed
      List<Integer> starts = new ArrayList<>();
      List<Integer> accepting = new ArrayList<>(); // pairs: node, regex
      int count = 0;
      for (int p = 0; p < n; p++) {
        if (!wanted[p]) {
          continue;
        }
        Pattern regex = regexes.get(p);
        Automaton a = automaton(regex);
        State initial = a.getInitialState();
        if (initial.isAccept()) {
          continue; // no automaton, or one that matches at every position
        }
        covered[p] = true;
        Map<State, Integer> number = new IdentityHashMap<>();
        for (State s : a.getStates()) {
          number.put(s, count++);
        }
        accepting.add(number.get(initial));
        accepting.add(p);
        for (State s : a.getStates()) {
          if (s.isAccept()) {
            starts.add(number.get(s));
          }
          for (Transition tr : s.getTransitions()) {
            if (tr.getMin() <= NON_ASCII) {
              edges.add(new int[] {number.get(tr.getDest()), tr.getMin(),
                  Math.min(tr.getMax(), NON_ASCII), number.get(s)});
            }
          }
        }
      }
      nodes = count;
      coveredBits = new long[words];
      for (int p = 0; p < n; p++) {
        if (covered[p]) {
          coveredBits[p >>> 6] |= 1L << p;
        }
      }
      acceptOf = new int[nodes];
      Arrays.fill(acceptOf, -1);
      for (int k = 0; k < accepting.size(); k += 2) {
        acceptOf[accepting.get(k)] = accepting.get(k + 1);
      }
      edges.sort((x, y) -> Integer.compare(x[0], y[0]));
      firstEdge = new int[nodes + 1];
      low = new char[edges.size()];
      high = new char[edges.size()];
      target = new int[edges.size()];
      for (int k = 0; k < edges.size(); k++) {
        int[] e = edges.get(k);
        firstEdge[e[0] + 1] = k + 1;
        low[k] = (char) e[1];
        high[k] = (char) e[2];
        target[k] = e[3];
      }
      for (int v = 1; v <= nodes; v++) {
        firstEdge[v] = Math.max(firstEdge[v], firstEdge[v - 1]);
      }
      classOf = new int[SYMBOLS];
      Map<java.util.BitSet, Integer> classOfEdges = new HashMap<>();
      for (int c = 0; c < SYMBOLS; c++) {
        java.util.BitSet taking = new java.util.BitSet(low.length);
        for (int e = 0; e < low.length; e++) {
          if (c >= low[e] && c <= high[e]) {
            taking.set(e);
          }
        }
        classOf[c] = classOfEdges.computeIfAbsent(taking, k -> classOfEdges.size());
      }
      classes = classOfEdges.size();
      restart = new int[SYMBOLS][];
      for (int c = 0; c < SYMBOLS; c++) {
        java.util.BitSet to = new java.util.BitSet(nodes);
        for (int v : starts) {
          for (int e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
            if (c >= low[e] && c <= high[e]) {
              to.set(target[e]);
            }
          }
        }
        restart[c] = to.stream().toArray();
      }
    }
  }

  /**
   * One thread's lazily built DFA: sets of automaton states, numbered as they appear. A known
   * transition is kept as {@code state * classes << 1 | 1 if the state accepts} (its row of
   * {@code next}, so a pass adds the symbol's class and looks up), an unknown one as -1.
   */
  static final class Cache {
    private Tables tables;
    private int[] next = new int[0];
    private long[] accept = new long[0];
    private boolean[] accepting = new boolean[0];
    private int[][] sets = new int[0][];
    private int count;
    private final Map<Key, Integer> ids = new HashMap<>();
    private int[] mark = new int[0];
    private int generation;
    private int[] buffer = new int[0];
    /** How many times this cache started over. */
    private int restarts;

    int states() {
      return count;
    }

    int restarts() {
      return restarts;
    }

    private record Key(int[] states) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(states, k.states);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(states);
      }
    }

    private void reset(Tables t) {
      tables = t;
      mark = new int[t.nodes];
      buffer = new int[t.nodes];
      generation = 0;
      clear(64);
    }

    private void clear(int capacity) {
      ids.clear();
      count = 0;
      next = new int[capacity * tables.classes];
      Arrays.fill(next, -1);
      accept = new long[capacity * tables.words];
      accepting = new boolean[capacity];
      sets = new int[capacity][];
      add(new int[0]);
    }

    /**
     * The transition from the state whose row of {@code next} starts at {@code row} on
     * {@code symbol} (encoded as kept), computed and kept.
     */
    int step(int row, int symbol) {
      Tables t = tables;
      int d = row / t.classes;
      if (++generation == 0) {
        Arrays.fill(mark, 0);
        generation = 1;
      }
      int k = 0;
      for (int s : sets[d]) {
        k = follow(t, s, symbol, k);
      }
      for (int to : t.restart[symbol]) {
        if (mark[to] != generation) {
          mark[to] = generation;
          buffer[k++] = to;
        }
      }
      int[] set = Arrays.copyOf(buffer, k);
      Arrays.sort(set);
      Integer known = ids.get(new Key(set));
      if (known != null) {
        return next[row + t.classOf[symbol]] = transition(known);
      }
      if (count == MAX_STATES) {
        restarts++;
        clear(next.length / t.classes);
        return transition(add(set)); // d is gone; its transition is not kept
      }
      return next[row + t.classOf[symbol]] = transition(add(set));
    }

    private int transition(int state) {
      return state * tables.classes << 1 | (accepting[state] ? 1 : 0);
    }

    /** Adds the unmarked states {@code s} goes to on {@code symbol} at buffer[k...]; new k. */
    private int follow(Tables t, int s, int symbol, int k) {
      for (int e = t.firstEdge[s]; e < t.firstEdge[s + 1]; e++) {
        int to = t.target[e];
        if (symbol >= t.low[e] && symbol <= t.high[e] && mark[to] != generation) {
          mark[to] = generation;
          buffer[k++] = to;
        }
      }
      return k;
    }

    private int add(int[] set) {
      if (count == sets.length) {
        int capacity = Math.min(MAX_STATES, count * 2);
        next = Arrays.copyOf(next, capacity * tables.classes);
        Arrays.fill(next, count * tables.classes, next.length, -1);
        accept = Arrays.copyOf(accept, capacity * tables.words);
        accepting = Arrays.copyOf(accepting, capacity);
        sets = Arrays.copyOf(sets, capacity);
      }
      int id = count++;
      sets[id] = set;
      ids.put(new Key(set), id);
      for (int s : set) {
        int p = tables.acceptOf[s];
        if (p >= 0) {
          accept[id * tables.words + (p >>> 6)] |= 1L << p;
          accepting[id] = true;
        }
      }
      return id;
    }
  }

  /**
   * Positions and, per position, a mask of the regexes that may start a match there; and the
   * per-pass state of {@link #find}, kept to be reused.
   */
  static final class Starts {
    int count;
    int[] positions = new int[16];
    long[] masks = new long[16];
    private Cache[] running = new Cache[0];
    private int[][] next = new int[0][];
    private int[][] classOf = new int[0][];
    private int[] state = new int[0];
    /** The transitions of one char in the lanes of a run, while it leaves its fast path. */
    private final int[] to = new int[LANES];
    /**
     * Per position of the current block: the masks of its accepting states, united; and a bit
     * per position that has one. Both are clear between passes.
     */
    private long[] hits = new long[0];
    private long[] hitBits = new long[0];
    /** How many times the DFAs this object's passes ran started over, in all. */
    private long restarts;

    long restarts() {
      return restarts;
    }

    /** The per-pass arrays of {@link #find} for {@code groups} DFAs, in runs of LANES. */
    private Cache[] running(int groups) {
      int lanes = (groups + LANES - 1) / LANES * LANES;
      if (running.length < lanes) {
        running = new Cache[lanes];
        next = new int[lanes][];
        classOf = new int[lanes][];
        state = new int[lanes];
      }
      return running;
    }

    /**
     * Completes the transitions {@link #to} of lanes {@code a} to {@code a + 3} on
     * {@code symbol} at {@code offset} of the block: computes the unknown ones and notes the
     * accepting ones' regexes; false when the DFAs started over too often.
     */
    private boolean slow(int offset, int symbol, int a, int words, long restartsBefore) {
      for (int k = 0; k < LANES; k++) {
        int lane = a + k;
        if (to[k] < 0) {
          Cache cache = running[lane];
          int before = cache.restarts;
          to[k] = cache.step(state[lane], symbol);
          if (cache.restarts != before && ++restarts - restartsBefore > MAX_RESTARTS) {
            return false;
          }
          next[lane] = cache.next;
        }
        if ((to[k] & 1) != 0) {
          long[] accept = running[lane].accept;
          int from = (to[k] >>> 1) / running[lane].tables.classes * words;
          for (int w = 0; w < words; w++) {
            hits[offset * words + w] |= accept[from + w];
          }
          hitBits[offset >>> 6] |= 1L << offset;
        }
      }
      return true;
    }

    /** Makes room for the masks of a block of {@code length} positions. */
    private void ensureBlock(int length, int words) {
      if (hits.length < length * words || hitBits.length < (length + 63) / 64) {
        hits = new long[length * words];
        hitBits = new long[(length + 63) / 64];
      }
    }

    /**
     * Adds the positions of the block from {@code start} that have a mask, in descending order,
     * and clears their masks.
     */
    private void collect(int start, int end, int words) {
      for (int b = (end - start - 1) >>> 6; b >= 0; b--) {
        for (long bits = hitBits[b]; bits != 0; bits &= ~Long.highestOneBit(bits)) {
          int offset = b << 6 | 63 - Long.numberOfLeadingZeros(bits);
          if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
          }
          if ((count + 1) * words > masks.length) {
            masks = Arrays.copyOf(masks, Math.max(masks.length * 2, (count + 1) * words));
          }
          positions[count] = start + offset;
          System.arraycopy(hits, offset * words, masks, count * words, words);
          Arrays.fill(hits, offset * words, offset * words + words, 0L);
          count++;
        }
        hitBits[b] = 0;
      }
    }

    /** Turns the descending positions (and their masks) ascending. */
    private void reverse(int words) {
      for (int k = 0, j = count - 1; k < j; k++, j--) {
        int position = positions[k];
        positions[k] = positions[j];
        positions[j] = position;
        for (int w = 0; w < words; w++) {
          long mask = masks[k * words + w];
          masks[k * words + w] = masks[j * words + w];
          masks[j * words + w] = mask;
        }
      }
    }
  }
}
