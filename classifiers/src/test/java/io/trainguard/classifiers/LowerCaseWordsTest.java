package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LowerCaseWordsTest {

  private static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  @Test
  void findsASpanLowerCasedWhateverItsCase() {
    LowerCaseWords words = new LowerCaseWords(List.of("software", "license", "gnu"));
    String text = "The GNU Software License";
    assertThat(words.contains(text, 4, 7, LowerCaseWordsTest::lower)).isTrue();
    assertThat(words.contains(text, 8, 16, LowerCaseWordsTest::lower)).isTrue();
    assertThat(words.contains(text, 17, 24, LowerCaseWordsTest::lower)).isTrue();
    assertThat(words.contains(text, 0, 3, LowerCaseWordsTest::lower)).isFalse();
    assertThat(words.contains(text, 8, 15, LowerCaseWordsTest::lower)).isFalse(); // "Softwar"
    assertThat(words.contains(text, 4, 4, LowerCaseWordsTest::lower)).isFalse();
  }

  @Test
  void looksUpASpanWithOtherCharsByTheKeyFunction() {
    LowerCaseWords words = new LowerCaseWords(List.of("jose", "zoë"));
    String text = "José and Zoë";
    assertThat(words.contains(text, 0, 4, w -> GazetteerRecognizer.fold(lower(w)))).isTrue();
    assertThat(words.contains(text, 0, 4, LowerCaseWordsTest::lower)).isFalse();
    assertThat(words.contains(text, 9, 12, LowerCaseWordsTest::lower)).isTrue();
    assertThat(words.contains("zoë")).isTrue();
  }

  @Test
  void answersAsTheSetForEveryWordOfAFullTable() {
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      listed.add("w" + Integer.toString(i, 36));
    }
    LowerCaseWords words = new LowerCaseWords(listed);
    for (int i = 0; i < 10_000; i++) {
      String text = "(W" + Integer.toString(i, 36).toUpperCase(Locale.ROOT) + ")";
      assertThat(words.contains(text, 1, text.length() - 1, LowerCaseWordsTest::lower))
          .as(text).isEqualTo(i < 5_000);
    }
  }
}
