package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name model's features: the context window and the common-word mark. */
class NameFeaturesTest {

  private static final String[] TOKENS = {"Then", "Zorvik", "Quandt", "signed", "it", "."};

  private static List<String> features(NameFeatures.Generator generator, int index) {
    List<String> features = new ArrayList<>();
    generator.createFeatures(features, TOKENS, index, new String[index]);
    return features;
  }

  @Test
  void windowSetsHowFarTheContextReaches() {
    assertThat(features(new NameFeatures.Generator(2, false), 1))
        .contains("w-1=then", "w+2=signed").noneMatch(f -> f.startsWith("w+3="));
    assertThat(features(new NameFeatures.Generator(3, false), 1))
        .contains("w-1=then", "w+2=signed", "w+3=it");
  }

  @Test
  void dictionaryMarksCommonWordsOnly() {
    assertThat(features(new NameFeatures.Generator(2, true), 2))
        .contains("g+1=dict", "g-2=clast3+dict", "g0=clast3")
        .noneMatch(f -> f.startsWith("g-1="));
    assertThat(features(new NameFeatures.Generator(2, false), 2))
        .noneMatch(f -> f.contains("dict"));
  }
}
