package io.trainguard.redaction;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * {@code tokenize}: deterministic authenticated encryption (AES-SIV, RFC 5297, AES-256) under
 * the dataset's tokenize key, with the entity label as associated data. The token is
 * {@code tok_ENTITY_} plus the lower-case base-32 of the SIV and ciphertext (16 bytes plus the
 * value's UTF-8), e.g. {@code tok_US_SSN_...}: letters, digits and {@code _} only, so it survives
 * CSV, JSON and word tokenizers, and {@code tok_} marks it as reversible. Equal values of one
 * entity give equal tokens, so tokens join; a holder of the keys gets the value back with
 * {@link #detokenize}, and any altered token, or one made under another secret, fails.
 */
public record Tokenize() implements Reversible {

  static final String PREFIX = "tok";

  @Override
  public String name() {
    return "tokenize";
  }

  @Override
  public boolean keepsPartOfValue() {
    return false;
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    byte[] key = record.keys(name()).tokenizeKey();
    byte[] utf8 = TokenFormat.utf8(value);
    if (utf8 == null) {
      return Replace.ENTITY_NAME.apply(entity, value, record);
    }
    String label = TokenFormat.label(entity);
    return TokenFormat.format(PREFIX, label,
        AesSiv.encrypt(key, utf8, label.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public String reverse(String entity, String output, OperatorKeys keys) {
    int end = output.lastIndexOf('_');
    if (end < 0 || !output.substring(0, end).equals(PREFIX + "_" + TokenFormat.label(entity))) {
      throw new IllegalArgumentException("not a token of entity " + entity);
    }
    return detokenize(output, keys);
  }

  /**
   * The value behind a {@code tok_ENTITY_...} token.
   *
   * @throws IllegalArgumentException if it is not a token, was altered, or was made under
   *     another dataset secret; the message never quotes the token
   */
  public static String detokenize(String token, OperatorKeys keys) {
    Objects.requireNonNull(keys, "keys");
    int end = token.lastIndexOf('_');
    int labelStart = PREFIX.length() + 1;
    byte[] ciphertext = end > labelStart && token.startsWith(PREFIX + "_")
        ? Base32.decode(token.substring(end + 1)) : null;
    String label = ciphertext == null ? null : token.substring(labelStart, end);
    if (label == null || !label.equals(TokenFormat.label(label))) {
      throw new IllegalArgumentException("Invalid token: expected tok_ENTITY_PAYLOAD");
    }
    try {
      return new String(AesSiv.decrypt(keys.tokenizeKey(), ciphertext,
          label.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
    } catch (InvalidCipherTextException e) {
      throw new IllegalArgumentException("it does not belong to this dataset secret and key"
          + " (a token of another run, or altered)");
    }
  }
}
