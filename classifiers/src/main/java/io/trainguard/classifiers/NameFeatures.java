package io.trainguard.classifiers;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.ext.ExtensionLoader;
import opennlp.tools.util.featuregen.GeneratorFactory;

/**
 * Name model features that OpenNLP lacks, named in the model's feature descriptor: whether a
 * token (and its neighbours) is a listed first name, surname, place, title or nationality, and
 * its word shape (letters as {@code x}/{@code X}, digits as {@code d}, runs collapsed).
 */
public final class NameFeatures extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {

  /** Lets OpenNLP instantiate this class from a model's feature descriptor. */
  static void register() {
    ExtensionLoader.registerAllowedPackage(NameFeatures.class.getPackageName());
  }

  @Override
  public AdaptiveFeatureGenerator create() {
    return Generator.INSTANCE;
  }

  /** The generator: stateless, one per JVM. */
  static final class Generator implements AdaptiveFeatureGenerator {

    static final Generator INSTANCE = new Generator();

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "dr", "prof",
        "sir", "madam", "mx", "mister", "dear", "hi", "hello", "hey", "thanks");

    private final Set<String> first = GazetteerRecognizer.load("first-names.txt");
    private final Set<String> last = GazetteerRecognizer.load("last-names.txt");
    private final Set<String> places = GazetteerRecognizer.load("places.txt");
    private final Set<String> groups = GazetteerRecognizer.load("nrp.txt");

    private Generator() {
    }

    @Override
    public void createFeatures(List<String> features, String[] tokens, int index,
        String[] previousOutcomes) {
      String word = key(tokens[index]);
      lists(features, "g0", word);
      features.add("sh=" + shape(tokens[index]));
      if (index > 0) {
        lists(features, "g-1", key(tokens[index - 1]));
        features.add("sh-1=" + shape(tokens[index - 1]));
      }
      if (index + 1 < tokens.length) {
        lists(features, "g+1", key(tokens[index + 1]));
        features.add("sh+1=" + shape(tokens[index + 1]));
      }
    }

    private void lists(List<String> features, String at, String word) {
      if (first.contains(word)) {
        features.add(at + "=first");
      }
      if (last.contains(word)) {
        features.add(at + "=last");
      }
      if (places.contains(word)) {
        features.add(at + "=place");
      }
      if (groups.contains(word)) {
        features.add(at + "=nrp");
      }
      if (TITLES.contains(word)) {
        features.add(at + "=title");
      }
    }

    private static String key(String token) {
      return GazetteerRecognizer.fold(token.toLowerCase(Locale.ROOT));
    }

    /** "Siobhán" Xx, "O'Sullivan" X'Xx, "iPhone" xXx, "2024" d, "@bob" @x. */
    static String shape(String token) {
      StringBuilder shape = new StringBuilder(8);
      char previous = 0;
      for (int i = 0; i < token.length() && shape.length() < 8; ) {
        int cp = token.codePointAt(i);
        i += Character.charCount(cp);
        char c = Character.isUpperCase(cp) || Character.isTitleCase(cp) ? 'X'
            : Character.isLetter(cp) ? 'x' : Character.isDigit(cp) ? 'd'
            : Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : cp < 128 ? (char) cp : '*';
        if (c != 0 && c != previous) {
          shape.append(c);
          previous = c;
        }
      }
      return shape.toString();
    }
  }
}
