package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final Pattern NOT_TOKEN = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static List<String> regex(String text) {
    List<String> out = new ArrayList<>(Arrays.asList(NOT_TOKEN.split(text)));
    out.removeIf(String::isEmpty);
    return out;
  }

  @Test
  void splitsAsTheRegularExpressionDoes() {
    assertThat(Tokens.split("  zq-velorix,  ½ café 2x\u00b2 𝐀𝐁 \ud800 x\u0301y Ⅻ "))
        .containsExactly("zq", "velorix", "½", "café", "2x²", "𝐀𝐁", "x", "y", "Ⅻ");
    Random random = new Random(7);
    int[] pool = {'a', 'Z', '7', ' ', '-', '.', '\u00e9', '\u0301', '\u00bd', '\u2167', '\u02b0',
        '\u01c5', '\u4e2d', 0x1d400, 0x1f600, '\ud800', '\u200b', '\u00a0', '_'};
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      String t = text.toString();
      assertThat(Tokens.split(t)).as(t).isEqualTo(regex(t));
    }
  }

  @Test
  void hashesATokenAsItsStringHashes() {
    String text = "le café 𝐀𝐁";
    List<Integer> hashes = new ArrayList<>();
    Tokens.each(text, (start, end) -> hashes.add(Tokens.hash(text, start, end)));
    assertThat(hashes).containsExactly("le".hashCode(), "café".hashCode(), "𝐀𝐁".hashCode());
  }
}
