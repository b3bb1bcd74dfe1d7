package io.trainguard.redaction;

import java.util.Objects;

/**
 * What keyed operators need besides the value: the dataset's {@link OperatorKeys} and the id of
 * the record the value belongs to. {@code date_shift} derives its offset from the record id, so
 * every date of one record moves by the same number of days; pick an id that is stable across
 * runs (a primary key, a patient id) when shifts must be stable across runs too.
 */
public final class RecordContext {

  /** No keys and no record id: only unkeyed operators can run. */
  public static final RecordContext NONE = new RecordContext(null, null);

  private final OperatorKeys keys;
  private final String recordId;

  private RecordContext(OperatorKeys keys, String recordId) {
    this.keys = keys;
    this.recordId = recordId;
  }

  /** Keys without a record id: everything but {@code date_shift} can run. */
  public static RecordContext of(OperatorKeys keys) {
    return new RecordContext(Objects.requireNonNull(keys, "keys"), null);
  }

  public static RecordContext of(OperatorKeys keys, String recordId) {
    return new RecordContext(Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(recordId, "recordId"));
  }

  OperatorKeys keys(String operator) {
    if (keys == null) {
      throw new IllegalStateException("Cannot apply " + operator + ": no operator keys");
    }
    return keys;
  }

  String recordId(String operator) {
    if (recordId == null) {
      throw new IllegalStateException("Cannot apply " + operator + ": no record id");
    }
    return recordId;
  }

  @Override
  public String toString() {
    return "RecordContext[keys=" + keys + "]";
  }
}
