package io.trainguard.redaction;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.classifiers.Finding;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** Detects and redacts personal data in one string value: the unit of work of every format. */
public final class TextProtector implements Serializable {

  /** Receives the findings of each value that had any; never the value itself. */
  @FunctionalInterface
  public interface FindingSink {
    void accept(List<Finding> findings);
  }

  private final Analyzer analyzer;
  private final Redactor redactor;

  public TextProtector(Analyzer analyzer, Redactor redactor) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  /** {@code value} with its findings redacted; the same instance when nothing was found. */
  public String protect(String value, FindingSink sink) {
    return protect(value, RecordContext.NONE, sink);
  }

  /** As {@link #protect(String, FindingSink)}, keyed operators using {@code record}. */
  public String protect(String value, RecordContext record, FindingSink sink) {
    List<Finding> findings = redactor.acting(analyzer.analyze(value));
    if (findings.isEmpty()) {
      return value;
    }
    sink.accept(findings);
    return redactor.redact(value, findings, record);
  }
}
