package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import io.trainguard.samples.corpus.LabelledCorpus;
import io.trainguard.samples.corpus.LabelledRecord;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchStarts} reports each position once, ascending, with the union of the regexes that
 * may start there, however the regexes are split into DFAs that run side by side.
 */
class MatchStartsTest {

  private static final List<Pattern> REGEXES = List.of(Pattern.compile("\\d{3}"),
      Pattern.compile("\\d-\\d"), Pattern.compile("[a-z]+@"), Pattern.compile("ab"),
      Pattern.compile("b\\d"), Pattern.compile("(?<=x)\\d"), Pattern.compile("\\d+"));

  @Test
  void startsOfSeveralDfasComeOncePerPositionAscendingWithTheirMasksUnited() {
    Starts one = find(REGEXES.size(), "ab1-2345 x9 cd@");
    // \d{3} at 4 and 5; \d-\d at 2; [a-z]+@ at 12 and 13; ab at 0; b\d at 1; (?<=x)\d (its
    // lookbehind read as empty) and \d+ at every digit.
    assertThat(one.positions).containsExactly(0, 1, 2, 4, 5, 6, 7, 10, 12, 13);
    assertThat(one.masks[Arrays.binarySearch(one.positions, 4)]).isEqualTo(bits(0, 5, 6));
    assertThat(one.masks[Arrays.binarySearch(one.positions, 2)]).isEqualTo(bits(1, 5, 6));
    for (int groupSize = 1; groupSize < REGEXES.size(); groupSize++) {
      assertThat(find(groupSize, "ab1-2345 x9 cd@")).as("groups of %d", groupSize)
          .isEqualTo(one);
    }
  }

  @Test
  void regexesThatNeedACharTheTextLacksAreDropped() {
    int[] groupOf = new int[REGEXES.size()];
    MatchStarts starts = new MatchStarts(REGEXES, groupOf);
    // \d{3}, \d-\d, b\d, (?<=x)\d and \d+ need a digit; \d-\d a dash too; [a-z]+@ an @.
    long[] enabled = {bits(0, 1, 2, 3, 4, 5, 6)};
    starts.dropUnmatchable(new TextProfile("ab cd"), enabled);
    assertThat(enabled).containsExactly(bits(3));
    enabled[0] = bits(0, 1, 2, 3, 4, 5, 6);
    starts.dropUnmatchable(new TextProfile("ab 12"), enabled);
    assertThat(enabled).containsExactly(bits(0, 3, 4, 5, 6));
    enabled[0] = bits(0, 1, 2, 3, 4, 5, 6);
    starts.dropUnmatchable(new TextProfile("AB 1-2 CD@"), enabled);
    assertThat(enabled).containsExactly(bits(0, 1, 2, 3, 4, 5, 6));
  }

  @Test
  void dfasSideBySideFindWhatOneDfaFindsOnRandomTexts() {
    Random random = new Random(7);
    String alphabet = "ab19-x@ cé";
    for (int t = 0; t < 2_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Starts expected = find(REGEXES.size(), text.toString());
      for (int groupSize = 1; groupSize < REGEXES.size(); groupSize++) {
        assertThat(find(groupSize, text.toString())).as("groups of %d on %s", groupSize, text)
            .isEqualTo(expected);
      }
    }
  }

  /**
   * Each regex's starts are where its language's automaton, run forward, accepts a prefix of the
   * rest of the text: a DFA that skips a position while in its empty state must skip none of
   * these, whatever the other DFAs beside it are doing.
   */
  @Test
  void startsAreWhereEachRegexsLanguageAcceptsAPrefixOnRandomTexts() {
    Random random = new Random(27);
    for (int t = 0; t < 2_000; t++) {
      assertStartsAreWhereEachRegexAcceptsAPrefix(randomText(random, random.nextInt(60)));
    }
  }

  /** A pass reads long texts in blocks: partial matches run on across their bounds. */
  @Test
  void startsOfTextsLongerThanABlockAreWhereEachRegexAcceptsAPrefix() {
    Random random = new Random(28);
    for (int t = 0; t < 4; t++) {
      assertStartsAreWhereEachRegexAcceptsAPrefix(randomText(random, 9_000 + random.nextInt(500)));
    }
  }

  private static String randomText(Random random, int length) {
    String alphabet = "ab19-x@ cé.";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static void assertStartsAreWhereEachRegexAcceptsAPrefix(String text) {
    long[] expected = new long[text.length()];
    for (int p = 0; p < REGEXES.size(); p++) {
      dk.brics.automaton.RunAutomaton forward =
          new dk.brics.automaton.RunAutomaton(RegexLanguage.automaton(REGEXES.get(p)));
      for (int i = 0; i < text.length(); i++) {
        int state = forward.getInitialState();
        for (int j = i; j < text.length() && state >= 0 && !forward.isAccept(state); j++) {
          char c = text.charAt(j);
          state = forward.step(state, c < MatchStarts.NON_ASCII ? c : (char) MatchStarts.NON_ASCII);
        }
        expected[i] |= state >= 0 && forward.isAccept(state) ? 1L << p : 0;
      }
    }
    for (int groupSize = 1; groupSize <= REGEXES.size(); groupSize++) {
      Starts found = find(groupSize, text);
      long[] reported = new long[text.length()];
      for (int k = 0; k < found.positions().length; k++) {
        reported[found.positions()[k]] = found.masks()[k];
      }
      assertThat(reported).as("groups of %d on %s", groupSize, text).isEqualTo(expected);
    }
  }

  @Test
  void theBuiltInPacksDfasDoNotDependOnTheOrderOfItsPatterns() {
    List<Pattern> pack = new ArrayList<>();
    for (Recognizer r : Analyzer.defaults().recognizers()) {
      if (r instanceof PatternRecognizer pr) {
        pr.patterns().forEach(p -> pack.add(p.regex()));
      }
    }
    List<String> texts = new ArrayList<>();
    for (LabelledRecord r : LabelledCorpus.generate(20, 5L)) {
      texts.add(r.text());
    }
    int[] states = dfaStates(pack, texts);
    Random random = new Random(11);
    for (int shuffle = 0; shuffle < 3; shuffle++) {
      List<Pattern> reordered = new ArrayList<>(pack);
      Collections.shuffle(reordered, random);
      assertThat(dfaStates(reordered, texts)).as("shuffle %d", shuffle).isEqualTo(states);
    }
  }

  /** The states each DFA of {@code regexes} reached over {@code texts}, sorted. */
  private static int[] dfaStates(List<Pattern> regexes, List<String> texts) {
    boolean[] all = new boolean[regexes.size()];
    Arrays.fill(all, true);
    MatchStarts starts = new MatchStarts(regexes, all);
    MatchStarts.Cache[] caches = starts.caches();
    MatchStarts.Starts out = new MatchStarts.Starts();
    long[] enabled = new long[(regexes.size() + 63) / 64];
    Arrays.fill(enabled, -1L);
    for (String text : texts) {
      starts.find(text, enabled, caches, out);
    }
    return Arrays.stream(caches).mapToInt(MatchStarts.Cache::states).sorted().toArray();
  }

  private record Starts(int[] positions, long[] masks) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Starts s && Arrays.equals(positions, s.positions)
          && Arrays.equals(masks, s.masks);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
      return Arrays.toString(positions) + " " + Arrays.toString(masks);
    }
  }

  private static Starts find(int groupSize, String text) {
    int[] groupOf = new int[REGEXES.size()];
    for (int p = 0; p < groupOf.length; p++) {
      groupOf[p] = p / groupSize;
    }
    MatchStarts starts = new MatchStarts(REGEXES, groupOf);
    MatchStarts.Starts out = new MatchStarts.Starts();
    assertThat(starts.find(text, new long[] {-1L}, starts.caches(), out)).isTrue();
    List<Long> masks = new ArrayList<>();
    for (int k = 0; k < out.count; k++) {
      masks.add(out.masks[k]);
    }
    return new Starts(Arrays.copyOf(out.positions, out.count),
        masks.stream().mapToLong(Long::longValue).toArray());
  }

  private static long bits(int... regexes) {
    long mask = 0;
    for (int p : regexes) {
      mask |= 1L << p;
    }
    return mask;
  }
}
