package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AbReportTest {

  @Test
  void everyDetectorRunsOnEveryInputBeforeAnyTimingAndTheOrderAlternates() {
    List<String> slots = new ArrayList<>();
    List<Function<String, Integer>> detectors = new ArrayList<>();
    for (String name : List.of("b", "a")) {
      detectors.add(text -> {
        String slot = name + text;
        if (slots.isEmpty() || !slots.get(slots.size() - 1).equals(slot)) {
          slots.add(slot);
        }
        return 1;
      });
    }

    double[][][] mbs = AbReport.rounds(detectors, List.of(List.of("P"), List.of("T")),
        new long[] {1, 1}, 1);

    int rounds = AbReport.WARM_UP + AbReport.ROUNDS;
    assertThat(slots).hasSize(rounds * 4);
    assertThat(slots.subList(0, 4)).containsExactly("bP", "aP", "aT", "bT");
    assertThat(slots.subList(4, 8)).containsExactly("aT", "bT", "bP", "aP");
    Set<String> warmUp = new HashSet<>(slots.subList(0, AbReport.WARM_UP * 4));
    assertThat(warmUp).containsExactlyInAnyOrder("bP", "aP", "bT", "aT");
    assertThat(mbs.length).isEqualTo(2);
    assertThat(mbs[0][1]).hasSize(AbReport.ROUNDS);
    assertThat(java.util.Arrays.stream(mbs[1][0]).min().getAsDouble()).isPositive();
  }

  @Test
  void theRatioIsTheMedianOfEachRoundsRatioNotTheRatioOfMedians() {
    double[] before = {10, 20, 40};
    double[] after = {30, 20, 20};

    assertThat(AbReport.medianRatio(after, before)).isEqualTo(1.0);
    assertThat(AbReport.median(after) / AbReport.median(before)).isEqualTo(1.0);
    assertThat(AbReport.medianRatio(new double[] {11, 30, 36}, before)).isEqualTo(1.1);
    assertThat(AbReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void eachLegLoadsItsBuildFirstWithNerOffAndOn() {
    assertThat(AbReport.loadOrder("before")).containsExactly(0, 1, 2, 3);
    assertThat(AbReport.loadOrder("after")).containsExactly(1, 0, 3, 2);
    assertThat(AbReport.NAMES[1]).isEqualTo("ner_off_after");
    assertThat(AbReport.NAMES[2]).isEqualTo("ner_on_before");
  }
}
