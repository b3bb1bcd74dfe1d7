package io.trainguard.classifiers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

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

  static final String FEATURES = """
      <featureGenerators name="nameFinder">
        <generator class="opennlp.tools.util.featuregen.PreviousMapFeatureGeneratorFactory"/>
        <generator class="io.trainguard.classifiers.NameFeatures"/>
      </featureGenerators>
      """;

  /** Times each training sentence of the Wikipedia corpus is read: the other two are tweets. */
  static final int WIKIPEDIA_WEIGHT = 3;

  static final int COMMON_MIN_COUNT = 3;

  private NameModelTrainer() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("Usage: NameModelTrainer CORPUS_DIR WORDS_FILE MODEL_FILE");
      System.exit(1);
    }
    Path corpora = Path.of(args[0]);
    List<String> dictionary = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    Path modelFile = Path.of(args[2]);
    List<NameSample> samples = new ArrayList<>();
    List<NerCorpus.Sentence> all = new ArrayList<>();
    for (String corpus : List.of("wikigold", "btc", "wnut17")) {
      List<NerCorpus.Sentence> train = NerCorpus.read(files(corpora, corpus), false);
      all.addAll(train);
      for (int copy = 0; copy < (corpus.equals("wikigold") ? WIKIPEDIA_WEIGHT : 1); copy++) {
        train.forEach(s -> samples.add(s.sample()));
      }
      System.out.printf(Locale.ROOT, "%s: %d training sentences%n", corpus, train.size());
    }
    List<NameSample> generated = NameTemplates.samples(new Random(21), 4000);
    samples.addAll(generated);
    System.out.printf(Locale.ROOT, "templates: %d sentences%n", generated.size());
    long start = System.nanoTime();
    TokenNameFinderModel model = train(samples);
    System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    Files.createDirectories(modelFile.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(modelFile)) {
      model.serialize(out);
    }
    System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", modelFile, Files.size(modelFile));
    Path words = modelFile.resolveSibling(NameModel.COMMON_WORDS);
    List<String> common = commonWords(all, dictionary);
    Files.write(words, Stream.concat(Stream.of("# Written by NameModelTrainer: common lower-case"
        + " words, from the training parts of the corpora and the SCOWL word list (Copyright"
        + " 2000-2011 by Kevin Atkinson; permission notice in NOTICE)."),
        common.stream()).toList(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %s (%d words)%n", words, common.size());
    NameFinderME finder = new NameFinderME(model);
    for (String corpus : List.of("wikigold", "btc", "wnut17")) {
      evaluate(corpus, finder, NerCorpus.read(files(corpora, corpus), true));
    }
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

  static TokenNameFinderModel train(List<NameSample> samples) throws IOException {
    NameFeatures.register();
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    params.put(TrainingParameters.ITERATIONS_PARAM, 100);
    params.put(TrainingParameters.CUTOFF_PARAM, 2);
    params.put(TrainingParameters.THREADS_PARAM, 2);
    params.put(BeamSearch.BEAM_SIZE_PARAMETER, 1); // greedy decoding: a third of the work
    TokenNameFinderFactory factory = new TokenNameFinderFactory(
        FEATURES.getBytes(StandardCharsets.UTF_8), new HashMap<>(), new BioCodec());
    return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params,
        factory);
  }

  /** Exact-span precision, recall and F1 per entity of the model alone on tokenized text. */
  private static void evaluate(String corpus, NameFinderME finder,
      List<NerCorpus.Sentence> heldOut) {
    Map<String, int[]> counts = new java.util.TreeMap<>(); // tp, fp, fn
    for (NerCorpus.Sentence s : heldOut) {
      if (s.documentStart()) {
        finder.clearAdaptiveData();
      }
      List<Span> found = List.of(finder.find(s.tokens()));
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
    counts.forEach((entity, c) -> {
      double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
      double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
      System.out.printf(Locale.ROOT, "%-9s %-13s P %.3f R %.3f F1 %.3f (gold %d)%n", corpus,
          entity, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), c[0] + c[2]);
    });
  }
}
