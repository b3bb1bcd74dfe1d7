package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.bench.RegexMatches.Match;
import io.trainguard.classifiers.GazetteerRecognizer;
import io.trainguard.classifiers.PatternRecognizer;
import io.trainguard.classifiers.PatternRecognizer.ScoredPattern;
import io.trainguard.classifiers.PatternRecognizer.Trigger;
import io.trainguard.classifiers.Recognizer;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The regex ceiling replays exactly the matches find() gives, lookbehinds included. */
class RegexMatchesTest {

  private static PatternRecognizer recognizer(String entity, String... regexes) {
    return new PatternRecognizer(entity.toLowerCase(), entity,
        java.util.Arrays.stream(regexes).map(r -> new ScoredPattern(r, Pattern.compile(r), 0.5))
            .toList(),
        List.of(), null, null, Trigger.ALWAYS, false);
  }

  @Test
  void recordsEveryFindMatchOfEveryPatternAndReplaysThemAnchored() {
    List<Recognizer> pack = List.of(
        recognizer("ZIP", "(?<!\\d)\\d{5}(?!\\d)"),
        recognizer("WORD", "[a-z]+", "x\\d"));
    RegexMatches matches = new RegexMatches(pack, List.of("ab 12345 x9", "", "123456"));

    assertThat(matches.matches()).containsExactly(
        new Match(0, 0, 3),
        new Match(0, 1, 0), new Match(0, 1, 9),
        new Match(0, 2, 9));
    // Ends 8, 2, 10 and 11, on every replay (the matchers are reused). No five digits inside
    // "123456": the lookarounds reject them.
    assertThat(matches.replay()).isEqualTo(8 + 2 + 10 + 11);
    assertThat(matches.replay()).isEqualTo(31);
  }

  @Test
  void ignoresRecognizersWithoutPatterns() {
    assertThat(new RegexMatches(List.of(GazetteerRecognizer.person()), List.of("Alice Smith"))
        .matches()).isEmpty();
  }
}
