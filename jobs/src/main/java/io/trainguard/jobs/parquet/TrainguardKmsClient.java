package io.trainguard.jobs.parquet;

import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyException;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.encryption.KeyProviders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;
import org.apache.parquet.crypto.keytools.KmsClient;

/**
 * Parquet's {@link KmsClient} over trainguard's keys: wraps and unwraps Parquet's key-encryption
 * keys through the {@link KeyProvider} of {@value #KEY_PROPERTY} ({@code local:PATH} or a KMS
 * key ARN), each one an AWS Encryption SDK message that binds the Parquet master key id; a
 * damaged, swapped or foreign wrapped key fails with {@link KeyAccessDeniedException}.
 */
public final class TrainguardKmsClient implements KmsClient {

  /** The Hadoop setting holding the key spec; only the spec, never key material. */
  public static final String KEY_PROPERTY = "trainguard.parquet.key";
  private static final String CONTEXT_MASTER_KEY = "trainguard:parquet-master-key";

  private KeyProvider key;

  @Override
  public void initialize(Configuration conf, String kmsInstanceId, String kmsInstanceUrl,
      String accessToken) {
    String spec = conf.getTrimmed(KEY_PROPERTY);
    if (spec == null || spec.isEmpty()) {
      throw new ParquetCryptoRuntimeException("No trainguard key: set " + KEY_PROPERTY
          + " to local:PATH or a KMS key ARN");
    }
    key = KeyProviders.open(spec);
  }

  @Override
  public String wrapKey(byte[] keyBytes, String masterKeyIdentifier) {
    ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
    try (OutputStream out = EnvelopeCipher.encrypt(key, wrapped,
        Map.of(CONTEXT_MASTER_KEY, masterKeyIdentifier))) {
      out.write(keyBytes);
    } catch (IOException | KeyException e) {
      throw new ParquetCryptoRuntimeException("Cannot wrap a Parquet key with " + key.keyId(), e);
    }
    return Base64.getEncoder().encodeToString(wrapped.toByteArray());
  }

  @Override
  public byte[] unwrapKey(String wrappedKey, String masterKeyIdentifier) {
    try (InputStream in = EnvelopeCipher.decrypt(key,
        new ByteArrayInputStream(Base64.getDecoder().decode(wrappedKey)),
        Map.of(CONTEXT_MASTER_KEY, masterKeyIdentifier))) {
      return in.readAllBytes();
    } catch (IOException | KeyException | IllegalArgumentException e) {
      throw new KeyAccessDeniedException("Cannot unwrap Parquet key " + masterKeyIdentifier
          + " with " + key.keyId(), e);
    }
  }
}
