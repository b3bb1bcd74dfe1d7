package io.trainguard.samples.corpus;

import java.util.Locale;

/**
 * Check digits of the identifiers the corpus plants. Each scheme has a generator (computes the
 * check character of a payload) and an independent validator (checks a whole value), so tests
 * can hold one against the other. Inputs are bare digits/letters, no separators.
 */
final class Checksums {

  private Checksums() {}

  // ---- Luhn (payment cards, CA SIN, US NPI) ----

  /** The Luhn check digit to append to {@code payload}. */
  static int luhnCheckDigit(String payload) {
    int sum = 0;
    for (int i = 0; i < payload.length(); i++) {
      int d = payload.charAt(payload.length() - 1 - i) - '0';
      // The check digit will sit to the right, so the rightmost payload digit is doubled.
      sum += i % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
    }
    return (10 - sum % 10) % 10;
  }

  /** Whether the digits pass Luhn mod 10. */
  static boolean isLuhnValid(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, pos = 0; i >= 0; i--, pos++) {
      int d = digits.charAt(i) - '0';
      if (pos % 2 == 1) {
        d = d * 2;
        d = d / 10 + d % 10;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /** US NPI: Luhn over the card-issuer prefix 80840 followed by the ten digits. */
  static boolean isNpiValid(String digits) {
    return digits.length() == 10 && (digits.charAt(0) == '1' || digits.charAt(0) == '2')
        && isLuhnValid("80840" + digits);
  }

  // ---- IBAN (ISO 13616, mod 97-10) ----

  /** The two IBAN check digits for a country code and BBAN. */
  static String ibanCheckDigits(String country, String bban) {
    int remainder = mod97(bban + country + "00");
    return String.format(Locale.ROOT, "%02d", 98 - remainder);
  }

  /** Whether an electronic-format IBAN (country, check digits, BBAN) passes mod 97. */
  static boolean isIbanValid(String iban) {
    if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
      return false;
    }
    return mod97(iban.substring(4) + iban.substring(0, 4)) == 1;
  }

  /** Letters count as A=10 .. Z=35; folded digit by digit so no big integers are needed. */
  private static int mod97(String s) {
    int r = 0;
    for (int i = 0; i < s.length(); i++) {
      int v = Character.digit(s.charAt(i), 36);
      r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
    }
    return r;
  }

  // ---- ABA routing number (3-7-1 weights) ----

  /** The ninth digit of an ABA routing number. */
  static int abaCheckDigit(String eightDigits) {
    int[] w = {3, 7, 1, 3, 7, 1, 3, 7};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += w[i] * (eightDigits.charAt(i) - '0');
    }
    return (10 - sum % 10) % 10;
  }

  /** Whether nine digits pass the ABA 3-7-1 checksum. */
  static boolean isAbaValid(String digits) {
    if (digits.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i += 3) {
      sum += 3 * (digits.charAt(i) - '0') + 7 * (digits.charAt(i + 1) - '0')
          + (digits.charAt(i + 2) - '0');
    }
    return sum % 10 == 0;
  }

  // ---- Verhoeff (Indian Aadhaar) ----

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
  private static final int[] VERHOEFF_INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

  /** The Verhoeff check digit to append to {@code payload}. */
  static int verhoeffCheckDigit(String payload) {
    int c = 0;
    for (int i = 0; i < payload.length(); i++) {
      int d = payload.charAt(payload.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][d]];
    }
    return VERHOEFF_INV[c];
  }

  /** Whether the digits (check digit last) pass Verhoeff. */
  static boolean isVerhoeffValid(String digits) {
    int c = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]];
    }
    return c == 0;
  }

  // ---- UK NHS number (mod 11, weights 10..2) ----

  /** The NHS check digit of nine digits, or -1 when the payload cannot be completed (10). */
  static int nhsCheckDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (10 - i) * (nineDigits.charAt(i) - '0');
    }
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check == 10 ? -1 : check;
  }

  /** Whether ten digits form a valid NHS number. */
  static boolean isNhsValid(String digits) {
    if (digits.length() != 10) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      // With the check digit weighted 1, a valid number sums to 0 mod 11.
      sum += (i < 9 ? 10 - i : 1) * (digits.charAt(i) - '0');
    }
    return sum % 11 == 0;
  }

  // ---- Australian TFN and ABN ----

  private static final int[] TFN_WEIGHTS = {1, 4, 3, 7, 5, 8, 6, 9, 10};

  /** The ninth TFN digit for eight digits, or -1 when none works. */
  static int tfnCheckDigit(String eightDigits) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += TFN_WEIGHTS[i] * (eightDigits.charAt(i) - '0');
    }
    // 10 = -1 (mod 11), so the last digit must equal the partial sum mod 11.
    int check = sum % 11;
    return check == 10 ? -1 : check;
  }

  /** Whether nine digits form a valid TFN (weighted sum divisible by 11). */
  static boolean isTfnValid(String digits) {
    if (digits.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += TFN_WEIGHTS[i] * (digits.charAt(i) - '0');
    }
    return sum % 11 == 0;
  }

  private static final int[] ABN_WEIGHTS = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};

  /** The two leading check digits of an ABN whose last nine digits are given (ATO method). */
  static String abnCheckDigits(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += ABN_WEIGHTS[i + 2] * (nineDigits.charAt(i) - '0');
    }
    return Integer.toString(89 - sum % 89 + 10);
  }

  /** Whether eleven digits form a valid ABN: first digit minus one, weighted, mod 89. */
  static boolean isAbnValid(String digits) {
    if (digits.length() != 11 || digits.charAt(0) == '0') {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      int d = digits.charAt(i) - '0' - (i == 0 ? 1 : 0);
      sum += ABN_WEIGHTS[i] * d;
    }
    return sum % 89 == 0;
  }

  // ---- Polish PESEL ----

  private static final int[] PESEL_WEIGHTS = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

  /** The eleventh PESEL digit. */
  static int peselCheckDigit(String tenDigits) {
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += PESEL_WEIGHTS[i] * (tenDigits.charAt(i) - '0');
    }
    return (10 - sum % 10) % 10;
  }

  /** Whether eleven digits pass PESEL's checksum (weights 1-3-7-9, the check digit weighs 1). */
  static boolean isPeselValid(String digits) {
    if (digits.length() != 11) {
      return false;
    }
    int sum = digits.charAt(10) - '0';
    for (int i = 0; i < 10; i++) {
      sum += PESEL_WEIGHTS[i] * (digits.charAt(i) - '0');
    }
    return sum % 10 == 0;
  }

  // ---- German Steuerliche Identifikationsnummer (ISO 7064 MOD 11,10) ----

  /** The eleventh digit of a German tax id. */
  static int deTaxIdCheckDigit(String tenDigits) {
    int product = 10;
    for (int i = 0; i < 10; i++) {
      int sum = (tenDigits.charAt(i) - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = sum * 2 % 11;
    }
    int check = 11 - product;
    return check == 10 ? 0 : check;
  }

  /**
   * Whether eleven digits form a valid Steuer-ID: no leading zero; in the first ten, one digit
   * appears two or three times and every other at most once; MOD 11,10 check digit.
   */
  static boolean isDeTaxIdValid(String digits) {
    if (digits.length() != 11 || digits.charAt(0) == '0') {
      return false;
    }
    int[] counts = new int[10];
    for (int i = 0; i < 10; i++) {
      counts[digits.charAt(i) - '0']++;
    }
    int repeated = 0;
    for (int c : counts) {
      if (c > 3) {
        return false;
      }
      if (c > 1) {
        repeated++;
      }
    }
    if (repeated != 1) {
      return false;
    }
    // ISO 7064 MOD 11,10 run over all eleven digits ends in 1 for a valid number.
    int product = 10;
    for (int i = 0; i < 11; i++) {
      int sum = (digits.charAt(i) - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      if (i == 10) {
        return sum == 1;
      }
      product = sum * 2 % 11;
    }
    return false;
  }

  // ---- Spanish NIF (DNI letter) ----

  private static final String NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

  /** The control letter of an eight-digit DNI number. */
  static char nifLetter(String eightDigits) {
    return NIF_LETTERS.charAt(Integer.parseInt(eightDigits) % 23);
  }

  /** Whether "12345678Z" (eight digits and a letter, no separators) is a valid NIF. */
  static boolean isNifValid(String nif) {
    if (nif.length() != 9 || !nif.substring(0, 8).chars().allMatch(Character::isDigit)) {
      return false;
    }
    int index = NIF_LETTERS.indexOf(Character.toUpperCase(nif.charAt(8)));
    return index >= 0 && Integer.parseInt(nif.substring(0, 8)) % 23 == index;
  }

  // ---- Italian codice fiscale ----

  /** Value of 0-9 then A-Z in odd (1st, 3rd, ...) positions. */
  private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6,
      8, 12, 14, 16, 10, 22, 25, 24, 23};

  /** The check letter of the first fifteen characters of a codice fiscale. */
  static char fiscalCodeCheckChar(String fifteen) {
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = fifteen.charAt(i);
      int index = Character.isDigit(c) ? c - '0' : c - 'A';
      sum += i % 2 == 0 ? CF_ODD[index] : index;
    }
    return (char) ('A' + sum % 26);
  }

  /** Whether a 16-character codice fiscale passes its check letter. */
  static boolean isFiscalCodeValid(String code) {
    if (!code.matches("[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
        + "[0-9LMNPQRSTUV]{3}[A-Z]")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = code.charAt(i);
      // Digits and letters share the odd table: '0' maps like 'A', '1' like 'B', ...
      int index = c >= 'A' ? c - 'A' : c - '0';
      sum += (i + 1) % 2 == 1 ? CF_ODD[index] : index;
    }
    return code.charAt(15) - 'A' == sum % 26;
  }

  // ---- Singapore NRIC/FIN ----

  private static final int[] NRIC_WEIGHTS = {2, 7, 6, 5, 4, 3, 2};

  /** The check letter of an NRIC/FIN with prefix S, T, F or G and seven digits. */
  static char nricCheckLetter(char prefix, String sevenDigits) {
    int sum = prefix == 'T' || prefix == 'G' ? 4 : 0;
    for (int i = 0; i < 7; i++) {
      sum += NRIC_WEIGHTS[i] * (sevenDigits.charAt(i) - '0');
    }
    String letters = prefix == 'S' || prefix == 'T' ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
    return letters.charAt(sum % 11);
  }

  /** Whether "S1234567D" is a valid NRIC/FIN (prefixes S, T, F, G). */
  static boolean isNricValid(String id) {
    if (!id.matches("[STFG][0-9]{7}[A-Z]")) {
      return false;
    }
    return nricCheckLetter(id.charAt(0), id.substring(1, 8)) == id.charAt(8);
  }

  // ---- US DEA registration number (Presidio's MEDICAL_LICENSE) ----

  /** The last digit of a DEA number from its first six digits. */
  static int deaCheckDigit(String sixDigits) {
    int odd = 0;
    int even = 0;
    for (int i = 0; i < 6; i++) {
      if (i % 2 == 0) {
        odd += sixDigits.charAt(i) - '0';
      } else {
        even += sixDigits.charAt(i) - '0';
      }
    }
    return (odd + 2 * even) % 10;
  }

  /** Whether "AB1234563" (two letters, seven digits) passes the DEA checksum. */
  static boolean isDeaValid(String id) {
    if (!id.matches("[A-Z][A-Z9][0-9]{7}")) {
      return false;
    }
    int[] d = id.substring(2).chars().map(c -> c - '0').toArray();
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6];
  }

  /** Whether any numeric checksum scheme of the corpus accepts these digits (for decoys). */
  static boolean anyNumericSchemeAccepts(String digits) {
    return switch (digits.length()) {
      case 9 -> isAbaValid(digits) || isTfnValid(digits) || isLuhnValid(digits);
      case 10 -> isNhsValid(digits) || isNpiValid(digits);
      case 11 -> isAbnValid(digits) || isPeselValid(digits) || isDeTaxIdValid(digits);
      case 12 -> isVerhoeffValid(digits) || isLuhnValid(digits);
      default -> digits.length() >= 12 && digits.length() <= 19 && isLuhnValid(digits);
    };
  }
}
