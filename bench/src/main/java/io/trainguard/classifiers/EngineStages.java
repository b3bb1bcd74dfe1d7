package io.trainguard.classifiers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.bytedeco.hyperscan.hs_database_t;
import org.bytedeco.hyperscan.hs_scratch_t;
import org.bytedeco.hyperscan.match_event_handler;
import org.bytedeco.hyperscan.global.hyperscan;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * {@code bench/engine}'s candidate stage alone, per engine, on the built-in pack's 80 patterns
 * (their superset languages, {@link RegexLanguage}): which patterns may match in each text
 * (Hyperscan, one block scan per text, each pattern reported once) and where each may start
 * (the automaton of match starts: all patterns in one DFA, and in groups as the analyzer runs
 * it). In this package to reach the engine's package-private parts; not part of the product.
 */
public final class EngineStages {

  private EngineStages() {
  }

  /** The built-in pack's patterns, in the scanner's order. */
  public static List<Pattern> builtInPatterns() {
    List<Pattern> patterns = new ArrayList<>();
    for (Recognizer r : Analyzer.defaults().recognizers()) {
      if (r instanceof PatternRecognizer pr) {
        pr.patterns().forEach(p -> patterns.add(p.regex()));
      }
    }
    return patterns;
  }

  /** How the automaton's patterns are grouped into DFAs. */
  public enum Grouping {
    /** As the analyzer groups them: eight at a time by their automata's alphabets. */
    BY_ALPHABET,
    /** Eight at a time in the pack's order (the grouping before {@link #BY_ALPHABET}). */
    PACK_ORDER,
    /** All in one DFA. */
    ONE_DFA
  }

  /**
   * MB per CPU-second of the automaton of match starts over {@code texts}, every pattern
   * enabled, and the DFAs, states and restarts its caches needed.
   */
  public static String automaton(List<Pattern> patterns, List<String> texts, long bytes,
      Grouping grouping) {
    boolean[] all = new boolean[patterns.size()];
    Arrays.fill(all, true);
    int[] groupOf = new int[patterns.size()];
    for (int p = 0; p < groupOf.length; p++) {
      groupOf[p] = grouping == Grouping.ONE_DFA ? 0 : p / 8;
    }
    boolean oneGroup = grouping == Grouping.ONE_DFA;
    MatchStarts starts = grouping == Grouping.BY_ALPHABET ? new MatchStarts(patterns, all)
        : new MatchStarts(patterns, groupOf);
    MatchStarts.Cache[] caches = starts.caches();
    MatchStarts.Starts out = new MatchStarts.Starts();
    long[] enabled = new long[(patterns.size() + 63) / 64];
    Arrays.fill(enabled, -1L);
    long[] found = {0, 0};
    // One DFA over every pattern is too slow for rounds: one pass, timed alone.
    double mbs = timed(texts, bytes, oneGroup ? 1 : 5, text -> {
      if (starts.find(text, enabled, caches, out)) {
        found[0] += out.count;
      } else {
        found[1]++;
      }
    });
    return String.format(java.util.Locale.ROOT,
        "%.1f MB/s, %d DFAs, %d states, %d restarts, %d texts given up", mbs, caches.length,
        Arrays.stream(caches).mapToInt(MatchStarts.Cache::states).sum(),
        Arrays.stream(caches).mapToInt(MatchStarts.Cache::restarts).sum(), found[1]);
  }

  /**
   * MB per CPU-second of Hyperscan telling which patterns may match in each text (chars mapped
   * to one byte each, as {@link RegexLanguage#byteRegex} reads them), or why it cannot run.
   */
  public static String hyperscan(List<Pattern> patterns, List<String> texts, long bytes) {
    List<String> expressions = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < patterns.size(); p++) {
      String regex = RegexLanguage.byteRegex(patterns.get(p));
      if (regex != null && !Pattern.compile(regex).matcher("").matches()) {
        expressions.add(regex);
        ids.add(p);
      }
    }
    try {
      PointerPointer<BytePointer> exprs = new PointerPointer<>(expressions.size());
      for (int i = 0; i < expressions.size(); i++) {
        exprs.put(i, new BytePointer(expressions.get(i)));
      }
      int[] flags = new int[expressions.size()];
      Arrays.fill(flags, hyperscan.HS_FLAG_SINGLEMATCH);
      PointerPointer<?> database = new PointerPointer<>(1L);
      PointerPointer<?> error = new PointerPointer<>(1L);
      long compileStart = System.nanoTime();
      if (hyperscan.hs_compile_multi(exprs, new IntPointer(flags),
          new IntPointer(ids.stream().mapToInt(Integer::intValue).toArray()),
          expressions.size(), hyperscan.HS_MODE_BLOCK, null, database, error) != 0) {
        return "compile failed";
      }
      double compileMs = (System.nanoTime() - compileStart) / 1e6;
      hs_database_t db = new hs_database_t(database.get(0));
      hs_scratch_t scratch = new hs_scratch_t(null);
      hyperscan.hs_alloc_scratch(db, scratch);
      long[] mask = new long[2];
      match_event_handler handler = new match_event_handler() {
        @Override
        public int call(int id, long from, long to, int flags, Pointer context) {
          mask[id >>> 6] |= 1L << id;
          return 0;
        }
      };
      BytePointer buffer = new BytePointer(1L << 20);
      long[] matching = {0};
      double mbs = timed(texts, bytes, 5, text -> {
        int n = Math.min(text.length(), 1 << 20);
        for (int i = 0; i < n; i++) {
          char c = text.charAt(i);
          buffer.put(i, (byte) (c < 128 ? c : 0x80));
        }
        mask[0] = 0;
        mask[1] = 0;
        hyperscan.hs_scan(db, buffer, n, 0, scratch, handler, null);
        matching[0] += Long.bitCount(mask[0]) + Long.bitCount(mask[1]);
      });
      return String.format(java.util.Locale.ROOT, "%.1f MB/s (compiled in %.0f ms)", mbs,
          compileMs);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return "native library unavailable (" + e.getClass().getSimpleName() + ")";
    }
  }

  /**
   * Median MB per CPU-second of {@code n} rounds (after 2 if n > 1) of at least 0.5 CPU-seconds
   * each.
   */
  private static double timed(List<String> texts, long bytes, int n,
      java.util.function.Consumer<String> step) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] rounds = new double[n];
    for (int round = n > 1 ? -2 : 0; round < n; round++) {
      long start = threads.getCurrentThreadCpuTime();
      long passes = 0;
      long cpu;
      do {
        texts.forEach(step);
        passes++;
        cpu = threads.getCurrentThreadCpuTime() - start;
      } while (cpu < 500_000_000L);
      if (round >= 0) {
        rounds[round] = passes * bytes / 1e6 / (cpu / 1e9);
      }
    }
    Arrays.sort(rounds);
    return rounds[n / 2];
  }
}
