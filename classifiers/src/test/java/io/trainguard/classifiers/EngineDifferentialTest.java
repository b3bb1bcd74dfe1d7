package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trainguard.samples.SampleDataset;
import io.trainguard.samples.corpus.LabelledCorpus;
import io.trainguard.samples.corpus.LabelledRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automaton of match starts ({@link MatchStarts}) changes no finding: the analyzer with it,
 * without it and without any scanner ({@link Analyzer#fullScan()}) report the same findings on
 * the labelled corpus, the sample dataset's values and patterns of every construct a user pack
 * may use. (Random regexes and texts: {@link RegexShapeFuzzTest}, whose scanners use it.)
 */
class EngineDifferentialTest {

  /** Python regexes of the constructs the pack loader accepts, compiled as Presidio's are. */
  private static final List<String> CONSTRUCTS = List.of(
      "(?<![\\w.])[a-z]+@[a-z]+\\.(?:com|org)(?!\\w)", // lookbehind, lookahead
      "(?<=id: )\\d{4}", // positive lookbehind
      "\\b(\\d{3})-\\1\\b", // backreference
      "(?P<area>\\d{3})[ -](?P=area)", // Python named group and reference
      "(?i)password\\s*[:=]\\s*(?P<pii>\\S+)", // flags, pii group
      "(?i:acme)-\\d{3,}", // scoped flags
      "\\p{Lu}\\p{Ll}+ \\p{Lu}\\p{Ll}+", // unicode classes
      "[[:alpha:]]{3}[[:digit:]]{2,}", // POSIX classes
      "\\p{Han}+", // scripts
      "[^\\s@]+@[^\\s@]+", // negated classes
      "^\\S+$", // anchors (MULTILINE)
      "x{,3}y", // {,n}
      "(?:ab|a)(?:bc|c)\\Z", // \Z
      "\\d+(?:\\.\\d+)?\\s?(?:kg|lb)s?", // optional parts
      "(?:[A-Z]{2}){2,}\\d", // nested repetition
      "(?>a+)b", // atomic group
      "a*", // matches empty strings everywhere
      ".{2}\\u00e9", // any char and a non-ASCII literal
      "[a-z&&[^aeiou]]{4}", // class intersection
      "(?s)BEGIN.*?END"); // lazy, dot-all

  private static final Analyzer DEFAULTS = Analyzer.defaults();
  private static List<String> texts;

  @BeforeAll
  static void texts(@TempDir Path dir) throws IOException {
    texts = new ArrayList<>();
    for (LabelledRecord r : LabelledCorpus.generate(60, 42L)) {
      texts.add(r.text());
    }
    SampleDataset.write(dir, 2_000, 1L);
    Path repo = Path.of("..").toAbsolutePath().normalize();
    for (Path root : List.of(dir, repo.resolve("samples/data"))) {
      texts.addAll(Files.readAllLines(root.resolve(SampleDataset.CSV_FILE)));
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(root.resolve(SampleDataset.JSONL_FILE))) {
        Iterator<Map.Entry<String, JsonNode>> fields = json.readTree(line).fields();
        while (fields.hasNext()) {
          JsonNode value = fields.next().getValue();
          if (value.isTextual()) {
            texts.add(value.asText());
          }
        }
      }
    }
  }

  @Test
  void theBuiltInPackFindsTheSameWithAndWithoutTheAutomaton() {
    assertSame(DEFAULTS, texts);
    assertThat(texts).hasSizeGreaterThan(9_000);
  }

  @Test
  void patternsOfEveryPackConstructFindTheSame() {
    List<Recognizer> recognizers = new ArrayList<>(DEFAULTS.recognizers());
    for (int k = 0; k < CONSTRUCTS.size(); k++) {
      Pattern regex = PythonRegex.compile(CONSTRUCTS.get(k), PythonRegex.PRESIDIO_DEFAULT_FLAGS);
      // Trusted (not budgeted), as built-in patterns are: only those run through the automaton.
      recognizers.add(new PatternRecognizer("Construct" + k, "C" + k, List.of(
          new PatternRecognizer.ScoredPattern("c" + k, regex, 0.9)), List.of(), null, null,
          PatternRecognizer.Trigger.ALWAYS, false));
    }
    Analyzer analyzer = new Analyzer(recognizers, Analyzer.DEFAULT_THRESHOLD);
    List<String> tricky = new ArrayList<>(texts.subList(0, 3_000));
    tricky.addAll(List.of("id: 1234 and 555-555 x 123 123", "Password = hunter2 ACME-1234",
        "Zoë Müller met 李小龍 at 東京", "abc12 xxy BEGIN one\nEND", "aab abc ac", "xyé\uD83D\uDE00é",
        "ABCD5 ABAB12 strength", "\uD83D\uDE00a\uD83D\uDE00", "a@b.com\r\nz@y.org"));
    assertSame(analyzer, tricky);
  }

  private static void assertSame(Analyzer analyzer, List<String> inputs) {
    Analyzer conditions = analyzer.withoutAutomaton();
    Analyzer whole = analyzer.fullScan();
    for (String text : inputs) {
      List<Finding> found = analyzer.analyze(text);
      assertThat(found).as("without the automaton, text %s", text)
          .isEqualTo(conditions.analyze(text));
      assertThat(found).as("whole-text scan, text %s", text).isEqualTo(whole.analyze(text));
    }
  }
}
