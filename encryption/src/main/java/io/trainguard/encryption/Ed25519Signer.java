package io.trainguard.encryption;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/** Ed25519 signatures (RFC 8032) with the JDK's provider. */
final class Ed25519Signer implements Signer {

  private final String keyId;
  private final KeyPair keys;

  Ed25519Signer(String keyId, KeyPair keys) {
    this.keyId = keyId;
    this.keys = keys;
  }

  @Override
  public String algorithm() {
    return "Ed25519";
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keys.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with key " + keyId, e);
    }
  }

  @Override
  public boolean verify(byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(keys.getPublic());
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
