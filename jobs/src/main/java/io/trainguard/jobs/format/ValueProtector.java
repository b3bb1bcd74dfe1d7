package io.trainguard.jobs.format;

import io.trainguard.classifiers.ColumnClassifier;
import io.trainguard.classifiers.ColumnClassifier.ColumnPlan;
import io.trainguard.classifiers.Finding;
import io.trainguard.classifiers.RegexBudgetException;
import io.trainguard.redaction.Redactor;
import io.trainguard.redaction.TextProtector;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What every format uses on its values: span detection and redaction for free text, and whole
 * values redacted from a column plan, made once per file from a sample of its first records.
 */
public final class ValueProtector implements Serializable {

  /** Records sampled from the head of a file to plan its columns. */
  public static final int PLAN_SAMPLE_RECORDS = 200;

  private final TextProtector text;
  private final Redactor redactor;
  private final ColumnClassifier classifier;

  public ValueProtector(TextProtector text, Redactor redactor) {
    this.text = text;
    this.redactor = redactor;
    this.classifier = new ColumnClassifier(text.analyzer());
  }

  /** {@code value} with detected spans redacted; the same instance when nothing was found. */
  public String protect(String value, TextProtector.FindingSink sink) {
    return text.protect(value, sink);
  }

  /** The whole of a non-empty {@code value} of a planned column, redacted as its entity. */
  public String protectWhole(ColumnPlan plan, String value, TextProtector.FindingSink sink) {
    if (value.isEmpty()) {
      return value;
    }
    sink.accept(List.of(new Finding(plan.entity(), 0, value.codePointCount(0, value.length()),
        plan.confidence(), "column-plan", plan.reason())));
    return redactor.operatorFor(plan.entity()).apply(plan.entity(), value);
  }

  /**
   * The plan of {@code column} from {@code sample}; none when a user pattern cannot scan the
   * sample within its budget (the value then fails with its row and column when redacted).
   */
  public Optional<ColumnPlan> plan(String column, List<String> sample) {
    try {
      return classifier.classify(column, sample);
    } catch (RegexBudgetException e) {
      return Optional.empty();
    }
  }
}
