package io.trainguard.bench;

import io.trainguard.classifiers.PatternRecognizer;
import io.trainguard.classifiers.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every match that {@code Matcher.find} gives for every pattern of a pack's pattern recognizers
 * over a set of texts, replayed as anchored {@code lookingAt} calls. A detector that finds those
 * patterns' matches with {@code java.util.regex} and validates them afterwards (as Presidio does)
 * makes at least these successful matches, so the replay's speed bounds its throughput from
 * above on those texts.
 */
final class RegexMatches {

  /** One match: which text, which pattern, where it starts (UTF-16 index). */
  record Match(int text, int pattern, int start) {}

  private final List<String> texts;
  private final List<Pattern> patterns = new ArrayList<>();
  private final List<Match> matches = new ArrayList<>();
  private final Matcher[] matchers;

  RegexMatches(List<Recognizer> recognizers, List<String> texts) {
    this.texts = List.copyOf(texts);
    for (Recognizer recognizer : recognizers) {
      if (recognizer instanceof PatternRecognizer pr) {
        pr.patterns().forEach(p -> patterns.add(p.regex()));
      }
    }
    matchers = new Matcher[patterns.size()];
    for (int p = 0; p < patterns.size(); p++) {
      // Transparent bounds: lookbehinds see the text before a replayed match, as in find().
      matchers[p] = patterns.get(p).matcher("").useTransparentBounds(true)
          .useAnchoringBounds(false);
      for (int t = 0; t < this.texts.size(); t++) {
        Matcher m = patterns.get(p).matcher(this.texts.get(t));
        while (m.find()) {
          matches.add(new Match(t, p, m.start()));
        }
      }
    }
  }

  List<Match> matches() {
    return matches;
  }

  /** Runs every match again, anchored where it started; returns the sum of their ends. */
  long replay() {
    long ends = 0;
    for (Match match : matches) {
      String text = texts.get(match.text());
      Matcher m = matchers[match.pattern()].reset(text);
      if (!m.region(match.start(), text.length()).lookingAt()) {
        throw new IllegalStateException("Pattern " + patterns.get(match.pattern())
            + " no longer matches at " + match.start() + " of text " + match.text());
      }
      ends += m.end();
    }
    return ends;
  }
}
