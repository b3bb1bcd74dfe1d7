package io.trainguard.samples.corpus;

import static io.trainguard.samples.corpus.Draw.between;
import static io.trainguard.samples.corpus.Draw.chars;
import static io.trainguard.samples.corpus.Draw.digits;
import static io.trainguard.samples.corpus.Draw.pick;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * Credentials in their real shapes, filled with random characters: nothing here was ever a live
 * key. Key blocks carry a realistic DER/OpenSSH/PGP header and a shortened random body.
 */
final class SecretValues {

  private SecretValues() {}

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64 = Draw.UPPER + Draw.LOWER + Draw.DIGITS + "+/";

  /** AWS access key id: AKIA (long-term) or ASIA (temporary) and 16 base-32 characters. */
  static String awsAccessKey(Random r) {
    return pick(r, "AKIA", "AKIA", "ASIA") + chars(r, BASE32, 16);
  }

  /** AWS secret access key: 40 base-64 characters. */
  static String awsSecretKey(Random r) {
    return chars(r, BASE64, 40);
  }

  /** A PEM (PKCS#1, PKCS#8, SEC1), OpenSSH or armored PGP private key block. */
  static String privateKey(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> pem("RSA PRIVATE KEY", "3082025c020100028181", r, between(r, 6, 12), 64);
      case 1 -> pem("PRIVATE KEY", "30820276020100300d06092a864886f70d0101010500", r,
          between(r, 6, 12), 64);
      case 2 -> pem("EC PRIVATE KEY", "307702010104", r, 3, 64);
      case 3 -> pem("OPENSSH PRIVATE KEY",
          HexFormat.of().formatHex("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
              + "00000004", r, between(r, 5, 9), 70);
      default -> pgp(r);
    };
  }

  private static String pem(String label, String derHeaderHex, Random r, int lines, int width) {
    byte[] header = HexFormat.of().parseHex(derHeaderHex);
    byte[] body = new byte[lines * width * 3 / 4 - between(r, 0, 20)];
    r.nextBytes(body);
    System.arraycopy(header, 0, body, 0, header.length);
    return "-----BEGIN " + label + "-----\n" + wrap(Base64.getEncoder().encodeToString(body), width)
        + "\n-----END " + label + "-----";
  }

  private static String pgp(Random r) {
    byte[] body = Draw.bytes(r, between(r, 5, 9) * 48);
    body[0] = (byte) 0x95; // old-format packet tag 5: secret key
    return "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"
        + wrap(Base64.getEncoder().encodeToString(body), 64) + "\n="
        + Base64.getEncoder().encodeToString(Draw.bytes(r, 3))
        + "\n-----END PGP PRIVATE KEY BLOCK-----";
  }

  private static String wrap(String s, int width) {
    return s.replaceAll("(.{" + width + "})(?!$)", "$1\n");
  }

  /** A JWT: base64url JSON header and claims, and a random signature of the header's size. */
  static String jwt(Random r) {
    String alg = pick(r, "HS256", "RS256", "ES256");
    String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    long iat = 1_700_000_000L + r.nextInt(60_000_000);
    String claims = "{\"sub\":\"" + between(r, 10000, 99999999) + "\",\"iat\":" + iat
        + ",\"exp\":" + (iat + 3600) + ",\"scope\":\"" + pick(r, "read", "read write", "admin")
        + "\"}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    int signatureBytes = switch (alg) {
      case "HS256" -> 32;
      case "ES256" -> 64;
      default -> 128; // shortened: a real RS256 signature has 256 bytes
    };
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(Draw.bytes(r, signatureBytes));
  }

  /** GitHub token: classic (ghp_/gho_/ghu_/ghs_/ghr_ + 36) or fine-grained (github_pat_). */
  static String githubToken(Random r) {
    if (r.nextInt(4) == 0) {
      return "github_pat_" + chars(r, Draw.ALNUM, 22) + "_" + chars(r, Draw.ALNUM, 59);
    }
    // The last six characters of a real token are a CRC32 of the rest; not modelled here.
    return pick(r, "ghp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_") + chars(r, Draw.ALNUM, 36);
  }

  /** Slack bot (xoxb), user (xoxp) or app-level (xapp) token. */
  static String slackToken(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> "xoxb-" + digits(r, between(r, 10, 13)) + "-" + digits(r, 13) + "-"
          + chars(r, Draw.ALNUM, 24);
      case 1 -> "xoxp-" + digits(r, 10) + "-" + digits(r, 11) + "-" + digits(r, 13) + "-"
          + chars(r, Draw.HEX, 32);
      default -> "xapp-1-A" + chars(r, Draw.UPPER + Draw.DIGITS, 10) + "-" + digits(r, 13) + "-"
          + chars(r, Draw.HEX, 64);
    };
  }

  /** A vendor-neutral API key: 32 hex characters or 32-40 alphanumerics. */
  static String genericApiKey(Random r) {
    return r.nextBoolean() ? chars(r, Draw.HEX, 32) : chars(r, Draw.ALNUM, between(r, 32, 40));
  }

  private static final String SYMBOLS = "!@#$%^&*-_=+?~";
  private static final String[] WORDS = {"correct", "horse", "battery", "staple", "orbit",
      "maple", "violet", "canyon", "pickle", "glacier", "tundra", "velvet"};

  /** A password of 10-16 mixed characters (no quotes, spaces or dots) or a passphrase. */
  static String password(Random r) {
    if (r.nextInt(4) == 0) {
      return pick(r, WORDS) + "-" + pick(r, WORDS) + "-" + pick(r, WORDS) + between(r, 1, 99);
    }
    StringBuilder p = new StringBuilder();
    p.append(Draw.oneOf(r, Draw.UPPER)).append(Draw.oneOf(r, Draw.LOWER))
        .append(Draw.oneOf(r, Draw.DIGITS)).append(Draw.oneOf(r, SYMBOLS));
    p.append(chars(r, Draw.ALNUM + SYMBOLS, between(r, 6, 12)));
    // Keep the first character a letter so the value never starts with a separator.
    return p.charAt(0) + shuffle(r, p.substring(1));
  }

  private static String shuffle(Random r, String s) {
    char[] c = s.toCharArray();
    for (int i = c.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      char t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    return new String(c);
  }
}
