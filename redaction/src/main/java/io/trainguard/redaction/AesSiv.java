package io.trainguard.redaction;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-SIV (RFC 5297): deterministic authenticated encryption with associated data, built from
 * Bouncy Castle's AES-CMAC and AES-CTR exactly as the RFC composes them (S2V, then CTR under the
 * synthetic IV with bits 31 and 63 cleared). Output is {@code V || C}, 16 bytes longer than the
 * plaintext. Checked against the RFC's test vectors. The key is two AES keys: the first half
 * for S2V, the second for CTR (64 bytes for AES-256-SIV).
 */
final class AesSiv {

  private static final int BLOCK = 16;

  private AesSiv() {}

  static byte[] encrypt(byte[] key, byte[] plaintext, byte[]... associatedData) {
    byte[] v = s2v(macKey(key), plaintext, associatedData);
    byte[] out = Arrays.copyOf(v, BLOCK + plaintext.length);
    ctr(key, v).processBytes(plaintext, 0, plaintext.length, out, BLOCK);
    return out;
  }

  static byte[] decrypt(byte[] key, byte[] ciphertext, byte[]... associatedData)
      throws InvalidCipherTextException {
    if (ciphertext.length < BLOCK) {
      throw new InvalidCipherTextException("ciphertext too short");
    }
    byte[] v = Arrays.copyOf(ciphertext, BLOCK);
    byte[] plaintext = new byte[ciphertext.length - BLOCK];
    ctr(key, v).processBytes(ciphertext, BLOCK, plaintext.length, plaintext, 0);
    if (!MessageDigest.isEqual(v, s2v(macKey(key), plaintext, associatedData))) {
      Arrays.fill(plaintext, (byte) 0);
      throw new InvalidCipherTextException("authentication failed");
    }
    return plaintext;
  }

  private static KeyParameter macKey(byte[] key) {
    return new KeyParameter(key, 0, key.length / 2);
  }

  private static CTRModeCipher ctr(byte[] key, byte[] v) {
    byte[] q = v.clone();
    q[8] &= 0x7f;
    q[12] &= 0x7f;
    CTRModeCipher cipher = SICBlockCipher.newInstance(AESEngine.newInstance());
    cipher.init(true, new ParametersWithIV(
        new KeyParameter(key, key.length / 2, key.length / 2), q));
    return cipher;
  }

  private static byte[] s2v(KeyParameter key, byte[] plaintext, byte[][] associatedData) {
    CMac cmac = new CMac(AESEngine.newInstance());
    cmac.init(key);
    byte[] d = mac(cmac, new byte[BLOCK]);
    for (byte[] ad : associatedData) {
      d = xorInto(dbl(d), mac(cmac, ad), 0);
    }
    byte[] t;
    if (plaintext.length >= BLOCK) {
      t = plaintext.clone();
      xorInto(t, d, t.length - BLOCK);
    } else {
      t = Arrays.copyOf(plaintext, BLOCK);
      t[plaintext.length] = (byte) 0x80;
      t = xorInto(t, dbl(d), 0);
    }
    return mac(cmac, t);
  }

  private static byte[] mac(CMac cmac, byte[] input) {
    cmac.update(input, 0, input.length);
    byte[] out = new byte[BLOCK];
    cmac.doFinal(out, 0);
    return out;
  }

  /** Doubling in GF(2^128) as in RFC 5297: shift left, xor 0x87 if the top bit was set. */
  private static byte[] dbl(byte[] block) {
    byte[] out = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      int next = i + 1 < BLOCK ? (block[i + 1] & 0xff) >>> 7 : 0;
      out[i] = (byte) ((block[i] << 1) | next);
    }
    out[BLOCK - 1] ^= (byte) (0x87 & -((block[0] & 0xff) >>> 7));
    return out;
  }

  /** {@code target[offset..offset+16) ^= block}; returns {@code target}. */
  private static byte[] xorInto(byte[] target, byte[] block, int offset) {
    for (int i = 0; i < BLOCK; i++) {
      target[offset + i] ^= block[i];
    }
    return target;
  }
}
