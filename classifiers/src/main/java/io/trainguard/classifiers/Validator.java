package io.trainguard.classifiers;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checksum and structure checks a pack attaches to a recognizer ({@code validator: luhn},
 * {@code invalidator: us_ssn}); see {@link PatternRecognizer} for how each is applied. Each check
 * reads only the matched text and keeps nothing.
 */
public enum Validator {
  /** Luhn mod-10 over the digits (payment cards), at least 12 digits. */
  LUHN {
    @Override
    public boolean isValid(String match) {
      String digits = digitsOf(match);
      return digits.length() >= 12 && luhn(digits);
    }
  },
  /** US Social Security number: no 000/666/9xx area, 00 group, 0000 serial, or known samples. */
  US_SSN {
    @Override
    public boolean isValid(String match) {
      String digits = digitsOf(match);
      if (digits.length() != 9 || !consistentSeparators(match)) {
        return false;
      }
      String area = digits.substring(0, 3);
      if (area.equals("000") || area.equals("666") || area.charAt(0) == '9'
          || digits.startsWith("00", 3) || digits.endsWith("0000")) {
        return false;
      }
      if (allSame(digits)) {
        return false;
      }
      // Numbers published in advertising and documentation, never issued to a person.
      return !digits.equals("078051120") && !digits.equals("219099999")
          && !digits.equals("123456789");
    }
  },
  /** US ITIN: 9xx-GG-NNNN with group 50-65, 70-88, 90-92 or 94-99. */
  US_ITIN {
    @Override
    public boolean isValid(String match) {
      String digits = digitsOf(match);
      if (digits.length() != 9 || digits.charAt(0) != '9' || !consistentSeparators(match)) {
        return false;
      }
      int group = Integer.parseInt(digits.substring(3, 5));
      return (group >= 50 && group <= 65) || (group >= 70 && group <= 88)
          || (group >= 90 && group <= 92) || group >= 94;
    }
  },
  /**
   * An IPv4 dotted quad (octets 0-255, no leading zeros) or an IPv6 address, which may have a
   * zone index ({@code fe80::4%en0}).
   */
  IP {
    @Override
    public boolean isValid(String match) {
      int zone = match.indexOf('%');
      return match.indexOf(':') >= 0 ? isIpv6(zone < 0 ? match : match.substring(0, zone))
          : isIpv4(match);
    }
  },
  /** IBAN: known country, that country's length, ISO 7064 mod 97-10. */
  MOD97 {
    @Override
    public boolean isValid(String match) {
      String iban = withoutSeparators(match).toUpperCase(Locale.ROOT);
      Integer length = iban.length() >= 2 ? IBAN_LENGTHS.get(iban.substring(0, 2)) : null;
      if (length == null || iban.length() != length) {
        return false;
      }
      String rearranged = iban.substring(4) + iban.substring(0, 4);
      int remainder = 0;
      for (int i = 0; i < rearranged.length(); i++) {
        char c = rearranged.charAt(i);
        int value = Character.isDigit(c) ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
        if (value < 0) {
          return false;
        }
        remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
      }
      return remainder == 1;
    }

    /**
     * Also the value a match read past (the next words, another IBAN): the country's length of
     * it, ending before a separator.
     */
    @Override
    public int validEnd(String match) {
      if (isValid(match)) {
        return match.length();
      }
      Integer length = match.length() >= 2
          ? IBAN_LENGTHS.get(match.substring(0, 2).toUpperCase(Locale.ROOT)) : null;
      int read = 0;
      for (int i = 0; length != null && i < match.length(); i++) {
        if (!isIbanSeparator(match.charAt(i)) && ++read == length) {
          int end = i + 1;
          return end < match.length() && isIbanSeparator(match.charAt(end))
              && isValid(match.substring(0, end)) ? end : -1;
        }
      }
      return -1;
    }

    private static boolean isIbanSeparator(char c) {
      return c == ' ' || c == '\t' || c == '-';
    }

    private static String withoutSeparators(String match) {
      StringBuilder kept = new StringBuilder(match.length());
      for (int i = 0; i < match.length(); i++) {
        if (!isIbanSeparator(match.charAt(i))) {
          kept.append(match.charAt(i));
        }
      }
      return kept.toString();
    }
  },
  /** ABA routing number: valid Federal Reserve prefix and 3-7-1 weighted checksum. */
  ABA {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 9) {
        return false;
      }
      int prefix = Integer.parseInt(d.substring(0, 2));
      if (!((prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72)
          || prefix == 80)) {
        return false;
      }
      return weighted(d, new int[] {3, 7, 1, 3, 7, 1, 3, 7, 1}) % 10 == 0;
    }
  },
  /** US National Provider Identifier: Luhn over the 80840 prefix and the 10 digits. */
  NPI {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      return d.length() == 10 && (d.charAt(0) == '1' || d.charAt(0) == '2') && luhn("80840" + d);
    }
  },
  /** DEA registration number: two letters, seven digits, weighted check digit. */
  DEA {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 7) {
        return false;
      }
      int sum = (d.charAt(0) + d.charAt(2) + d.charAt(4) - 3 * '0')
          + 2 * (d.charAt(1) + d.charAt(3) + d.charAt(5) - 3 * '0');
      return sum % 10 == d.charAt(6) - '0';
    }
  },
  /** Verhoeff checksum (Aadhaar): 12 digits, first digit 2-9. */
  VERHOEFF {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 12 || d.charAt(0) < '2') {
        return false;
      }
      int c = 0;
      for (int i = 0; i < d.length(); i++) {
        c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d.charAt(d.length() - 1 - i) - '0']];
      }
      return c == 0;
    }
  },
  /** UK NHS number: 10 digits, mod-11 weighted check digit. */
  UK_NHS {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 10) {
        return false;
      }
      int check = 11 - weighted(d, new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2}) % 11;
      check = check == 11 ? 0 : check;
      return check != 10 && check == d.charAt(9) - '0';
    }
  },
  /** UK National Insurance number prefix rules. */
  UK_NINO {
    @Override
    public boolean isValid(String match) {
      String s = match.replace(" ", "").toUpperCase(Locale.ROOT);
      if (s.length() < 8) {
        return false;
      }
      String prefix = s.substring(0, 2);
      return "DFIQUV".indexOf(prefix.charAt(0)) < 0 && "DFIQUVO".indexOf(prefix.charAt(1)) < 0
          && !Arrays.asList("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix);
    }
  },
  /** Canadian Social Insurance Number: 9 digits, Luhn, not starting with 8 (business numbers). */
  CA_SIN {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      return d.length() == 9 && d.charAt(0) != '8' && luhn(d);
    }
  },
  /** Australian Tax File Number: 9 digits, weighted mod 11. */
  AU_TFN {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      return d.length() == 9 && weighted(d, new int[] {1, 4, 3, 7, 5, 8, 6, 9, 10}) % 11 == 0;
    }
  },
  /** Australian Business Number: 11 digits, first minus one, weighted mod 89. */
  AU_ABN {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 11 || d.charAt(0) == '0') {
        return false;
      }
      int[] w = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
      int sum = (d.charAt(0) - '0' - 1) * w[0];
      for (int i = 1; i < 11; i++) {
        sum += (d.charAt(i) - '0') * w[i];
      }
      return sum % 89 == 0;
    }
  },
  /**
   * Australian Medicare card number: 10 digits (or 11 with the person's number), the first 2-6,
   * the ninth the weighted sum of the first eight mod 10.
   */
  AU_MEDICARE {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      return (d.length() == 10 || d.length() == 11) && d.charAt(0) >= '2' && d.charAt(0) <= '6'
          && weighted(d, new int[] {1, 3, 7, 9, 1, 3, 7, 9}) % 10 == d.charAt(8) - '0';
    }
  },
  /** Brazilian CPF: 11 digits, not all one digit, two mod-11 check digits. */
  BR_CPF {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 11 || allSame(d)) {
        return false;
      }
      int first = 11 - weighted(d, new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2}) % 11;
      int second = 11 - weighted(d, new int[] {11, 10, 9, 8, 7, 6, 5, 4, 3, 2}) % 11;
      return (first >= 10 ? 0 : first) == d.charAt(9) - '0'
          && (second >= 10 ? 0 : second) == d.charAt(10) - '0';
    }
  },
  /** Polish PESEL: 11 digits, weighted check digit, valid month code. */
  PL_PESEL {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 11) {
        return false;
      }
      int month = Integer.parseInt(d.substring(2, 4)) % 20;
      int day = Integer.parseInt(d.substring(4, 6));
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        return false;
      }
      int check = (10 - weighted(d, new int[] {1, 3, 7, 9, 1, 3, 7, 9, 1, 3}) % 10) % 10;
      return check == d.charAt(10) - '0';
    }
  },
  /**
   * German tax id (Steuer-IdNr): 11 digits, no leading zero, in the first ten exactly one digit
   * twice or three times (never three in a row) and the others at most once, ISO 7064 MOD 11,10.
   */
  DE_TAX_ID {
    @Override
    public boolean isValid(String match) {
      String d = digitsOf(match);
      if (d.length() != 11 || d.charAt(0) == '0' || !oneDigitRepeated(d.substring(0, 10))) {
        return false;
      }
      int product = 10;
      for (int i = 0; i < 10; i++) {
        int sum = (d.charAt(i) - '0' + product) % 10;
        if (sum == 0) {
          sum = 10;
        }
        product = (sum * 2) % 11;
      }
      int check = 11 - product;
      return (check == 10 ? 0 : check) == d.charAt(10) - '0';
    }
  },
  /**
   * Spanish NIF (DNI: 8 digits and a letter, also printed 12.345.678-Z) or NIE (X/Y/Z, 7 digits
   * and a letter).
   */
  ES_NIF {
    @Override
    public boolean isValid(String match) {
      String s = match.replace("-", "").replace(" ", "").replace(".", "")
          .toUpperCase(Locale.ROOT);
      if (s.length() != 9) {
        return false;
      }
      String number = switch (s.charAt(0)) {
        case 'X' -> "0" + s.substring(1, 8);
        case 'Y' -> "1" + s.substring(1, 8);
        case 'Z' -> "2" + s.substring(1, 8);
        default -> s.substring(0, 8);
      };
      if (!number.chars().allMatch(Character::isDigit)) {
        return false;
      }
      return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(number) % 23) == s.charAt(8);
    }
  },
  /** Italian codice fiscale: 16 characters, odd/even table check character. */
  IT_FISCAL_CODE {
    @Override
    public boolean isValid(String match) {
      String s = match.toUpperCase(Locale.ROOT);
      if (s.length() != 16) {
        return false;
      }
      int sum = 0;
      for (int i = 0; i < 15; i++) {
        char c = s.charAt(i);
        int index = Character.isDigit(c) ? c - '0' : c - 'A';
        if (index < 0 || index > 25) {
          return false;
        }
        sum += i % 2 == 0 ? IT_ODD[index] : index;
      }
      return s.charAt(15) == (char) ('A' + sum % 26);
    }
  },
  /** Singapore NRIC/FIN: S/T/F/G prefix, 7 digits, weighted check letter. */
  SG_NRIC_FIN {
    @Override
    public boolean isValid(String match) {
      String s = match.toUpperCase(Locale.ROOT);
      if (s.length() != 9) {
        return false;
      }
      char prefix = s.charAt(0);
      int sum = weighted(s.substring(1, 8), new int[] {2, 7, 6, 5, 4, 3, 2});
      if (prefix == 'T' || prefix == 'G') {
        sum += 4;
      }
      String table = switch (prefix) {
        case 'S', 'T' -> "JZIHGFEDCBA";
        case 'F', 'G' -> "XWUTRQPNMLK";
        default -> null;
      };
      return table != null && table.charAt(sum % 11) == s.charAt(8);
    }
  },
  /** Bitcoin Base58Check address (P2PKH/P2SH): 25 bytes, double SHA-256 checksum. */
  BASE58CHECK {
    @Override
    public boolean isValid(String match) {
      BigInteger value = BigInteger.ZERO;
      for (int i = 0; i < match.length(); i++) {
        int digit = BASE58.indexOf(match.charAt(i));
        if (digit < 0) {
          return false;
        }
        value = value.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
      }
      byte[] raw = value.toByteArray();
      int leadingZeros = 0;
      while (leadingZeros < match.length() && match.charAt(leadingZeros) == '1') {
        leadingZeros++;
      }
      int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
      byte[] bytes = new byte[leadingZeros + raw.length - start];
      System.arraycopy(raw, start, bytes, leadingZeros, raw.length - start);
      if (bytes.length != 25) {
        return false;
      }
      byte[] hash = sha256(sha256(Arrays.copyOf(bytes, 21)));
      return Arrays.equals(Arrays.copyOfRange(hash, 0, 4), Arrays.copyOfRange(bytes, 21, 25));
    }
  },
  /** Bech32 / Bech32m segwit address (bc1...): BIP-173/350 checksum. */
  BECH32 {
    @Override
    public boolean isValid(String match) {
      String s = match.toLowerCase(Locale.ROOT);
      int sep = s.lastIndexOf('1');
      if (sep < 1 || sep + 7 > s.length() || s.length() > 90
          || !(match.equals(s) || match.equals(match.toUpperCase(Locale.ROOT)))) {
        return false;
      }
      int[] values = new int[sep * 2 + 1 + s.length() - sep - 1];
      int k = 0;
      for (int i = 0; i < sep; i++) {
        values[k++] = s.charAt(i) >> 5;
      }
      values[k++] = 0;
      for (int i = 0; i < sep; i++) {
        values[k++] = s.charAt(i) & 31;
      }
      for (int i = sep + 1; i < s.length(); i++) {
        int v = BECH32_CHARSET.indexOf(s.charAt(i));
        if (v < 0) {
          return false;
        }
        values[k++] = v;
      }
      int polymod = bech32Polymod(values);
      return polymod == 1 || polymod == 0x2bc830a3;
    }
  },
  /** JSON Web Token: base64url header that decodes to a JSON object naming its "alg". */
  JWT {
    @Override
    public boolean isValid(String match) {
      int dot = match.indexOf('.');
      if (dot < 0) {
        return false;
      }
      try {
        String header = new String(Base64.getUrlDecoder().decode(match.substring(0, dot)),
            StandardCharsets.UTF_8);
        return header.startsWith("{") && header.contains("\"alg\"");
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  },
  /** A secret-looking string: mixes upper case, lower case and digits (not a word or hash). */
  MIXED_CASE_SECRET {
    @Override
    public boolean isValid(String match) {
      boolean upper = false;
      boolean lower = false;
      boolean digit = false;
      for (int i = 0; i < match.length(); i++) {
        char c = match.charAt(i);
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        digit |= c >= '0' && c <= '9';
      }
      return upper && lower && digit;
    }
  };

  /** Whether {@code match}, the matched text, passes this check. */
  /**
   * The end of the valid value {@code match} holds from its start, or -1: {@code match}'s length
   * when it is valid; a check that knows its value's length may find it in a longer match (an IBAN
   * followed by a short word, which its pattern reads as one more group).
   */
  public int validEnd(String match) {
    return isValid(match) ? match.length() : -1;
  }

  public abstract boolean isValid(String match);

  /** Parses a pack's validator name ({@code luhn}, {@code us_ssn}, ...). */
  public static Validator parse(String name) {
    for (Validator v : values()) {
      if (v.name().equalsIgnoreCase(name.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("Invalid validator: " + name);
  }

  /** The names a pack may use, for error messages. */
  public static String allowedNames() {
    return Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  static String digitsOf(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  private static int weighted(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    return sum;
  }

  /** Exactly one digit occurs twice or three times (not three in a row), the others once. */
  private static boolean oneDigitRepeated(String digits) {
    int[] counts = new int[10];
    for (int i = 0; i < digits.length(); i++) {
      counts[digits.charAt(i) - '0']++;
    }
    int repeated = 0;
    for (int c : counts) {
      if (c > 3) {
        return false;
      }
      repeated += c > 1 ? 1 : 0;
    }
    for (int i = 2; i < digits.length(); i++) {
      if (digits.charAt(i) == digits.charAt(i - 1) && digits.charAt(i) == digits.charAt(i - 2)) {
        return false;
      }
    }
    return repeated == 1;
  }

  /** A separated number uses one separator throughout (123-45-6789, not 123-45 6789). */
  private static boolean consistentSeparators(String s) {
    char separator = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        if (separator == 0) {
          separator = c;
        } else if (c != separator) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allSame(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) != s.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv4(String s) {
    int octets = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i < s.length() && s.charAt(i) != '.') {
        continue;
      }
      int length = i - start;
      if (length == 0 || length > 3 || (length > 1 && s.charAt(start) == '0')) {
        return false;
      }
      int value = 0;
      for (int j = start; j < i; j++) {
        char c = s.charAt(j);
        if (c < '0' || c > '9') {
          return false;
        }
        value = value * 10 + (c - '0');
      }
      if (value > 255 || ++octets > 4) {
        return false;
      }
      start = i + 1;
    }
    return octets == 4;
  }

  static boolean isIpv6(String s) {
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.replace("::", ":~:").split(":", -1);
    int count = 0;
    boolean compressed = false;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.equals("~")) {
        compressed = true;
      } else if (g.isEmpty()) {
        // only the empty ends next to "::"
        if (!((i == 0 && groups.length > 1 && groups[1].equals("~"))
            || (i == groups.length - 1 && i > 0 && groups[i - 1].equals("~")))) {
          return false;
        }
      } else if (i == groups.length - 1 && g.indexOf('.') >= 0) {
        if (!isIpv4(g)) {
          return false;
        }
        count += 2;
      } else {
        if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
          return false;
        }
        count++;
      }
    }
    return compressed ? count < 8 : count == 8;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int bech32Polymod(int[] values) {
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

  private static final String BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] IT_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3,
      6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  private static final int[][] VERHOEFF_D = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
      {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
      {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
      {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
      {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  private static final int[][] VERHOEFF_P = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
      {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
      {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
      {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
  /** IBAN lengths per country (ISO 13616 registry). */
  private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
      Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
      Map.entry("BH", 22), Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21),
      Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
      Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
      Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27),
      Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18),
      Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
      Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
      Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
      Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
      Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24),
      Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31),
      Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PK", 24),
      Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
      Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31),
      Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
      Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24),
      Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24),
      Map.entry("XK", 20));
}
