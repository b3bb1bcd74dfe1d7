package io.trainguard.redaction;

import static io.trainguard.redaction.TestKeys.CONTEXT;
import static io.trainguard.redaction.TestKeys.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenizeTest {

  private static final String FOREIGN = "it does not belong to this dataset secret and key"
      + " (a token of another run, or altered)";

  private final Tokenize tokenize = new Tokenize();

  @Test
  void exactTokensUnderAFixedSecret() {
    // Checked independently: pyca/cryptography's AESSIV over the same derived key.
    assertThat(tokenize.apply("EMAIL_ADDRESS", "ana@example.com", CONTEXT))
        .isEqualTo("tok_EMAIL_ADDRESS_4y3cktsf5adsrs5aacmkyspcoajujorgytc357rff24f3llmcu");
    assertThat(tokenize.apply("US_SSN", "", CONTEXT))
        .isEqualTo("tok_US_SSN_ukagrxmht4hdyzmim2tvc5wvoq");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ana@example.com", "536-22-8049", "Zoe\u0301 \uD83D\uDE00",
      "a, \"quoted\"\nline\tand, commas", "exactly 16 bytes"})
  void detokenizeRestoresTheValue(String value) {
    String token = tokenize.apply("EMAIL_ADDRESS", value, CONTEXT);
    assertThat(token).matches("tok_EMAIL_ADDRESS_[a-z2-7]+");
    assertThat(Tokenize.detokenize(token, KEYS)).isEqualTo(value);
    assertThat(tokenize.reverse("EMAIL_ADDRESS", token, KEYS)).isEqualTo(value);
  }

  @Test
  void veryLongValuesRoundTrip() {
    String value = "\uD83D\uDE00x".repeat(50_000);
    assertThat(Tokenize.detokenize(tokenize.apply("X", value, CONTEXT), KEYS)).isEqualTo(value);
  }

  @Test
  void deterministicPerSecretAndEntity() {
    String token = tokenize.apply("US_SSN", "536-22-8049", CONTEXT);
    assertThat(tokenize.apply("US_SSN", "536-22-8049",
        RecordContext.of(OperatorKeys.fromDatasetSecret(TestKeys.secret(0))))).isEqualTo(token);
    assertThat(tokenize.apply("US_SSN", "536-22-8049", RecordContext.of(TestKeys.OTHER)))
        .isNotEqualTo(token);
    assertThat(tokenize.apply("US_ITIN", "536-22-8049", CONTEXT).substring(12))
        .isNotEqualTo(token.substring(11));
  }

  @Test
  void everyAlteredTokenFails() {
    String token = tokenize.apply("US_SSN", "536-22-8049", CONTEXT);
    String payload = token.substring("tok_US_SSN_".length());
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      String altered = "tok_US_SSN_" + payload.substring(0, i) + (c == 'a' ? 'b' : 'a')
          + payload.substring(i + 1);
      assertThatThrownBy(() -> Tokenize.detokenize(altered, KEYS))
          .isInstanceOf(IllegalArgumentException.class);
    }
    String relabelled = "tok_US_ITIN_" + payload;
    assertThatThrownBy(() -> Tokenize.detokenize(relabelled, KEYS)).hasMessage(
        FOREIGN);
    assertThatThrownBy(() -> Tokenize.detokenize(token, TestKeys.OTHER)).hasMessage(
        FOREIGN);
    assertThatThrownBy(() -> Tokenize.detokenize(token.substring(0, token.length() - 1), KEYS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokenize.reverse("US_ITIN", token, KEYS))
        .hasMessage("not a token of entity US_ITIN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tok_", "tok__abc", "tok_US_SSN_", "tok_US_SSN_ABC",
      "tok_US SSN_aaaa", "hash_US_SSN_aaaaaaaa", "tok_US_SSN_aaaaaaa1", "536-22-8049"})
  void nonTokensAreRejectedWithoutQuotingThem(String text) {
    assertThatThrownBy(() -> Tokenize.detokenize(text, KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).isIn(
            "Invalid token: expected tok_ENTITY_PAYLOAD",
            FOREIGN));
  }

  @Test
  void failsClosedWithoutKeys() {
    assertThatThrownBy(() -> tokenize.apply("X", "v"))
        .hasMessage("Cannot apply tokenize: no operator keys");
  }
}
