package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Presidio's pattern recognizer: named, scored regexes for one entity, context words and an
 * optional checksum {@link Validator}.
 */
public final class PatternRecognizer implements Recognizer {

  /** One named regex and the score of its matches. */
  public record ScoredPattern(String name, Pattern regex, double score)
      implements java.io.Serializable {
    public ScoredPattern {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(regex, "regex");
      if (!(score >= 0.0 && score <= 1.0)) {
        throw new IllegalArgumentException("Invalid score of pattern " + name + ": " + score);
      }
    }
  }

  private final String name;
  private final String entity;
  private final List<ScoredPattern> patterns;
  private final List<String> context;
  private final Validator validator;
  private final Validator invalidator;

  /**
   * {@code validator}: a passing match scores 1.0, a failing one is dropped (checksums).
   * {@code invalidator}: a failing match is dropped, others keep their score (structure).
   * Either may be null.
   */
  public PatternRecognizer(String name, String entity, List<ScoredPattern> patterns,
      List<String> context, Validator validator, Validator invalidator) {
    this.name = Objects.requireNonNull(name, "name");
    this.entity = Objects.requireNonNull(entity, "entity");
    this.patterns = List.copyOf(patterns);
    this.context = context.stream().map(String::toLowerCase).toList();
    this.validator = validator;
    this.invalidator = invalidator;
    if (this.patterns.isEmpty()) {
      throw new IllegalArgumentException("Invalid recognizer " + name + ": no patterns");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String entity() {
    return entity;
  }

  @Override
  public List<String> context() {
    return context;
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    List<Finding> found = new ArrayList<>();
    for (ScoredPattern pattern : patterns) {
      Matcher m = pattern.regex().matcher(text);
      while (m.find()) {
        if (m.end() == m.start()) {
          continue;
        }
        double score = pattern.score();
        if (invalidator != null && !invalidator.isValid(m.group())) {
          continue;
        }
        if (validator != null) {
          if (!validator.isValid(m.group())) {
            continue;
          }
          score = 1.0;
        }
        found.add(new Finding(entity, codePoints.offset(m.start()), codePoints.offset(m.end()),
            score, name));
      }
    }
    return found;
  }

  @Override
  public String toString() {
    return "PatternRecognizer[" + name + " -> " + entity + ", " + patterns.size() + " patterns]";
  }
}
