package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorKeysTest {

  @Test
  void derivesOneDistinctKeyPerPurpose() {
    OperatorKeys keys = TestKeys.KEYS;
    List<byte[]> all = List.of(keys.hashKey(), keys.tokenizeKey(), keys.fpeKey(),
        keys.dateShiftKey());
    assertThat(keys.tokenizeKey()).hasSize(64);
    assertThat(keys.hashKey()).hasSize(32);
    assertThat(all).extracting(HexFormat.of()::formatHex).doesNotHaveDuplicates();
    assertThat(HexFormat.of().formatHex(keys.hashKey()))
        .isNotEqualTo(HexFormat.of().formatHex(TestKeys.OTHER.hashKey()));
  }

  @Test
  void sameSecretSameKeys() {
    OperatorKeys again = OperatorKeys.fromDatasetSecret(TestKeys.secret(0));
    assertThat(again.hashKey()).isEqualTo(TestKeys.KEYS.hashKey());
    assertThat(again.tokenizeKey()).isEqualTo(TestKeys.KEYS.tokenizeKey());
    assertThat(again.fingerprint()).isEqualTo(TestKeys.KEYS.fingerprint())
        .isEqualTo("f892520682345032");
    assertThat(TestKeys.OTHER.fingerprint()).isNotEqualTo(TestKeys.KEYS.fingerprint());
  }

  @Test
  void toStringShowsTheFingerprintOnly() {
    assertThat(TestKeys.KEYS).hasToString("OperatorKeys[fingerprint=" + TestKeys.KEYS.fingerprint()
        + "]");
    assertThat(TestKeys.CONTEXT.toString()).doesNotContain("record-1");
  }

  @Test
  void secretMustHave32Bytes() {
    assertThatThrownBy(() -> OperatorKeys.fromDatasetSecret(new byte[16]))
        .hasMessage("Invalid dataset secret: 16 bytes (allowed: 32)");
  }

  @Test
  void serializesForExecutors() throws Exception {
    OperatorKeys copy = (OperatorKeys) ActionTest.roundTrip(TestKeys.KEYS);
    assertThat(copy.fpeKey()).isEqualTo(TestKeys.KEYS.fpeKey());
    assertThat(new Hash().apply("E", "v", RecordContext.of(copy)))
        .isEqualTo(new Hash().apply("E", "v", RecordContext.of(TestKeys.KEYS)));
  }
}
