package io.trainguard.encryption;

import java.nio.file.Path;

/** Opens a {@link KeyProvider} from the {@code --key} spec. */
public final class KeyProviders {

  /** Prefix of a local keyring spec: {@code local:PATH}. */
  public static final String LOCAL_PREFIX = "local:";

  private KeyProviders() {}

  public static KeyProvider open(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new KeyException("Invalid key: empty (use local:PATH or a KMS key ARN/alias)");
    }
    if (spec.startsWith(LOCAL_PREFIX)) {
      String path = spec.substring(LOCAL_PREFIX.length());
      if (path.isEmpty()) {
        throw new KeyException("Invalid key: " + spec + " (missing keyring path after local:)");
      }
      return LocalKeyring.load(Path.of(path));
    }
    if (spec.startsWith("arn:aws:kms:") || spec.startsWith("alias/")) {
      throw new KeyException("Cannot use KMS key " + spec
          + ": AWS KMS keys are not supported by this build yet; use local:PATH");
    }
    throw new KeyException("Invalid key: " + spec
        + " (expected local:PATH, arn:aws:kms:... or alias/...)");
  }
}
