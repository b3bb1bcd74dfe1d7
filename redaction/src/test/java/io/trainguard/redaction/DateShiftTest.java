package io.trainguard.redaction;

import static io.trainguard.redaction.TestKeys.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateShiftTest {

  private static final DateShift SHIFT = new DateShift(-30, 30);
  private static final RecordContext R7 = RecordContext.of(KEYS, "r-7");

  @Test
  void offsetOfAFixedRecord() {
    assertThat(SHIFT.offset(R7)).isEqualTo(-6);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "1985-03-12|1985-03-06",
      "03/12/1985|03/06/1985",
      "3/2/1985|2/24/1985",
      "12.03.1985|06.03.1985",
      "12-03-1985|06-03-1985",
      "25/12/1985|19/12/1985",
      "March 12, 1985|March 6, 1985",
      "MAR. 2nd 1985|FEB. 24th 1985",
      "12 march 1985|6 march 1985",
      "1st Sept 1985|26th Aug 1985",
      "1985-03-12T09:15:00+02:00|1985-03-06T09:15:00+02:00",
      "1985-03-12T10:00|1985-03-06T10:00",
  })
  void keepsTheInputFormat(String value, String expected) {
    assertThat(SHIFT.apply("DATE_TIME", value, R7)).isEqualTo(expected);
  }

  @Test
  void sameRecordSameOffsetDifferentRecordsDiffer() {
    String a = SHIFT.apply("DATE_TIME", "2001-01-01", R7);
    String b = SHIFT.apply("DATE_TIME", "2001-01-11", R7);
    assertThat(ChronoUnit.DAYS.between(LocalDate.parse(a), LocalDate.parse(b))).isEqualTo(10);
    Set<Long> offsets = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      long offset = SHIFT.offset(RecordContext.of(KEYS, "r-" + i));
      assertThat(offset).isBetween(-30L, 30L).isNotZero();
      offsets.add(offset);
    }
    assertThat(offsets).hasSize(60);
    assertThat(SHIFT.offset(RecordContext.of(TestKeys.OTHER, "r-7")))
        .isEqualTo(SHIFT.offset(RecordContext.of(TestKeys.OTHER, "r-7")));
  }

  @Test
  void rangesAtTheEdges() {
    for (int i = 0; i < 200; i++) {
      RecordContext record = RecordContext.of(KEYS, Integer.toString(i));
      assertThat(new DateShift(-1, 1).offset(record)).isIn(-1L, 1L);
      assertThat(new DateShift(0, 1).offset(record)).isEqualTo(1L);
      assertThat(new DateShift(5, 7).offset(record)).isBetween(5L, 7L);
      assertThat(new DateShift(-7, -5).offset(record)).isBetween(-7L, -5L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1985-02-30", "13/13/1985", "March 32, 1985", "1985-03-12T25:00",
      "yesterday", "\uD83D\uDE00", "12/03/85"})
  void nonDatesAreReplaced(String value) {
    assertThat(SHIFT.apply("DATE_TIME", value, R7)).isEqualTo("<DATE_TIME>");
  }

  @Test
  void yearsMustStayFourDigits() {
    assertThat(new DateShift(-36_500, -36_499).apply("D", "1050-03-12", R7)).isEqualTo("<D>");
  }

  @Test
  void needsKeysAndARecordId() {
    assertThatThrownBy(() -> SHIFT.apply("D", "1985-03-12"))
        .hasMessage("Cannot apply date_shift: no operator keys");
    assertThatThrownBy(() -> SHIFT.apply("D", "1985-03-12", RecordContext.of(KEYS)))
        .hasMessage("Cannot apply date_shift: no record id");
  }

  @Test
  void rangeIsValidatedWhenBuilt() {
    assertThatThrownBy(() -> new DateShift(5, 1)).hasMessage(
        "Invalid date_shift range: [5,1] (allowed: MIN_DAYS < MAX_DAYS, both from -36500 to"
            + " 36500)");
    // A single day would pass dates through ([0,0]) or move all by an offset the policy tells.
    assertThatThrownBy(() -> new DateShift(0, 0)).hasMessage(
        "Invalid date_shift range: [0,0] (allowed: MIN_DAYS < MAX_DAYS, both from -36500 to"
            + " 36500)");
    assertThatThrownBy(() -> new DateShift(9, 9)).hasMessageStartingWith(
        "Invalid date_shift range: [9,9]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1985-03-12", "March 12, 1985", "Mar. 12th 1985", "12 March 1985",
      "12.03.1985", "03/30/1985", "1999-12-31", "02/29/2000"})
  void reverseGivesBackTheDateOfTheRecord(String value) {
    String shifted = SHIFT.apply("DATE_TIME", value, R7);
    assertThat(shifted).isNotEqualTo(value);
    assertThat(SHIFT.reverse("DATE_TIME", shifted, R7)).isEqualTo(value);
  }

  @Test
  void reverseFailsForAnotherRecordOrKeyRatherThanGuessing() {
    String shifted = SHIFT.apply("DATE_TIME", "1985-03-12", R7);
    String other = SHIFT.reverse("DATE_TIME", shifted, RecordContext.of(KEYS, "r-8"));
    assertThat(other).isNotEqualTo("1985-03-12"); // unauthenticated: another date, no error
    assertThatThrownBy(() -> SHIFT.reverse("DATE_TIME", "not a date", R7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot reverse date_shift[-30,30] value of entity DATE_TIME: not a shifted"
            + " date of this record");
  }

  @Test
  void reverseOfANumericDateThatReadsBothWaysIsRefused() {
    // Find a month-first date whose output also reads day-first as the output of another date.
    long offset = SHIFT.offset(R7);
    java.time.LocalDate day = java.time.LocalDate.of(1985, 1, 1);
    String ambiguous = null;
    for (int i = 0; i < 366 && ambiguous == null; i++, day = day.plusDays(1)) {
      String value = String.format("%02d/%02d/%d", day.getMonthValue(), day.getDayOfMonth(),
          day.getYear());
      String out = SHIFT.apply("DATE_TIME", value, R7);
      java.time.LocalDate shifted = day.plusDays(offset);
      if (shifted.getDayOfMonth() <= 12 && shifted.getDayOfMonth() != shifted.getMonthValue()) {
        java.time.LocalDate swapped = java.time.LocalDate.of(shifted.getYear(),
            shifted.getDayOfMonth(), shifted.getMonthValue()).minusDays(offset);
        if (swapped.getDayOfMonth() > 12) { // read day-first only, so apply gives out again
          ambiguous = out;
        }
      }
    }
    String out = ambiguous;
    assertThat(out).isNotNull();
    assertThatThrownBy(() -> SHIFT.reverse("DATE_TIME", out, R7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": its day and month could be either way round");
  }
}

