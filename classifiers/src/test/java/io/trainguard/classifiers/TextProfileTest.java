package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
    assertThat(profile.mayHaveLetterOrAt()).as(text)
        .isEqualTo(!ascii || text.chars().anyMatch(c -> Character.isLetter(c) || c == '@'));
    String lower = text.toLowerCase(Locale.ROOT);
    for (char c = 0; c < 128; c++) {
      long bit = c < 64 ? profile.presentLow() >>> c : profile.presentHigh() >>> (c - 64);
      assertThat((bit & 1) != 0).as("%s holds %s", text, c)
          .isEqualTo(lower.indexOf(c) >= 0);
    }
  }

  @Test
  void capitalisedWordsOfHandPickedAndRandomTexts() {
    for (String text : List.of("", "A", "Ab", "aB", "A1", "1A", "A-b", "a-B", "a--B", "a'-B", "a-'B",
        "O'Neil", "o'Neil", "'Ab", "Grace. Novak", "McDonald", "ÉMILE Łódź", "x\uD835\uDC00b",
        "\uD835\uDC00b", "17-Jun-2026", "Bo-Ana García-Lorca")) {
      assertCapitalisedWordsMatchDefinition(text);
    }
    Random random = new Random(5);
    String alphabet = "aZB09 '-.,\u00e9\u00c9\u0141\u212A\u0130\uD835\uDC00";
    for (int k = 0; k < 20_000; k++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(16); i > 0; i--) {
        int at = random.nextInt(alphabet.length());
        text.append(Character.isSurrogate(alphabet.charAt(at)) ? "\uD835\uDC00"
            : alphabet.charAt(at));
      }
      assertCapitalisedWordsMatchDefinition(text.toString());
    }
    for (int k = 0; k < 2_000; k++) {
      assertCapitalisedWordsMatchDefinition(CandidateScannerTest.randomText(random));
    }
  }

  /**
   * Words, read from the start: a letter starts one, which runs on over letters, apostrophes and
   * dashes before a letter; capitalised when its first letter is upper case and follows no letter
   * or digit.
   */
  private static void assertCapitalisedWordsMatchDefinition(String text) {
    List<String> expected = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < text.length() && (Character.isLetter(text.codePointAt(i))
          || text.charAt(i) == '\'' || text.charAt(i) == '-' && i + 1 < text.length()
          && Character.isLetter(text.charAt(i + 1)))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (Character.isUpperCase(cp)
          && (start == 0 || !Character.isLetterOrDigit(text.codePointBefore(start)))) {
        expected.add(start + "-" + i);
      }
    }
    TextProfile.CapitalisedWords words = new TextProfile(text).capitalisedWords();
    List<String> actual = new ArrayList<>();
    for (int w = 0; w < words.count(); w++) {
      actual.add(words.start(w) + "-" + words.end(w));
    }
    assertThat(actual).as(text).isEqualTo(expected);
  }
}
