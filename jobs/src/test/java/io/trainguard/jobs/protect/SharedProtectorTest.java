package io.trainguard.jobs.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainguard.classifiers.Analyzer;
import io.trainguard.jobs.format.FileStats;
import io.trainguard.jobs.format.ValueProtector;
import io.trainguard.redaction.OperatorKeys;
import io.trainguard.redaction.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.apache.spark.util.SizeEstimator;
import org.junit.jupiter.api.Test;

class SharedProtectorTest {

  private static final ValueProtector PROTECTOR = new ValueProtector(Analyzer.defaults(),
      Policy.strict(), OperatorKeys.fromDatasetSecret(new byte[OperatorKeys.SECRET_LENGTH]));

  @Test
  void sparkSizesItByItsSerializedLengthWithoutWalkingTheAnalyzer() throws Exception {
    PROTECTOR.protect("mail jane.doe@example.com", "note", "r1", found -> {}); // caches built
    byte[] serialized = serialize(new SharedProtector(PROTECTOR));

    assertThat(SizeEstimator.estimate(new SharedProtector(PROTECTOR)))
        .isEqualTo(serialize(PROTECTOR).length);
    assertThat(serialized.length).isGreaterThan(serialize(PROTECTOR).length);
    assertThat(SizeEstimator.estimate(PROTECTOR)).isGreaterThan(10L * serialized.length);
  }

  @Test
  void anExecutorsCopyProtectsAsTheDriversDoes() throws Exception {
    SharedProtector copy = (SharedProtector) new ObjectInputStream(new ByteArrayInputStream(
        serialize(new SharedProtector(PROTECTOR)))).readObject();
    String value = "Call Jane Doe at jane.doe@example.com or 212-555-0187";

    ValueProtector.CountingSink driver = new ValueProtector.CountingSink(new FileStats());
    ValueProtector.CountingSink executor = new ValueProtector.CountingSink(new FileStats());
    assertThat(copy.get().forTask().protectValue(value, "note", null, List.of(), "r1", executor))
        .isEqualTo(PROTECTOR.forTask().protectValue(value, "note", null, List.of(), "r1",
            driver));
    assertThat(executor.findings()).isEqualTo(driver.findings()).isNotEmpty();
  }

  private static byte[] serialize(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}
