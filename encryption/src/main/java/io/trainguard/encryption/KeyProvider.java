package io.trainguard.encryption;

import software.amazon.cryptography.materialproviders.IKeyring;

/**
 * A master key the data owner controls: it wraps the data key of every encrypted file and signs
 * manifests. {@code toString} shows the key id only, never key material.
 */
public interface KeyProvider {

  /** The spec this provider was opened from ({@code local:PATH}, a KMS ARN); safe to ship. */
  String spec();

  /** A stable, non-secret id of the master key, recorded in manifests. */
  String keyId();

  /** The AWS Encryption SDK keyring that wraps and unwraps data keys. */
  IKeyring keyring();

  /** The signer of manifests. */
  Signer signer();
}
