package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CodePoints} converts indexes exactly as {@link String}'s code point methods do. */
class CodePointsTest {

  @Test
  void sameIndexesAsStringOnRandomTextsWithPairsAndLoneSurrogates() {
    String[] pieces = {"a", "é", "\uD83D\uDE00", "\uD83D", "\uDE00", " ", "中", "\uD835\uDC00"};
    Random random = new Random(5);
    for (int k = 0; k < 5_000; k++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = b.toString();
      CodePoints codePoints = new CodePoints(text);
      for (int i = 0; i <= text.length(); i++) {
        assertThat(codePoints.offset(i)).as("offset %d of %s", i, text)
            .isEqualTo(text.codePointCount(0, i));
      }
      for (int cp = 0; cp <= text.codePointCount(0, text.length()); cp++) {
        assertThat(codePoints.charIndex(cp)).as("char index %d of %s", cp, text)
            .isEqualTo(text.offsetByCodePoints(0, cp));
      }
    }
  }

  @Test
  void textWithoutPairsKeepsItsIndexes() {
    CodePoints codePoints = new CodePoints("naïve \uD83D tail");
    assertThat(codePoints.offset(9)).isEqualTo(9);
    assertThat(codePoints.charIndex(9)).isEqualTo(9);
  }
}
