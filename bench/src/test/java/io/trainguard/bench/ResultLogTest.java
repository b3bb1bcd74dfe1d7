package io.trainguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLogTest {

  @Test
  void figuresComeFromKeyValueLinesNamedLinesAndNamedJsonObjects() {
    ObjectNode numbers = ResultLog.figures(List.of(
        "bench/e2e: 2 cores, load average 0.52 1.10 2.00",
        "job            wall s   CPU s",
        "protect findings: 2180000, 21800 per MB of input",
        "protect_vs_dataframe_identity=1.41 dataframe_identity_mb_s=31.6",
        "protect_vs_identity=2.90 protect_mb_s=22.4 identity_mb_s=64.9",
        "poisoning_text rows=2000 label_flip_f1=0.912 wall_s=38.5",
        "lake {\"protect_plain_s\": 111.79, \"files_plain\": 22}",
        "round_trip_identical=true streaming_gib=5",
        "a=1 b=two",
        "note: x=1 is not a figure line"));
    assertThat(numbers.toString()).isEqualTo("{\"protect_vs_dataframe_identity\":1.41,"
        + "\"dataframe_identity_mb_s\":31.6,\"protect_vs_identity\":2.9,\"protect_mb_s\":22.4,"
        + "\"identity_mb_s\":64.9,\"poisoning_text\":{\"rows\":2000,\"label_flip_f1\":0.912,"
        + "\"wall_s\":38.5},\"lake\":{\"protect_plain_s\":111.79,\"files_plain\":22},"
        + "\"round_trip_identical\":true,\"streaming_gib\":5}");
  }

  @Test
  void aRunIsOneObjectWithItsFieldsInTheDocumentedOrder() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode machine = json.createObjectNode().put("cpu", "Example CPU").put("cores", 2);
    ObjectNode run = ResultLog.run("accuracy", Instant.parse("2026-12-06T17:00:00Z"),
        Instant.parse("2026-12-06T17:00:12.345Z"), "58a8390", machine, "bench/accuracy",
        ResultLog.figures(List.of("accuracy_macro_f1=0.9223")));
    assertThat(json.writeValueAsString(run)).isEqualTo("{\"bench\":\"accuracy\","
        + "\"date\":\"2026-12-06T17:00:00Z\",\"commit\":\"58a8390\",\"machine\":{\"cpu\":"
        + "\"Example CPU\",\"cores\":2},\"command\":\"bench/accuracy\",\"wall_s\":12.3,"
        + "\"numbers\":{\"accuracy_macro_f1\":0.9223}}");
  }
}
