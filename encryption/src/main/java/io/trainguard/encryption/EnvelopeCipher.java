package io.trainguard.encryption;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoInputStream;
import com.amazonaws.encryptionsdk.exception.BadCiphertextException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.cryptography.materialproviders.model.CollectionOfErrors;
import software.amazon.cryptography.materialproviders.model.OpaqueError;

/**
 * Streaming envelope encryption in the AWS Encryption SDK message format: every message gets a
 * fresh data key wrapped by the {@link KeyProvider}'s keyring, key commitment, and an ECDSA
 * signature, so the AWS Encryption CLI and SDKs can decrypt what trainguard writes. Memory use is
 * bounded by the frame size whatever the message length.
 */
public final class EnvelopeCipher {

  /** The message format recorded in manifests. */
  public static final String FORMAT = "aws-encryption-sdk";
  /** The algorithm suite of every message written. */
  public static final CryptoAlgorithm ALGORITHM =
      CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384;

  /** Bounds the work a hostile header can cause; a file has one data key per master key. */
  private static final int MAX_ENCRYPTED_DATA_KEYS = 10;

  private static final AwsCrypto CRYPTO = AwsCrypto.builder()
      .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
      .withEncryptionAlgorithm(ALGORITHM)
      .withMaxEncryptedDataKeys(MAX_ENCRYPTED_DATA_KEYS)
      .build();

  private EnvelopeCipher() {}

  /**
   * A stream that encrypts what is written to it into {@code sink}, binding {@code context}
   * (stored in clear in the header, so it must hold no secrets). Closing it closes {@code sink}.
   * Writing or closing throws {@link KeyException} when the key cannot wrap a data key
   * ({@link KmsServiceException} when AWS KMS refused or failed).
   */
  public static OutputStream encrypt(KeyProvider key, OutputStream sink,
      Map<String, String> context) {
    OutputStream encrypting = CRYPTO.createEncryptingStream(key.keyring(), sink, context);
    return new FilterOutputStream(encrypting) {
      // After a failure the library would ask the keyring for a data key again on close
      // (a second KMS request, retried again); the message is lost anyway.
      private boolean failed;
      // Closed without a single write, the library emits a message it cannot decrypt itself;
      // an empty write first makes it a proper empty message.
      private boolean written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        written = true;
        try {
          out.write(b, off, len);
        } catch (RuntimeException e) {
          failed = true;
          throw keyError(e);
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (RuntimeException e) {
          failed = true;
          throw keyError(e);
        } catch (IOException e) {
          failed = true;
          throw e;
        }
      }

      @Override
      public void close() throws IOException {
        if (failed) {
          sink.close();
          return;
        }
        try {
          if (!written) {
            write(new byte[0], 0, 0);
          }
          out.close();
        } catch (RuntimeException e) {
          failed = true;
          throw keyError(e);
        }
      }
    };
  }

  /** The key's own exception when the library wrapped it, else {@code e}. */
  private static RuntimeException keyError(RuntimeException e) {
    KeyException key = find(e, KeyException.class);
    return key != null ? key : e;
  }

  /**
   * The first {@code type} among {@code failure}'s causes: the Material Providers library wraps
   * what a keyring throws in an {@code OpaqueError} and collects per-data-key failures in a
   * {@code CollectionOfErrors}.
   */
  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t instanceof CollectionOfErrors collection && collection.list() != null) {
        todo.addAll(collection.list());
      }
      if (t instanceof OpaqueError opaque && opaque.obj() instanceof Throwable obj) {
        todo.add(obj);
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return null;
  }

  /**
   * A stream of the plaintext of {@code source}. Reading fails with {@link DecryptionException}
   * when the message is damaged, truncated, tampered or does not carry every entry of
   * {@code expectedContext}, and with {@link KeyException} when {@code key} did not encrypt it
   * ({@link KmsServiceException} when AWS KMS refused or failed).
   * Plaintext may be released before the final signature check: callers write it to a temporary
   * place and keep it only once the stream reached its end without error.
   */
  public static InputStream decrypt(KeyProvider key, InputStream source,
      Map<String, String> expectedContext) {
    CryptoInputStream<?> plain = CRYPTO.createDecryptingStream(key.keyring(), source);
    return new FilterInputStream(plain) {
      private boolean contextChecked;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          int n = super.read(b, off, len);
          if (!contextChecked) {
            checkContext(plain.getCryptoResult().getEncryptionContext(), expectedContext);
            contextChecked = true;
          }
          return n;
        } catch (BadCiphertextException e) {
          throw new DecryptionException("damaged or tampered ciphertext", e);
        } catch (RuntimeException e) {
          KeyException keyError = find(e, KeyException.class);
          if (keyError != null) {
            throw keyError;
          }
          if (find(e, KmsErrors.DamagedDataKey.class) != null) {
            throw new DecryptionException("damaged or tampered ciphertext", e);
          }
          // The ESDK and the material providers library report unusable data keys with
          // their own exception types; only the message tells them from damage.
          if (isUndecryptableDataKey(e)) {
            throw new KeyException("Cannot decrypt with key " + key.keyId()
                + ": the file was encrypted under another key", e);
          }
          throw new DecryptionException("damaged or tampered ciphertext", e);
        }
      }
    };
  }

  private static void checkContext(Map<String, String> actual, Map<String, String> expected)
      throws DecryptionException {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!e.getValue().equals(actual.get(e.getKey()))) {
        throw new DecryptionException("encryption context mismatch on " + e.getKey(), null);
      }
    }
  }

  private static boolean isUndecryptableDataKey(RuntimeException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return text.contains("decrypt") && (text.contains("data key") || text.contains("keyring"));
  }
}
