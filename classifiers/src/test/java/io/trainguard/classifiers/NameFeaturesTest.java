package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name model's features: the context window, the common-word mark and the lexicon. */
class NameFeaturesTest {

  private static final String[] TOKENS = {"Then", "Zorvik", "Quandt", "signed", "it", "."};

  private static List<String> features(NameFeatures.Generator generator, int index) {
    List<String> features = new ArrayList<>();
    generator.createFeatures(features, TOKENS, index, new String[index]);
    return features;
  }

  @Test
  void windowSetsHowFarTheContextReaches() {
    assertThat(features(new NameFeatures.Generator(2, false, false), 1))
        .contains("w-1=then", "w+2=signed").noneMatch(f -> f.startsWith("w+3="));
    assertThat(features(new NameFeatures.Generator(3, false, false), 1))
        .contains("w-1=then", "w+2=signed", "w+3=it");
  }

  @Test
  void dictionaryMarksCommonWordsOnly() {
    assertThat(features(new NameFeatures.Generator(2, true, false), 2))
        .contains("g+1=dict", "g-2=clast3+dict", "g0=clast3")
        .noneMatch(f -> f.startsWith("g-1="));
    assertThat(features(new NameFeatures.Generator(2, false, false), 2))
        .noneMatch(f -> f.contains("dict"));
  }

  @Test
  void lexiconMarksTheKindsOfNamesAWordIsPartOfInTheWindow() {
    String[] tokens = {"Pat", "Metheny", "toured", "Nairobi", "for", "Microsoft"};
    List<String> features = new ArrayList<>();
    new NameFeatures.Generator(2, true, true).createFeatures(features, tokens, 1, new String[1]);
    assertThat(features).filteredOn(f -> f.startsWith("l"))
        .containsExactly("l-1=name+place", "l0=name", "l+2=place");
    features.clear();
    new NameFeatures.Generator(2, true, false).createFeatures(features, tokens, 1, new String[1]);
    assertThat(features).noneMatch(f -> f.startsWith("l"));
  }

  @Test
  void cuesMarkTheRulesWordsWithinTwoTokens() {
    String[] tokens = {"guitarist", "Jimmy", "Page", "Band", ",", "Macy", "'s", "Herald", "Ltd"};
    assertThat(cues(tokens, 1)).containsExactly("c-=role1", "c+=head2");
    assertThat(cues(tokens, 2)).containsExactly("c-=role2", "c+=head1");
    assertThat(cues(tokens, 5)).containsExactly("c+=poss", "c=list");
    assertThat(cues(tokens, 7)).containsExactly("c+=corp1");
    String[] list = {"the", "town", "of", "Morgan", "and", "Smith", "was", "founded"};
    assertThat(cues(list, 3)).containsExactly("c-=placeof", "c=list");
    assertThat(cues(list, 5)).containsExactly("c+=founded", "c=list");
    List<String> plain = new ArrayList<>();
    new NameFeatures.Generator(2, true, true).createFeatures(plain, tokens, 1, new String[1]);
    assertThat(plain).noneMatch(f -> f.startsWith("c"));
  }

  private static List<String> cues(String[] tokens, int index) {
    List<String> features = new ArrayList<>();
    new NameFeatures.Generator(2, true, true, true).createFeatures(features, tokens, index,
        new String[index]);
    return features.stream().filter(f -> f.startsWith("c")).toList();
  }

  @Test
  void lexiconFoldsAccentsAndKeepsTheKindsOfBothSpellings() {
    assertThat(NameLexicon.kinds("siobhan")).isEqualTo("name");
    assertThat(NameLexicon.kinds("jose")).isEqualTo("name+famous+place+org");
    assertThat(NameLexicon.kinds("zorvik")).isNull();
  }

  @Test
  void documentFeaturesSayWhatTheWordsOtherMentionsShow() {
    String[][][] features = NameFeatures.document(List.of(
        new String[] {"Harrison", "grew", "."},
        new String[] {"The", "town", "of", "Harrison", "lies", "in", "Harrison", "County", "."},
        new String[] {"Director", "Avery", "Bullock", "met", "Will", "Quandt", "."},
        new String[] {"Bullock", "said", "he", "will", "go", "."}));
    // The first "Harrison" is mid-sentence, after "town of", "in" and before "County" elsewhere.
    assertThat(features[0][0]).containsExactly("mid", "head", "in");
    // The second is mid-sentence itself, so only the others' marks.
    assertThat(features[1][3]).containsExactly("mid", "head", "in");
    assertThat(features[1][6]).containsExactly("mid", "in");
    assertThat(features[2][2]).isEmpty();
    assertThat(features[3][0]).containsExactly("mid", "sur", "role");
    assertThat(features[2][4]).containsExactly("low");
    assertThat(features[2][1]).isEmpty();
    assertThat(features[1][0]).isEmpty();
    assertThat(features[1][1]).isEmpty();
  }
}
