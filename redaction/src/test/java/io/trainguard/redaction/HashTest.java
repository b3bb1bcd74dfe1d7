package io.trainguard.redaction;

import static io.trainguard.redaction.TestKeys.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashTest {

  private final Hash hash = new Hash();

  @Test
  void exactOutputsUnderAFixedSecret() {
    // Checked independently: HKDF-SHA-256 and HMAC-SHA-256 in Python's hashlib.
    assertThat(hash.apply("EMAIL_ADDRESS", "ana@example.com", CONTEXT))
        .isEqualTo("hash_EMAIL_ADDRESS_2xlkvjdsclldtpa5aed6mm6pby");
    assertThat(hash.apply("US_SSN", "", CONTEXT))
        .isEqualTo("hash_US_SSN_h6sl7xf3k4m7tj3bw4e3kai6sm");
    assertThat(hash.apply("PERSON", "Zoe\u0301 \uD83D\uDE00", CONTEXT))
        .isEqualTo("hash_PERSON_vykshwkv6g2e42lliukkv4zrve");
  }

  @Test
  void deterministicPerSecretAndEntity() {
    String token = hash.apply("EMAIL_ADDRESS", "ana@example.com", CONTEXT);
    assertThat(token).matches("hash_EMAIL_ADDRESS_[a-z2-7]{26}");
    assertThat(hash.apply("EMAIL_ADDRESS", "ana@example.com",
        RecordContext.of(OperatorKeys.fromDatasetSecret(TestKeys.secret(0)), "another record")))
        .isEqualTo(token);
    assertThat(hash.apply("EMAIL_ADDRESS", "ana@example.com", RecordContext.of(TestKeys.OTHER)))
        .isNotEqualTo(token);
    assertThat(hash.apply("PERSON", "ana@example.com", CONTEXT))
        .startsWith("hash_PERSON_").doesNotEndWith(token.substring(19));
    assertThat(hash.apply("EMAIL_ADDRESS", "Ana@example.com", CONTEXT)).isNotEqualTo(token);
  }

  @Test
  void noCollisionsOverManyValues() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      seen.add(hash.apply("US_SSN", Integer.toString(i), CONTEXT));
    }
    assertThat(seen).hasSize(20_000);
  }

  @Test
  void entityLabelKeepsTheTokenParsable() {
    assertThat(hash.apply("us-zip code", "94103", CONTEXT))
        .matches("hash_us_zip_code_[a-z2-7]{26}");
  }

  @Test
  void veryLongAndMalformedValues() {
    assertThat(hash.apply("X", "a".repeat(1_000_000), CONTEXT)).matches("hash_X_[a-z2-7]{26}");
    assertThat(hash.apply("X", "lone \uD800 surrogate", CONTEXT)).isEqualTo("<X>");
  }

  @Test
  void failsClosedWithoutKeys() {
    assertThatThrownBy(() -> hash.apply("X", "v"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot apply hash: no operator keys");
  }
}
