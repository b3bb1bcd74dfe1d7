package io.trainguard.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.Test;

class AesSivTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc5297DeterministicVector() throws Exception {
    byte[] key = HEX.parseHex(
        "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    byte[] ad = HEX.parseHex("101112131415161718191a1b1c1d1e1f2021222324252627");
    byte[] plaintext = HEX.parseHex("112233445566778899aabbccddee");
    byte[] expected = HEX.parseHex(
        "85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c");
    assertThat(AesSiv.encrypt(key, plaintext, ad)).isEqualTo(expected);
    assertThat(AesSiv.decrypt(key, expected, ad)).isEqualTo(plaintext);
  }

  @Test
  void rfc5297NonceBasedVectorWithSeveralAssociatedDataAndLongPlaintext() throws Exception {
    byte[] key = HEX.parseHex(
        "7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f");
    byte[] ad1 = HEX.parseHex("00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa9988"
        + "7766554433221100");
    byte[] ad2 = HEX.parseHex("102030405060708090a0");
    byte[] nonce = HEX.parseHex("09f911029d74e35bd84156c5635688c0");
    byte[] plaintext = HEX.parseHex("7468697320697320736f6d6520706c61696e7465787420746f20656e63"
        + "72797074207573696e67205349562d414553");
    byte[] expected = HEX.parseHex("7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c88"
        + "9bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d");
    assertThat(AesSiv.encrypt(key, plaintext, ad1, ad2, nonce)).isEqualTo(expected);
    assertThat(AesSiv.decrypt(key, expected, ad1, ad2, nonce)).isEqualTo(plaintext);
  }

  @Test
  void emptyPlaintextIsJustTheTag() throws Exception {
    byte[] key = new byte[64];
    byte[] out = AesSiv.encrypt(key, new byte[0], new byte[] {1});
    assertThat(out).hasSize(16);
    assertThat(AesSiv.decrypt(key, out, new byte[] {1})).isEmpty();
  }

  @Test
  void everyAlterationFails() {
    byte[] key = new byte[64];
    byte[] ad = {7};
    byte[] out = AesSiv.encrypt(key, "four score and seven".getBytes(), ad);
    for (int i = 0; i < out.length; i++) {
      byte[] tampered = out.clone();
      tampered[i] ^= 1;
      assertThatThrownBy(() -> AesSiv.decrypt(key, tampered, ad))
          .isInstanceOf(InvalidCipherTextException.class);
    }
    assertThatThrownBy(() -> AesSiv.decrypt(key, out, new byte[] {8}))
        .isInstanceOf(InvalidCipherTextException.class);
    byte[] otherKey = new byte[64];
    otherKey[0] = 1;
    assertThatThrownBy(() -> AesSiv.decrypt(otherKey, out, ad))
        .isInstanceOf(InvalidCipherTextException.class);
    assertThatThrownBy(() -> AesSiv.decrypt(key, new byte[15], ad))
        .isInstanceOf(InvalidCipherTextException.class);
  }
}
