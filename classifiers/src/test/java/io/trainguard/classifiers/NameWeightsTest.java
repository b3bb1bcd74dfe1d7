package io.trainguard.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.AdditionalContextFeatureGenerator;
import opennlp.tools.util.featuregen.WindowFeatureGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tagger reads the name model as OpenNLP's name finder does: the same features of each token,
 * the same probabilities to the last bit.
 */
class NameWeightsTest {

  private static final List<String> TEXTS = List.of(
      "Siobhán O'Sullivan met Anne-Marie D’Souza in Dublin, then flew to New York with IBM.",
      "Dr. Don Wright Jr. called about the refund; Wright said Priya Raman would follow up.",
      "hi bob, thanks for the logs. cc @tamsin_p and Zorvik Quandt (Acme Ltd, Zürich)",
      "Nguyễn Văn An, 2000 Antwerpen, Belgium: Rechnung 4711 von Müller GmbH.",
      "THE SOFTWARE IS PROVIDED AS IS, WITHOUT WARRANTY OF ANY KIND, BY JOHN SMITH.",
      "ticket #4411: user jdoe@example.com can't log in since v2.4.1; Ahmed al-Masri escalated.");

  private static TokenNameFinderModel model;

  @BeforeAll
  static void load() throws IOException {
    NameFeatures.register();
    try (InputStream in = NameModel.class.getResourceAsStream(NameModel.RESOURCE)) {
      model = new TokenNameFinderModel(in);
    }
  }

  @Test
  void taggerGivesTheProbabilitiesOfOpenNlpsContextAndModel() {
    MaxentModel maxent = model.getArtifact("nameFinder.model");
    NameContextGenerator context = model.getFactory().createContextGenerator();
    // As OpenNLP's name finder reads the document features (none unless the model has them).
    AdditionalContextFeatureGenerator document = new AdditionalContextFeatureGenerator();
    context.addFeatureGenerator(new WindowFeatureGenerator(document,
        NameFeatures.DOCUMENT_WINDOW, NameFeatures.DOCUMENT_WINDOW));
    NameModel.Tagger tagger = new NameModel.Tagger();
    int tokensRead = 0;
    // Twice: the second time the tagger reads every token from what it kept of the first.
    for (String text : java.util.stream.Stream.concat(TEXTS.stream(), TEXTS.stream()).toList()) {
      NameTokens tokens = new NameTokens(text);
      // Windows of up to five tokens, so that the previous outcome of a word recurs across them.
      for (int from = 0; from < tokens.count(); from += 5) {
        String[] window = new String[Math.min(5, tokens.count() - from)];
        for (int i = 0; i < window.length; i++) {
          window[i] = text.substring(tokens.start(from + i), tokens.end(from + i));
        }
        String[] outcomes = new String[window.length];
        tagger.at(text, tokens, from, from + window.length, from);
        String[][] features = new String[window.length][];
        for (int i = 0; i < window.length; i++) {
          String[] f = tagger.documentFeatures(from + i);
          features[i] = f == null ? new String[0] : f;
        }
        document.setCurrentContext(features);
        for (int i = 0; i < window.length; i++) {
          double[] expected = maxent.eval(context.getContext(i, window, outcomes, null));
          assertThat(tagger.eval(window, i, outcomes)).containsExactly(expected);
          outcomes[i] = maxent.getBestOutcome(expected);
          tokensRead++;
        }
        context.updateAdaptiveData(window, outcomes);
        tagger.remember(window, outcomes);
      }
    }
    assertThat(tokensRead).isEqualTo(198);
  }

  @Test
  void featuresTheModelHasNoWeightForAreLeftOut() {
    NameWeights weights = new NameWeights(model.getArtifact("nameFinder.model"));
    char[] known = "po=other".toCharArray();
    char[] unknown = "w0=zzzqqqxv".toCharArray();
    assertThat(weights.feature(known, known.length)).isNotNegative();
    assertThat(weights.feature(unknown, unknown.length)).isEqualTo(-1);
    assertThat(weights.feature(known, known.length - 1)).isEqualTo(-1);
  }
}
