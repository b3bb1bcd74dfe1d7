package io.trainguard.jobs.format;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.StringWriter;
import java.io.Writer;

/** In-memory data and quarantine outputs, and the protector the format tests share. */
final class TestSinks implements RecordSinks {

  static final ValueProtector STRICT = new ValueProtector(Analyzer.defaults(), Policy.strict(),
      OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

  final StringWriter data = new StringWriter();
  final StringWriter quarantine = new StringWriter();

  @Override
  public Writer data() {
    return data;
  }

  @Override
  public Writer quarantine() {
    return quarantine;
  }
}
