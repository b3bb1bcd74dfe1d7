package io.trainguard.redaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code hash}: a keyed, one-way pseudonym for joins. HMAC-SHA-256 under the dataset's hash key
 * over the entity label and the value's UTF-8 (length-prefixed, so the two never run into each
 * other), truncated to 128 bits (a collision among four billion distinct values has odds of
 * about 2^-64), and written as {@code hash_ENTITY_} plus 26 lower-case base-32 characters
 * ({@code hash_EMAIL_ADDRESS_} and {@code [a-z2-7]{26}}). The same value and entity give the same
 * pseudonym under the same secret, in every run; values are not normalised (case, spacing).
 * Without the key nobody can confirm a guess, unlike an unkeyed or salted hash of an SSN.
 */
public record Hash() implements Operator {

  static final int DIGEST_BYTES = 16;

  @Override
  public String name() {
    return "hash";
  }

  @Override
  public boolean keepsPartOfValue() {
    return false;
  }

  @Override
  public String apply(String entity, String value, RecordContext record) {
    byte[] key = record.keys(name()).hashKey();
    byte[] utf8 = TokenFormat.utf8(value);
    if (utf8 == null) {
      return Replace.ENTITY_NAME.apply(entity, value, record);
    }
    String label = TokenFormat.label(entity);
    byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
    Mac mac = hmacSha256(key);
    mac.update(ByteBuffer.allocate(4).putInt(labelBytes.length).array());
    mac.update(labelBytes);
    mac.update(utf8);
    return TokenFormat.format("hash", label, Arrays.copyOf(mac.doFinal(), DIGEST_BYTES));
  }

  static Mac hmacSha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
