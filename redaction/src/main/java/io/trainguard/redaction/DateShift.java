package io.trainguard.redaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.Mac;

/**
 * {@code date_shift[MIN_DAYS,MAX_DAYS]}: moves a date by a number of days that depends only on
 * the record (HMAC-SHA-256 of the record id under the dataset's date_shift key, reduced to the
 * range), so all dates of one record move together and intervals within it are kept, while
 * records move independently. The offset is never 0, and a range holds at least two days: one
 * of a single day (such as {@code [0,0]}) would move every date by the same number of days, which
 * the policy text in the manifest tells, so it is rejected. The output keeps the input's format (see the formats below); a value that is not one of them, or
 * that would leave years 1000-9999, becomes {@code <ENTITY>}.
 *
 * <p>Formats: ISO {@code 1985-03-12}; {@code 03/12/1985} (month first), {@code 12.03.1985} and
 * {@code 12-03-1985} (day first), the other order when only it is a valid date; English month
 * names: {@code March 12, 1985}, {@code Mar. 12th 1985}, {@code 12 March 1985}.
 */
public record DateShift(int minDays, int maxDays) implements Operator {

  /** Largest shift either way, about a century. */
  public static final int MAX_ABS_DAYS = 36_500;

  public DateShift {
    if (!isValidRange(minDays, maxDays)) {
      throw new IllegalArgumentException("Invalid date_shift range: [" + minDays + "," + maxDays
          + "] (allowed: MIN_DAYS < MAX_DAYS, both from -" + MAX_ABS_DAYS + " to "
          + MAX_ABS_DAYS + ")");
    }
  }

  static boolean isValidRange(int minDays, int maxDays) {
    return minDays >= -MAX_ABS_DAYS && maxDays <= MAX_ABS_DAYS && minDays < maxDays;
  }

  @Override
  public String name() {
    return "date_shift";
  }

  @Override
  public String spec() {
    return name() + "[" + minDays + "," + maxDays + "]";
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    long offset = offset(record);
    Dates.Parsed date = Dates.parse(value);
    String shifted = date == null ? null : date.layout().render(date.date().plusDays(offset));
    return shifted == null ? Replace.ENTITY_NAME.apply(entity, value, record) : shifted;
  }

  /**
   * The value that {@link #apply} turned into {@code output} in {@code record}: its date moved
   * back by the record's offset, in the same format.
   *
   * @throws IllegalArgumentException if no date, or more than one (a numeric date whose day and
   *     month could be either way round), gives {@code output} in {@code record}; the message
   *     never quotes {@code output}
   */
  public String reverse(String entity, String output, RecordContext record) {
    long offset = offset(record);
    Set<String> originals = new LinkedHashSet<>();
    for (Dates.Parsed reading : Dates.readings(output)) {
      String original = reading.layout().render(reading.date().minusDays(offset));
      if (original != null && output.equals(apply(entity, original, record))) {
        originals.add(original);
      }
    }
    if (originals.size() != 1) {
      throw new IllegalArgumentException("Cannot reverse " + spec() + " value of entity " + entity
          + (originals.isEmpty() ? ": not a shifted date of this record"
              : ": its day and month could be either way round"));
    }
    return originals.iterator().next();
  }

  /** The offset in days of every date of {@code record}. */
  long offset(RecordContext record) {
    Mac mac = Hash.hmacSha256(record.keys(name()).dateShiftKey());
    long h = ByteBuffer.wrap(mac.doFinal(
        record.recordId(name()).getBytes(StandardCharsets.UTF_8))).getLong();
    long span = (long) maxDays - minDays + 1;
    boolean skipZero = minDays <= 0 && maxDays >= 0;
    // Reducing 64 bits modulo at most 73,001 biases the offset by under 2^-46.
    long offset = minDays + Long.remainderUnsigned(h, skipZero ? span - 1 : span);
    return skipZero && offset >= 0 ? offset + 1 : offset;
  }
}
