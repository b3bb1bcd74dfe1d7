package io.trainguard.classifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Presidio's pattern recognizer: named, scored regexes for one entity, context words, and
 * optional checks. A pattern with a group named {@code pii} reports only that group (so
 * {@code password=hunter2} redacts the value, not the key).
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

    boolean hasPiiGroup() {
      return regex.pattern().contains("(?<pii>");
    }
  }

  /**
   * What a text must contain for any pattern to match: at least {@code minDigits} ASCII digits
   * and, when {@code literals} is not empty, one of them (lower case, compared ignoring case).
   */
  public record Trigger(int minDigits, List<String> literals) implements java.io.Serializable {
    public static final Trigger ALWAYS = new Trigger(0, List.of());

    public Trigger {
      literals = literals.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    boolean mightMatch(TextProfile profile) {
      if (profile.digits() < minDigits) {
        return false;
      }
      if (literals.isEmpty()) {
        return true;
      }
      for (String literal : literals) {
        if (profile.containsIgnoreCase(literal)) {
          return true;
        }
      }
      return false;
    }
  }

  private final String name;
  private final String entity;
  private final List<ScoredPattern> patterns;
  private final ContextWords context;
  private final Validator validator;
  private final Validator invalidator;
  private final Trigger trigger;
  private final double checkedScore;
  private final boolean budgeted;
  private final boolean[] piiGroups;
  private final String[] explanations;
  private final String[] validExplanations;
  private final String[] checkedExplanations;

  /**
   * {@code validator}: a passing match scores 1.0, a failing one is dropped (checksums).
   * {@code invalidator}: a failing match is dropped, others keep their score (structure).
   * Either may be null. {@code budgeted}: bound the matching steps of untrusted (user) patterns.
   */
  public PatternRecognizer(String name, String entity, List<ScoredPattern> patterns,
      List<String> context, Validator validator, Validator invalidator, Trigger trigger,
      boolean budgeted) {
    this(name, entity, patterns, context, validator, invalidator, trigger, 0.0, budgeted);
  }

  /**
   * As above; {@code checkedScore}: the score of a match that passes {@code invalidator} with no
   * context word before it, when higher than its pattern's (a checksum-valid number alone).
   * Matches with a context word keep their pattern's score for the analyzer to raise, so that a
   * context word of another type outranks a checksum alone.
   */
  public PatternRecognizer(String name, String entity, List<ScoredPattern> patterns,
      List<String> context, Validator validator, Validator invalidator, Trigger trigger,
      double checkedScore, boolean budgeted) {
    this.name = Objects.requireNonNull(name, "name");
    this.entity = Objects.requireNonNull(entity, "entity");
    this.patterns = List.copyOf(patterns);
    this.context = ContextWords.of(
        context.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList());
    this.validator = validator;
    this.invalidator = invalidator;
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    if (!(checkedScore >= 0.0 && checkedScore <= 1.0)) {
      throw new IllegalArgumentException("Invalid checked score of " + name + ": " + checkedScore);
    }
    this.checkedScore = checkedScore;
    this.budgeted = budgeted;
    if (this.patterns.isEmpty()) {
      throw new IllegalArgumentException("Invalid recognizer " + name + ": no patterns");
    }
    int n = this.patterns.size();
    piiGroups = new boolean[n];
    explanations = new String[n];
    validExplanations = new String[n];
    checkedExplanations = new String[n];
    for (int i = 0; i < n; i++) {
      piiGroups[i] = this.patterns.get(i).hasPiiGroup();
      explanations[i] = "pattern " + this.patterns.get(i).name();
      validExplanations[i] = validator == null ? null : explanations[i] + ", "
          + validator.name().toLowerCase(java.util.Locale.ROOT) + " valid";
      checkedExplanations[i] = invalidator == null ? null : explanations[i] + ", "
          + invalidator.name().toLowerCase(java.util.Locale.ROOT) + " valid, no context";
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
  public boolean mightMatch(TextProfile profile) {
    return trigger.mightMatch(profile);
  }

  @Override
  public List<Finding> recognize(String text, CodePoints codePoints) {
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      findAll(i, text, codePoints, found);
    }
    return found;
  }

  /** Adds the findings of pattern {@code i} over the whole of {@code text} to {@code out}. */
  void findAll(int i, String text, CodePoints codePoints, List<Finding> out) {
    Matcher m = matcher(i, text);
    try {
      int from = 0;
      while (from <= text.length() && m.find(from)) {
        int resume = collect(i, m, text, codePoints, out);
        from = resume == m.start() ? resume + 1 : resume;
      }
    } catch (BudgetedText.Exhausted e) {
      throw budgetExceeded(i, text);
    }
  }

  @Override
  public Optional<Trigger> trigger() {
    return Optional.of(trigger);
  }

  /** The findings of the analyzer's one-pass scan, and of the patterns it could not scan. */
  @Override
  public List<Finding> recognize(AnalyzedText text) {
    if (!text.scanning()) {
      return recognize(text.text(), text.codePoints());
    }
    List<Finding> found = text.buffer();
    for (int i = 0; i < patterns.size(); i++) {
      if (!text.scanned(i)) {
        findAll(i, text.text(), text.codePoints(), found);
      } else if (text.scannedFindings(i) != null) {
        found.addAll(text.scannedFindings(i));
      }
    }
    return found;
  }

  /**
   * This recognizer as a pack overrides it: another entity, context words or patterns (null
   * keeps the current one). New patterns are user patterns: budgeted, with no prefilter.
   */
  PatternRecognizer with(String newEntity, List<String> newContext,
      List<ScoredPattern> newPatterns) {
    return new PatternRecognizer(name, newEntity == null ? entity : newEntity,
        newPatterns == null ? patterns : newPatterns, newContext == null ? context : newContext,
        validator, invalidator, newPatterns == null ? trigger : Trigger.ALWAYS, checkedScore,
        budgeted || newPatterns != null);
  }


  /** The scored patterns, in the pack's order. */
  public List<ScoredPattern> patterns() {
    return patterns;
  }

  /** Whether its patterns run under a matching-step budget (user patterns). */
  boolean budgeted() {
    return budgeted;
  }

  /** A matcher of pattern {@code i} over {@code text}, under the step budget if it applies. */
  Matcher matcher(int i, String text) {
    return patterns.get(i).regex().matcher(input(text));
  }

  /** What a matcher of this recognizer reads: {@code text}, or it under a fresh step budget. */
  CharSequence input(String text) {
    return budgeted ? new BudgetedText(text, BudgetedText.stepsFor(text.length())) : text;
  }

  RegexBudgetException budgetExceeded(int i, String text) {
    return new RegexBudgetException(name, patterns.get(i).name(), text.length());
  }

  /**
   * Checks the current match of pattern {@code i} and adds its finding to {@code out}; returns
   * where the next match may start: the match's end, or the end of the valid value a validator
   * found in it, so that a value right after it is still found (two IBANs in a row).
   */
  int collect(int i, Matcher m, String text, CodePoints codePoints, List<Finding> out) {
    boolean piiGroup = piiGroups[i];
    int start = piiGroup ? m.start("pii") : m.start();
    int end = piiGroup ? m.end("pii") : m.end();
    if (start < 0 || end <= start) {
      return m.end();
    }
    // A match may start or end inside a surrogate pair (".", "\\B" or a lookbehind can put it
    // there): the finding covers the whole code point, so it is redacted, never split.
    if (CodePoints.splitsPair(text, start)) {
      start--;
    }
    if (CodePoints.splitsPair(text, end)) {
      end++;
    }
    if (invalidator == null && validator == null) {
      out.add(new Finding(entity, codePoints.offset(start), codePoints.offset(end),
          patterns.get(i).score(), name, explanations[i]));
      return m.end();
    }
    String matched = text.substring(start, end);
    if (invalidator != null && !invalidator.isValid(matched)) {
      return m.end();
    }
    if (validator != null) {
      int valid = validator.validEnd(matched);
      if (valid < 0) {
        return m.end();
      }
      out.add(new Finding(entity, codePoints.offset(start), codePoints.offset(start + valid), 1.0,
          name, validExplanations[i]));
      return valid < end - start ? start + valid : m.end();
    }
    double score = patterns.get(i).score();
    if (invalidator != null && checkedScore > score
        && Analyzer.contextBefore(text, start, context) == null) {
      out.add(new Finding(entity, codePoints.offset(start), codePoints.offset(end), checkedScore,
          name, checkedExplanations[i]));
      return m.end();
    }
    out.add(new Finding(entity, codePoints.offset(start), codePoints.offset(end), score, name,
        explanations[i]));
    return m.end();
  }

  @Override
  public String toString() {
    return "PatternRecognizer[" + name + " -> " + entity + ", " + patterns.size() + " patterns]";
  }
}
