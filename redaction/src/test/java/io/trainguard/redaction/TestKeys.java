package io.trainguard.redaction;

/** Fixed dataset secrets for tests. */
final class TestKeys {

  static final OperatorKeys KEYS = OperatorKeys.fromDatasetSecret(secret(0));
  static final OperatorKeys OTHER = OperatorKeys.fromDatasetSecret(secret(1));
  static final RecordContext CONTEXT = RecordContext.of(KEYS, "record-1");

  private TestKeys() {}

  static byte[] secret(int seed) {
    byte[] secret = new byte[OperatorKeys.SECRET_LENGTH];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (seed * 31 + i);
    }
    return secret;
  }
}
