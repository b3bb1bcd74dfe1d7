package io.trainguard.jobs.protect;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * How many malformed records (bad CSV quoting, invalid JSON, invalid UTF-8) a run quarantines
 * before it fails: a count ({@code --max-bad-records 10}) or a share of the records read
 * ({@code 0.5%}). {@link #NONE}: the first fails the run.
 */
public record BadRecordLimit(long records, BigDecimal percent) implements Serializable {

  public static final BadRecordLimit NONE = new BadRecordLimit(0, null);

  /** Parses {@code N} or {@code P%}. */
  public static BadRecordLimit parse(String spec) {
    try {
      if (spec.endsWith("%")) {
        BigDecimal percent = new BigDecimal(spec.substring(0, spec.length() - 1));
        if (percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0) {
          return new BadRecordLimit(0, percent);
        }
      } else if (Long.parseLong(spec) >= 0) {
        return new BadRecordLimit(Long.parseLong(spec), null);
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException("Invalid --max-bad-records: " + spec
        + " (a count N or a share P% of the records, e.g. 10 or 0.5%)");
  }

  /** Malformed records one file may hold before it fails on its own. */
  public long perFile() {
    return percent == null ? records : Long.MAX_VALUE;
  }

  /** Whether {@code malformed} of {@code read} records are more than allowed. */
  public boolean exceeded(long malformed, long read) {
    return percent == null ? malformed > records
        : BigDecimal.valueOf(malformed).multiply(BigDecimal.valueOf(100))
            .compareTo(percent.multiply(BigDecimal.valueOf(read))) > 0;
  }

  @Override
  public String toString() {
    return percent == null ? Long.toString(records) : percent.toPlainString() + "%";
  }
}
