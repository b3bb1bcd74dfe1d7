package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The prefilter must admit exactly the recognizers whose own {@code mightMatch} (for pattern
 * recognizers, {@link PatternRecognizer.Trigger#mightMatch}) holds.
 */
class PrefilterTest {

  @Test
  void admitsWhatEachRecognizerAdmitsOnTheBuiltInPack() {
    List<Recognizer> recognizers = Analyzer.defaults().recognizers();
    Prefilter prefilter = new Prefilter(recognizers);
    Random random = new Random(5);
    for (int k = 0; k < 5_000; k++) {
      assertSameAdmissions(prefilter, recognizers, CandidateScannerTest.randomText(random));
    }
  }

  @Test
  void literalsCaseFoldedShortSharedAndNonAscii() {
    List<Recognizer> recognizers = List.of(
        recognizer("A", 0, "@"), recognizer("B", 2, "token", "key"), recognizer("C", 0, "key"),
        recognizer("D", 0, "straße", "k"), recognizer("E", 0, ""), recognizer("F", 1));
    Prefilter prefilter = new Prefilter(recognizers);
    for (String text : List.of("x", "a@b", "TOKEN 12", "Ke", "keY", "ke y 1", "STRASSE",
        "Straße", "\u212A", "K", "İ", "tokenkey", "to@ken9", "", " \u212Aey 99", "ab1")) {
      assertSameAdmissions(prefilter, recognizers, text);
    }
  }

  @Test
  void literalsOfOneRecognizerAndCharsTheTextLacks() {
    List<Recognizer> recognizers = List.of(
        recognizer("Key", 0, "key", "token", "secret", "bearer"), recognizer("Token", 3, "token"),
        recognizer("Dot", 0, ".", ":"), recognizer("Url", 0, "://", "www."),
        recognizer("At", 0, "[at", " dot "), recognizer("Digits", 2));
    Prefilter prefilter = new Prefilter(recognizers);
    for (String text : List.of("key token 123", "the token 12", "TOKEN 123 key", "secrets",
        "bear", "bearer.", "www", "http://x", "WWW.x", "a dot b", "a do t", "[At 1", "[a t",
        "no literal here at all", "k e y 1 2 3", "x:y", "")) {
      assertSameAdmissions(prefilter, recognizers, text);
    }
  }

  @Test
  void moreLiteralsThanTheOnePassSearchCovers() {
    String[] literals = new String[70];
    for (int k = 0; k < literals.length; k++) {
      literals[k] = "w" + k + "x";
    }
    List<Recognizer> recognizers = List.of(recognizer("Many", 0, literals),
        recognizer("Last", 0, "w69x"));
    Prefilter prefilter = new Prefilter(recognizers);
    for (String text : List.of("w1x", "W69X", "w70x", "w6x9", "w65x")) {
      assertSameAdmissions(prefilter, recognizers, text);
    }
  }

  @Test
  void admitsWhatEachRecognizerAdmitsOnRandomPacks() {
    String[] pool = {"@", "k", "key", "KEY", "token", "to", "straße", "ß", "", "bc1", "://",
        "www.", "eyj", "xox", "akia", "pass", "\u212A", "ke y", "9", "\u0130", "i"};
    Random random = new Random(7);
    for (int pack = 0; pack < 200; pack++) {
      List<Recognizer> recognizers = new ArrayList<>();
      int size = 1 + random.nextInt(pack % 10 == 0 ? 90 : 12);
      for (int r = 0; r < size; r++) {
        int kind = random.nextInt(12);
        if (kind == 0) {
          recognizers.add(random.nextBoolean() ? new PhoneRecognizer()
              : GazetteerRecognizer.location());
        } else {
          String[] literals = new String[kind < 5 ? 0 : 1 + random.nextInt(3)];
          for (int k = 0; k < literals.length; k++) {
            literals[k] = random.nextInt(4) == 0 ? "w" + random.nextInt(80) + "x"
                : pool[random.nextInt(pool.length)];
          }
          recognizers.add(recognizer("R" + r, random.nextInt(14), literals));
        }
      }
      Prefilter prefilter = new Prefilter(recognizers);
      for (int t = 0; t < 50; t++) {
        StringBuilder text = new StringBuilder(CandidateScannerTest.randomText(random));
        for (int k = random.nextInt(3); k > 0; k--) {
          String literal = random.nextInt(4) == 0 ? "W" + random.nextInt(80) + "X"
              : pool[random.nextInt(pool.length)];
          text.insert(random.nextInt(text.length() + 1), random.nextBoolean() ? literal
              : literal.toUpperCase(Locale.ROOT));
        }
        assertSameAdmissions(prefilter, recognizers, text.toString());
      }
    }
  }

  private static void assertSameAdmissions(Prefilter prefilter, List<Recognizer> recognizers,
      String text) {
    TextProfile profile = new TextProfile(text);
    boolean[] expected = new boolean[recognizers.size()];
    boolean any = false;
    for (int r = 0; r < expected.length; r++) {
      expected[r] = recognizers.get(r).mightMatch(new TextProfile(text));
      any |= expected[r];
    }
    assertThat(prefilter.admitted(profile)).as(text).isEqualTo(any ? expected : null);
  }

  private static Recognizer recognizer(String name, int minDigits, String... literals) {
    return new PatternRecognizer(name, "E", List.of(new PatternRecognizer.ScoredPattern("p",
        Pattern.compile("x"), 0.5)), List.of(), null, null,
        new PatternRecognizer.Trigger(minDigits, List.of(literals)), false);
  }
}
