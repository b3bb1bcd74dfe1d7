package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the name model's tokenizer splits text: names stay whole, sentences end where they do. */
class NameTokensTest {

  private static List<String> tokens(String text) {
    NameTokens tokens = new NameTokens(text);
    List<String> out = new ArrayList<>();
    for (int s = 0; s < tokens.sentences(); s++) {
      for (int t = tokens.sentenceStart(s); t < tokens.sentenceEnd(s); t++) {
        out.add(text.substring(tokens.start(t), tokens.end(t)));
      }
      out.add("|");
    }
    return out;
  }

  @Test
  void keepsApostropheHyphenAndAccentedNamesWhole() {
    assertThat(tokens("Siobhán O'Sullivan met Anne-Marie D’Souza, Nguyễn Văn An."))
        .containsExactly("Siobhán", "O'Sullivan", "met", "Anne-Marie", "D’Souza", ",",
            "Nguyễn", "Văn", "An", ".", "|");
  }

  @Test
  void splitsPossessivesHandlesAndSentences() {
    assertThat(tokens("Bob's laptop broke! Ask @tamsin_p or #support.\nThanks"))
        .containsExactly("Bob", "'s", "laptop", "broke", "!", "|", "Ask", "@tamsin_p", "or",
            "#support", ".", "|", "Thanks", "|");
  }

  @Test
  void initialsAndTitlesKeepTheirDotAndEndNoSentence() {
    assertThat(tokens("Frederick H. Collier met Dr. Don Wright Jr. in the U.S. today. Then"))
        .containsExactly("Frederick", "H.", "Collier", "met", "Dr.", "Don", "Wright", "Jr.",
            "in", "the", "U.S.", "today", ".", "|", "Then", "|");
  }

  @Test
  void keepsAddressesWhole() {
    assertThat(tokens("customer wrote from omar.mehta79@example.com, see https://example.com/a_b."))
        .containsExactly("customer", "wrote", "from", "omar.mehta79@example.com", ",", "see",
            "https://example.com/a_b", ".", "|");
  }

  @Test
  void decomposedMarksStayInTheWord() {
    String text = "Zoe\u0308 called";
    assertThat(tokens(text)).containsExactly("Zoe\u0308", "called", "|");
  }
}
