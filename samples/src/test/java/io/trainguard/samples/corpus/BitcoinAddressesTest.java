package io.trainguard.samples.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitcoinAddressesTest {

  @Test
  void base58CheckMatchesKnownAddresses() {
    byte[] genesis = HexFormat.of().parseHex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertThat(BitcoinAddresses.base58Check(0x00, genesis))
        .isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(BitcoinAddresses.isBase58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")).isTrue();
    assertThat(BitcoinAddresses.isBase58CheckValid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")).isTrue();
    assertThat(BitcoinAddresses.isBase58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")).isFalse();
    assertThat(BitcoinAddresses.isBase58CheckValid("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNV0"))
        .as("0 is not a Base58 digit").isFalse();
  }

  @Test
  void segwitMatchesBip173AndBip350Vectors() {
    byte[] program = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
    assertThat(BitcoinAddresses.segwit("bc", 0, program))
        .isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    assertThat(BitcoinAddresses.isBech32Valid("A12UEL5L")).isTrue();
    assertThat(BitcoinAddresses.isBech32Valid("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"))
        .isTrue();
    assertThat(BitcoinAddresses.isBech32Valid("A1LQFN3A")).as("Bech32m").isTrue();
    assertThat(BitcoinAddresses.isBech32Valid(
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")).isTrue();
    assertThat(BitcoinAddresses.isBech32Valid("A1G7SGD8")).as("upper-case HRP checksum").isFalse();
    assertThat(BitcoinAddresses.isBech32Valid("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"))
        .isFalse();
    assertThat(BitcoinAddresses.isBech32Valid("bc1qw508d6qejxtdg4y5r3zarvaRY0c5xw7kv8f3t4"))
        .as("mixed case").isFalse();
  }

  @Test
  void generatedAddressesAreValidAndCorruptedOnesAreNot() {
    Random r = new Random(11);
    for (int i = 0; i < 1000; i++) {
      String good = FinanceValues.bitcoinAddress(r);
      String bad = FinanceValues.bitcoinAddressBadChecksum(r);
      assertThat(isValid(good)).as(good).isTrue();
      assertThat(isValid(bad)).as(bad).isFalse();
    }
  }

  private static boolean isValid(String address) {
    return address.startsWith("bc1") ? BitcoinAddresses.isBech32Valid(address)
        : BitcoinAddresses.isBase58CheckValid(address);
  }
}
