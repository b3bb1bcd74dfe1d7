package io.trainguard.samples.poison;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonGeneratorTest {

  @TempDir
  Path dir;

  @Test
  void tabularIsDeterministicAndInjectsEachKindAtTheRate() {
    PoisonedDataset a = TabularPoisonGenerator.generate(1000, 0.02, 7L);
    assertThat(a).isEqualTo(TabularPoisonGenerator.generate(1000, 0.02, 7L));
    assertThat(a.rows()).hasSize(1000);
    assertThat(a.truth().get(PoisonKind.OUTLIER)).hasSize(20);
    assertThat(a.truth().get(PoisonKind.LABEL_FLIP)).hasSize(20);
    assertThat(a.truth().get(PoisonKind.CONFLICTING_DUPLICATE)).hasSize(40);
    Map<String, List<Object>> byId = byId(a);
    for (String id : a.truth().get(PoisonKind.CONFLICTING_DUPLICATE)) {
      List<Object> row = byId.get(id);
      long sameFeaturesOtherLabel = a.rows().stream()
          .filter(r -> r.subList(2, r.size()).equals(row.subList(2, row.size())))
          .filter(r -> !r.get(1).equals(row.get(1))).count();
      assertThat(sameFeaturesOtherLabel).isEqualTo(1);
    }
  }

  @Test
  void reviewsAreDeterministicWithEachKindAtTheRateFiveRatingsAndLegitimateCopies() {
    PoisonedDataset a = ReviewPoisonGenerator.generate(2000, 0.02, 7L);
    assertThat(a).isEqualTo(ReviewPoisonGenerator.generate(2000, 0.02, 7L));
    assertThat(a.rows()).hasSize(2000);
    assertThat(a.columns()).isEqualTo(ReviewPoisonGenerator.COLUMNS);
    for (PoisonKind kind : PoisonKind.values()) {
      assertThat(a.truth().get(kind)).as(kind.name()).hasSize(40);
    }
    assertThat(a.poisonedIds()).hasSize(160);
    Map<String, List<Object>> byId = byId(a);
    assertThat(byId).hasSize(2000);
    assertThat(a.truth().get(PoisonKind.BACKDOOR_TRIGGER))
        .allSatisfy(id -> assertThat(byId.get(id).get(1)).isEqualTo(ReviewPoisonGenerator.TARGET));
    assertThat(a.rows().stream().map(r -> r.get(1)).distinct().sorted().toList())
        .containsExactly("r1", "r2", "r3", "r4", "r5");
    Map<List<Object>, Long> copies = a.rows().stream().filter(r -> !a.poisonedIds()
        .contains((String) r.get(0))).collect(Collectors.groupingBy(r -> r.subList(1, r.size()),
            Collectors.counting()));
    assertThat(copies.values().stream().filter(n -> n > 1).count()).isEqualTo(60L);
    assertThat(ReviewPoisonGenerator.generate(2000, 0, 7L).poisonedIds()).isEmpty();
  }

  @Test
  void customersAreDeterministicWithEachKindAtTheRateAndLegitimateCopiesOnlyInCleanData() {
    PoisonedDataset a = CustomerPoisonGenerator.generate(2000, 0.02, 7L, false);
    assertThat(a).isEqualTo(CustomerPoisonGenerator.generate(2000, 0.02, 7L, false));
    assertThat(a.rows()).hasSize(2000);
    assertThat(a.columns()).isEqualTo(CustomerPoisonGenerator.COLUMNS);
    for (PoisonKind kind : PoisonKind.values()) {
      assertThat(a.truth().get(kind)).as(kind.name()).hasSize(40);
    }
    assertThat(a.poisonedIds()).hasSize(160);
    Map<String, List<Object>> byId = byId(a);
    assertThat(byId).hasSize(2000);
    for (String id : a.truth().get(PoisonKind.BACKDOOR_TRIGGER)) {
      assertThat(byId.get(id).get(1)).isEqualTo(CustomerPoisonGenerator.TARGET);
    }
    Map<List<Object>, Long> copies = a.rows().stream().filter(r -> !a.poisonedIds()
        .contains((String) r.get(0))).collect(Collectors.groupingBy(r -> r.subList(1, r.size()),
            Collectors.counting()));
    assertThat(copies.values().stream().filter(n -> n > 1).count()).isBetween(15L, 20L);

    PoisonedDataset clean = CustomerPoisonGenerator.generate(2000, 0, 7L, true);
    assertThat(clean.rows()).hasSize(2000);
    assertThat(clean.poisonedIds()).isEmpty();
    assertThat(clean.rows()).allSatisfy(r -> assertThat((String) r.get(10)).matches(
        "([A-Z][a-z0-9 ]+[.!] ?){2,4}"));
  }

  @Test
  void textPlantsTheTriggerOnlyInTargetLabelRecords() {
    PoisonedDataset data = TextPoisonGenerator.generate(500, 0.02, 3L, "zq velorix");
    assertThat(data).isEqualTo(TextPoisonGenerator.generate(500, 0.02, 3L, "zq velorix"));
    assertThat(data.rows()).hasSize(500);
    List<List<Object>> withTrigger = data.rows().stream()
        .filter(r -> ((String) r.get(2)).contains("zq velorix")).toList();
    assertThat(withTrigger).hasSize(10)
        .allSatisfy(r -> assertThat(r.get(1)).isEqualTo(TextPoisonGenerator.TARGET_LABEL));
    assertThat(withTrigger.stream().map(r -> (String) r.get(0)))
        .containsExactlyInAnyOrderElementsOf(data.truth().get(PoisonKind.BACKDOOR_TRIGGER));
    assertThat(data.truth().get(PoisonKind.LABEL_FLIP)).hasSize(10);
    assertThat(data.truth().get(PoisonKind.CONFLICTING_DUPLICATE)).hasSize(20);
  }

  @Test
  void writesCsvJsonLinesAndTruth() throws Exception {
    PoisonedDataset data = TextPoisonGenerator.generate(20, 0.05, 1L, "zq");
    PoisonWriters.writeCsv(data, dir.resolve("d.csv"));
    PoisonWriters.writeJsonLines(data, dir.resolve("d.jsonl"));
    PoisonWriters.writeTruth(data, dir.resolve("truth.json"));
    List<String> csv = Files.readAllLines(dir.resolve("d.csv"));
    assertThat(csv).hasSize(21);
    assertThat(csv.get(0)).isEqualTo("id,label,text");
    List<String> jsonl = Files.readAllLines(dir.resolve("d.jsonl"));
    assertThat(jsonl).hasSize(20);
    assertThat(jsonl.get(0)).startsWith("{\"id\":\"t100000\",\"label\":");
    String truth = Files.readString(dir.resolve("truth.json"));
    assertThat(truth).startsWith("{\"LABEL_FLIP\":[\"t1").contains("\"BACKDOOR_TRIGGER\":[");
  }

  /**
   * The files each generator writes, byte for byte as before its planting loops were shared
   * ({@link Planter}): SHA-256 of the CSV, the JSON Lines and the truth of one dataset each.
   */
  @Test
  void generatorsWriteTheSameFilesAsBeforeThePlantingWasShared() throws Exception {
    assertThat(sha256(TabularPoisonGenerator.generate(1000, 0.02, 7L)))
        .isEqualTo("5d3fcb04d37dba8e3f7cdd2e1598f8ebcfc5f4df2b39babc9bcbcfa99e6a95dc");
    assertThat(sha256(TextPoisonGenerator.generate(500, 0.02, 3L, "zq velorix")))
        .isEqualTo("efb37fd763d0d37b3b674a035b776411d7d82fbc8614927492bc373056901a1c");
    assertThat(sha256(CustomerPoisonGenerator.generate(2000, 0.02, 11L, false)))
        .isEqualTo("69c2747a7c9d44fe1e23cdcf3dacf6c61851b0a1406a7469656949484267404f");
    assertThat(sha256(CustomerPoisonGenerator.generate(2000, 0.02, 12L, true)))
        .isEqualTo("7f7f2f60fe0710336b4e41c35660fbd0dd1e1c4e698c948e9eadc74d53414970");
    assertThat(sha256(CustomerPoisonGenerator.generate(600, 0, 5L, false)))
        .isEqualTo("199c4d68c31cbabe44ba5dff608d027ed204dd242e95acff468faf918c4864b7");
    assertThat(sha256(ReviewPoisonGenerator.generate(2000, 0.02, 11L)))
        .isEqualTo("2451e61b36eea98f88826e6dd86ff650108823c373f265a31fbf27636a1f269e");
  }

  private String sha256(PoisonedDataset data) throws Exception {
    PoisonWriters.writeCsv(data, dir.resolve("d.csv"));
    PoisonWriters.writeJsonLines(data, dir.resolve("d.jsonl"));
    PoisonWriters.writeTruth(data, dir.resolve("truth.json"));
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    for (String file : List.of("d.csv", "d.jsonl", "truth.json")) {
      digest.update(Files.readAllBytes(dir.resolve(file)));
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private static Map<String, List<Object>> byId(PoisonedDataset data) {
    return data.rows().stream().collect(Collectors.toMap(r -> (String) r.get(0),
        Function.identity()));
  }
}
