package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass profile against the plain definitions of each fact. */
class TextProfileTest {

  @Test
  void factsOfHandPickedTexts() {
    for (String text : List.of("", "a", "A", "Ab", "A1", "A-b", "O'Neil", "A b", "x9Y", "AB",
        "É", "naïve", "\u212A", "İ", "k9", "@", "\u007f", "Z'", "a\uD83D\uDE00B")) {
      assertMatchesDefinitions(text);
    }
  }

  @Test
  void factsOfRandomTexts() {
    Random random = new Random(3);
    for (int k = 0; k < 5_000; k++) {
      assertMatchesDefinitions(CandidateScannerTest.randomText(random));
    }
    String alphabet = "aZ09 '-@:.\u00e9\u212A\u0130K";
    for (int k = 0; k < 5_000; k++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertMatchesDefinitions(text.toString());
    }
  }

  private static void assertMatchesDefinitions(String text) {
    TextProfile profile = new TextProfile(text);
    assertThat(profile.digits()).as(text).isEqualTo(text.chars().filter(c -> c >= '0' && c <= '9')
        .count());
    boolean ascii = text.chars().allMatch(c -> c < 128);
    assertThat(profile.isAscii()).as(text).isEqualTo(ascii);
    boolean capitalised = false;
    for (int i = 0; i + 1 < text.length(); i++) {
      char next = text.charAt(i + 1);
      capitalised |= text.charAt(i) >= 'A' && text.charAt(i) <= 'Z'
          && (next < 128 && Character.isLetter(next) || next == '\'' || next == '-');
    }
    assertThat(profile.mayHaveCapitalisedWord()).as(text).isEqualTo(capitalised || !ascii);
    String lower = text.toLowerCase(Locale.ROOT);
    for (char c = 0; c < 128; c++) {
      long low = c < 64 ? 1L << c : 0;
      long high = c < 64 ? 0 : 1L << (c - 64);
      assertThat(profile.holdsAnyOf(low, high)).as("%s holds %s", text, c)
          .isEqualTo(lower.indexOf(c) >= 0);
    }
  }
}
