package io.trainguard.encryption;

/** Signs and verifies manifest bytes. */
public interface Signer {

  /** The signature algorithm as recorded in manifests, e.g. {@code Ed25519}. */
  String algorithm();

  /** The id of the signing key, recorded next to the signature. */
  String keyId();

  byte[] sign(byte[] data);

  /** Whether {@code signature} is a valid signature of {@code data} by this key. */
  boolean verify(byte[] data, byte[] signature);
}
