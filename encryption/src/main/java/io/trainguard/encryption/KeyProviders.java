package io.trainguard.encryption;

import java.nio.file.Path;

/** Opens a {@link KeyProvider} from the {@code --key} spec. */
public final class KeyProviders {

  /** Prefix of a local keyring spec: {@code local:PATH}. */
  public static final String LOCAL_PREFIX = "local:";

  private KeyProviders() {}

  /** Opens a data key ({@code local:PATH}, a KMS key ARN or {@code alias/NAME}). */
  public static KeyProvider open(String spec) {
    return open(spec, null);
  }

  /**
   * Opens a data key with the key that signs manifests: {@code signingKeySpec} is an
   * {@code ECC_NIST_P256} KMS key (ARN or {@code alias/NAME}), needed with a KMS data key because
   * a symmetric KMS key cannot sign, or null. A local keyring signs with its own Ed25519 key.
   */
  public static KeyProvider open(String spec, String signingKeySpec) {
    if (spec != null && spec.startsWith(LOCAL_PREFIX) && signingKeySpec != null) {
      throw new KeyException("Invalid signing key: " + signingKeySpec
          + " (a local keyring signs with its own Ed25519 key; a signing key goes with a KMS key)");
    }
    if (signingKeySpec != null && !KmsKeyRef.isKms(signingKeySpec)) {
      throw new KeyException("Invalid signing key: " + signingKeySpec
          + " (expected a KMS key ARN or alias/NAME)");
    }
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
    if (KmsKeyRef.isKms(spec)) {
      return KmsKeyProvider.open(spec, signingKeySpec);
    }
    throw new KeyException("Invalid key: " + spec
        + " (expected local:PATH, arn:aws:kms:... or alias/...)");
  }

  /** Whether {@code spec} is meant as a KMS key (an ARN or {@code alias/NAME}), checked offline. */
  public static boolean isKms(String spec) {
    return spec != null && KmsKeyRef.isKms(spec);
  }

  /**
   * The signer of {@code signingKeySpec} alone, e.g. to verify a manifest: a KMS key ARN or
   * {@code alias/NAME} ({@link KmsSigner}), or {@code local:PATH} (the keyring's Ed25519 key).
   */
  public static Signer openSigner(String signingKeySpec) {
    if (signingKeySpec != null && KmsKeyRef.isKms(signingKeySpec)) {
      return KmsSigner.open(signingKeySpec);
    }
    return open(signingKeySpec).signer();
  }
}
