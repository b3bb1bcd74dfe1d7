package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of {@link RegexShape}: random regexes over the constructs it reads, on
 * random texts, must give the scanner exactly the matches of a whole-text scan. The system
 * properties fuzz.seed and fuzz.regexes explore further.
 */
class RegexShapeFuzzTest {

  private static final int[] FLAGS = {0, Pattern.CASE_INSENSITIVE,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE, Pattern.UNICODE_CHARACTER_CLASS,
      Pattern.DOTALL | Pattern.MULTILINE};
  private static final String[] LITERALS = {"a", "b", "c", "x", "k", "s", "i", "A", "K", "S",
      "0", "1", "9", " ", "-", "@", "_", ":", "\\.", "\\-", "\\n", "ß", "ſ", "İ", "é"};
  private static final String[] CLASSES = {"[a-c]", "[^x]", "[abc]", "[a-z]", "[0-9]", "[^@]",
      "[ks]", "[a-z0-9_]", "[\\w.]", "[A-Z]", "[^a-z]", "[a[^b]]", "[a-z&&[^c]]", "[ſ]",
      "[\\s-]", "[]a]", "[^\\w]", "\\p{L}", "\\d", "\\w", "\\s", "\\W", "\\D", "\\S", ".", "."};
  private static final String[] INLINE_FLAGS = {"(?i)", "(?-i)", "(?iu)", "(?u)", "(?U)",
      "(?s)", "(?m)", "(?-U)"};
  /** Chars every text may hold besides the regex's own: case and surrogate corner cases. */
  private static final String[] TRICKY = {" ", "-", ".", "@", "_", "0", "1", "7", "a", "A", "z",
      "Z", "k", "K", "s", "S", "i", "I", "ß", "ſ", "\u212A", "İ", "ı", "\uD83D\uDE00", "\uD800",
      "\n", "é", "x"};
  /** Stops early on a slow machine (about 20 s for all regexes here). */
  private static final long BUDGET_NANOS = 30_000_000_000L;

  @Test
  void scannerFindsWhatAWholeScanFindsOnRandomRegexes() {
    Random random = new Random(Long.getLong("fuzz.seed", 20261126L));
    List<String> failures = new ArrayList<>();
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int regexes = 0;
    int shaped = 0;
    long pairs = 0;
    int count = Integer.getInteger("fuzz.regexes", 60_000);
    for (int k = 0; k < count && System.nanoTime() < deadline && failures.size() < 20; k++) {
      String regex = new Generator(random).regex();
      int flags = FLAGS[random.nextInt(FLAGS.length)];
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex, flags);
      } catch (PatternSyntaxException | StackOverflowError e) {
        continue;
      }
      regexes++;
      if (RegexShape.of(pattern).isNone()) {
        continue;
      }
      shaped++;
      List<Recognizer> one = List.of(new PatternRecognizer("R", "E", List.of(
          new PatternRecognizer.ScoredPattern("p", pattern, 0.5)), List.of(), null, null,
          PatternRecognizer.Trigger.ALWAYS, false));
      CandidateScanner scanner = new CandidateScanner(one, true);
      List<String> alphabet = alphabet(regex);
      for (int t = 0; t < 16; t++) {
        String text = text(random, alphabet);
        pairs++;
        if (!same(scanner, one, text)) {
          failures.add("/" + regex + "/ flags " + flags + " on \"" + escaped(shortest(scanner,
              one, text)) + "\"");
          break;
        }
      }
    }
    System.out.printf("RegexShapeFuzzTest: %d regexes, %d with conditions, %d pairs%n", regexes,
        shaped, pairs);
    assertThat(failures).isEmpty();
    assertThat(pairs).isGreaterThan(10_000);
  }

  private static boolean same(CandidateScanner scanner, List<Recognizer> one, String text) {
    try {
      CandidateScannerTest.assertSameMatches(scanner, one, text);
      return true;
    } catch (AssertionError e) {
      return false;
    } catch (IllegalArgumentException e) {
      // A match of only the low half of a surrogate pair has no code point span: skip the text
      // if the whole scan fails on it too.
      try {
        ((PatternRecognizer) one.get(0)).findAll(0, text, new CodePoints(text), new ArrayList<>());
        return false;
      } catch (IllegalArgumentException expected) {
        return true;
      }
    }
  }

  /** {@code text} with chars removed while the scanner still disagrees. */
  private static String shortest(CandidateScanner scanner, List<Recognizer> one, String text) {
    String shortest = text;
    for (int i = shortest.length() - 1; i >= 0; i--) {
      String shorter = shortest.substring(0, i) + shortest.substring(i + 1);
      if (!same(scanner, one, shorter)) {
        shortest = shorter;
      }
    }
    return shortest;
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }

  /** The chars of the regex that are not syntax: two thirds of a text's chars are from them. */
  private static List<String> alphabet(String regex) {
    List<String> own = new ArrayList<>();
    for (char c : regex.toCharArray()) {
      if ("\\[]()?*+{}|^$!=<>:".indexOf(c) < 0 && !own.contains(String.valueOf(c))) {
        own.add(String.valueOf(c));
      }
    }
    return own;
  }

  private static String text(Random random, List<String> own) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(11);
    for (int i = 0; i < length; i++) {
      text.append(!own.isEmpty() && random.nextInt(3) > 0
          ? own.get(random.nextInt(own.size())) : TRICKY[random.nextInt(TRICKY.length)]);
    }
    return text.toString();
  }

  /** Random regex source; lookbehinds get bounded contents so that most of them compile. */
  private static final class Generator {
    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int groups;
    private final List<String> names = new ArrayList<>();

    Generator(Random random) {
      this.random = random;
    }

    String regex() {
      alternation(3, false);
      return out.toString();
    }

    private void alternation(int depth, boolean bounded) {
      int branches = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
      for (int b = 0; b < branches; b++) {
        if (b > 0) {
          out.append('|');
        }
        int items = 1 + random.nextInt(depth > 1 ? 4 : 2);
        for (int i = 0; i < items; i++) {
          item(depth, bounded);
        }
      }
    }

    private void item(int depth, boolean bounded) {
      int kind = random.nextInt(20);
      if (kind < 6) {
        out.append(LITERALS[random.nextInt(LITERALS.length)]);
      } else if (kind < 10) {
        out.append(CLASSES[random.nextInt(CLASSES.length)]);
      } else if (kind < 13 && depth > 0) {
        group(depth, bounded);
      } else if (kind < 15 && depth > 0) {
        lookaround(depth);
        return;
      } else if (kind == 15) {
        out.append(new String[] {"^", "$", "\\b", "\\B", "\\b"}[random.nextInt(5)]);
        return;
      } else if (kind == 16 && groups > 0) {
        if (!names.isEmpty() && random.nextBoolean()) {
          out.append("\\k<").append(names.get(random.nextInt(names.size()))).append('>');
        } else {
          out.append('\\').append(1 + random.nextInt(groups));
        }
      } else if (kind == 17) {
        out.append(INLINE_FLAGS[random.nextInt(INLINE_FLAGS.length)]);
        return;
      } else {
        out.append(LITERALS[random.nextInt(LITERALS.length)]);
      }
      quantifier(bounded);
    }

    private void group(int depth, boolean bounded) {
      int kind = random.nextInt(7);
      String name = null;
      switch (kind) {
        case 0, 1 -> out.append('(');
        case 2 -> out.append("(?:");
        case 3 -> {
          name = "g" + (groups + 1);
          out.append("(?<").append(name).append('>');
        }
        case 4 -> out.append("(?>");
        case 5 -> out.append("(?i:");
        default -> out.append("(?-i:");
      }
      boolean capturing = kind <= 3;
      if (capturing) {
        groups++;
      }
      alternation(depth - 1, bounded);
      out.append(')');
      if (name != null) {
        names.add(name);
      }
    }

    private void lookaround(int depth) {
      boolean behind = random.nextInt(3) == 0;
      out.append(behind ? "(?<" : "(?").append(random.nextBoolean() ? '!' : '=');
      if (random.nextBoolean()) {
        int branches = 1 + random.nextInt(3);
        for (int b = 0; b < branches; b++) {
          out.append(b > 0 ? "|" : "");
          out.append(random.nextInt(3) == 0 ? CLASSES[random.nextInt(CLASSES.length)]
              : LITERALS[random.nextInt(LITERALS.length)]);
        }
      } else {
        alternation(depth - 1, behind);
      }
      out.append(')');
    }

    private void quantifier(boolean bounded) {
      if (random.nextInt(3) > 0) {
        return;
      }
      int n = random.nextInt(3);
      String[] forms = bounded
          ? new String[] {"?", "{" + n + "}", "{" + n + "," + (n + 2) + "}"}
          : new String[] {"*", "+", "?", "{" + n + "}", "{" + n + ",}", "{" + n + "," + (n + 2)
              + "}"};
      out.append(forms[random.nextInt(forms.length)]);
      int mode = random.nextInt(6);
      out.append(mode == 0 ? "?" : mode == 1 ? "+" : "");
    }
  }
}
