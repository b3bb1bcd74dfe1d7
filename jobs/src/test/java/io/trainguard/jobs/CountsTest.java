package io.trainguard.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {

  @Test
  void countsHaveThousandsSeparatorsAndTheirNoun() {
    assertThat(Counts.of(1, "record")).isEqualTo("1 record");
    assertThat(Counts.of(1_234_567, "record")).isEqualTo("1,234,567 records");
    assertThat(Counts.number(999)).isEqualTo("999");
    assertThat(Counts.decimal(1_234.56)).isEqualTo("1,234.6");
  }

  @Test
  void durationsReadInSecondsMinutesOrHours() {
    assertThat(Counts.duration(44.6)).isEqualTo("45 s");
    assertThat(Counts.duration(185)).isEqualTo("3 min 05 s");
    assertThat(Counts.duration(7_800)).isEqualTo("2 h 10 min");
    assertThat(Counts.duration(4_000_000)).isEqualTo("1,111 h 06 min");
  }
}
