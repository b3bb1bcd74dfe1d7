package io.trainguard.classifiers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * An annotated corpus in CoNLL form (a token and its tag per line, a blank line between
 * sentences, {@code -DOCSTART-} between documents), with its fixed split: every fifth part (a
 * document when the corpus has them, else a sentence) is held out for evaluation and never
 * trained on. Tags map onto Presidio's entities; others are left out.
 */
public final class NerCorpus {

  /** Every fifth part is held out. */
  static final int HELD_OUT_EVERY = 5;

  private static final Map<String, String> ENTITIES = Map.of(
      "per", "PERSON", "person", "PERSON",
      "loc", "LOCATION", "location", "LOCATION",
      "org", "ORGANIZATION", "corporation", "ORGANIZATION");

  /** One sentence: its tokens and their entity spans (token offsets). */
  public record Sentence(String[] tokens, Span[] names, boolean documentStart) {

    /** The tokens joined by single spaces, as a detector sees them. */
    public String text() {
      return String.join(" ", tokens);
    }

    /** The UTF-16 offset of token {@code t} in {@link #text()}. */
    public int charStart(int t) {
      int offset = 0;
      for (int i = 0; i < t; i++) {
        offset += tokens[i].length() + 1;
      }
      return offset;
    }

    NameSample sample() {
      return new NameSample(tokens, names, documentStart);
    }
  }

  private NerCorpus() {
  }

  /** The training part ({@code heldOut} false) or the held-out part of the CoNLL files. */
  public static List<Sentence> read(List<Path> files, boolean heldOut) throws IOException {
    return read(files, part -> (part % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) == heldOut);
  }

  /** Folds of the training part, each left out for validation in turn. */
  public static final int FOLDS = HELD_OUT_EVERY - 1;

  /** The last fold, the validation part when none is named. */
  public static final int DEFAULT_FOLD = FOLDS - 1;

  /**
   * The validation part of fold {@code fold} (0 to {@link #FOLDS} - 1: a quarter of the training
   * part) or the rest of the training part, for comparing training settings without looking at
   * the held-out part.
   */
  public static List<Sentence> readValidation(List<Path> files, boolean validation, int fold)
      throws IOException {
    if (fold < 0 || fold >= FOLDS) {
      throw new IllegalArgumentException("fold is 0 to " + (FOLDS - 1));
    }
    return read(files, part -> part % HELD_OUT_EVERY != HELD_OUT_EVERY - 1
        && (part % HELD_OUT_EVERY == fold) == validation);
  }

  private static List<Sentence> read(List<Path> files, IntPredicate kept) throws IOException {
    List<Sentence> sentences = new ArrayList<>();
    int part = 0;
    for (Path file : files) {
      List<String> tokens = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      boolean documents = Files.readString(file, StandardCharsets.UTF_8).contains("-DOCSTART-");
      boolean documentStart = true;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        line = line.strip();
        if (line.startsWith("-DOCSTART-")) {
          part++;
          documentStart = true;
          continue;
        }
        if (line.isEmpty()) {
          if (!tokens.isEmpty()) {
            if (kept.test(part)) {
              sentences.add(sentence(tokens, tags, documentStart));
            }
            documentStart = false;
            if (!documents) {
              part++;
            }
          }
          tokens.clear();
          tags.clear();
          continue;
        }
        int split = Math.max(line.lastIndexOf('\t'), line.lastIndexOf(' '));
        if (split <= 0) {
          continue;
        }
        tokens.add(line.substring(0, split).strip());
        tags.add(line.substring(split + 1));
      }
      if (!tokens.isEmpty() && kept.test(part)) {
        sentences.add(sentence(tokens, tags, documentStart));
      }
      part++;
    }
    return sentences;
  }

  private static Sentence sentence(List<String> tokens, List<String> tags, boolean documentStart) {
    List<Span> names = new ArrayList<>();
    int start = -1;
    String type = null;
    for (int t = 0; t <= tags.size(); t++) {
      String tag = t < tags.size() ? tags.get(t) : "O";
      String entity = tag.length() > 2 && tag.charAt(1) == '-'
          ? ENTITIES.get(tag.substring(2).toLowerCase(Locale.ROOT)) : null;
      boolean continues = entity != null && entity.equals(type) && tag.charAt(0) == 'I';
      if (type != null && !continues) {
        names.add(new Span(start, t, type));
        type = null;
      }
      if (entity != null && !continues) {
        start = t;
        type = entity;
      }
    }
    return new Sentence(tokens.toArray(String[]::new), names.toArray(Span[]::new), documentStart);
  }
}
