package io.trainguard.classifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;

/**
 * The bundled statistical name finder (an OpenNLP maximum-entropy model trained by
 * {@link NameModelTrainer}): PERSON, LOCATION and ORGANIZATION spans with their probabilities.
 * The model loads once per JVM on first use; each thread tags with its own finder and keeps the
 * names of the last text it tagged, so the recognizers of several entities share one pass.
 */
final class NameModel {

  static final String RESOURCE = "ner/names.bin";
  static final String COMMON_WORDS = "common-words.txt";

  /** A name found: entity, UTF-16 offsets in the text, probability. */
  record Name(String entity, int start, int end, double probability) {
  }

  private static final ThreadLocal<Tagger> TAGGERS = ThreadLocal.withInitial(Tagger::new);

  private NameModel() {
  }

  /** The names in {@code text}. */
  static List<Name> find(String text) {
    return TAGGERS.get().find(text);
  }

  private static final class Loaded {
    static final TokenNameFinderModel MODEL = load();

    private static TokenNameFinderModel load() {
      NameFeatures.register();
      try (InputStream in = NameModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Cannot find name model " + RESOURCE);
        }
        return new TokenNameFinderModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot load name model " + RESOURCE, e);
      }
    }
  }

  /** Tokens the model sees on either side of a candidate. */
  private static final int CONTEXT = 2;
  /** Candidates at most this many tokens apart share a window. */
  private static final int GAP = 2 * CONTEXT;

  /**
   * The first token in {@code [from, to)} that may be (part of) a name: one that starts with an
   * upper-case letter and is no common word, an {@code @} mention, or a listed first name in
   * lower case (chat text); -1 if none. Stretches without one are not tagged at all.
   */
  private static int nextCandidate(String text, NameTokens tokens, int from, int to) {
    for (int t = from; t < to; t++) {
      int cp = text.codePointAt(tokens.start(t));
      if (cp == '@') {
        return t;
      }
      boolean upper = Character.isUpperCase(cp) || Character.isTitleCase(cp);
      if (!upper && !(Character.isLetter(cp) && tokens.end(t) - tokens.start(t) > 2)) {
        continue;
      }
      String lower = text.substring(tokens.start(t), tokens.end(t)).toLowerCase(Locale.ROOT);
      if (!COMMON.contains(lower)
          && (upper || FIRST_NAMES.contains(GazetteerRecognizer.fold(lower)))) {
        return t;
      }
    }
    return -1;
  }

  private static final Set<String> FIRST_NAMES = GazetteerRecognizer.load("first-names.txt");
  private static final Set<String> SURNAMES = GazetteerRecognizer.load("last-names.txt");
  private static final Set<String> COMMON = Set.copyOf(lines(COMMON_WORDS));

  private static List<String> lines(String resource) {
    try (InputStream in = NameModel.class.getResourceAsStream("ner/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load " + resource, e);
    }
  }

  private static final class Tagger {
    private final NameFinderME finder = new NameFinderME(Loaded.MODEL);
    private String lastText;
    private List<Name> lastNames;

    List<Name> find(String text) {
      if (text == lastText) {
        return lastNames;
      }
      NameTokens tokens = new NameTokens(text);
      List<Name> names = new ArrayList<>();
      finder.clearAdaptiveData();
      for (int s = 0; s < tokens.sentences(); s++) {
        int end = tokens.sentenceEnd(s);
        int t = tokens.sentenceStart(s);
        while (t < end) {
          int candidate = nextCandidate(text, tokens, t, end);
          if (candidate < 0) {
            break;
          }
          // A window from two tokens before the first candidate to two after the last one
          // within reach: the model's features look two tokens either side.
          int last = candidate;
          int next;
          while ((next = nextCandidate(text, tokens, last + 1, Math.min(end, last + 1 + GAP))) >= 0) {
            last = next;
          }
          int from = Math.max(t, candidate - CONTEXT);
          int to = Math.min(end, last + 1 + CONTEXT);
          tag(text, tokens, from, to, names);
          t = to;
        }
      }
      lastText = text;
      lastNames = names;
      return names;
    }

    private void tag(String text, NameTokens tokens, int from, int to, List<Name> names) {
      String[] window = new String[to - from];
      for (int i = 0; i < window.length; i++) {
        window[i] = text.substring(tokens.start(from + i), tokens.end(from + i));
      }
      Span[] spans = finder.find(window);
      if (spans.length == 0) {
        return;
      }
      double[] probs = finder.probs(spans);
      for (int i = 0; i < spans.length; i++) {
        Span span = spans[i];
        int start = tokens.start(from + span.getStart());
        int end = tokens.end(from + span.getEnd() - 1);
        if (!isFieldLabel(text, start, end)) {
          names.add(new Name(span.getType(), start, end, probs[i]));
        }
      }
    }

    /**
     * Whether {@code text[start, end)} is one unlisted word that starts a line and is followed
     * by a colon: a form's field label ("Adresse:", "Betreff:"), not a speaker's name.
     */
    private static boolean isFieldLabel(String text, int start, int end) {
      if (end >= text.length() || text.charAt(end) != ':'
          || start > 0 && text.charAt(start - 1) != '\n') {
        return false;
      }
      String word = GazetteerRecognizer.fold(text.substring(start, end).toLowerCase(Locale.ROOT));
      return word.chars().allMatch(Character::isLetter) && !FIRST_NAMES.contains(word)
          && !SURNAMES.contains(word);
    }
  }
}
