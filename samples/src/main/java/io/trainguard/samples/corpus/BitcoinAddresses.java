package io.trainguard.samples.corpus;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Bitcoin address encodings: Base58Check (legacy P2PKH/P2SH, double SHA-256 checksum) and
 * Bech32/Bech32m (BIP 173/350 SegWit, BCH polymod checksum), each with an independent check.
 */
final class BitcoinAddresses {

  private static final String BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;

  private BitcoinAddresses() {}

  /** Base58Check of a version byte and payload: what P2PKH (0x00) and P2SH (0x05) use. */
  static String base58Check(int version, byte[] payload) {
    byte[] body = new byte[payload.length + 1];
    body[0] = (byte) version;
    System.arraycopy(payload, 0, body, 1, payload.length);
    byte[] full = Arrays.copyOf(body, body.length + 4);
    System.arraycopy(sha256(sha256(body)), 0, full, body.length, 4);
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, full);
    BigInteger radix = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(radix);
      out.append(BASE58.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < full.length && full[i] == 0; i++) {
      out.append('1'); // each leading zero byte is written as a leading '1'
    }
    return out.reverse().toString();
  }

  /** Whether {@code address} decodes from Base58 to 25 bytes whose checksum holds. */
  static boolean isBase58CheckValid(String address) {
    BigInteger n = BigInteger.ZERO;
    int leadingOnes = 0;
    for (int i = 0; i < address.length(); i++) {
      int v = BASE58.indexOf(address.charAt(i));
      if (v < 0) {
        return false;
      }
      if (n.signum() == 0 && v == 0) {
        leadingOnes++;
      }
      n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(v));
    }
    byte[] magnitude = n.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
    byte[] bytes = new byte[leadingOnes + magnitude.length - skip];
    System.arraycopy(magnitude, skip, bytes, leadingOnes, magnitude.length - skip);
    if (bytes.length != 25) {
      return false;
    }
    byte[] digest = sha256(sha256(Arrays.copyOf(bytes, 21)));
    return Arrays.equals(Arrays.copyOf(digest, 4), Arrays.copyOfRange(bytes, 21, 25));
  }

  /** A SegWit address: Bech32 for witness version 0, Bech32m for 1 and above (BIP 350). */
  static String segwit(String hrp, int witnessVersion, byte[] program) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(witnessVersion);
    byte[] five = toFiveBit(program);
    data.write(five, 0, five.length);
    return bech32(hrp, data.toByteArray(), witnessVersion == 0 ? BECH32_CONST : BECH32M_CONST);
  }

  /** Bech32-family string of 5-bit {@code data} with the given checksum constant. */
  static String bech32(String hrp, byte[] data, int constant) {
    int[] values = new int[hrpExpandLength(hrp) + data.length + 6];
    int n = hrpExpand(hrp, values);
    for (byte b : data) {
      values[n++] = b;
    }
    int mod = polymod(values) ^ constant; // the six trailing zeros stand in for the checksum
    StringBuilder out = new StringBuilder(hrp).append('1');
    for (byte b : data) {
      out.append(BECH32.charAt(b));
    }
    for (int i = 0; i < 6; i++) {
      out.append(BECH32.charAt((mod >>> (5 * (5 - i))) & 31));
    }
    return out.toString();
  }

  /** Whether {@code s} is a Bech32 (BIP 173) or Bech32m (BIP 350) string with a valid checksum. */
  static boolean isBech32Valid(String s) {
    if (!s.equals(s.toLowerCase()) && !s.equals(s.toUpperCase())) {
      return false; // mixed case is invalid
    }
    String lower = s.toLowerCase();
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length() || lower.length() > 90) {
      return false;
    }
    String hrp = lower.substring(0, sep);
    int[] values = new int[hrpExpandLength(hrp) + lower.length() - sep - 1];
    int n = hrpExpand(hrp, values);
    for (int i = sep + 1; i < lower.length(); i++) {
      int v = BECH32.indexOf(lower.charAt(i));
      if (v < 0) {
        return false;
      }
      values[n++] = v;
    }
    int mod = polymod(values);
    return mod == BECH32_CONST || mod == BECH32M_CONST;
  }

  private static int polymod(int[] values) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = (chk & 0x1ffffff) << 5 ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  private static int hrpExpandLength(String hrp) {
    return hrp.length() * 2 + 1;
  }

  private static int hrpExpand(String hrp, int[] into) {
    int n = 0;
    for (int i = 0; i < hrp.length(); i++) {
      into[n++] = hrp.charAt(i) >>> 5;
    }
    into[n++] = 0;
    for (int i = 0; i < hrp.length(); i++) {
      into[n++] = hrp.charAt(i) & 31;
    }
    return n;
  }

  private static byte[] toFiveBit(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int acc = 0;
    int bits = 0;
    for (byte b : bytes) {
      acc = acc << 8 | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.write((acc >>> bits) & 31);
      }
    }
    if (bits > 0) {
      out.write((acc << (5 - bits)) & 31);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
