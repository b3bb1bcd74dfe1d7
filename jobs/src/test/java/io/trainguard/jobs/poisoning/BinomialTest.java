package io.trainguard.jobs.poisoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinomialTest {

  @Test
  void upperTailsAreExact() {
    assertThat(Binomial.upperTail(5, 5, 0.5)).isCloseTo(1 / 32.0, within(1e-15));
    assertThat(Binomial.upperTail(10, 8, 0.5)).isCloseTo(56 / 1024.0, within(1e-15));
    assertThat(Binomial.upperTail(3, 1, 0.1)).isCloseTo(1 - 0.729, within(1e-15));
    assertThat(Binomial.upperTail(400, 400, 0.5)).isCloseTo(Math.pow(0.5, 400), within(1e-130));
  }

  @Test
  void edgesAreCertainOrImpossible() {
    assertThat(Binomial.upperTail(7, 0, 0.3)).isEqualTo(1.0);
    assertThat(Binomial.upperTail(7, 8, 0.3)).isEqualTo(0.0);
    assertThat(Binomial.upperTail(7, 2, 0.0)).isEqualTo(0.0);
    assertThat(Binomial.upperTail(7, 7, 1.0)).isEqualTo(1.0);
  }

  @Test
  void taroneCountsOnlyTermsThatCouldReachTheCorrectedLevel() {
    // One label at 0.5: terms in 9 and 8 records can reach 0.01 / 2 (0.5^8 = 0.0039), the
    // 1,000 terms in 5 records cannot (0.5^5 = 0.031): 2 tests. Two such labels: at m = 2 four
    // tests (> 2); at m = 3 only the 9-record term's two (0.5^8 > 0.0033): 3.
    assertThat(Binomial.taroneTests(Map.of(9L, 1L, 8L, 1L, 5L, 1000L),
        List.of(0.5, 0.5), 0.01)).isEqualTo(3);
    assertThat(Binomial.taroneTests(Map.of(9L, 1L, 8L, 1L, 5L, 1000L),
        List.of(0.5), 0.01)).isEqualTo(2);
    // 0.25^5 = 0.00098 reaches 0.01 / m up to m = 10, where 1,000 terms count: m = 11.
    assertThat(Binomial.taroneTests(Map.of(5L, 1000L), List.of(0.25, 0.75),
        0.01)).isEqualTo(11);
  }
}
