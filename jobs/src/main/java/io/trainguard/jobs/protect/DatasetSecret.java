package io.trainguard.jobs.protect;

import io.trainguard.encryption.DecryptionException;
import io.trainguard.encryption.EnvelopeCipher;
import io.trainguard.encryption.KeyProvider;
import io.trainguard.jobs.TrainguardException;
import io.trainguard.jobs.storage.Storage;
import io.trainguard.redaction.OperatorKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The secret behind a dataset's keyed operators (hash, tokenize, fpe, date_shift): 32 random
 * bytes stored only encrypted under the run's key (KMS or local keyring), so the same value gets
 * the same token across files and runs that share the secret file, and nobody without the key
 * can brute-force or reverse a token. Executors receive only keys derived from it.
 */
public final class DatasetSecret {

  /** Binds the stored message to its purpose: a data file cannot be passed off as a secret. */
  private static final Map<String, String> CONTEXT = Map.of("trainguard:purpose", "dataset-secret");

  /** The opened secret's derived keys and where it lives. */
  public record Opened(OperatorKeys keys, String uri, boolean created) {}

  private DatasetSecret() {}

  /** Reads the secret at {@code uri}, or creates it there when absent. */
  public static Opened openOrCreate(Configuration conf, String uri, KeyProvider key) {
    Path path = Storage.path(uri);
    try {
      FileSystem fs = Storage.fileSystem(path, conf);
      if (fs.exists(path)) {
        return new Opened(read(fs, path, key), path.toString(), false);
      }
      byte[] secret = new byte[OperatorKeys.SECRET_LENGTH];
      new SecureRandom().nextBytes(secret);
      OutputStream file = Storage.create(fs, path, false); // created here: this run's to delete
      try (OutputStream out = EnvelopeCipher.encrypt(key, file, CONTEXT)) {
        out.write(secret);
      } catch (IOException | RuntimeException e) {
        Arrays.fill(secret, (byte) 0);
        fs.delete(path, false); // half written, it would fail every later run that shares it
        throw e;
      }
      OperatorKeys keys = OperatorKeys.fromDatasetSecret(secret);
      Arrays.fill(secret, (byte) 0);
      return new Opened(keys, path.toString(), true);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot open dataset secret " + path + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads an existing secret that no signed manifest records (one the Spark SQL functions use);
   * fails if it is missing.
   */
  public static OperatorKeys read(Configuration conf, String uri, KeyProvider key) {
    Path path = Storage.path(uri);
    try {
      return read(Storage.fileSystem(path, conf), path, key);
    } catch (java.io.FileNotFoundException e) {
      throw TrainguardException.input("Dataset secret not found: " + path);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot read dataset secret " + path + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads an existing secret (detokenize, audits) and checks that it is the one whose
   * {@code fingerprint} a signed manifest records; fails if it is missing or another.
   */
  public static OperatorKeys read(Configuration conf, String uri, KeyProvider key,
      String fingerprint) {
    Path path = Storage.path(uri);
    try {
      OperatorKeys keys = read(Storage.fileSystem(path, conf), path, key);
      checkFingerprint(path, keys, fingerprint);
      return keys;
    } catch (java.io.FileNotFoundException e) {
      throw TrainguardException.input("Dataset secret not found: " + path);
    } catch (IOException e) {
      throw TrainguardException.service("Cannot read dataset secret " + path + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Writes the secret at {@code source}, encrypted under {@code from}, to {@code sink} encrypted
   * under {@code to} instead (key rotation); the secret itself, and so every token, stays. Fails
   * before writing unless it is the secret whose {@code fingerprint} the signed manifest records.
   */
  public static void rewrap(FileSystem fs, Path source, KeyProvider from, String fingerprint,
      OutputStream sink, KeyProvider to) throws IOException {
    try (InputStream in = EnvelopeCipher.decrypt(from, fs.open(source), CONTEXT);
        OutputStream out = EnvelopeCipher.encrypt(to, sink, CONTEXT)) {
      byte[] secret = in.readNBytes(OperatorKeys.SECRET_LENGTH + 1);
      if (secret.length != OperatorKeys.SECRET_LENGTH) {
        throw TrainguardException.input("Invalid dataset secret " + source + ": wrong length");
      }
      checkFingerprint(source, OperatorKeys.fromDatasetSecret(secret), fingerprint);
      out.write(secret);
      Arrays.fill(secret, (byte) 0);
    } catch (DecryptionException e) {
      throw TrainguardException.input("Invalid dataset secret " + source + ": "
          + e.getMessage());
    }
  }

  /** Whether the secret at {@code path} is encrypted under {@code key}. */
  public static boolean opensWith(FileSystem fs, Path path, KeyProvider key) throws IOException {
    try {
      read(fs, path, key);
      return true;
    } catch (io.trainguard.encryption.KmsServiceException e) {
      throw e;
    } catch (io.trainguard.encryption.KeyException | TrainguardException e) {
      return false;
    }
  }

  /** Refuses a secret other than the one a signed manifest records, naming only its file. */
  private static void checkFingerprint(Path path, OperatorKeys keys, String fingerprint) {
    if (!keys.fingerprint().equals(fingerprint)) {
      throw TrainguardException.input("Dataset secret " + path + " is not the one the signed"
          + " manifest records (another run's secret, or replaced)");
    }
  }

  private static OperatorKeys read(FileSystem fs, Path path, KeyProvider key) throws IOException {
    byte[] secret;
    try (InputStream in = EnvelopeCipher.decrypt(key, fs.open(path), CONTEXT)) {
      secret = in.readNBytes(OperatorKeys.SECRET_LENGTH + 1);
    } catch (DecryptionException e) {
      throw TrainguardException.input("Invalid dataset secret " + path + ": " + e.getMessage());
    }
    if (secret.length != OperatorKeys.SECRET_LENGTH) {
      throw TrainguardException.input("Invalid dataset secret " + path + ": wrong length");
    }
    OperatorKeys keys = OperatorKeys.fromDatasetSecret(secret);
    Arrays.fill(secret, (byte) 0);
    return keys;
  }
}
