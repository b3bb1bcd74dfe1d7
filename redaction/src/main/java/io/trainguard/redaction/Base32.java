package io.trainguard.redaction;

/**
 * RFC 4648 base 32 in lower case without padding: letters and digits only, so a token stays one
 * word in CSV, JSON, URLs and tokenizers, and never contains {@code _}.
 */
final class Base32 {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private Base32() {}

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(ALPHABET.charAt((buffer >>> bits) & 31));
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** The bytes of {@code text}, or null unless it is the canonical encoding of some bytes. */
  static byte[] decode(String text) {
    int trailingBits = text.length() * 5 % 8;
    if (trailingBits >= 5) {
      return null;
    }
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        return null;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >>> bits);
      }
    }
    return (buffer & ((1 << bits) - 1)) == 0 ? out : null;
  }
}
