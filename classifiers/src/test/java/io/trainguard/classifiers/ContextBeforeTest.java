package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Analyzer#contextBefore}'s ASCII fast paths and first-letter index read words as
 * Character and String do.
 */
class ContextBeforeTest {

  /** Words sharing first letters, prefixes of each other, short and non-ASCII ones. */
  private static final List<String> CONTEXT = List.of("ssn", "id", "tel", "naï", "straße",
      "x", "phone", "i̇d", "telephone", "te", "idnr", "s", "ph", "e-mail", "Tel", "");
  private static final ContextWords INDEXED = ContextWords.of(CONTEXT);
  private static final List<String> TRICKY = List.of("", "\uD835\uDC00ssn ", "İd ", "Naïve ",
      "ID", "STRASSE ", "\u212Ael ", "id\uD835\uDC00", "TELEPHONE ", "Te ", "Ph", "s ",
      "idn ", "T.E.L. ", "s.s.n ", "x.S. ", "a.b.c.d");

  @Test
  void sameWordsAsCodePointByCodePointOnRandomTexts() {
    Random random = new Random(13);
    for (int k = 0; k < 3_000; k++) {
      String text = CandidateScannerTest.randomText(random)
          + TRICKY.get(random.nextInt(TRICKY.size())) + CandidateScannerTest.randomText(random);
      for (int at = 0; at <= text.length(); at++) {
        assertThat(Analyzer.contextBefore(text, at, INDEXED)).as("%s at %d", text, at)
            .isEqualTo(reference(text, at));
      }
    }
  }

  /**
   * The definition: the last five letter runs before {@code at}, earliest fitting first; a run of
   * one letter after single letters each followed by a dot is one word with them ("D.L.").
   */
  private static String reference(String text, int at) {
    int[] starts = new int[Analyzer.CONTEXT_WINDOW_WORDS];
    int[] ends = new int[Analyzer.CONTEXT_WINDOW_WORDS];
    int count = 0;
    int i = at;
    while (i > 0 && count < starts.length) {
      int cp = text.codePointBefore(i);
      i -= Character.charCount(cp);
      if (Character.isLetter(cp)) {
        while (i > 0 && Character.isLetter(text.codePointBefore(i))) {
          i -= Character.charCount(text.codePointBefore(i));
        }
        int end = i;
        while (end < text.length() && Character.isLetter(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
        if (end == i + 1) {
          while (i >= 2 && text.charAt(i - 1) == '.' && Character.isLetter(text.charAt(i - 2))
              && (i == 2 || !Character.isLetter(text.charAt(i - 3)))) {
            i -= 2;
          }
        }
        starts[count] = i;
        ends[count++] = end;
      }
    }
    for (int k = count - 1; k >= 0; k--) {
      String word = text.substring(starts[k], ends[k]).replace(".", "").toLowerCase(Locale.ROOT);
      for (String c : CONTEXT) {
        if (word.equals(c) || (c.length() >= 3 && word.startsWith(c))) {
          return c;
        }
      }
    }
    return null;
  }
}
