package io.trainguard.redaction;

import java.util.Locale;

/**
 * A decision about more than the span, carried out by the caller: drop the cell's column, drop
 * the record (counted as dropped by policy), or move the record to {@code quarantine/}. Ordered
 * by precedence: when findings of one record ask for several, the last one here wins.
 */
public enum RecordAction implements Action {
  DROP_COLUMN,
  QUARANTINE_RECORD,
  DROP_RECORD;

  @Override
  public String spec() {
    return name().toLowerCase(Locale.ROOT);
  }
}
