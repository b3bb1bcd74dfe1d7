package io.trainguard.classifiers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.featuregen.AdditionalContextFeatureGenerator;
import opennlp.tools.util.featuregen.WindowFeatureGenerator;

/**
 * Trains {@link NameModel}: an OpenNLP maximum-entropy name finder over the training parts of
 * the CoNLL corpora in a folder (see {@link NerCorpus} for the split) and sentences from
 * {@link NameTemplates}, then prints the model's precision, recall and F1 per entity on each
 * corpus's held-out part. Deterministic: the same corpora give the same model.
 *
 * <p>Also writes, next to the model, {@value NameModel#COMMON_WORDS}: the English dictionary's
 * lower-case words ({@code WORDS_FILE}) and the words the training parts hold in lower case at
 * least {@value #COMMON_MIN_COUNT} times and almost never inside a name (see
 * {@link NameModel} for their use).
 *
 * <p>Usage: {@code NameModelTrainer CORPUS_DIR WORDS_FILE MODEL_FILE}
 */
public final class NameModelTrainer {

  /** The corpora, by folder, as the trainer and the bench read them. */
  public static final Map<String, List<String>> CORPORA = Map.of(
      "wikigold", List.of("wikigold.conll"),
      "btc", List.of("a.conll", "b.conll", "e.conll", "f.conll", "g.conll", "h.conll"),
      "wnut17", List.of("train.conll", "dev.conll"));

  /**
   * How a model is trained: the trainer's parameters, the times each training sentence of the
   * Wikipedia corpus is read (the other two corpora are tweets), the feature generator's context
   * window, whether it marks common words, reads the lexicon, marks the rules' cue words and
   * reads the document features ({@link NameFeatures}).
   */
  record Settings(String name, Map<String, Object> trainer, int wikipediaWeight, int window,
      boolean dictionary, boolean lexicon, boolean cues, boolean document) {

    Settings(String name, Map<String, Object> trainer, int wikipediaWeight, int window,
        boolean dictionary, boolean lexicon) {
      this(name, trainer, wikipediaWeight, window, dictionary, lexicon, false, false);
    }

    Settings with(String name, Map<String, Object> trainer) {
      Map<String, Object> merged = new LinkedHashMap<>(this.trainer);
      merged.putAll(trainer);
      return new Settings(name, merged, wikipediaWeight, window, dictionary, lexicon, cues,
          document);
    }

    String features() {
      return """
          <featureGenerators name="nameFinder">
            <generator class="opennlp.tools.util.featuregen.PreviousMapFeatureGeneratorFactory"/>
            <generator class="io.trainguard.classifiers.NameFeatures">
              <int name="window">%d</int>
              <bool name="dictionary">%b</bool>
              <bool name="lexicon">%b</bool>
              <bool name="cues">%b</bool>
              <bool name="document">%b</bool>
            </generator>
          </featureGenerators>
          """.formatted(window, dictionary, lexicon, cues, document);
    }
  }

  /** The settings of the bundled model. */
  static final Settings SETTINGS = new Settings("bundled", Map.of(
      TrainingParameters.ALGORITHM_PARAM, "MAXENT",
      TrainingParameters.ITERATIONS_PARAM, 100,
      TrainingParameters.CUTOFF_PARAM, 2,
      TrainingParameters.THREADS_PARAM, 2), 3, 2, true, true);

  /** The settings {@code --validate} compares, by name (see docs/free-text.md). */
  static List<Settings> alternatives() {
    Settings s = SETTINGS;
    Settings plain = new Settings("no-dictionary", s.trainer(), s.wikipediaWeight(), s.window(),
        false, false);
    return List.of(s, plain,
        new Settings("no-lexicon", s.trainer(), s.wikipediaWeight(), s.window(), true, false),
        plain.with("no-dictionary-qn-l2", Map.of(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN",
            "L1Cost", 0.0, "L2Cost", 0.1, TrainingParameters.ITERATIONS_PARAM, 200)),
        plain.with("no-dictionary-perceptron", Map.of(
            TrainingParameters.ALGORITHM_PARAM, "PERCEPTRON",
            TrainingParameters.ITERATIONS_PARAM, 300)),
        new Settings("wikipedia-6", s.trainer(), 6, s.window(), true, false),
        new Settings("window-3", s.trainer(), s.wikipediaWeight(), 3, true, false),
        new Settings("cues", s.trainer(), s.wikipediaWeight(), s.window(), true, true, true,
            false),
        new Settings("document", s.trainer(), s.wikipediaWeight(), s.window(), true, true, false,
            true),
        s.with("qn-l2", Map.of(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN",
            "L1Cost", 0.0, "L2Cost", 0.1, TrainingParameters.ITERATIONS_PARAM, 100)));
  }

  static final int COMMON_MIN_COUNT = 3;

  private NameModelTrainer() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args.length <= 5 && args[0].equals("--validate")) {
      List<Integer> folds = args.length == 5 ? folds(args[4])
          : List.of(NerCorpus.DEFAULT_FOLD);
      validate(Path.of(args[1]), List.of(args[2].split(",")),
          args.length >= 4 && !args[3].equals("-") ? Path.of(args[3]) : null, folds);
      return;
    }
    if (args.length != 3) {
      System.err.println("Usage: NameModelTrainer CORPUS_DIR WORDS_FILE MODEL_FILE\n"
          + "       NameModelTrainer --validate CORPUS_DIR SETTINGS[,SETTINGS...]"
          + " [MODEL_FILE|- [FOLD[,FOLD...]|all]]");
      System.exit(1);
    }
    Path corpora = Path.of(args[0]);
    List<String> dictionary = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    Path modelFile = Path.of(args[2]);
    List<NerCorpus.Sentence> all = new ArrayList<>();
    Map<String, List<NerCorpus.Sentence>> train = new LinkedHashMap<>();
    for (String corpus : List.of("wikigold", "btc", "wnut17")) {
      train.put(corpus, NerCorpus.read(files(corpora, corpus), false));
      all.addAll(train.get(corpus));
    }
    // Written first: the features read it (train-ner puts the bundled resources first on the
    // class path).
    Files.createDirectories(modelFile.toAbsolutePath().getParent());
    Path words = modelFile.resolveSibling(NameModel.COMMON_WORDS);
    List<String> common = commonWords(all, dictionary);
    Files.write(words, Stream.concat(Stream.of("# Written by NameModelTrainer: common lower-case"
        + " words, from the training parts of the corpora and the SCOWL word list (Copyright"
        + " 2000-2011 by Kevin Atkinson; permission notice in NOTICE)."),
        common.stream()).toList(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %s (%d words)%n", words, common.size());
    long start = System.nanoTime();
    TokenNameFinderModel model = train(samples(train, SETTINGS), SETTINGS);
    System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    try (OutputStream out = Files.newOutputStream(modelFile)) {
      model.serialize(out);
    }
    System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", modelFile, Files.size(modelFile));
    for (String corpus : List.of("wikigold", "btc", "wnut17")) {
      evaluate("held-out", corpus, model, 1,
          NerCorpus.read(files(corpora, corpus), true));
    }
  }

  /**
   * For each fold and each of the named settings, trains a model on the training part without
   * that fold's quarter and prints its figures on that quarter, greedy and with a beam of 3, then
   * the figures of each setting summed over the folds; writes the last model to
   * {@code modelFile} unless it is null (for reading the analyzer's errors on that fold:
   * {@code bench/ner --wikigold-dev-errors} with the model first on the class path).
   */
  private static void validate(Path corpora, List<String> names, Path modelFile,
      List<Integer> folds) throws IOException {
    Map<String, Map<String, int[]>> sums = new TreeMap<>();
    for (int fold : folds) {
      Map<String, List<NerCorpus.Sentence>> train = new LinkedHashMap<>();
      Map<String, List<NerCorpus.Sentence>> validation = new LinkedHashMap<>();
      for (String corpus : List.of("wikigold", "btc", "wnut17")) {
        train.put(corpus, NerCorpus.readValidation(files(corpora, corpus), false, fold));
        validation.put(corpus, NerCorpus.readValidation(files(corpora, corpus), true, fold));
      }
      for (String name : names) {
        Settings settings = alternatives().stream().filter(s -> s.name().equals(name))
            .findFirst().orElseThrow(() -> new IllegalArgumentException("No settings " + name));
        long start = System.nanoTime();
        TokenNameFinderModel model = train(samples(train, settings), settings);
        System.out.printf(Locale.ROOT, "%s fold %d: trained in %.1f s%n", name, fold,
            (System.nanoTime() - start) / 1e9);
        if (modelFile != null) {
          Files.createDirectories(modelFile.toAbsolutePath().getParent());
          try (OutputStream out = Files.newOutputStream(modelFile)) {
            model.serialize(out);
          }
        }
        for (int beam : new int[] {1, 3}) {
          for (String corpus : validation.keySet()) {
            Map<String, int[]> counts = evaluate(name + " fold " + fold + " beam " + beam,
                corpus, model, beam, validation.get(corpus));
            String key = name + " beam " + beam + " " + corpus;
            counts.forEach((entity, c) -> {
              int[] sum = sums.computeIfAbsent(key, k -> new TreeMap<>())
                  .computeIfAbsent(entity, k -> new int[3]);
              for (int i = 0; i < 3; i++) {
                sum[i] += c[i];
              }
            });
          }
        }
      }
    }
    if (folds.size() > 1) {
      sums.forEach((key, counts) -> print(key.substring(0, key.lastIndexOf(' ')) + " folds "
          + folds.size(), key.substring(key.lastIndexOf(' ') + 1), counts));
    }
  }

  private static List<Integer> folds(String arg) {
    if (arg.equals("all")) {
      return IntStream.range(0, NerCorpus.FOLDS).boxed().toList();
    }
    return Stream.of(arg.split(",")).map(Integer::valueOf).toList();
  }

  /** The training sentences: the corpora's, the Wikipedia corpus's repeated, and templates. */
  private static List<NameSample> samples(Map<String, List<NerCorpus.Sentence>> corpora,
      Settings settings) {
    List<NameSample> samples = new ArrayList<>();
    corpora.forEach((corpus, sentences) -> {
      List<NameSample> once = samples(sentences, settings.document(), corpus.equals("wikigold"));
      for (int copy = 0; copy < (corpus.equals("wikigold") ? settings.wikipediaWeight() : 1);
          copy++) {
        samples.addAll(once);
      }
      System.out.printf(Locale.ROOT, "%s: %d training sentences%n", corpus, sentences.size());
    });
    samples.addAll(NameTemplates.samples(new Random(21), 4000));
    return samples;
  }

  /**
   * The corpus's sentences as samples, with their document features when {@code document}
   * (a corpus without {@code articles} is of tweets, each its own text).
   */
  private static List<NameSample> samples(List<NerCorpus.Sentence> sentences, boolean document,
      boolean articles) {
    if (!document) {
      return sentences.stream().map(NerCorpus.Sentence::sample).toList();
    }
    List<NameSample> samples = new ArrayList<>();
    String[][][] features = documentFeatures(sentences, articles);
    for (int i = 0; i < sentences.size(); i++) {
      NerCorpus.Sentence s = sentences.get(i);
      samples.add(new NameSample(s.tokens(), s.names(), features[i], s.documentStart()));
    }
    return samples;
  }

  /** Each sentence's {@link NameFeatures#document} features, by article or by sentence. */
  private static String[][][] documentFeatures(List<NerCorpus.Sentence> sentences,
      boolean articles) {
    List<String[][]> features = new ArrayList<>();
    for (List<NerCorpus.Sentence> d : documents(sentences, articles)) {
      features.addAll(List.of(NameFeatures.document(
          d.stream().map(NerCorpus.Sentence::tokens).toList())));
    }
    return features.toArray(String[][][]::new);
  }

  /** The sentences by document: an article starts at a sentence that starts one. */
  private static List<List<NerCorpus.Sentence>> documents(List<NerCorpus.Sentence> sentences,
      boolean articles) {
    List<List<NerCorpus.Sentence>> documents = new ArrayList<>();
    for (NerCorpus.Sentence s : sentences) {
      if (!articles || s.documentStart() || documents.isEmpty()) {
        documents.add(new ArrayList<>());
      }
      documents.get(documents.size() - 1).add(s);
    }
    return documents;
  }

  /**
   * The dictionary's words and the words seen in lower case at least {@link #COMMON_MIN_COUNT}
   * times and inside a name in under a tenth of their occurrences; sorted.
   */
  static List<String> commonWords(List<NerCorpus.Sentence> sentences, List<String> dictionary) {
    Map<String, int[]> counts = new HashMap<>(); // lower-case occurrences, all, inside names
    for (NerCorpus.Sentence s : sentences) {
      boolean[] inName = new boolean[s.tokens().length];
      for (Span name : s.names()) {
        for (int t = name.getStart(); t < name.getEnd(); t++) {
          inName[t] = true;
        }
      }
      for (int t = 0; t < s.tokens().length; t++) {
        String token = s.tokens()[t];
        if (token.length() < 2 || !token.chars().allMatch(Character::isLetter)) {
          continue;
        }
        int[] c = counts.computeIfAbsent(token.toLowerCase(Locale.ROOT), k -> new int[3]);
        c[0] += Character.isLowerCase(token.charAt(0)) ? 1 : 0;
        c[1]++;
        c[2] += inName[t] ? 1 : 0;
      }
    }
    return Stream.concat(dictionary.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)),
            counts.entrySet().stream()
                .filter(e -> e.getValue()[0] >= COMMON_MIN_COUNT
                    && e.getValue()[2] * 10 < e.getValue()[1])
                .map(Map.Entry::getKey))
        .filter(w -> !w.isEmpty())
        .distinct().sorted().toList();
  }

  static List<Path> files(Path corpora, String corpus) {
    return CORPORA.get(corpus).stream().map(f -> corpora.resolve(corpus).resolve(f)).toList();
  }

  static TokenNameFinderModel train(List<NameSample> samples, Settings settings)
      throws IOException {
    NameFeatures.register();
    TrainingParameters params = new TrainingParameters();
    settings.trainer().forEach((key, value) -> {
      if (value instanceof Integer i) {
        params.put(key, i);
      } else if (value instanceof Double d) {
        params.put(key, d);
      } else {
        params.put(key, value.toString());
      }
    });
    params.put(BeamSearch.BEAM_SIZE_PARAMETER, 1); // NameModel decodes greedily
    TokenNameFinderFactory factory = new TokenNameFinderFactory(
        settings.features().getBytes(StandardCharsets.UTF_8), new HashMap<>(), new BioCodec());
    return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params,
        factory);
  }

  /**
   * Exact-span precision, recall and F1 per entity of the model alone on tokenized text,
   * decoded with a beam of {@code beam} (1: greedy, as {@link NameModel} decodes).
   */
  private static Map<String, int[]> evaluate(String label, String corpus,
      TokenNameFinderModel model, int beam, List<NerCorpus.Sentence> sentences) {
    BeamSearch search = new BeamSearch(beam, model.getArtifact("nameFinder.model"));
    NameContextGenerator context = model.getFactory().createContextGenerator();
    // As NameFinderME reads additional context; empty features when the model has none.
    AdditionalContextFeatureGenerator document = new AdditionalContextFeatureGenerator();
    context.addFeatureGenerator(
        new WindowFeatureGenerator(document, NameFeatures.DOCUMENT_WINDOW,
            NameFeatures.DOCUMENT_WINDOW));
    String[][][] features = documentFeatures(sentences, corpus.equals("wikigold"));
    int next = 0;
    SequenceCodec<String> codec = model.getFactory().createSequenceCodec();
    SequenceValidator<String> validator = codec.createSequenceValidator();
    Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
    for (NerCorpus.Sentence s : sentences) {
      if (s.documentStart()) {
        context.clearAdaptiveData();
      }
      document.setCurrentContext(features[next++]);
      List<String> outcomes = search.bestSequence(s.tokens(), null, context, validator)
          .getOutcomes();
      context.updateAdaptiveData(s.tokens(), outcomes.toArray(String[]::new));
      List<Span> found = List.of(codec.decode(outcomes));
      List<Span> gold = List.of(s.names());
      Stream.concat(found.stream(), gold.stream())
          .forEach(x -> counts.computeIfAbsent(x.getType(), k -> new int[3]));
      for (Span f : found) {
        counts.get(f.getType())[gold.contains(f) ? 0 : 1]++;
      }
      for (Span g : gold) {
        if (!found.contains(g)) {
          counts.get(g.getType())[2]++;
        }
      }
    }
    print(label, corpus, counts);
    return counts;
  }

  /** Precision, recall and F1 per entity from true positive, false positive, false negative. */
  private static void print(String label, String corpus, Map<String, int[]> counts) {
    counts.forEach((entity, c) -> {
      double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
      System.out.printf(Locale.ROOT, "%s %-9s %-13s P %.3f R %.3f F1 %.3f (gold %d)%n", label,
          corpus, entity, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), c[0] + c[2]);
    });
  }
}
