package io.trainguard.jobs.protect;

import io.trainguard.encryption.EnvelopeCipher;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * An encrypted output file as stored: path relative to the output root, size and SHA-256 of the
 * ciphertext, the encryption context bound into it, its encryption format and algorithm, and,
 * for Parquet modular encryption, the columns under their own keys (empty otherwise).
 */
public record StoredOutput(String path, long size, String sha256, Map<String, String> context,
    String format, String algorithm, List<String> columnKeyColumns) implements Serializable {

  public StoredOutput {
    context = Map.copyOf(context);
    columnKeyColumns = List.copyOf(columnKeyColumns);
  }

  /** The {@code format} and {@code algorithm} of an output written without encryption. */
  public static final String NONE = "none";

  /** A file written without encryption ({@code --no-encryption}). */
  public static StoredOutput plaintext(String path, long size, String sha256) {
    return new StoredOutput(path, size, sha256, Map.of(), NONE, NONE, List.of());
  }

  /** A file in the AWS Encryption SDK message format. */
  public StoredOutput(String path, long size, String sha256, Map<String, String> context) {
    this(path, size, sha256, context, EnvelopeCipher.FORMAT, EnvelopeCipher.ALGORITHM.name(),
        List.of());
  }
}
