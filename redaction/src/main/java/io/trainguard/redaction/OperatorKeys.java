package io.trainguard.redaction;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The keys of the keyed operators, derived with HKDF-SHA-256 from one 32-byte dataset secret,
 * one key per purpose (distinct HKDF info labels), so that a hash never shares a key with a
 * cipher. The same secret gives the same keys, hence the same tokens, in every run.
 *
 * <p>{@link Serializable} because Spark ships it to executors: the caller generates or unwraps
 * the dataset secret under the run's key and ships only this object, never the secret.
 * {@link #toString()} shows a fingerprint, never key bytes.
 */
public final class OperatorKeys implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Length of the dataset secret in bytes. */
  public static final int SECRET_LENGTH = 32;

  private static final byte[] SALT = ascii("trainguard operator keys v1");
  private static final int SIV_KEY_LENGTH = 64;
  private static final int KEY_LENGTH = 32;

  private final byte[] hashKey;
  private final byte[] tokenizeKey;
  private final byte[] fpeKey;
  private final byte[] dateShiftKey;
  private final byte[] nameKey;
  private final byte[] recordIdKey;
  private final String fingerprint;

  private OperatorKeys(byte[] secret) {
    this.hashKey = derive(secret, "hash", KEY_LENGTH);
    this.tokenizeKey = derive(secret, "tokenize", SIV_KEY_LENGTH);
    this.fpeKey = derive(secret, "fpe", KEY_LENGTH);
    this.dateShiftKey = derive(secret, "date_shift", KEY_LENGTH);
    this.nameKey = derive(secret, "name", KEY_LENGTH);
    this.recordIdKey = derive(secret, "record_id", KEY_LENGTH);
    this.fingerprint = HexFormat.of().formatHex(derive(secret, "fingerprint", 8));
  }

  /**
   * Keys derived from a dataset secret of exactly {@value #SECRET_LENGTH} bytes. The array is
   * not kept; the caller may wipe it.
   */
  public static OperatorKeys fromDatasetSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length != SECRET_LENGTH) {
      throw new IllegalArgumentException("Invalid dataset secret: " + secret.length
          + " bytes (allowed: " + SECRET_LENGTH + ")");
    }
    return new OperatorKeys(secret);
  }

  /**
   * 16 hex digits identifying the dataset secret (its own HKDF label, so it reveals nothing about
   * the keys); safe to log and to record in a manifest.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** HMAC-SHA-256 key of {@code hash}. */
  byte[] hashKey() {
    return hashKey;
  }

  /** AES-SIV key (two AES-256 keys) of {@code tokenize}. */
  byte[] tokenizeKey() {
    return tokenizeKey;
  }

  /** AES-256 key of FF1 for {@code fpe}. */
  byte[] fpeKey() {
    return fpeKey;
  }

  /** HMAC-SHA-256 key deriving {@code date_shift} offsets from record ids. */
  byte[] dateShiftKey() {
    return dateShiftKey;
  }

  /**
   * The keyed pseudonym of a name (file or directory name, field name) that holds a finding of
   * {@code entity}: {@code name_ENTITY_} and 26 base-32 characters of an HMAC-SHA-256 under the
   * names' own key. The same name gets the same pseudonym under the same secret.
   */
  public String namePseudonym(String entity, String name) {
    return TokenFormat.format("name", TokenFormat.label(entity), mac(nameKey, name));
  }

  /**
   * The keyed pseudonym of a record id written outside the encrypted outputs: {@code id_} and 26
   * base-32 characters of an HMAC-SHA-256 under the record ids' own key.
   */
  public String recordIdPseudonym(String recordId) {
    return "id_" + Base32.encode(mac(recordIdKey, recordId));
  }

  private static byte[] mac(byte[] key, String value) {
    javax.crypto.Mac mac = Hash.hmacSha256(key);
    return java.util.Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)),
        Hash.DIGEST_BYTES);
  }

  @Override
  public String toString() {
    return "OperatorKeys[fingerprint=" + fingerprint + "]";
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (hashKey == null || hashKey.length != KEY_LENGTH || tokenizeKey == null
        || tokenizeKey.length != SIV_KEY_LENGTH || fpeKey == null || fpeKey.length != KEY_LENGTH
        || dateShiftKey == null || dateShiftKey.length != KEY_LENGTH || nameKey == null
        || nameKey.length != KEY_LENGTH || recordIdKey == null
        || recordIdKey.length != KEY_LENGTH || fingerprint == null) {
      throw new InvalidObjectException("Invalid operator keys: wrong key lengths");
    }
  }

  private static byte[] derive(byte[] secret, String purpose, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, SALT, ascii("trainguard/" + purpose)));
    byte[] key = new byte[length];
    hkdf.generateBytes(key, 0, length);
    return key;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
